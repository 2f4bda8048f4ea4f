import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findPromisedTimeline, type TimelineContext } from "../../../src/core/understanding/timeline.ts";
import { LANGUAGES, TIMELINE_UNITS } from "../../../src/core/understanding/types.ts";

/**
 * Properties of reading an employer's promised timeline (R2) from arbitrary promise-like text
 * in six languages, and from 20 kB of repeated chunks: it never throws, the quoted clause is
 * taken from the text, amounts are sane, and a counted deadline never lies before the day the
 * mail was sent. Inputs are bounded; no timing is asserted.
 */

const MAX_CHARS = 20_000;

const CUES = [
  "We will get back to you", "You will hear from us", "We'll be in touch", "Wir melden uns", "Sie hören von uns",
  "Nous vous contacterons", "Nous reviendrons vers vous", "Te contactaremos", "We nemen contact met je op", "Entraremos em contato",
  "Please reply", "Please submit the assignment", "Please allow", "Thank you for applying",
];
const LIMITS = ["within", "in the next", "innerhalb von", "binnen", "dans les", "en los próximos", "no prazo de", "over the coming", "in", "by", "up to", ""];
const AMOUNTS = ["5", "3-5", "3 to 5", "two", "zwei", "deux", "dos", "1", "0", "365", "366", "10", "a", "one or two", "99999999999999999999"];
const UNITS = ["business days", "working days", "days", "weeks", "Werktagen", "Tagen", "jours ouvrés", "jours", "días hábiles", "werkdagen", "dias úteis", "hours", "months", "week"];
const DEADLINES = ["by end of next week", "by the end of the week", "by Friday", "by 3 March", "by 2026-04-30", "shortly", "prochainement", "en breve", "tomorrow", "next week", "in Kürze"];
const GLUE = [". ", ", ", " and ", "\n", "*", "**", "> ", "- ", "Sent: Monday\n", "From: Ann <a@x.example>\n", "!", "?", "; ", " "];

const promise = fc
  .tuple(fc.constantFrom(...CUES), fc.constantFrom(...LIMITS), fc.constantFrom(...AMOUNTS), fc.constantFrom(...UNITS))
  .map(([cue, limit, amount, unit]) => `${cue} ${limit} ${amount} ${unit}.`);

const chunk = fc.oneof(
  { weight: 4, arbitrary: promise },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...CUES), fc.constantFrom(...DEADLINES)).map(([cue, deadline]) => `${cue} ${deadline}.`) },
  { weight: 3, arbitrary: fc.constantFrom(...GLUE, ...LIMITS, ...AMOUNTS, ...UNITS, ...DEADLINES) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
);

const promiseText = fc.array(chunk, { maxLength: 12 }).map((parts) => parts.join(""));
const longText = fc.array(chunk, { minLength: 1, maxLength: 3 }).map((parts) => {
  const unit = parts.join("") || " ";
  return unit.repeat(Math.ceil(MAX_CHARS / unit.length)).slice(0, MAX_CHARS);
});

const context: fc.Arbitrary<TimelineContext> = fc.record({
  sentAt: fc.option(
    fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()),
    { nil: null },
  ),
  tz: fc.option(fc.constantFrom("Europe/Berlin", "America/Los_Angeles", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Not/AZone"), { nil: null }),
  language: fc.constantFrom(...LANGUAGES),
  sentOffsetMin: fc.option(fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15), { nil: null }),
});

describe("findPromisedTimeline on arbitrary text", () => {
  it("never throws, and quotes a clause of the text with a sane amount and unit", () => {
    fc.assert(
      fc.property(promiseText, context, (text, ctx) => {
        const timeline = findPromisedTimeline(text, ctx);
        if (timeline === null) return;
        expect(oneLine(text)).toContain(oneLine(timeline.text));
        expect(timeline.text.trim()).not.toBe("");
        // "Within a few days" has a unit and no amount; an amount always has its unit.
        if (timeline.amount !== null) expect(timeline.unit).not.toBeNull();
        if (timeline.amount !== null) expect(Number.isInteger(timeline.amount) && timeline.amount > 0 && timeline.amount <= 365).toBe(true);
        if (timeline.unit !== null) expect(TIMELINE_UNITS).toContain(timeline.unit);
        if (timeline.rangeMin !== undefined) expect(Number.isInteger(timeline.rangeMin) && timeline.rangeMin >= 0).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("R2: counts a deadline only from a known send time, never to a day before the send day", () => {
    fc.assert(
      fc.property(promiseText, context, (text, ctx) => {
        const timeline = findPromisedTimeline(text, ctx);
        if (timeline === null || timeline.by === null) return;
        expect(ctx.sentAt).not.toBeNull();
        expect(isRealDate(timeline.by), timeline.by).toBe(true);
        // A written date ("by 3 March") is quoted as given; a counted one starts at the send day.
        if (timeline.amount !== null) expect(timeline.by >= earliestSendDay(ctx.sentAt!), `${timeline.by} for ${ctx.sentAt}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("finishes on 20 kB of repeated promise-like chunks", () => {
    fc.assert(
      fc.property(longText, context, (text, ctx) => {
        const timeline = findPromisedTimeline(text, ctx);
        if (timeline !== null) expect(oneLine(text)).toContain(oneLine(timeline.text));
      }),
      { numRuns: 20 },
    );
  });
});

/** Emphasis marks ("*") are dropped from a quoted clause and a wrapped line is joined to the next; nothing else changes. */
function oneLine(text: string): string {
  return text.replace(/\*+/g, "").replace(/\s+/g, " ");
}

/** The send day in the zone furthest west (UTC-12), a lower bound for the send day in any zone. */
function earliestSendDay(sentAt: string): string {
  return new Date(Date.parse(sentAt) - 12 * 3_600_000).toISOString().slice(0, 10);
}

function isRealDate(date: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(date) && new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
}
