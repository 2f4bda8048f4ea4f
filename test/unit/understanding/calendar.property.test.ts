import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCalendars, type CalendarEvent } from "../../../src/core/understanding/calendar.ts";

/**
 * Properties of the ICS reader over generated invitations (UTC, TZID, floating and all-day
 * starts, VTIMEZONE rules, folded lines, odd parameters, broken values) and over noise up to
 * 20 kB: it never throws, every start it gives is a real instant at the offset the runtime's tz
 * database has for the event's zone, a UTC start is read exactly, and a TZID start keeps its
 * wall-clock time. Inputs are bounded; no timing is asserted.
 */

const MAX_CHARS = 20_000;

const ZONES = ["Europe/Berlin", "America/New_York", "Asia/Kolkata", "Australia/Lord_Howe", "America/Sao_Paulo", "Pacific/Chatham", "UTC"];
const TZIDS = [...ZONES, "W. Europe Standard Time", "Eastern Standard Time", "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "/mozilla.org/20070129_1/Europe/Berlin", "Customized Time Zone", "Not/AZone", ""];

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/**
 * Daytime wall clocks from 2026 on, the years whose rules src/core/time/zone-rules.ts carries: no zone
 * changes its clock between 09:00 and 17:59, so every one exists exactly once.
 */
const wall: fc.Arbitrary<Wall> = fc.record({
  year: fc.integer({ min: 2026, max: 2037 }),
  month: fc.integer({ min: 1, max: 12 }),
  day: fc.integer({ min: 1, max: 28 }),
  hour: fc.integer({ min: 9, max: 17 }),
  minute: fc.integer({ min: 0, max: 59 }),
});

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
const icsWall = (w: Wall): string => `${pad(w.year, 4)}${pad(w.month)}${pad(w.day)}T${pad(w.hour)}${pad(w.minute)}00`;

const brokenValue = fc.constantFrom("2026-13-45T99:99", "99999999T999999", "20260230T100000", "00000000", "", "T", "2026", "20260303T1430", "20260303t143000z", "18991231T120000Z", "22010101T120000Z");

const start = fc.oneof(
  wall.map((w) => ({ line: `DTSTART:${icsWall(w)}Z`, utc: w, zoned: null })),
  fc.tuple(wall, fc.constantFrom(...ZONES)).map(([w, zone]) => ({ line: `DTSTART;TZID=${zone}:${icsWall(w)}`, utc: null, zoned: { wall: w, zone } })),
  fc.tuple(wall, fc.constantFrom(...TZIDS)).map(([w, tzid]) => ({ line: `DTSTART;TZID="${tzid}":${icsWall(w)}`, utc: null, zoned: null })),
  wall.map((w) => ({ line: `DTSTART;VALUE=DATE:${icsWall(w).slice(0, 8)}`, utc: null, zoned: null })),
  wall.map((w) => ({ line: `DTSTART:${icsWall(w)}`, utc: null, zoned: null })),
  brokenValue.map((v) => ({ line: `DTSTART;TZID=Europe/Berlin:${v}`, utc: null, zoned: null })),
);

const extraLine = fc.oneof(
  fc.constantFrom(
    "DURATION:PT45M", "DURATION:P1DT2H", "DURATION:-PT5M", "DURATION:P", "DURATION:PT", "DURATION:P99999999W", "DTEND:20260303T150000Z",
    "DTEND;TZID=Europe/Berlin:20260303T160000", "DTEND:garbage", "SEQUENCE:3", "SEQUENCE:-1", "SEQUENCE:99999999999", "STATUS:CANCELLED",
    "SUMMARY:Interview \\, round 2\\; with \\nnotes", "LOCATION:https://meet.google.com/abc-defg-hij", "UID:abc@x.example",
    'ORGANIZER;CN="Doe, Ann";X-A="a:b;c":mailto:ann@x.example', "ATTENDEE;CN=Bo:mailto:bad address", "ATTENDEE:mailto:",
    "RECURRENCE-ID:20260303T100000Z", "BEGIN:VALARM", "END:VALARM", "END:VEVENT", "BEGIN:VEVENT", "END:VCALENDAR", ":", ";;;:", "X-;=:",
  ),
  fc.string({ unit: "binary", maxLength: 30 }),
);

const vtimezone = fc.constantFrom(
  "",
  ["BEGIN:VTIMEZONE", "TZID:W. Europe Standard Time", "BEGIN:STANDARD", "DTSTART:16010101T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10", "END:STANDARD", "BEGIN:DAYLIGHT", "DTSTART:16010101T020000", "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200", "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3", "END:DAYLIGHT", "END:VTIMEZONE"].join("\r\n"),
  ["BEGIN:VTIMEZONE", "TZID:Customized Time Zone", "BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:+0530", "TZOFFSETTO:+0530", "END:STANDARD", "END:VTIMEZONE"].join("\r\n"),
  ["BEGIN:VTIMEZONE", "TZID:Europe/Berlin", "BEGIN:STANDARD", "DTSTART:19701025T030000", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100",
    "RRULE:FREQ=YEARLY;BYMONTH=13;BYDAY=9XX", "END:STANDARD", "END:VTIMEZONE"].join("\r\n"),
  ["BEGIN:VTIMEZONE", "TZID:Broken", "BEGIN:DAYLIGHT", "TZOFFSETTO:+9999", "DTSTART:garbage", "END:DAYLIGHT", "END:VTIMEZONE"].join("\r\n"),
);

/** Folds some lines (CRLF + space inside the line) as RFC 5545 allows, and mixes line endings. */
const fold = (text: string, at: number[], ending: string): string =>
  text
    .split("\r\n")
    .map((line, i) => {
      const cut = at[i % Math.max(1, at.length)] ?? 0;
      return cut > 0 && cut < line.length ? `${line.slice(0, cut)}\r\n ${line.slice(cut)}` : line;
    })
    .join("\r\n")
    .replaceAll("\r\n", ending);

const invitation = fc
  .record({
    method: fc.constantFrom("", "METHOD:REQUEST", "METHOD:CANCEL", "METHOD:publish", "METHOD:X-ODD"),
    calendarZone: fc.constantFrom("", "X-WR-TIMEZONE:Europe/Berlin", "X-WR-TIMEZONE:Not/AZone"),
    vtimezone,
    events: fc.array(fc.tuple(start, fc.array(extraLine, { maxLength: 6 })), { minLength: 1, maxLength: 3 }),
    foldAt: fc.array(fc.integer({ min: 0, max: 80 }), { maxLength: 5 }),
    ending: fc.constantFrom("\r\n", "\n", "\r"),
  })
  .map(({ method, calendarZone, vtimezone: zone, events, foldAt, ending }) => {
    const lines = ["BEGIN:VCALENDAR", "VERSION:2.0", method, calendarZone, zone];
    for (const [s, extra] of events) lines.push("BEGIN:VEVENT", s.line, ...extra, "END:VEVENT");
    lines.push("END:VCALENDAR");
    return { content: fold(lines.filter(Boolean).join("\r\n"), foldAt, ending), starts: events.map(([s]) => s) };
  });

const noise = fc.oneof(
  fc.string({ unit: "binary", maxLength: 400 }),
  fc.array(fc.constantFrom("BEGIN:VCALENDAR\r\n", "BEGIN:VEVENT\r\n", "DTSTART:20260303T100000Z\r\n", "END:VEVENT\r\n", " folded\r\n", ";", ":", "\r\n"), { maxLength: 60 }).map((p) => p.join("")),
  fc.array(fc.constantFrom("BEGIN:VCALENDAR\n", "BEGIN:VEVENT\n", "DTSTART;TZID=Europe/Berlin:20260303T100000\n", "END:VEVENT\n", "BEGIN:X\n", " x\n"), { minLength: 1, maxLength: 4 }).map((p) => {
    const unit = p.join("");
    return unit.repeat(Math.ceil(MAX_CHARS / unit.length)).slice(0, MAX_CHARS);
  }),
);

describe("readCalendars", () => {
  it("never throws, and every start is a real instant or a real wall-clock time", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof({ weight: 3, arbitrary: invitation.map((i) => i.content) }, { weight: 1, arbitrary: noise }), { maxLength: 3 }), (contents) => {
        const events = readCalendars(contents.map((content) => ({ filename: null, content })));
        expect(events.length).toBeLessThanOrEqual(contents.length * 20);
        for (const event of events) checkEvent(event);
      }),
      { numRuns: 200 },
    );
  });

  it("reads a UTC start exactly, and a TZID start at its written wall-clock time in that zone", () => {
    fc.assert(
      fc.property(invitation, ({ content, starts }) => {
        const events = readCalendars([{ filename: "invite.ics", content }]);
        // Only invitations whose events each kept their own start line are compared one to one.
        if (events.length !== starts.length) return;
        events.forEach((event, i) => {
          const written = starts[i]!;
          if (written.utc) {
            const w = written.utc;
            expect(Date.parse(event.start!)).toBe(Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute));
          }
          if (written.zoned && event.tz !== null) {
            const w = written.zoned.wall;
            expect(wallClockIn(event.tz, Date.parse(event.start!)), `${event.start} in ${event.tz}`).toBe(icsWall(w));
          }
        });
      }),
      { numRuns: 200 },
    );
  });

  it("reads a part given twice (body and attachment) as one set of events", () => {
    fc.assert(
      fc.property(invitation, ({ content }) => {
        const once = readCalendars([{ filename: null, content }]);
        expect(readCalendars([{ filename: null, content }, { filename: "invite.ics", content }])).toEqual(once);
      }),
      { numRuns: 200 },
    );
  });
});

