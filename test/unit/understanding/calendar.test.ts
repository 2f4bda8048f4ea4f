import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readCalendars } from "../../../src/core/understanding/calendar.ts";

async function readFixture(name: string): Promise<string> {
  return readFile(new URL(`../../fixtures/calendars/${name}`, import.meta.url), "utf8");
}

async function eventsOf(name: string) {
  return readCalendars([{ filename: name, content: await readFixture(name) }]);
}

describe("readCalendars", () => {
  it("reads a Google invitation in UTC with its Meet link, organizer and attendees", async () => {
    const [event, ...rest] = await eventsOf("google-request-utc.ics");
    expect(rest).toEqual([]);
    expect(event).toEqual({
      method: "REQUEST",
      uid: "7hq2c9d0lmx8v1k3@google.com",
      sequence: 0,
      status: "CONFIRMED",
      summary: "Interview – Quillfeather Analytics",
      description: "Intro call with the platform team, about 45 minutes.\nJoin: https://meet.google.com/abc-defg-hij",
      location: null,
      start: "2026-03-10T17:00:00+00:00",
      startLocal: null,
      tz: null,
      end: "2026-03-10T17:45:00+00:00",
      durationMin: 45,
      organizer: { name: "Priya Raman", email: "priya.raman@quillfeather.example" },
      attendees: [
        { name: "Sam Holt", email: "sam.holt@mailbox.example" },
        { name: "Priya Raman", email: "priya.raman@quillfeather.example" },
      ],
      conferenceUrl: "https://meet.google.com/abc-defg-hij",
    });
  });

  it("maps the Windows zone of an Exchange invite and follows its 1601 rules into summer time", async () => {
    const [event] = await eventsOf("exchange-windows-zone.ics");
    // 30 March 2026 is the day after the EU change to summer time.
    expect(event).toMatchObject({
      method: "REQUEST",
      sequence: 2,
      tz: "Europe/Berlin",
      start: "2026-03-30T09:30:00+02:00",
      end: "2026-03-30T10:30:00+02:00",
      durationMin: 60,
      organizer: { name: "Talent Team Brandauer Werke", email: "talent@brandauer-werke.example" },
      attendees: [{ name: "Jonas Krug", email: "jonas.krug@mailbox.example" }],
      conferenceUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_QmFuZGF1ZXI%40thread.v2/0?context=%7b%22Tid%22%3a%221%22%7d",
    });
  });

  it("reads an Outlook for Mac cancellation with a quoted display-name TZID", async () => {
    const [event] = await eventsOf("outlook-mac-cancel.ics");
    expect(event).toMatchObject({
      method: "CANCEL",
      uid: "5B2E9A10-44C1-4E6F-9D2B-7A1C3E5F0B99",
      sequence: 1,
      tz: "Europe/Paris",
      start: "2026-05-12T16:00:00+02:00",
      durationMin: 30,
      organizer: { name: null, email: "recrutement@maison-verlaine.example" },
      attendees: [{ name: "Claire Dumas", email: "claire.dumas@mailbox.example" }],
      conferenceUrl: null,
    });
  });

  it("treats a TZID without VTIMEZONE as IANA, DST-correct on the US change day", async () => {
    const [newYork] = await eventsOf("tzid-without-vtimezone.ics");
    // 8 March 2026, 02:00 clocks jump to 03:00: 03:30 is daylight time.
    expect(newYork).toMatchObject({
      method: "PUBLISH",
      tz: "America/New_York",
      start: "2026-03-08T03:30:00-04:00",
      end: "2026-03-08T04:00:00-04:00",
      durationMin: 30,
      conferenceUrl: "https://harborlight.zoom.us/j/8123456789?pwd=abc123",
    });
  });

  it("maps a Windows TZID without VTIMEZONE and takes the end from DURATION", async () => {
    const events = await eventsOf("tzid-without-vtimezone.ics");
    expect(events[1]).toMatchObject({
      tz: "Europe/Paris",
      start: "2026-04-15T11:00:00+02:00",
      end: "2026-04-15T12:15:00+02:00",
      durationMin: 75,
      conferenceUrl: "https://meet.google.com/xyz-wxyz-xyz",
    });
  });

  it("keeps the naive time when a TZID names no zone and has no VTIMEZONE", async () => {
    const events = await eventsOf("tzid-without-vtimezone.ics");
    expect(events[2]).toMatchObject({ start: null, startLocal: "2026-04-16T09:00:00", tz: null, end: null, durationMin: 30 });
  });

  it("uses the rules of a custom VTIMEZONE for the instant but names no IANA zone", async () => {
    const [custom] = await eventsOf("custom-and-mozilla-zones.ics");
    expect(custom).toMatchObject({
      tz: null,
      start: "2026-05-06T14:30:00+05:30",
      end: "2026-05-06T15:15:00+05:30",
      durationMin: 45,
      organizer: { name: "Arjun Mehta", email: "arjun@kestrelworks.example" },
    });
  });

  it("resolves a Mozilla path TZID and moves a time in the spring-forward gap forward", async () => {
    const events = await eventsOf("custom-and-mozilla-zones.ics");
    // Lisbon skips 01:00-02:00 on 29 March 2026; 01:30 does not exist and becomes 02:30 WEST.
    expect(events[1]).toMatchObject({ tz: "Europe/Lisbon", start: "2026-03-29T02:30:00+01:00" });
  });

  it("never throws on bogus dates, reads floating and all-day events, and unescapes text", async () => {
    const [bogus, floating, allDay] = await eventsOf("odd-values.ics");
    expect(bogus).toMatchObject({ method: null, summary: "Bogus date", start: null, startLocal: null, end: null, durationMin: null });
    expect(floating).toMatchObject({
      start: null,
      startLocal: "2026-04-20T10:00:00",
      tz: null,
      durationMin: 45,
      summary: "Floating time; no zone, anywhere",
      description: "Line one\nLine two \\ done",
    });
    expect(allDay).toMatchObject({ start: null, startLocal: "2026-04-22T00:00:00", allDay: true, durationMin: null, status: "TENTATIVE" });
  });

  it("reads the same invitation once when it comes as body and as attachment", async () => {
    const content = await readFixture("google-request-utc.ics");
    const events = readCalendars([
      { filename: null, content },
      { filename: "invite.ics", content },
    ]);
    expect(events).toHaveLength(1);
  });

  it("keeps both revisions of an event when their sequence differs", async () => {
    const content = await readFixture("google-request-utc.ics");
    const moved = content.replace("DTSTART:20260310T170000Z", "DTSTART:20260311T170000Z").replace("SEQUENCE:0", "SEQUENCE:1");
    const events = readCalendars([{ filename: null, content }, { filename: null, content: moved }]);
    expect(events.map((e) => [e.sequence, e.start])).toEqual([
      [0, "2026-03-10T17:00:00+00:00"],
      [1, "2026-03-11T17:00:00+00:00"],
    ]);
  });

  it("renders UTC times in the calendar's X-WR-TIMEZONE when it names one", () => {
    const [event] = readCalendars([{ filename: null, content: ics(["X-WR-TIMEZONE:America/Los_Angeles"], ["DTSTART:20260310T170000Z", "DTEND:20260310T173000Z"]) }]);
    expect(event).toMatchObject({ tz: "America/Los_Angeles", start: "2026-03-10T10:00:00-07:00", end: "2026-03-10T10:30:00-07:00" });
  });

  it("prefers the VTIMEZONE rules over a mapped name that keeps a different clock", () => {
    const content = ics([
      "BEGIN:VTIMEZONE", "TZID:Pacific Standard Time",
      "BEGIN:STANDARD", "DTSTART:16010101T000000", "TZOFFSETFROM:-0300", "TZOFFSETTO:-0300", "END:STANDARD",
      "END:VTIMEZONE",
    ], ["DTSTART;TZID=Pacific Standard Time:20260420T100000"]);
    const [event] = readCalendars([{ filename: null, content }]);
    expect(event).toMatchObject({ tz: null, start: "2026-04-20T10:00:00-03:00" });
  });

  it("reads Windows display names with their (UTC+hh:mm) prefix", () => {
    const content = ics([], ["DTSTART;TZID=\"(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna\":20260105T090000"]);
    expect(readCalendars([{ filename: null, content }])[0]).toMatchObject({ tz: "Europe/Berlin", start: "2026-01-05T09:00:00+01:00" });
  });

  it("returns nothing for text that is not a calendar, and survives truncated parts", () => {
    expect(readCalendars([{ filename: null, content: "hello\r\nBEGIN:VEVENT\r\nDTSTART:2026" }])).toEqual([]);
    expect(readCalendars([{ filename: null, content: "" }])).toEqual([]);
    const truncated = ics([], ["DTSTART;TZID=Europe/Berlin:20260420T100000"]).split("END:VEVENT")[0] ?? "";
    expect(readCalendars([{ filename: null, content: truncated }])).toMatchObject([{ start: "2026-04-20T10:00:00+02:00" }]);
  });

  it("does not treat a plain URL property as a meeting link, but finds Webex in the description", () => {
    const content = ics([], [
      "DTSTART:20260420T080000Z",
      "URL:https://careers.example/jobs/42",
      "DESCRIPTION:Join here: https://acme.webex.com/acme/j.php?MTID=m123 (passcode 9911)",
    ]);
    expect(readCalendars([{ filename: null, content }])[0]?.conferenceUrl).toBe("https://acme.webex.com/acme/j.php?MTID=m123");
  });

  it("reads METHOD values it does not know as OTHER", () => {
    expect(readCalendars([{ filename: null, content: ics(["METHOD:COUNTER"], ["DTSTART:20260420T080000Z"]) }])[0]?.method).toBe("OTHER");
  });
});

/** A calendar with extra calendar-level lines and one event. */
function ics(calendarLines: string[], eventLines: string[]): string {
  return [
    "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Test//EN", ...calendarLines,
    "BEGIN:VEVENT", "UID:test-1@example.test", ...eventLines, "END:VEVENT",
    "END:VCALENDAR", "",
  ].join("\r\n");
}
