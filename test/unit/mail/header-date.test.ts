import { describe, expect, it } from "vitest";
import { parseHeaderDate, toIsoWithOffset } from "../../../src/core/mail/header-date.ts";

describe("parseHeaderDate: the date line of a forwarded header block", () => {
  it.each([
    ["Thu, Mar 19, 2026 at 9:12 AM", "2026-03-19T09:12:00", null],
    ["Mi., 6. Mai. 2026 um 10:15 Uhr", "2026-05-06T10:15:00", null],
    ["ma 20 apr 2026 om 15:45", "2026-04-20T15:45:00", null],
    ["lun. 4 mai. 2026 à 09:50", "2026-05-04T09:50:00", null],
    // "mar" is Tuesday here, not March: the month word nearest the year wins.
    ["mar, 2 jun 2026 a las 12:30", "2026-06-02T12:30:00", null],
    ["terça-feira, 5 de maio de 2026 16:10", "2026-05-05T16:10:00", null],
    ["Montag, 2. März 2026 11:20", "2026-03-02T11:20:00", null],
    ["Thursday, March 12, 2026 2:15 PM", "2026-03-12T14:15:00", null],
    ["On Tuesday, May 12th, 2026 at 5:20 PM", "2026-05-12T17:20:00", null],
    ["February 24, 2026 at 11:03:50 AM EST", "2026-02-24T11:03:50", -300],
    ["15. April 2026 um 14:02:07 MESZ", "2026-04-15T14:02:07", 120],
    ["27 mai 2026 à 16:20:02 UTC+2", "2026-05-27T16:20:02", 120],
    ["Wed, 06 May 2026 15:20:09 +0100", "2026-05-06T15:20:09", 60],
    ["Monday, April 20, 2026, 11:00:02 AM +07", "2026-04-20T11:00:02", 420],
    ["Tue, 3 Mar 2026 08:47:00 -0600", "2026-03-03T08:47:00", -360],
    ["17.04.2026 09:05", "2026-04-17T09:05:00", null],
    ["4/17/2026 9:05 AM", "2026-04-17T09:05:00", null],
  ])("%s", (line, local, offsetMin) => {
    expect(parseHeaderDate(line)).toEqual({ local, offsetMin });
  });

  it("returns null when there is no calendar date", () => {
    expect(parseHeaderDate("yesterday afternoon")).toBeNull();
    expect(parseHeaderDate("31/31/2026")).toBeNull();
  });

  it("formats a local time with an offset", () => {
    expect(toIsoWithOffset("2026-03-19T09:12:00", -330)).toBe("2026-03-19T09:12:00-05:30");
    expect(toIsoWithOffset("2026-03-19T09:12:00", 0)).toBe("2026-03-19T09:12:00+00:00");
  });

  it("reads RFC 5322 date headers, with or without a weekday and a zone comment", () => {
    expect(parseHeaderDate("Tue, 10 Mar 2026 19:05:00 +0100")).toEqual({ local: "2026-03-10T19:05:00", offsetMin: 60 });
    expect(parseHeaderDate("1 May 2026 9:05 -0500 (EST)")).toEqual({ local: "2026-05-01T09:05:00", offsetMin: -300 });
    expect(parseHeaderDate("Sat, 31 Oct 2026 23:59:60 +0530")).toEqual({ local: "2026-10-31T23:59:59", offsetMin: 330 });
  });

  it("reads a comment that names a signed offset as the general reader does: that offset wins", () => {
    expect(parseHeaderDate("Wed, 06 May 2026 15:20:09 +0100 (GMT+02:00)")).toEqual({ local: "2026-05-06T15:20:09", offsetMin: 120 });
  });

  it("refuses an impossible RFC 5322 time rather than guessing", () => {
    expect(parseHeaderDate("Tue, 10 Mar 2026 24:05:00 +0100")).toBeNull();
  });
});

