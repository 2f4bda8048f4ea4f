import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { findDateTimes, findDates, findDuration, type DateTimeContext } from "../../../src/core/understanding/dates.ts";
import { LANGUAGES } from "../../../src/core/understanding/types.ts";

/**
 * Properties of reading dates and times from mail text, over date-like text in six languages
 * mixed with noise, and repeated chunks up to 20 kB: it never throws, every mention is the
 * slice of the text it says it is, every date is a real calendar day and every zoned start
 * agrees with the runtime's own tz database. No timing is asserted; a pattern that backtracked
 * badly would show as a test timeout.
 */

const MAX_CHARS = 20_000;

const DATE_FRAGMENTS = [
  "Tue 3 Mar", "Tuesday, March 3rd", "March 3", "3. März 2026", "Dienstag, 14. April", "le jeudi 16 avril", "el martes 5 de mayo",
  "terça-feira, 5 de maio", "dinsdag 14 april", "afgelopen dinsdag", "14/04/2026", "04-05-2026", "2026-03-03", "2026-03-03T14:30",
  "31.02.2026", "29 Feb", "29.02.", "1.1.", "00/00/0000", "9999-12-31", "0001-01-01", "12/31/99", "tomorrow", "morgen", "mañana",
  "demain", "next Monday", "this Friday", "nächsten Dienstag", "la semaine prochaine", "Mar", "May", "3rd", "32 March",
];
const TIME_FRAGMENTS = [
  "2:30 PM", "14:30", "9h30", "10 Uhr", "15 uur", "às 15h", "a las 11", "um 10", "at 3", "noon", "12am", "0:00", "23:59", "24:00",
  "25:00", "14:00–15:00", "9-10am", "10:00 - 10:45", "3 p.m.", "7", "99:99",
];
const ZONE_FRAGMENTS = [
  "PT", "(CET)", "CEST", "Europe/Berlin", "America/Sao_Paulo", "GMT+5:30", "UTC-03:00", "UTC+14", "Pacific Time", "heure de Paris",
  "IST", "EST", "BST", "+0200", "Berlin time", "hora de Lisboa", "Nederlandse tijd", "Asia/Kathmandu", "Pacific/Chatham",
];
const GLUE = [" ", ", ", " at ", " um ", " à ", " a las ", "\n", "\r\n", " (", ")", " - ", "Date: ", "Sent: ", "From: Ann <a@x.example>\n", "Datum: ", ".", "/", ":", "–"];

/** A date joined to a time, with or without a zone: the shape a mention takes. */
const phrase = fc
  .tuple(
    fc.constantFrom(...DATE_FRAGMENTS),
    fc.constantFrom(" at ", ", ", " um ", " à ", " a las ", " ", ", from "),
    fc.constantFrom(...TIME_FRAGMENTS),
    fc.option(fc.constantFrom(...ZONE_FRAGMENTS).map((zone) => ` ${zone}`), { nil: "" }),
  )
  .chain(([date, glue, time, zone]) => fc.constantFrom(`${date}${glue}${time}${zone}`, `${time}${zone}${glue}${date}`));

const chunk = fc.oneof(
  { weight: 4, arbitrary: phrase },
  { weight: 3, arbitrary: fc.constantFrom(...DATE_FRAGMENTS) },
  { weight: 3, arbitrary: fc.constantFrom(...TIME_FRAGMENTS) },
  { weight: 2, arbitrary: fc.constantFrom(...ZONE_FRAGMENTS) },
  { weight: 3, arbitrary: fc.constantFrom(...GLUE) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 9999 }).map(String) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
);

const dateText = fc.array(chunk, { maxLength: 30 }).map((parts) => parts.join(""));
const longText = fc.array(chunk, { minLength: 1, maxLength: 4 }).map((parts) => {
  const unit = parts.join("") || " ";
  return unit.repeat(Math.ceil(MAX_CHARS / unit.length)).slice(0, MAX_CHARS);
});

