import { describe, expect, it } from "vitest";
import { addCalendarDays, addCalendarMonths, atLocalTime, toLocalDate, toLocalMinuteOfDay, weekdayOf } from "../../../src/core/time/business-days.ts";

describe("calendar arithmetic on local dates", () => {
  it("adds days across month, year and leap-day boundaries", () => {
    expect(addCalendarDays("2026-02-27", 2)).toBe("2026-03-01");
    expect(addCalendarDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addCalendarDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addCalendarDays("2026-01-01", -1)).toBe("2025-12-31");
  });

  it("adds months and keeps the day, or takes the month's last day when it is shorter", () => {
    expect(addCalendarMonths("2026-01-31", 1)).toBe("2026-02-28");
    expect(addCalendarMonths("2028-01-31", 1)).toBe("2028-02-29");
    expect(addCalendarMonths("2026-11-30", 3)).toBe("2027-02-28");
    expect(addCalendarMonths("2026-03-15", -4)).toBe("2025-11-15");
  });

  it("names weekdays from Sunday = 0", () => {
    expect(["2026-03-08", "2026-03-09", "2026-03-14"].map(weekdayOf)).toEqual([0, 1, 6]);
  });

  it("refuses a malformed local date", () => {
    expect(() => addCalendarDays("2026-3-9", 1)).toThrow("not a local date");
    expect(() => weekdayOf("2026-03-0x")).toThrow("not a local date");
  });
});

describe("local times in a zone", () => {
  it("resolves the repeated hour of a fall-back night to its first occurrence", () => {
    expect(new Date(atLocalTime("2026-10-25", 2, "Europe/Berlin", 30)).toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(new Date(atLocalTime("2026-11-01", 1, "America/New_York", 30)).toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  it("moves a time in the spring-forward gap forward by the gap", () => {
    expect(new Date(atLocalTime("2026-03-29", 2, "Europe/Berlin", 30)).toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(toLocalMinuteOfDay(atLocalTime("2026-03-29", 2, "Europe/Berlin", 30), "Europe/Berlin")).toBe(3 * 60 + 30);
  });

  it("handles zones with half-hour offsets and no daylight saving", () => {
    expect(new Date(atLocalTime("2026-03-09", 7, "Asia/Kolkata")).toISOString()).toBe("2026-03-09T01:30:00.000Z");
    expect(toLocalDate(Date.parse("2026-03-08T19:00:00Z"), "Asia/Kolkata")).toBe("2026-03-09");
  });

  it("gives no instant in an unknown zone, and refuses to name its date", () => {
    expect(atLocalTime("2026-03-09", 9, "Mars/Olympus_Mons")).toBeNaN();
    expect(toLocalMinuteOfDay(0, "Mars/Olympus_Mons")).toBeNaN();
    expect(() => toLocalDate(0, "Mars/Olympus_Mons")).toThrow(RangeError);
  });
});