const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})([+-])(\d{2}):(\d{2})$/;

function checkEvent(event: CalendarEvent): void {
  for (const value of [event.start, event.end]) {
    if (value === null) continue;
    const m = ISO_WITH_OFFSET.exec(value);
    expect(m, value).not.toBeNull();
    expect(isRealWallClock(value.slice(0, 19)), value).toBe(true);
    expect(Number(m![8]) * 60 + Number(m![9])).toBeLessThanOrEqual(18 * 60);
    expect(Number.isFinite(Date.parse(value))).toBe(true);
  }
  if (event.startLocal !== null) expect(isRealWallClock(event.startLocal), event.startLocal).toBe(true);
  if (event.start === null && !event.allDay) expect(event.tz).toBeNull();
  if (event.durationMin !== null) expect(Number.isInteger(event.durationMin) && event.durationMin >= 0).toBe(true);
  if (event.sequence !== null) expect(Number.isInteger(event.sequence) && event.sequence >= 0).toBe(true);
  if (event.tz !== null) {
    expect(() => new Intl.DateTimeFormat("en-US", { timeZone: event.tz! })).not.toThrow();
    // The offset written with the start is the zone's own at that instant (for the years the built-in rules cover).
    if (event.start !== null && event.start >= "2026" && event.start < "2100") {
      expect(event.start.slice(0, 19), `${event.start} in ${event.tz}`).toBe(wallClockIn(event.tz, Date.parse(event.start)).replace(/^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})$/, "$1-$2-$3T$4:$5:$6"));
    }
  }
}

function isRealWallClock(local: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(local);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour < 24 && minute < 60 && second < 60;
}

const wallFormats = new Map<string, Intl.DateTimeFormat>();

/** "20260303T143000": the wall clock in `tz` at an instant, from Intl (the runtime's tz database). */
function wallClockIn(tz: string, instant: number): string {
  let format = wallFormats.get(tz);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" });
    wallFormats.set(tz, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return `${parts.year}${parts.month}${parts.day}T${parts.hour}${parts.minute}${parts.second}`;
}
