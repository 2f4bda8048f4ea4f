import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { escapeHtml, linkifyEscaped, renderPlainTextHtml } from "../../../src/core/mail/html.ts";

/**
 * Properties of the one place that escapes text for HTML mail: nothing from the input survives
 * as markup, and the escaped text reads back exactly as given. Inputs are bounded (20 kB) and
 * runs modest so the file runs in well under a second; a regex that backtracked badly would
 * show as a test timeout, not as a timing assertion.
 */

const HOSTILE_FRAGMENTS = [
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"onmouseover="alert(1)', "'", '"', "<", ">", "&",
  "&amp;", "&lt;", "&#60;", "&#x3c;", "</div>", "<!--", "-->", "javascript:alert(1)", "data:text/html,<b>x</b>",
  "https://", "https://jobs.example/apply?a=1&b=<2>", "https://x.example/\"onclick=\"y", "https://y.example/a).",
  "https://z.example/<svg/onload=alert(1)>", "http://plain.example/", " ", "\n", "\r\n", "\t", "\u2028", "é", "日本",
  "🎉", ".", ",", ";", ":", ")", "]",
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

describe("linkifyEscaped", () => {
  it("writes only its own <a href> tags, with https hrefs that cannot leave the attribute", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const html = linkifyEscaped(text);
        for (const match of html.matchAll(/</g)) {
          expect(html.slice(match.index).match(/^<(?:a href="[^"<>]*">|\/a>)/), html.slice(match.index, match.index + 40)).not.toBeNull();
        }
        for (const [, href] of html.matchAll(/<a href="([^"]*)">/g)) {
          const url = decodeEntities(href!);
          expect(url).toMatch(/^https:\/\/[^\s<>"']*$/);
          expect(url).not.toMatch(/[.,;:)\]]$/);
        }
      }),
      { numRuns: 500 },
    );
  });

  it("shows the input text exactly once the tags are removed", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const html = linkifyEscaped(text);
        // Each link's label equals its href, so dropping the tags leaves the text as written.
        expect(decodeEntities(html.replace(/<a href="[^"]*">|<\/a>/g, ""))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});

describe("renderPlainTextHtml", () => {
  it("embeds the linkified text once, inside its own fixed frame", () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const html = renderPlainTextHtml(text);
        expect(typeof html).toBe("string");
        const frameEnd = "</div></body></html>";
        expect(html.endsWith(frameEnd)).toBe(true);
        const start = html.indexOf("word-wrap:break-word;max-width:640px;\">") + "word-wrap:break-word;max-width:640px;\">".length;
        expect(html.slice(start, html.length - frameEnd.length)).toBe(linkifyEscaped(text));
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
