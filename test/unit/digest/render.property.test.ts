import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { DigestContent, DigestDraft, DigestInterview, DigestPerson } from "../../../src/core/digest/content.ts";
import { renderDigest } from "../../../src/core/digest/render.ts";
import type { FunnelFigures } from "../../../src/core/applications/funnel.ts";
import { buildMailto, MAX_MAILTO_CHARS } from "../../../src/core/digest/mailto.ts";
import { isMeetingLink } from "../../../src/core/mail/html.ts";
import { stripHiddenControls } from "../../../src/core/text/untrusted.ts";
import { decodeMailto } from "../../helpers/decode-mailto.ts";

/**
 * Properties of the digest renderer with attacker-controlled strings in every field (T10): the
 * HTML holds only the tags and attributes the renderer writes, every '<' and '&' from the
 * content is escaped, links are meeting links on known hosts or the renderer's own mailto: links,
 * no hidden control (bidi override, zero-width character) survives, each draft link decodes to
 * exactly that draft, and the subject carries nothing from an email. Strings are bounded (20 kB
 * at most) and runs modest; no timing is asserted.
 */

const HOSTILE_FRAGMENTS = [
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "'", '"', "<", ">", "&", "&amp;",
  "&lt;", "&#60;", "</div>", "</title>", "<!--", "javascript:alert(1)", "https://meet.example/j/1", 'https://x.example/"onmouseover="a()',
  "https://y.example/<b>", "mailto:x@evil.example", "?bcc=x@evil.example", "&body=hi", "#", "%0D%0A", "\r\n", "\n", "\u2028",
  " ", "Acme", "[your name]", "{{x}}", "$&", "$1", "\\", "(", ")", "é", "日本", "🎉", "\uD83C", "https://zoom.us/j/1",
  "https://acme.zoom.us/j/2?pwd=x&y=1", "https://zoom.us.evil.example/j/3", "www.evil.example", "\u202e", "\u202c", "\u2066", "\u200b", "\ufeff",
];
const HIDDEN_CONTROL = /[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/;

const text = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...HOSTILE_FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 8 }) }), {
    maxLength: 24,
  })
  .map((parts) => parts.join(""));
const longText = fc
  .tuple(fc.constantFrom(...HOSTILE_FRAGMENTS), fc.integer({ min: 1, max: 20_000 }))
  .map(([unit, chars]) => unit.repeat(Math.ceil(chars / unit.length)).slice(0, chars));
