import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ForwardedEmail } from "../../../src/core/mail/forwarded-email.ts";
import { MAX_FORWARD_DEPTH, MAX_TEXT_CHARS } from "../../../src/core/mail/limits.ts";
import { parseMime } from "../../../src/core/mail/parse.ts";
import { unwrapForward } from "../../../src/core/mail/unwrap.ts";

/**
 * Properties of unwrapping forwards, over raw messages generated here and run through the real
 * parser: inline forwards in four clients' shapes, forwards as attachments, HTML-only forwards,
 * chains of forwards deeper than MAX_FORWARD_DEPTH, and random or corrupted bytes. Unwrapping
 * never throws, never reports a depth past the limit, keeps the text within MAX_TEXT_CHARS,
 * and finds the recruiter of a forward however the names, subjects and bodies are written.
 * Inputs are bounded; no timing is asserted.
 */

const OWNER = "me@example.com";
const OPTIONS = { ownerAddresses: [OWNER] };

interface Message {
  name: string;
  address: string;
  subject: string;
  body: string;
}

const WORDS = [
  "interview", "Thank", "you", "for", "applying", "we", "would", "like", "to", "invite", "on", "Tuesday", "at", "2:30", "PM", "PT",
  "Zoom:", "https://zoom.us/j/123", "Best,", "regards", "Grüße", "café", "日本", "🎉", "<script>alert(1)</script>", "&amp;", "=?utf-8?B?SGk=?=",
  "> quoted", "--", "_____", "Subject", "from", "date:", "*", "\t", "100%", "1.", "-",
];
const line = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }).map((w) => w.join(" "));
const text = fc.array(fc.oneof({ weight: 4, arbitrary: line }, { weight: 1, arbitrary: fc.constant("") }), { maxLength: 12 }).map((lines) => lines.join("\n"));

const nameWord = fc.stringMatching(/^[A-Z][a-z]{1,8}$/);
const message: fc.Arbitrary<Message> = fc.record({
  name: fc.tuple(nameWord, nameWord, fc.constantFrom("", "é", "-Ünal")).map(([first, last, extra]) => `${first} ${last}${extra}`),
  address: fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.]{0,10}[a-z0-9]$/), fc.stringMatching(/^[a-z]{2,10}$/)).map(([local, domain]) => `${local}@${domain}.example`),
  subject: line,
  body: text,
});

type InlineStyle = "gmail" | "outlook" | "apple_mail" | "thunderbird";

function inlineBlock(style: InlineStyle, original: Message): string {
  const from = `${original.name} <${original.address}>`;
  switch (style) {
    case "gmail":
      return ["---------- Forwarded message ---------", `From: ${from}`, "Date: Mon, Mar 2, 2026 at 9:02 AM", `Subject: ${original.subject}`, `To: Me <${OWNER}>`, "", original.body].join("\n");
    case "outlook":
      return ["________________________________", `From: ${from}`, "Sent: Monday, March 2, 2026 9:02 AM", `To: Me <${OWNER}>`, `Subject: ${original.subject}`, "", original.body].join("\n");
    case "apple_mail":
      return ["Begin forwarded message:", "", `From: ${from}`, `Subject: ${original.subject}`, "Date: 2 March 2026 at 09:02:00 GMT+1", `To: Me <${OWNER}>`, "", original.body].join("\n");
    case "thunderbird":
      return ["-------- Forwarded Message --------", `Subject: \t${original.subject}`, "Date: \tMon, 2 Mar 2026 09:02:00 +0100", `From: \t${from}`, `To: \tMe <${OWNER}>`, "", original.body].join("\n");
  }
}

/** RFC 2047 for header values that are not ASCII. */
function encodeHeader(value: string): string {
  return /^[\x20-\x7e]*$/.test(value) ? value : `=?utf-8?B?${Buffer.from(value, "utf8").toString("base64")}?=`;
}

function headers(from: string, subject: string, extra: string[] = []): string[] {
  return [`From: ${from}`, `To: assistant@example.com`, `Subject: ${encodeHeader(subject)}`, "Date: Mon, 02 Mar 2026 09:15:00 -0800", `Message-ID: <${Math.random().toString(36).slice(2)}@example.com>`, "MIME-Version: 1.0", ...extra];
}