const context: fc.Arbitrary<DateTimeContext> = fc.record({
  sentAt: fc.option(
    fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString()),
    { nil: null },
  ),
  sentOffsetMin: fc.option(fc.integer({ min: -48, max: 56 }).map((quarters) => quarters * 15), { nil: null }),
  language: fc.constantFrom(...LANGUAGES),
  zoneHint: fc.option(fc.constantFrom("Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "Not/AZone", ""), { nil: null }),
});

describe("findDateTimes", () => {
  it("never throws, and each mention is the slice of the text it names, in order", () => {
    fc.assert(
      fc.property(dateText, context, (text, ctx) => {
        let previous = -1;
        for (const mention of findDateTimes(text, ctx)) {
          expect(mention.index).toBeGreaterThanOrEqual(previous);
          expect(mention.text.length).toBeGreaterThan(0);
          expect(text.slice(mention.index, mention.index + mention.text.length)).toBe(mention.text);
          previous = mention.index;
        }
      }),
      { numRuns: 400 },
    );
  });

  it("finishes on 20 kB of repeated date-like chunks, with every mention inside the text", () => {
    fc.assert(
      fc.property(longText, context, (text, ctx) => {
        for (const mention of findDateTimes(text, ctx)) expect(text.slice(mention.index, mention.index + mention.text.length)).toBe(mention.text);
      }),
      { numRuns: 15 },
    );
  });

  it("gives real calendar times, and a zoned start at the offset the tz database has for that instant", () => {
    fc.assert(
      fc.property(dateText, context, (text, ctx) => {
        for (const mention of findDateTimes(text, ctx)) {
          expect(isRealWallClock(mention.startLocal), mention.startLocal).toBe(true);
          expect(mention.startLocal.endsWith(":00")).toBe(true);
          if (mention.durationMin !== null) expect(Number.isInteger(mention.durationMin) && mention.durationMin > 0).toBe(true);
          expect(mention.isPast === undefined).toBe(ctx.sentAt === null);
          if (mention.tz !== null) expect(mention.start).not.toBeNull();
          // Absurd years ("0001-01-01") are read too; only plausible ones are held to an exact offset.
          if (mention.start === null || mention.startLocal < "1900" || mention.startLocal >= "2200") continue;
          const start = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})([+-])(\d{2}):(\d{2})$/.exec(mention.start);
          expect(start, mention.start).not.toBeNull();
          const offsetMin = (start![2] === "-" ? -1 : 1) * (Number(start![3]) * 60 + Number(start![4]));
          const instant = Date.parse(`${start![1]}Z`) - offsetMin * 60_000;
          expect(Number.isFinite(instant)).toBe(true);
          // The built-in zone rules are those in force from 2026 on (src/core/time/zone-rules.ts); earlier history is not compared.
          if (mention.tz !== null && mention.start >= "2026" && mention.start < "2100") {
            expect(offsetMin, `${mention.start} in ${mention.tz}`).toBe(intlOffsetMin(mention.tz, instant));
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe("findDates and findDuration", () => {
  it("findDates gives real calendar days, each the slice of the text it names", () => {
    fc.assert(
      fc.property(dateText, context, (text, ctx) => {
        for (const mention of findDates(text, ctx)) {
          expect(isRealWallClock(`${mention.date}T00:00:00`), mention.date).toBe(true);
          expect(text.slice(mention.index, mention.index + mention.text.length)).toBe(mention.text);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("findDuration gives a meeting length between 10 minutes and 8 hours, or nothing", () => {
    const durationText = fc
      .array(
        fc.oneof(
          fc.constantFrom("45 minutes", "1 hour", "1h30", "(30 min)", "an hour and a half", "60-90 minutes", "5 minutes early", "2 Stunden", "1,5 heures", "90", " ", ", "),
          chunk,
        ),
        { maxLength: 20 },
      )
      .map((parts) => parts.join(""));
    fc.assert(
      fc.property(durationText, (text) => {
        const minutes = findDuration(text);
        if (minutes !== null) expect(Number.isInteger(minutes) && minutes >= 10 && minutes <= 480, String(minutes)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

function isRealWallClock(local: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(local);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

/** The zone's UTC offset at an instant, read from Intl (the runtime's tz database), as an oracle. */
function intlOffsetMin(tz: string, instant: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit",
  }).formatToParts(new Date(instant));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value);
  const date = new Date(0);
  date.setUTCFullYear(get("year"), get("month") - 1, get("day"));
  date.setUTCHours(get("hour"), get("minute"), get("second"));
  const wall = date.getTime();
  return Math.round((wall - Math.floor(instant / 1000) * 1000) / 60_000);
}
