import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildDraftMailto, buildMailto, MAX_MAILTO_CHARS } from "../../../src/core/digest/mailto.ts";
import { stripHiddenControls } from "../../../src/core/text/untrusted.ts";
import { decodeMailto } from "../../helpers/decode-mailto.ts";

/**
 * Properties of mailto: links built from untrusted names, addresses, subjects and bodies: the
 * link decodes (RFC 6068, percent-decoding only) back to exactly its fields with hidden controls
 * (bidi overrides, zero-width characters) removed, and nothing in a field can add a recipient or
 * a header field. Inputs are bounded; no timing is asserted.
 */

const URI_FRAGMENTS = [
  "@", "+", ",", "?", "&", "#", "%", "%20", "%0D%0A", "=", ";", ":", "/", " ", "\r\n", "\n", "\r", "bcc=x@evil.example",
  "?cc=x@evil.example", "&body=injected", "mailto:", "é", "日本語", "🎉", "\u0000", "\u2028", "<", ">", '"', "'",
  "\u202e", "\u202c", "\u2066", "\u2069", "\u200b", "\u200d", "\u200f", "\ufeff", "\u061c", "👩\u200d💻",
];

const fieldText = fc
  .array(fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...URI_FRAGMENTS) }, { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 10 }) }), {
    maxLength: 40,
  })
  .map((parts) => parts.join(""));

/** Text cut inside a surrogate pair, as a length-capped subject or name can be. */
const cutText = fc
  .tuple(fieldText, fc.constantFrom("\uD83C", "\uDF89", "x\uD800y", "\uDFFF\uD800"))
  .map(([text, broken]) => text + broken);

const address = fc.oneof(
  fc.tuple(fc.stringMatching(/^[a-z0-9.+_-]{1,12}$/), fc.stringMatching(/^[a-z0-9-]{1,10}\.example$/)).map(([local, domain]) => `${local}@${domain}`),
  fieldText,
);

const fields = fc.record({
  to: fc.array(address, { maxLength: 4 }),
  subject: fc.option(fc.oneof(fieldText, cutText), { nil: null }),
  body: fc.option(fc.oneof(fieldText, cutText, fc.string({ unit: "binary", maxLength: 4000 })), { nil: null }),
});

describe("buildMailto", () => {
  it("decodes back to exactly its recipients, subject and body", () => {
    fc.assert(
      fc.property(fields, ({ to, subject, body }) => {
        const decoded = decodeMailto(buildMailto({ to, subject, body }));
        expect(decoded.to).toEqual(to.map((a) => stripHiddenControls(a).trim()).filter((a) => a !== "").map((a) => a.toWellFormed()));
        const expected: Record<string, string> = {};
        const shownSubject = stripHiddenControls(subject ?? "");
        const shownBody = stripHiddenControls(body ?? "");
        if (shownSubject) expected.subject = shownSubject.toWellFormed().replace(/\r\n|\r|\n/g, " ");
        if (shownBody) expected.body = shownBody.toWellFormed().replace(/\r\n|\r|\n/g, "\r\n");
        expect(decoded.fields).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("has no separator from the content: one '?' at most, '&' only between its two fields, no '#'", () => {
    fc.assert(
      fc.property(fields, ({ to, subject, body }) => {
        const href = buildMailto({ to, subject, body });
        const hasSubject = stripHiddenControls(subject ?? "") !== "";
        const hasBody = stripHiddenControls(body ?? "") !== "";
        const expected = [hasSubject ? "?" : null, hasBody ? (hasSubject ? "&" : "?") : null].filter((s) => s !== null);
        expect(href.match(/[?&#]/g) ?? []).toEqual(expected);
        expect(href.slice("mailto:".length).split("?")[0]!.split(",").length).toBe(Math.max(1, to.filter((a) => stripHiddenControls(a).trim() !== "").length));
        expect(href).not.toMatch(/[\s<>"]/);
      }),
      { numRuns: 500 },
    );
  });
});

describe("buildDraftMailto", () => {
  it("never hands out a link over MAX_MAILTO_CHARS, and drops only the body to stay under it", () => {
    fc.assert(
      fc.property(fields, ({ to, subject, body }) => {
        const link = buildDraftMailto({ to, subject, body });
        if (link.href === null) {
          expect(link.includesBody).toBe(false);
          expect(buildMailto({ to, subject }).length).toBeGreaterThan(MAX_MAILTO_CHARS);
          return;
        }
        expect(link.href.length).toBeLessThanOrEqual(MAX_MAILTO_CHARS);
        expect(link.href).toBe(link.includesBody ? buildMailto({ to, subject, body }) : buildMailto({ to, subject }));
      }),
      { numRuns: 500 },
    );
  });
});
