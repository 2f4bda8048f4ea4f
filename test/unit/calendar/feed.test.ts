/**
 * The calendar feed, the invite and the Google Calendar link, read back with ical.js (a full
 * RFC 5545 parser) and checked line by line for what calendar apps are strict about: CRLF,
 * 75-octet folding that never splits a UTF-8 character, TEXT escaping, UTC times.
 */
import { describe, expect, it } from "vitest";
import { buildCalendarFeed, buildInviteFile, googleCalendarLink, type FeedInput } from "../../../src/core/calendar/feed.ts";
import { escapeText, foldLine } from "../../../src/core/calendar/ics.ts";
import type { CalendarFollowUp, CalendarInterview, FollowUpContext } from "../../../src/core/calendar/events.ts";
import { findDigestShowing } from "../../../src/core/digest/schedule.ts";
import { lineProblems, readCalendar, unfold } from "../../helpers/ical.ts";

const NOW = Date.parse("2026-03-02T18:00:00Z");
const DAY = 86_400_000;

function interview(fields: Partial<CalendarInterview> = {}): CalendarInterview {
  return {
    id: 7,
    company: "Acme",
    role: "Backend Engineer",
    // Tuesday 3 March 2026, 14:30 in Los Angeles (PST, UTC−8).
    startAt: Date.parse("2026-03-03T22:30:00Z"),
    startLocal: null,
    timeZone: "America/Los_Angeles",
    durationMin: 45,
    format: "video",
    meetingUrl: "https://meet.google.com/abc-defg-hij",
    interviewers: [{ name: "Dana Whitfield", email: "dana@acme.example" }],
    status: "scheduled",
    sequence: 0,
    ...fields,
  };
}

function followUp(fields: Partial<CalendarFollowUp> = {}): CalendarFollowUp {
  return {
    id: 3,
    rule: "R1",
    // Wednesday 4 March 2026, 09:00 in Berlin.
    dueAt: Date.parse("2026-03-04T08:00:00Z"),
    snoozedUntil: null,
    updatedAt: Date.parse("2026-03-02T17:00:00Z"),
    recipients: [{ name: "Dana Whitfield", email: "dana@acme.example" }],
    company: "Acme",
    role: "Backend Engineer",
    ...fields,
  };
}

/** The owner's digests as the feed's route hands them in: at 07:00 in Berlin, every day unless told. */
function digests(settings: Partial<FollowUpContext["digests"]["schedule"]["settings"]> = {}, paused = false, timeZone = "Europe/Berlin"): FollowUpContext["digests"] {
  return { schedule: { timeZone, settings: { digestHour: 7, digestMinute: 0, digestDays: "every_day", ...settings }, paused }, findDigestShowing };
}

function feed(fields: Partial<FeedInput> = {}): string {
  return buildCalendarFeed({
    now: NOW,
    uidDomain: "example.com",
    ownerTimeZone: "Europe/Berlin",
    digests: digests(),
    dashboardUrl: "https://assistant.example.com/dashboard",
    interviews: [interview()],
    followUps: [],
    ...fields,
  });
}

