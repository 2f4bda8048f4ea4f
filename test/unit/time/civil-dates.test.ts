import { describe, expect, it } from "vitest";
import {
  addBusinessDays, civilFromDays, daysFromCivil, formatCivilDate, formatOffset, formatWallClock, parseIsoInstant, parseWallClock,
  rollToBusinessDay, weekdayInMonth, weekdayOfDays,
} from "../../../src/core/time/civil-dates.ts";

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe("civil dates", () => {
  it("agrees with Date.UTC on day numbers across centuries and leap days", () => {
    for (const iso of ["1601-01-01", "1900-02-28", "2000-02-29", "2026-03-08", "2100-03-01", "2400-02-29"]) {
      const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
      expect(daysFromCivil(y, m, d)).toBe(day(iso));
      expect(civilFromDays(day(iso))).toEqual({ year: y, month: m, day: d });
    }
  });

  it("finds weekdays and nth/last weekdays of a month", () => {
    expect(weekdayOfDays(day("2026-04-15"))).toBe(3);
    expect(weekdayInMonth(2026, 3, 0, 8)).toBe(8); // second Sunday of March 2026
    expect(weekdayInMonth(2026, 3, 0, null)).toBe(29); // last Sunday of March 2026
    expect(weekdayInMonth(2026, 10, 0, null)).toBe(25);
    expect(weekdayInMonth(2026, 11, 0, 1)).toBe(1);
  });

  it("R2: adds business days over weekends, and moves weekend days to Monday", () => {
    expect(formatCivilDate(addBusinessDays(day("2026-03-02"), 5))).toBe("2026-03-09");
    expect(formatCivilDate(addBusinessDays(day("2026-04-16"), 2))).toBe("2026-04-20");
    expect(formatCivilDate(addBusinessDays(day("2026-04-18"), 1))).toBe("2026-04-20");
    expect(formatCivilDate(addBusinessDays(day("2026-04-17"), 0))).toBe("2026-04-17");
    expect(formatCivilDate(rollToBusinessDay(day("2026-04-18")))).toBe("2026-04-20");
    expect(formatCivilDate(rollToBusinessDay(day("2026-04-19")))).toBe("2026-04-20");
    expect(formatCivilDate(rollToBusinessDay(day("2026-04-17")))).toBe("2026-04-17");
  });

  it("parses and formats wall clocks, offsets and ISO instants", () => {
    expect(parseWallClock("2026-03-03T14:30")).toBe(Date.UTC(2026, 2, 3, 14, 30));
    expect(parseWallClock("2026-02-29T10:00")).toBeNull();
    expect(parseWallClock("2026-03-03T24:00")).toBeNull();
    expect(formatWallClock(Date.UTC(2026, 2, 3, 14, 30, 5))).toBe("2026-03-03T14:30:05");
    expect(formatOffset(-480)).toBe("-08:00");
    expect(formatOffset(345)).toBe("+05:45");
    expect(formatOffset(0)).toBe("+00:00");
    expect(parseIsoInstant("2026-03-03T14:30:00-08:00")).toEqual({ ms: Date.UTC(2026, 2, 3, 22, 30), offsetMin: -480 });
    expect(parseIsoInstant("2026-03-03T14:30:00.250Z")).toEqual({ ms: Date.UTC(2026, 2, 3, 14, 30, 0, 250), offsetMin: 0 });
    expect(parseIsoInstant("2026-03-03T14:30:00+0530")).toEqual({ ms: Date.UTC(2026, 2, 3, 9, 0), offsetMin: 330 });
    expect(parseIsoInstant("2026-03-03")).toBeNull();
    expect(parseIsoInstant("yesterday")).toBeNull();
  });
});
