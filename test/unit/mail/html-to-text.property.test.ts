import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml } from "../../../src/core/mail/html.ts";
import { htmlToText } from "../../../src/core/mail/html-to-text.ts";

/**
 * Properties of HTML → text on arbitrary and hostile markup up to 20 kB: it never throws,
 * escaped text reads back as written, hidden content stays hidden, and every link offset points
 * at the link's text. No timing is asserted; the scan is meant to be linear, and a regression
 * that backtracked would show as a test timeout.
 */

const MAX_CHARS = 20_000;

const MARKUP_FRAGMENTS = [
  "<", ">", "</", "<a href=", "<a href=\"https://a.example/x?y=1&amp;z=2\">", "<a href='//b.example'>", "<a href=c>", "</a>",
  "<!--", "-->", "<!doctype html>", "<?xml version=\"1.0\"?>", "</>", "<script>", "</script>", "</script", "<style>", "</style>",
  "<head>", "<title>", "<pre>", "</pre>", "<br>", "<br/>", "<p>", "</p>", "<div>", "<table><tr><td>", "</td><td>", "<li>",
  "<img src=x onerror=alert(1)>", "&", "&amp;", "&lt;", "&#60;", "&#x3C;", "&#99999999;", "&#0;", "&nbsp;", "&eacute;", "&bogus;",
  "\"", "'", "=", " ", "\n", "\r\n", "\t", "\u00a0", "Interview", "on Tuesday", "5 < 6", "a>b", "日本", "🎉",
];

const hostileHtml = fc
  .array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...MARKUP_FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 10 }) }), {
    maxLength: 120,
  })
  .map((parts) => parts.join(""));

const repeatedHtml = fc
  .array(fc.constantFrom(...MARKUP_FRAGMENTS), { minLength: 1, maxLength: 4 })
  .map((parts) => {
    const unit = parts.join("");
    return unit.repeat(Math.ceil(MAX_CHARS / unit.length)).slice(0, MAX_CHARS);
  });

/** Visible words: letters, digits and spaces only, so they read back unchanged. */
const word = fc.stringMatching(/^[A-Za-z0-9À-ÿ]{1,12}$/);
const words = fc.array(word, { minLength: 1, maxLength: 6 }).map((w) => w.join(" "));

describe("htmlToText on arbitrary markup", () => {
  it("never throws, trims, keeps at most one blank line, and keeps link offsets inside the text", () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 5, arbitrary: hostileHtml }, { weight: 1, arbitrary: repeatedHtml }), (html) => {
        const { text, links } = htmlToText(html);
        expect(text).toBe(text.trim());
        expect(text).not.toMatch(/\n[ \t]*\n[ \t]*\n/);
        for (const link of links) {
          expect(link.index).toBeGreaterThanOrEqual(0);
          expect(link.index).toBeLessThanOrEqual(text.length);
          expect(link.text).toBe(link.text.replace(/\s+/g, " ").trim());
        }
      }),
      { numRuns: 200 },
    );
  });

  it("reads escaped text back as written, whitespace collapsed", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 2000 }), fc.constantFrom("p", "div", "span", "td", "h1"), (text, tag) => {
        expect(htmlToText(`<${tag}>${escapeHtml(text)}</${tag}>`).text).toBe(text.replace(/\s+/g, " ").trim());
      }),
      { numRuns: 500 },
    );
  });

  it("drops the content of script, style, head and comments, whatever surrounds them", () => {
    const hidden = fc.constantFrom(
      (s: string) => `<script>${s}</script>`,
      (s: string) => `<SCRIPT type="text/javascript">${s}</SCRIPT >`,
      (s: string) => `<style>.x{content:"${s}"}</style>`,
      (s: string) => `<head><title>${s}</title></head>`,
      (s: string) => `<!-- ${s} -->`,
      (s: string) => `<noscript>${s}</noscript>`,
    );
    fc.assert(
      fc.property(words, hidden, words, (before, hide, after) => {
        const secret = "Zq7SecretMarker";
        const { text } = htmlToText(`<p>${before}</p>${hide(`${secret} <b>${secret}</b>`)}<p>${after}</p>`);
        expect(text).not.toContain(secret);
        expect(text).toBe(`${before}\n\n${after}`);
      }),
      { numRuns: 300 },
    );
  });

  it("gives each anchor its decoded href and an offset where its text starts", () => {
    const piece = fc.oneof(
      words.map((w) => ({ html: escapeHtml(w), link: null })),
      fc.tuple(fc.webUrl(), words, fc.constantFrom('"', "'")).map(([href, label, quote]) => ({
        html: `<a href=${quote}${escapeHtml(href)}${quote} target="_blank">${escapeHtml(label)}</a>`,
        link: { href, text: label },
      })),
      fc.constantFrom("<br>", "<p>", "</p>", "<div>", "<td>", "<li>", "\n", "  ").map((html) => ({ html, link: null })),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const { text, links } = htmlToText(pieces.map((p) => p.html).join(" "));
        expect(links.map(({ href, text: label }) => ({ href, text: label }))).toEqual(pieces.flatMap((p) => (p.link ? [p.link] : [])));
        for (const link of links) expect(text.startsWith(link.text, link.index), `${link.text} at ${link.index} in ${JSON.stringify(text)}`).toBe(true);
      }),
      { numRuns: 400 },
    );
  });
});