const maybeText = fc.option(text, { nil: null });
const date = fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2099, 11, 31) });
const zone = fc.constantFrom("Europe/Berlin", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham", "UTC");

const count = fc.nat({ max: 40 });
const figures: fc.Arbitrary<FunnelFigures> = fc.record({
  applications: count,
  interviews: count,
  answers: count,
  medianDaysToAnswer: fc.option(fc.double({ min: 0, max: 400, noNaN: true }), { nil: null }),
  offers: count,
  rejections: count,
  goneQuiet: count,
  followUpsSent: count,
});

const person: fc.Arbitrary<DigestPerson> = fc.record({
  name: maybeText,
  email: fc.option(fc.oneof(fc.constantFrom("mira@lumen.example", "ole+jobs@fjord.example"), text), { nil: null }),
});

const interview: fc.Arbitrary<DigestInterview> = fc.record({
  startAt: fc.option(instant, { nil: null }),
  startLocal: fc.option(fc.oneof(instant.map((ms) => new Date(ms).toISOString().slice(0, 19)), text), { nil: null }),
  timeZone: fc.option(fc.oneof(zone, text), { nil: null }),
  durationMin: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
  company: maybeText,
  role: maybeText,
  interviewers: fc.array(person, { maxLength: 3 }),
  format: fc.constantFrom("phone", "video", "onsite", null),
  meetingUrl: maybeText,
});

const draft = (number: number): fc.Arbitrary<DigestDraft> =>
  fc
    .record({
      rule: fc.oneof(fc.constantFrom("R1", "R3", "R4", "R5", "R6", "R8", "R9", "R10"), text),
      company: maybeText,
      role: maybeText,
      to: fc.array(person, { maxLength: 3 }),
      subject: text,
      body: fc.oneof({ weight: 4, arbitrary: text }, { weight: 1, arbitrary: longText }),
      placeholders: fc.array(fc.oneof(text, fc.constantFrom("[your name]", "$&", "")), { maxLength: 3 }),
      dueAt: instant,
      late: fc.boolean(),
      checks: fc.array(fc.record({ detail: fc.constantFrom("company", "contact", "time"), shown: text, reply: text }), { maxLength: 3 }),
    })
    .map((fields) => ({ number, ...fields }));

const content: fc.Arbitrary<DigestContent> = fc
  .record({
    moreDrafts: fc.nat({ max: 50 }),
    localDate: fc.oneof({ weight: 4, arbitrary: date }, { weight: 1, arbitrary: text }),
    timeZone: zone,
    interviews: fc.array(interview, { maxLength: 3 }),
    upcoming: fc.array(interview, { maxLength: 3 }),
    upcomingUntil: fc.oneof(date, text),
    draftCount: fc.integer({ min: 0, max: 3 }),
    waiting: fc.array(fc.record({ company: maybeText, role: maybeText, nextCheck: fc.option(fc.oneof(date, text), { nil: null }), promisedBy: fc.option(fc.oneof(date, text), { nil: null }) }), {
      maxLength: 3,
    }),
    goneQuiet: fc.array(fc.record({ company: maybeText, role: maybeText, lastHeard: fc.option(fc.oneof(date, text), { nil: null }), suggestion: text }), {
      maxLength: 3,
    }),
    undelivered: fc.array(fc.oneof(date, text), { maxLength: 2 }),
    lookBack: fc.option(fc.record({ firstDay: fc.oneof(date, text), lastDay: fc.oneof(date, text), week: figures, total: figures }), { nil: null }),
    replyAddress: fc.constantFrom("assistant+t0k3n@relay.example", "assistant+a-b_c@relay.example"),
  })
  .chain(({ draftCount, ...rest }) =>
    fc.tuple(...Array.from({ length: draftCount }, (_, i) => draft(i + 1))).map((drafts) => ({ ...rest, drafts })),
  );

/** Every tag the renderer writes, each with only its own attributes (values are escaped, so they hold no '"', '<' or '>'). */
const OWN_TAG =
  /<(?:!doctype html|\/(?:a|body|code|div|em|h1|h2|head|html|li|p|span|strong|title|ul)|(?:a|body|br|code|div|em|h1|h2|head|html|li|meta|p|span|strong|title|ul)(?: (?:charset|content|href|lang|name|style)="[^"<>]*")*)>/y;

// Each property renders 120 random digests: seconds on a busy machine, so the bound is wider than the default.
describe("renderDigest with hostile content", { timeout: 30_000 }, () => {
  it("never throws, and every '<' in the HTML starts a tag the renderer writes", () => {
    fc.assert(
      fc.property(content, (digest) => {
        const { html } = renderDigest(digest);
        const foreign = [...html.matchAll(/</g)]
          .filter((match) => {
            OWN_TAG.lastIndex = match.index;
            return !OWN_TAG.test(html);
          })
          .map((match) => html.slice(match.index, match.index + 60));
        expect(foreign).toEqual([]);
      }),
      { numRuns: 120 },
    );
  });

  it("escapes every '&', links only meeting links on known hosts and mailto: links, and keeps no hidden control", () => {
    fc.assert(
      fc.property(content, (digest) => {
        const { html, text } = renderDigest(digest);
        expect(html.replace(/&(?:amp|lt|gt|quot|#39);/g, "")).not.toContain("&");
        for (const [, quoted] of html.matchAll(/ href="([^"]*)"/g)) {
          const href = decodeEntities(quoted!);
          if (!href.startsWith("mailto:")) expect(isMeetingLink(href), href).toBe(true);
        }
        expect(html).not.toMatch(HIDDEN_CONTROL);
        expect(text).not.toMatch(HIDDEN_CONTROL);
      }),
      { numRuns: 120 },
    );
  });

  it("builds the subject from counts only: one line, nothing from the content", () => {
    fc.assert(
      fc.property(content, (digest) => {
        const { subject } = renderDigest(digest);
        const note = "(?: \\((?:\\d+ late|\\d+ to check before sending|\\d+ late, \\d+ to check before sending)\\))?";
        const coming = "(?:Tomorrow: \\d+ interviews?|Coming up: \\d+ interviews?(?: by [A-Z][a-z]+day)?)";
        expect(subject).toMatch(new RegExp(`^(?:Today: \\d+ interviews?(?:, \\d+ follow-ups? to send${note})?|Follow-ups: \\d+ to send${note}|${coming}|Digest: your week looking back|Digest: nothing(?: to send)? today)$`));
      }),
      { numRuns: 120 },
    );
  });

  it("gives each draft a link that decodes to exactly its recipients, subject and (when it fits) body", () => {
    fc.assert(
      fc.property(content, (digest) => {
        const { html } = renderDigest(digest);
        const links = anchors(html).filter((a) => ["Open it ready to send", "Open it to fill in and send", "Open it to check and send", "Open with recipient and subject"].includes(a.label));
        let next = 0;
        for (const untrusted of digest.drafts) {
          // The renderer strips hidden controls from every field first.
          const d = { ...untrusted, subject: stripHiddenControls(untrusted.subject), body: stripHiddenControls(untrusted.body) };
          const addresses = d.to.flatMap((p) => (p.email ? [stripHiddenControls(p.email)] : []));
          // A draft has no link only when even recipients and subject make it too long.
          if (buildMailto({ to: addresses, subject: d.subject }).length > MAX_MAILTO_CHARS) continue;
          const link = links[next++];
          expect(link).toBeDefined();
          const withBody = link!.label !== "Open with recipient and subject";
          expect(link!.label === "Open it to check and send").toBe(withBody && d.checks.length > 0);
          expect(withBody).toBe(buildMailto({ to: addresses, subject: d.subject, body: d.body }).length <= MAX_MAILTO_CHARS);
          const fields: Record<string, string> = {};
          if (d.subject) fields.subject = d.subject.toWellFormed().replace(/\r\n|\r|\n/g, " ");
          if (d.body && withBody) fields.body = d.body.toWellFormed().replace(/\r\n|\r|\n/g, "\r\n");
          expect(decodeMailto(link!.href)).toEqual({ to: addresses.map((a) => a.trim()).filter((a) => a !== "").map((a) => a.toWellFormed()), fields });
        }
        expect(next).toBe(links.length);
      }),
      { numRuns: 120 },
    );
  });

  it("marks each draft done or skipped by its own number, mailed to the reply address", () => {
    fc.assert(
      fc.property(content, (digest) => {
        const { html } = renderDigest(digest);
        for (const d of digest.drafts) {
          for (const [label, command] of [[`Mark ${d.number} as sent`, `done ${d.number}`], [`Skip ${d.number}`, `skip ${d.number}`]] as const) {
            const found = anchors(html).filter((a) => a.label === label);
            expect(found).toHaveLength(1);
            expect(decodeMailto(found[0]!.href)).toEqual({
              to: [digest.replyAddress],
              fields: { subject: `Digest ${stripHiddenControls(digest.localDate).toWellFormed().replace(/\r\n|\r|\n/g, " ")}: ${command}`, body: command },
            });
          }
        }
      }),
      { numRuns: 120 },
    );
  });
});

function anchors(html: string): Array<{ href: string; label: string }> {
  return [...html.matchAll(/<a href="([^"]*)"[^>]*>([^<]*)<\/a>/g)].map((m) => ({ href: decodeEntities(m[1]!), label: decodeEntities(m[2]!) }));
}

function decodeEntities(value: string): string {
  return value.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'" })[name]!);
}
