import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml, isMeetingLink, renderPlainTextHtml, renderUntrustedText } from "../../../src/core/mail/html.ts";
import { stripHiddenControls } from "../../../src/core/text/untrusted.ts";

/**
 * Properties of the one place that escapes text for HTML mail: nothing from the input survives
 * as markup, only meeting links on known hosts become links, no other text can be linked by a
 * mail app, and the escaped text reads back exactly as given (hidden controls removed). Inputs are bounded (20 kB) and
 * runs modest so the file runs in well under a second; a regex that backtracked badly would
 * show as a test timeout, not as a timing assertion.
 */

const HOSTILE_FRAGMENTS = [
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"onmouseover="alert(1)', "'", '"', "<", ">", "&",
  "&amp;", "&lt;", "&#60;", "&#x3c;", "</div>", "<!--", "-->", "javascript:alert(1)", "data:text/html,<b>x</b>",
  "https://", "https://jobs.example/apply?a=1&b=<2>", "https://x.example/\"onclick=\"y", "https://y.example/a).",
  "https://z.example/<svg/onload=alert(1)>", "http://plain.example/", " ", "\n", "\r\n", "\t", "\u2028", "é", "日本",
  "🎉", ".", ",", ";", ":", ")", "]", "@", "www.evil.example", "a@b.example", "https://zoom.us/j/123", "https://acme.zoom.us/my/dana",
  "https://meet.google.com/abc-defg-hij", "https://zoom.us.evil.example/j/1", "https://zoom.us@evil.example/j/1", "\u202e", "\u2066", "\u200b", "\ufeff",
];

const hostileText = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) }), {
    maxLength: 60,
  })
  .map((parts) => parts.join(""));

const longText = fc
  .tuple(fc.constantFrom(...HOSTILE_FRAGMENTS, "a", "https://a.example/"), fc.integer({ min: 1, max: 20_000 }))
  .map(([unit, chars]) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, 20_000));

const anyText = fc.oneof({ weight: 4, arbitrary: hostileText }, { weight: 1, arbitrary: longText });

describe("escapeHtml", () => {
  it("leaves no markup character and reads back exactly", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const escaped = escapeHtml(text);
        expect(escaped).not.toMatch(/[<>"']/);
        expect(escaped.replace(/&(?:amp|lt|gt|quot|#39);/g, "")).not.toContain("&");
        expect(decodeEntities(escaped)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe("renderUntrustedText", () => {
  it("writes only its own <a href> and <span> tags, and links only meeting links on known hosts", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const html = renderUntrustedText(text).toString();
        // Checked in plain code and asserted once: an expect per tag made this the slowest test.
        const foreignTags = [...html.matchAll(/<(?!a href="[^"<>]*">|\/a>|span>|\/span>)/g)].map((m) => html.slice(m.index, m.index + 40));
        expect(foreignTags).toEqual([]);
        const badLinks = [...html.matchAll(/<a href="([^"]*)">/g)].map(([, href]) => decodeEntities(href!)).filter((url) => !isMeetingLink(url) || /[.,;:)\]]$/.test(url));
        expect(badLinks).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it("shows the input text, hidden controls removed, exactly once the tags are removed", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const html = renderUntrustedText(text).toString();
        // Each link's label equals its href, so dropping the tags leaves the text as written.
        expect(decodeEntities(html.replace(/<a href="[^"]*">|<\/a>|<\/?span>/g, ""))).toBe(stripHiddenControls(text));
      }),
      { numRuns: 500 },
    );
  });

  it("leaves no run of text outside a meeting link in which a mail app could find a link", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const html = renderUntrustedText(text).toString();
        // Text nodes: what lies between tags, anchors removed with their labels.
        const nodes = html.replace(/<a href="[^"]*">[^<]*<\/a>/g, "<>").split(/<[^>]*>/).map(decodeEntities);
        expect(nodes.filter((node) => /\S[.:@]\S/.test(node))).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("renderPlainTextHtml", () => {
  it("embeds the untrusted text once, inside its own fixed frame", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const html = renderPlainTextHtml(text);
        expect(typeof html).toBe("string");
        const frameEnd = "</div></body></html>";
        expect(html.endsWith(frameEnd)).toBe(true);
        const start = html.indexOf("word-wrap:break-word;max-width:640px;\">") + "word-wrap:break-word;max-width:640px;\">".length;
        expect(html.slice(start, html.length - frameEnd.length)).toBe(renderUntrustedText(text).toString());
        expect(html).not.toMatch(/<script/i);
      }),
      { numRuns: 300 },
    );
  });
});

/** The five references escapeHtml writes, decoded in one left-to-right pass. */
function decodeEntities(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name]!);
}