function crlf(lines: string[]): string {
  return lines.join("\r\n").replace(/\r?\n/g, "\r\n");
}

/** The owner's inline forward of `original`, as text/plain or (HTML-only clients) text/html. */
function inlineForward(style: InlineStyle, original: Message, note: string, html: boolean): string {
  const body = `${note}\n\n${inlineBlock(style, original)}`;
  if (!html) return crlf([...headers(`Me <${OWNER}>`, `Fwd: ${original.subject}`, ["Content-Type: text/plain; charset=utf-8"]), "", body]);
  const markup = body.split("\n").map((l) => `<div>${l.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;") || "<br>"}</div>`).join("");
  return crlf([...headers(`Me <${OWNER}>`, `Fwd: ${original.subject}`, ["Content-Type: text/html; charset=utf-8"]), "", `<html><body>${markup}</body></html>`]);
}

/** A message from `sender` whose only content is `note`, as its own raw MIME. */
function plainMessage(sender: Message): string {
  return crlf([...headers(`${encodeHeader(sender.name)} <${sender.address}>`, sender.subject, ["Content-Type: text/plain; charset=utf-8"]), "", sender.body]);
}

/** The owner's forward-as-attachment of a raw message. */
function attachedForward(innerRaw: string, note: string): string {
  const boundary = `b${Math.random().toString(36).slice(2)}`;
  return crlf([
    ...headers(`Me <${OWNER}>`, "Fwd: attached", [`Content-Type: multipart/mixed; boundary="${boundary}"`]),
    "",
    `--${boundary}`,
    "Content-Type: text/plain; charset=utf-8",
    "",
    note,
    `--${boundary}`,
    "Content-Type: message/rfc822",
    'Content-Disposition: attachment; filename="original.eml"',
    "",
    innerRaw,
    `--${boundary}--`,
    "",
  ]);
}

async function unwrapRaw(raw: string | Uint8Array): Promise<ForwardedEmail | null> {
  const parsed = await parseMime(typeof raw === "string" ? new TextEncoder().encode(raw) : raw);
  return parsed.ok ? unwrapForward(parsed.value, OPTIONS) : null;
}

function checkInvariants(fwd: ForwardedEmail): void {
  expect(Number.isInteger(fwd.depth) && fwd.depth >= 0 && fwd.depth <= MAX_FORWARD_DEPTH, `depth ${fwd.depth}`).toBe(true);
  expect(fwd.original.text.length).toBeLessThanOrEqual(MAX_TEXT_CHARS);
  if (fwd.original.date !== null) expect(Number.isFinite(Date.parse(fwd.original.date)), fwd.original.date).toBe(true);
  if (fwd.original.messageId !== null) expect(fwd.original.messageId).toMatch(/^<[^<>\s\x00-\x1f\x7f]+>$/);
}