describe("the calendar feed", () => {
  it("is a published calendar with a name and an hourly refresh hint", () => {
    const calendar = readCalendar(feed());
    expect(calendar.properties).toMatchObject({
      VERSION: "2.0",
      CALSCALE: "GREGORIAN",
      METHOD: "PUBLISH",
      "X-WR-CALNAME": "Job search: interviews and follow-ups",
      "X-PUBLISHED-TTL": "PT1H",
      "REFRESH-INTERVAL": "PT1H",
    });
    expect(calendar.properties.PRODID).toMatch(/^-\/\/.+\/\/EN$/);
    expect(calendar.valueTypes["REFRESH-INTERVAL"]).toBe("duration");
    expect(feed()).toContain("\r\nREFRESH-INTERVAL;VALUE=DURATION:PT1H\r\n");
  });

  it("shows an interview in UTC with its own UID, the join link and both times, the interviewer's named by its place", () => {
    const [event] = readCalendar(feed()).events;
    expect(event).toMatchObject({
      uid: "interview-7@example.com",
      summary: "Interview: Backend Engineer at Acme",
      startUtc: "2026-03-03T22:30:00.000Z",
      endUtc: "2026-03-03T23:15:00.000Z",
      startIsFloating: false,
      location: "https://meet.google.com/abc-defg-hij",
      url: "https://meet.google.com/abc-defg-hij",
      sequence: 0,
      status: "CONFIRMED",
      transp: "OPAQUE",
    });
    expect(event!.description.split("\n")).toEqual([
      "Backend Engineer at Acme",
      "When: Tue 3 Mar 2026, 23:30 CET (your time); 14:30 Los Angeles time",
      "Length: 45 minutes",
      "Format: video call",
      "With: Dana Whitfield <dana@acme.example>",
      "Join: https://meet.google.com/abc-defg-hij",
    ]);
    expect(feed()).toMatch(/\r\nDTSTART:20260303T223000Z\r\nDTEND:20260303T231500Z\r\n/);
  });

  it("reminds a day and an hour before an interview", () => {
    const [event] = readCalendar(feed()).events;
    expect(event!.alarms).toEqual([
      { action: "DISPLAY", triggerSeconds: -86_400, description: "Interview: Backend Engineer at Acme" },
      { action: "DISPLAY", triggerSeconds: -3_600, description: "Interview: Backend Engineer at Acme" },
    ]);
    expect(feed()).toContain("\r\nTRIGGER:-P1D\r\n");
    expect(feed()).toContain("\r\nTRIGGER:-PT1H\r\n");
  });

  it("keeps the UID across a reschedule and raises SEQUENCE, so calendars move the event", () => {
    const before = readCalendar(feed()).events[0]!;
    const after = readCalendar(feed({ interviews: [interview({ startAt: Date.parse("2026-03-05T17:00:00Z"), sequence: 1 })] })).events[0]!;
    expect(after.uid).toBe(before.uid);
    expect(after.sequence).toBeGreaterThan(before.sequence);
    expect(after.startUtc).toBe("2026-03-05T17:00:00.000Z");
  });

  it("leaves a cancelled interview out, so every subscribed calendar removes it", () => {
    const calendar = readCalendar(feed({ interviews: [interview({ status: "cancelled", sequence: 1 }), interview({ id: 8 })] }));
    expect(calendar.events.map((e) => e.uid)).toEqual(["interview-8@example.com"]);
  });

  it("never uses the employer's invite UID or any link off a known meeting host", () => {
    const ics = feed({ interviews: [interview({ meetingUrl: "https://acme-careers.example/j/123", format: "onsite" })] });
    const [event] = readCalendar(ics).events;
    expect(event!.location).toBeNull();
    expect(event!.url).toBeNull();
    expect(ics).not.toContain("acme-careers.example");
    expect(event!.description).toContain("Format: on site");
  });

  it("escapes backslash, comma, semicolon and line breaks so the text reads back as written", () => {
    const company = "Acme, Inc.; R&D\nTeam \\ Labs";
    const ics = feed({ interviews: [interview({ company })] });
    expect(ics).toContain("SUMMARY:Interview: Backend Engineer at Acme\\, Inc.\\; R&D\\nTeam \\\\ Labs\r\n");
    const [event] = readCalendar(ics).events;
    expect(event!.summary).toBe(`Interview: Backend Engineer at ${company}`);
    expect(escapeText("a\r\nb\rc")).toBe("a\\nb\\nc");
  });

  it("folds a long UTF-8 description at 75 octets without splitting a character, and unfolds to the original", () => {
    const role = "Ingénieure logicielle 🚀 「バックエンド」 Zürich–Köln ".repeat(8).trim();
    const ics = feed({ interviews: [interview({ role })] });
    expect(lineProblems(ics)).toEqual([]);
    // A split UTF-8 sequence would decode to U+FFFD somewhere.
    expect(ics).not.toContain("\uFFFD");
    const summaryLine = unfold(ics).find((line) => line.startsWith("SUMMARY:"));
    expect(summaryLine).toBe(`SUMMARY:${escapeText(`Interview: ${role} at Acme`)}`);
    expect(readCalendar(ics).events[0]!.description.split("\n")[0]).toBe(`${role} at Acme`);
  });

  it("cuts folded lines between code points, a 4-byte character never straddling a fold", () => {
    for (let prefix = 0; prefix < 4; prefix++) {
      const line = `${"x".repeat(70 + prefix)}${"😀".repeat(30)}`;
      const folded = foldLine(line);
      const pieces = folded.split("\r\n");
      for (const piece of pieces) expect(new TextEncoder().encode(piece).length).toBeLessThanOrEqual(75);
      for (const piece of pieces.slice(1)) expect(piece.startsWith(" ")).toBe(true);
      expect(folded.replace(/\r\n /g, "")).toBe(line);
    }
  });

  it("ends every line with CRLF and holds no bare line feed", () => {
    const ics = feed({ followUps: [followUp()], interviews: [interview({ company: "Line\nbreak\r\nco" })] });
    expect(lineProblems(ics)).toEqual([]);
    expect(ics.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    expect(ics.endsWith("END:VCALENDAR\r\n")).toBe(true);
  });

  it("shows a time given without a zone as floating, and says the zone is not confirmed", () => {
    const ics = feed({ interviews: [interview({ startAt: null, startLocal: "2026-03-05T10:00:00", timeZone: null, durationMin: null })] });
    const [event] = readCalendar(ics).events;
    expect(event!.startIsFloating).toBe(true);
    expect(event!.startLocal).toBe("2026-03-05T10:00:00");
    expect(ics).toMatch(/\r\nDTSTART:20260305T100000\r\nDTEND:20260305T110000\r\n/);
    expect(event!.description).toContain("When: Thu 5 Mar 2026, 10:00, local time");
    expect(event!.description).toContain("The time zone is not confirmed");
    expect(event!.description).toContain("Length: not stated (shown as 1 hour)");
  });

  it("says the time once when the interview is in the owner's zone", () => {
    const [event] = readCalendar(feed({ interviews: [interview({ timeZone: "Europe/Berlin" })] })).events;
    expect(event!.description).toContain("When: Tue 3 Mar 2026, 23:30 CET (your time)\n");
    expect(event!.description).not.toContain("Berlin time");
  });

  it("still says the owner's time when the interview's zone is one the runtime does not know", () => {
    const [event] = readCalendar(feed({ interviews: [interview({ timeZone: "Mars/Olympus" })] })).events;
    expect(event!.description).toContain("When: Tue 3 Mar 2026, 23:30 CET (your time); Mars/Olympus is not a zone this calendar knows\n");
  });

  it("names the interview with whatever of role and company is known", () => {
    const summaries = readCalendar(
      feed({
        interviews: [
          interview({ id: 1, role: null }),
          interview({ id: 2, company: null, startAt: NOW + 2 * DAY }),
          interview({ id: 3, role: null, company: null, startAt: NOW + 3 * DAY }),
        ],
      }),
    ).events.map((e) => e.summary);
    expect(summaries).toEqual(["Interview at Acme", "Interview: Backend Engineer", "Interview"]);
  });

  it("holds the last 90 days and everything ahead", () => {
    const ids = readCalendar(
      feed({
        interviews: [
          interview({ id: 1, startAt: NOW - 91 * DAY }),
          interview({ id: 2, startAt: NOW - 89 * DAY }),
          interview({ id: 3, startAt: NOW + 400 * DAY }),
        ],
      }),
    ).events.map((e) => e.uid);
    expect(ids).toEqual(["interview-2@example.com", "interview-3@example.com"]);
  });

  it("shows a follow-up ahead as a short, free event at its time, naming the digest it will be in and the private page", () => {
    const [event] = readCalendar(feed({ interviews: [], followUps: [followUp()] })).events;
    expect(event).toMatchObject({
      uid: "follow-up-3@example.com",
      summary: "Send: thank-you note to Dana Whitfield (Acme)",
      startUtc: "2026-03-04T08:00:00.000Z",
      endUtc: "2026-03-04T08:15:00.000Z",
      transp: "TRANSPARENT",
      alarms: [],
    });
    expect(event!.description.split("\n")).toEqual([
      "Will be in your digest of Wed 4 Mar 2026: your thank-you note to Dana Whitfield about Backend Engineer at Acme.",
      'Once you have sent it, reply "done" with its number to that digest.',
      'Also on your private page: https://assistant.example.com/dashboard (reply "dashboard" for a link to log in).',
    ]);
    expect(event!.description).not.toMatch(/\bR\d+\b/);
  });

  it("places a snoozed follow-up, and a weekend one on weekday digests, at the morning of the digest that will show it", () => {
    const saturday = Date.parse("2026-03-07T09:00:00Z");
    const [event] = readCalendar(
      feed({ interviews: [], digests: digests({ digestDays: "weekdays" }), followUps: [followUp({ snoozedUntil: saturday, recipients: [], rule: "R4" })] }),
    ).events;
    // Monday 9 March, 07:00 in Berlin: the digest the snooze ends in.
    expect(event!.startUtc).toBe("2026-03-09T06:00:00.000Z");
    expect(event!.summary).toBe("Send: status check (Acme)");
    expect(event!.description).toContain("Will be in your digest of Mon 9 Mar 2026: your status check about Backend Engineer at Acme.");
  });

  it("names the digest the mails name for a draft that fell due after today's digest went out: tomorrow's, not the due day's", () => {
    // Friday 4 December 2026, 23:07 in Los Angeles: a thank-you due at 14:45 that day was filed after the 07:00 digest.
    const now = Date.parse("2026-12-05T07:07:00Z");
    const dueAt = Date.parse("2026-12-04T22:45:00Z");
    const context = { now, ownerTimeZone: "America/Los_Angeles", digests: digests({}, false, "America/Los_Angeles") };
    const [event] = readCalendar(feed({ ...context, interviews: [], followUps: [followUp({ dueAt, updatedAt: now })] })).events;
    expect(findDigestShowing({ dueAt, snoozedUntil: null }, now, context.digests.schedule)).toBe("2026-12-05");
    expect(event!.startUtc).toBe("2026-12-04T22:45:00.000Z");
    expect(event!.description).toContain("is ready to send.\nYour next digest with it: Sat 5 Dec 2026.");
    expect(event!.description).not.toContain("Fri 4 Dec");
  });

  it("keeps a late draft on today, at the digest's time, until it is marked sent, raising its SEQUENCE as it moves", () => {
    const dueAt = Date.parse("2026-12-04T22:45:00Z");
    const eventAt = (now: number) => readCalendar(feed({ now, ownerTimeZone: "America/Los_Angeles", digests: digests({}, false, "America/Los_Angeles"), interviews: [], followUps: [followUp({ dueAt, updatedAt: dueAt })] })).events[0]!;
    // Tuesday 8 December, 05:00 in Los Angeles: today's digest is still to go out, and will show it.
    const early = eventAt(Date.parse("2026-12-08T13:00:00Z"));
    expect(early.startUtc).toBe("2026-12-08T15:00:00.000Z");
    expect(early.description).toContain("Will be in your digest of Tue 8 Dec 2026");
    // 10:00: today's digest has gone out; the draft stays on today, and names the next digest that shows it.
    const later = eventAt(Date.parse("2026-12-08T18:00:00Z"));
    expect(later.startUtc).toBe("2026-12-08T15:00:00.000Z");
    expect(later.description).toContain("is ready to send.\nYour next digest with it: Wed 9 Dec 2026.");
    // The next day it moves to that day, with a higher SEQUENCE.
    const nextDay = eventAt(Date.parse("2026-12-09T18:00:00Z"));
    expect(nextDay.startUtc).toBe("2026-12-09T15:00:00.000Z");
    expect(nextDay.sequence).toBeGreaterThan(later.sequence);
  });

  it("puts a thank-you due later today at its time, after the interview, not at the morning digest", () => {
    // Monday 2 March 2026, 19:00 in Berlin; the thank-you is due at 21:00.
    const [event] = readCalendar(feed({ interviews: [], followUps: [followUp({ dueAt: NOW + 2 * 3_600_000 })] })).events;
    expect(event!.startUtc).toBe("2026-03-02T20:00:00.000Z");
  });

  it("says so when digests are paused, and the follow-up stays at its own time", () => {
    const [event] = readCalendar(feed({ interviews: [], digests: digests({}, true), followUps: [followUp()] })).events;
    expect(event!.startUtc).toBe("2026-03-04T08:00:00.000Z");
    expect(event!.description).toContain("Your thank-you note to Dana Whitfield about Backend Engineer at Acme is due Wed 4 Mar 2026.\nYour digests are paused");
  });

  it("raises a follow-up's SEQUENCE when its row changes", () => {
    const sequenceAt = (updatedAt: number) => readCalendar(feed({ interviews: [], followUps: [followUp({ updatedAt })] })).events[0]!.sequence;
    expect(sequenceAt(NOW + 60_000)).toBeGreaterThan(sequenceAt(NOW));
  });
});

describe("the invite and the Google Calendar link", () => {
  const context = { now: NOW, uidDomain: "example.com", ownerTimeZone: "Europe/Berlin" };

  it("attaches the feed's event: same UID and SEQUENCE, one VEVENT, no calendar name", () => {
    const ics = buildInviteFile(interview({ sequence: 2 }), context)!;
    expect(lineProblems(ics)).toEqual([]);
    const calendar = readCalendar(ics);
    expect(calendar.properties.METHOD).toBe("PUBLISH");
    expect(calendar.properties["X-WR-CALNAME"]).toBeUndefined();
    expect(calendar.events).toHaveLength(1);
    const fromFeed = readCalendar(feed({ interviews: [interview({ sequence: 2 })] })).events[0];
    expect(calendar.events[0]).toEqual(fromFeed);
  });

  it("makes neither for a time without a zone", () => {
    const naive = interview({ startAt: null, startLocal: "2026-03-05T10:00:00" });
    expect(buildInviteFile(naive, context)).toBeNull();
    expect(googleCalendarLink(naive, context)).toBeNull();
  });

  it("links to Google's template page with the UTC dates, title, details and join link", () => {
    const url = new URL(googleCalendarLink(interview({ company: "Acme, Inc. & Co" }), context)!);
    expect(`${url.origin}${url.pathname}`).toBe("https://calendar.google.com/calendar/render");
    expect(url.searchParams.get("action")).toBe("TEMPLATE");
    expect(url.searchParams.get("dates")).toBe("20260303T223000Z/20260303T231500Z");
    expect(url.searchParams.get("text")).toBe("Interview: Backend Engineer at Acme, Inc. & Co");
    expect(url.searchParams.get("location")).toBe("https://meet.google.com/abc-defg-hij");
    expect(url.searchParams.get("details")).toContain("When: Tue 3 Mar 2026, 23:30 CET (your time); 14:30 Los Angeles time");
    // Nothing a mail app's link finder could stop at: spaces, line breaks, parentheses.
    expect(url.search).not.toMatch(/[ \n()]/);
    expect(url.search).toContain("&dates=20260303T223000Z/20260303T231500Z&");
  });
});
