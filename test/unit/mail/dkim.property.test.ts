import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyDkim } from "../../../src/core/mail/dkim.ts";
import { generateDkimKey, keyName, keyResolver, signMessage, type Canon, type DkimKey } from "../../helpers/dkim-sign.ts";

/**
 * The verifier against the test signer over generated messages: whitespace runs, tabs, folded
 * headers, trailing spaces, empty lines inside and at the end of the body, a body without a
 * final line break, 8-bit text, in all four canonicalisation pairs. The two canonicalise
 * separately (bytes there, strings here), so agreement on every case is evidence for both;
 * a changed letter in the body must always fail.
 */

const NOW = new Date("2026-03-10T18:06:00Z");
const encoder = new TextEncoder();
const WORDS = ["Interview", "on", "Tuesday", "2:30", "PM", "Zürich", "日本", "=?utf-8?B?SGk=?=", "<a@b.example>", "a;b=c", "--", ">", "100%"];
const space = fc.constantFrom(" ", "  ", "\t", " \t ", "\t\t");
const words = fc.array(fc.tuple(fc.constantFrom(...WORDS), space), { minLength: 1, maxLength: 6 }).map((parts) => parts.map(([w, s]) => w + s).join(""));
const lineEnd = fc.constantFrom("", " ", "\t", "  \t");
const bodyLine = fc.oneof({ weight: 4, arbitrary: fc.tuple(fc.constantFrom("", " ", "\t"), words, lineEnd).map((p) => p.join("")) }, { weight: 1, arbitrary: fc.constantFrom("", " ", "\t ") });
const body = fc
  .tuple(fc.array(bodyLine, { maxLength: 10 }), fc.constantFrom("", "\r\n", "\r\n\r\n", "\r\n \r\n\r\n"))
  .map(([lines, tail]) => lines.join("\r\n") + tail);
const headerValue = fc.tuple(space, words, fc.option(fc.tuple(fc.constantFrom("\r\n ", "\r\n\t", "\r\n   "), words), { nil: undefined }), lineEnd).map(
  ([lead, first, folded, end]) => `${lead}${first}${folded ? folded.join("") : ""}${end}`,
);
const canon = fc.constantFrom<Canon>("simple", "relaxed");
const message = fc.record({
  subject: headerValue,
  extra: headerValue,
  body,
  canonicalization: fc.tuple(canon, canon).map(([h, b]) => `${h}/${b}` as const),
});

let key: DkimKey;
beforeAll(async () => {
  key = await generateDkimKey("ed25519-sha256");
});

async function check(raw: string, canonicalization: `${Canon}/${Canon}`, change: (signed: string) => string = (s) => s) {
  const signed = await signMessage(raw, key, { domain: "example.com", selector: "p", canonicalization, headers: ["from", "subject", "x-note", "x-note"] });
  const resolve = keyResolver({ [keyName("p", "example.com")]: key.record });
  return (await verifyDkim(encoder.encode(change(signed)), resolve, NOW)).signatures[0]!;
}

const compose = (m: { subject: string; extra: string; body: string }) => `From: Mira <me@example.com>\r\nSubject:${m.subject}\r\nX-Note :${m.extra}\r\nTo: assistant@example.com\r\n\r\n${m.body}`;

describe("verifyDkim agrees with an independent signer", () => {
  it("passes every generated message in every canonicalisation", async () => {
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        expect(await check(compose(m), m.canonicalization)).toMatchObject({ status: "pass" });
      }),
      { numRuns: 150 },
    );
  });

  it("fails every generated message whose body gains a letter", async () => {
    await fc.assert(
      fc.asyncProperty(message, fc.nat(), async (m, at) => {
        const insertLetter = (s: string) => {
          const start = s.indexOf("\r\n\r\n") + 4;
          const position = start + (at % (s.length - start + 1));
          return s.slice(0, position) + "x" + s.slice(position);
        };
        expect(await check(compose(m), m.canonicalization, insertLetter)).toMatchObject({ status: "fail", reason: "body_hash_mismatch" });
      }),
      { numRuns: 100 },
    );
  });

  it("under relaxed/relaxed, passes after whitespace is changed on the way", async () => {
    const reflow = (s: string) => {
      const split = s.indexOf("\r\n\r\n");
      const headers = s.slice(0, split).replace(/^(Subject:|X-Note :)([^\r]*)/gm, (_, name: string, value: string) => `${name} ${value.replace(/[ \t]+/g, "\t ")}`);
      return `${headers}\r\n\r\n${s.slice(split + 4).replace(/[ \t]+/g, " ").replace(/\r\n/g, " \r\n")}\r\n\r\n`;
    };
    await fc.assert(
      fc.asyncProperty(message, async (m) => {
        expect(await check(compose(m), "relaxed/relaxed", reflow)).toMatchObject({ status: "pass" });
      }),
      { numRuns: 100 },
    );
  });
});