describe("unwrapForward on generated forwards", () => {
  it("finds the recruiter of an inline forward in each client's shape, in text or HTML", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<InlineStyle>("gmail", "outlook", "apple_mail", "thunderbird"), message, text, fc.boolean(), async (style, original, note, html) => {
        const fwd = await unwrapRaw(inlineForward(style, original, note, html));
        expect(fwd).not.toBeNull();
        checkInvariants(fwd!);
        expect(fwd!.style).toBe(style);
        expect(fwd!.depth).toBe(1);
        expect(fwd!.original.from).toEqual({ name: original.name, address: original.address });
        // A leading "*" is read as the bold marker of a plain-text header ("*Subject:* ..."), and HTML collapses whitespace.
        const subject = original.subject.trim().replace(/^\*\s*/, "").trim();
        expect(fwd!.original.subject?.replace(/\s+/g, " ") ?? null).toBe(subject.replace(/\s+/g, " ") || null);
      }),
      { numRuns: 120 },
    );
  });

  it("finds the recruiter of a forward as attachment, whatever the owner's note says", async () => {
    await fc.assert(
      fc.asyncProperty(message, text, async (original, note) => {
        const fwd = await unwrapRaw(attachedForward(plainMessage(original), note));
        expect(fwd).not.toBeNull();
        checkInvariants(fwd!);
        expect(fwd!.style).toBe("attachment");
        expect(fwd!.depth).toBe(1);
        expect(fwd!.original.from).toEqual({ name: original.name, address: original.address });
      }),
      { numRuns: 80 },
    );
  });

  it("unwraps chains of forwards as attachments only down to MAX_FORWARD_DEPTH", async () => {
    await fc.assert(
      fc.asyncProperty(message, fc.integer({ min: 1, max: MAX_FORWARD_DEPTH + 3 }), fc.array(text, { minLength: 7, maxLength: 7 }), async (original, levels, notes) => {
        let raw = plainMessage(original);
        for (let level = 0; level < levels; level++) raw = attachedForward(raw, notes[level]!);
        const fwd = await unwrapRaw(raw);
        expect(fwd).not.toBeNull();
        checkInvariants(fwd!);
        expect(fwd!.depth).toBe(Math.min(levels, MAX_FORWARD_DEPTH));
        if (levels <= MAX_FORWARD_DEPTH) expect(fwd!.original.from?.address).toBe(original.address);
        else expect(fwd!.original.from?.address).toBe(OWNER);
      }),
      { numRuns: 30 },
    );
  });

  it("unwraps inline forwards of forwards only down to MAX_FORWARD_DEPTH", async () => {
    await fc.assert(
      fc.asyncProperty(message, fc.integer({ min: 1, max: MAX_FORWARD_DEPTH + 3 }), async (original, levels) => {
        let inner = original;
        for (let level = 1; level < levels; level++) {
          inner = { name: "Me Myself", address: OWNER, subject: `Fwd: ${original.subject}`, body: `FYI\n\n${inlineBlock("gmail", inner)}` };
        }
        const fwd = await unwrapRaw(inlineForward("gmail", inner, "", false));
        expect(fwd).not.toBeNull();
        checkInvariants(fwd!);
        expect(fwd!.depth).toBe(Math.min(levels, MAX_FORWARD_DEPTH));
        if (levels <= MAX_FORWARD_DEPTH) expect(fwd!.original.from?.address).toBe(original.address);
      }),
      { numRuns: 30 },
    );
  });

  it("keeps at most MAX_TEXT_CHARS of a very long original", async () => {
    await fc.assert(
      fc.asyncProperty(message, fc.integer({ min: MAX_TEXT_CHARS - 10, max: MAX_TEXT_CHARS + 5000 }), async (original, length) => {
        const body = "Long line of text. ".repeat(Math.ceil(length / 19)).slice(0, length);
        const fwd = await unwrapRaw(inlineForward("gmail", { ...original, body }, "", false));
        checkInvariants(fwd!);
        expect(fwd!.original.text.length).toBe(Math.min(body.trim().length, MAX_TEXT_CHARS));
      }),
      { numRuns: 10 },
    );
  });
});

describe("parseMime and unwrapForward on random and corrupted bytes", () => {
  const valid = fc.oneof(
    fc.tuple(fc.constantFrom<InlineStyle>("gmail", "outlook", "apple_mail", "thunderbird"), message, text, fc.boolean()).map(([s, m, n, h]) => inlineForward(s, m, n, h)),
    fc.tuple(message, text).map(([m, n]) => attachedForward(plainMessage(m), n)),
  );
  const corrupted = fc
    .tuple(valid, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 40 }), fc.nat())
    .map(([raw, flips, cut]) => {
      const bytes = new TextEncoder().encode(raw);
      for (const [at, value] of flips) bytes[at % bytes.length] = value;
      return bytes.slice(0, bytes.length - (cut % Math.max(1, bytes.length / 2)));
    });

  it("never throw: a message either fails to parse with a reason or unwraps within the limits", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(corrupted, fc.uint8Array({ maxLength: 4000 })), async (bytes) => {
        const parsed = await parseMime(bytes);
        if (!parsed.ok) {
          expect(["headers_too_large", "unparseable"]).toContain(parsed.error.reason);
          return;
        }
        checkInvariants(await unwrapForward(parsed.value, OPTIONS));
      }),
      { numRuns: 200 },
    );
  });
});
