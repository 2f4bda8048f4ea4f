import { TZDate } from "@date-fns/tz";
import { describe, expect, it } from "vitest";
import {
  addBusinessDays,
  atLocalTime,
  firstBusinessDayFrom,
  isBusinessDay,
  parseLocalDateTime,
  toLocalDate,
  toLocalMinuteOfDay,
} from "../../../src/core/time/business-days.ts";
import { HOLIDAY_COUNTRIES, isPublicHoliday, isPublicHolidayDayNumber, listPublicHolidays } from "../../../src/core/time/holidays.ts";
import { resolvePromisedDate } from "../../../src/core/follow-ups/promised-date.ts";

const BERLIN = { timeZone: "Europe/Berlin", country: "DE" };
const WEEKENDS_ONLY = { timeZone: "Europe/Berlin", country: null };
const DAY_MS = 24 * 60 * 60 * 1000;

describe("local days and times", () => {
  it("reads the local day of an instant in the given zone", () => {
    const instant = Date.UTC(2026, 2, 2, 23, 30); // Monday 23:30 UTC
    expect(toLocalDate(instant, "America/New_York")).toBe("2026-03-02");
    expect(toLocalDate(instant, "Europe/Berlin")).toBe("2026-03-03");
    expect(toLocalMinuteOfDay(instant, "Europe/Berlin")).toBe(30);
  });

  it("keeps a local 09:00 at 09:00 across the EU daylight saving change", () => {
    expect(new Date(atLocalTime("2026-03-27", 9, "Europe/Berlin")).toISOString()).toBe("2026-03-27T08:00:00.000Z");
    expect(new Date(atLocalTime("2026-03-30", 9, "Europe/Berlin")).toISOString()).toBe("2026-03-30T07:00:00.000Z");
  });

  it("keeps a local 09:00 at 09:00 across the US daylight saving change", () => {
    expect(new Date(atLocalTime("2026-03-06", 9, "America/New_York")).toISOString()).toBe("2026-03-06T14:00:00.000Z");
    expect(new Date(atLocalTime("2026-03-09", 9, "America/New_York")).toISOString()).toBe("2026-03-09T13:00:00.000Z");
  });

  it("reads a naive local date-time in a zone, and refuses malformed ones", () => {
    expect(parseLocalDateTime("2026-05-04T10:00:00", "Europe/Lisbon")).toBe(Date.UTC(2026, 4, 4, 9, 0));
    expect(parseLocalDateTime("2026-05-04 10:30", "UTC")).toBe(Date.UTC(2026, 4, 4, 10, 30));
    expect(parseLocalDateTime("4 May 2026, 10:00", "UTC")).toBeNull();
  });
});

describe("business days", () => {
  it("skips weekends", () => {
    expect(isBusinessDay("2026-03-06", WEEKENDS_ONLY)).toBe(true); // Friday
    expect(isBusinessDay("2026-03-07", WEEKENDS_ONLY)).toBe(false);
    expect(isBusinessDay("2026-03-08", WEEKENDS_ONLY)).toBe(false);
    expect(addBusinessDays("2026-03-06", 1, WEEKENDS_ONLY)).toBe("2026-03-09");
    expect(addBusinessDays("2026-03-03", 5, WEEKENDS_ONLY)).toBe("2026-03-10");
  });

  it("skips the public holidays of the user's country only when one is set", () => {
    // Good Friday 3 April and Easter Monday 6 April 2026.
    expect(addBusinessDays("2026-04-02", 1, BERLIN)).toBe("2026-04-07");
    expect(addBusinessDays("2026-04-02", 1, WEEKENDS_ONLY)).toBe("2026-04-03");
    expect(firstBusinessDayFrom("2026-04-03", BERLIN)).toBe("2026-04-07");
    expect(firstBusinessDayFrom("2026-04-02", BERLIN)).toBe("2026-04-02");
  });

  it("counts across the year end and its holidays", () => {
    // 24 Dec 2026 is a Thursday; 25 and 26 are holidays in Germany, 1 Jan 2027 is a Friday.
    expect(addBusinessDays("2026-12-24", 1, BERLIN)).toBe("2026-12-28");
    expect(addBusinessDays("2026-12-31", 1, BERLIN)).toBe("2027-01-04");
  });

  it("adds zero business days as the day itself", () => {
    expect(addBusinessDays("2026-03-07", 0, BERLIN)).toBe("2026-03-07");
  });

  it("reads a day written out of range as the day it rolls over to, never as a holiday", () => {
    // "2026-04-33" is 3 May, a Sunday; "2026-12-32" is 1 January 2027, a holiday.
    expect(isBusinessDay("2026-04-33", BERLIN)).toBe(false);
    expect(isBusinessDay("2026-12-32", BERLIN)).toBe(true);
    expect(addBusinessDays("2026-12-32", 1, BERLIN)).toBe("2027-01-04");
    expect(firstBusinessDayFrom("2026-04-33", BERLIN)).toBe("2026-05-04");
  });

  it("gives the same answers however often and in whichever order it is asked", () => {
    const instant = Date.UTC(2026, 2, 2, 23, 30);
    const askAll = () => [
      toLocalDate(instant, "America/Los_Angeles"),
      toLocalDate(instant, "Asia/Tokyo"),
      atLocalTime("2026-03-09", 8, "Europe/Berlin"),
      atLocalTime("2026-03-09", 8, "America/New_York"),
      addBusinessDays("2026-04-02", 1, BERLIN),
      addBusinessDays("2026-04-02", 1, { timeZone: "America/New_York", country: "US" }),
    ];
    const first = askAll();
    expect(first).toEqual(["2026-03-02", "2026-03-03", Date.UTC(2026, 2, 9, 7), Date.UTC(2026, 2, 9, 12), "2026-04-07", "2026-04-03"]);
    expect(askAll()).toEqual(first);
    expect(askAll().reverse()).toEqual([...first].reverse());
  });
});

describe("public holidays", () => {
  it("computes Easter-based holidays for several years", () => {
    for (const [year, goodFriday, easterMonday] of [
      [2024, "2024-03-29", "2024-04-01"],
      [2025, "2025-04-18", "2025-04-21"],
      [2026, "2026-04-03", "2026-04-06"],
      [2027, "2027-03-26", "2027-03-29"],
    ] as const) {
      const days = listPublicHolidays("DE", year);
      expect(days.get(goodFriday)).toBe("Karfreitag");
      expect(days.get(easterMonday)).toBe("Ostermontag");
    }
    expect(isPublicHoliday("2026-05-14", "DE")).toBe(true); // Ascension
    expect(isPublicHoliday("2026-05-25", "AT")).toBe(true); // Whit Monday
    expect(isPublicHoliday("2026-06-04", "AT")).toBe(true); // Corpus Christi
    expect(isPublicHoliday("2026-06-04", "DE")).toBe(false); // regional in Germany, not nationwide
  });

  it("observes US federal holidays on the nearest weekday, even in the previous year", () => {
    expect(isPublicHoliday("2026-07-03", "US")).toBe(true); // 4 July 2026 is a Saturday
    expect(isPublicHoliday("2021-12-31", "US")).toBe(true); // 1 January 2022 is a Saturday
    expect(isPublicHoliday("2026-11-26", "US")).toBe(true); // Thanksgiving, fourth Thursday
    expect(isPublicHoliday("2026-05-25", "US")).toBe(true); // Memorial Day, last Monday of May
    expect(isPublicHoliday("2026-01-19", "US")).toBe(true); // Martin Luther King Jr. Day, third Monday
  });

  it("gives British substitute days when Christmas and Boxing Day fall on a weekend", () => {
    expect(isPublicHoliday("2021-12-27", "GB")).toBe(true);
    expect(isPublicHoliday("2021-12-28", "GB")).toBe(true);
    expect(isPublicHoliday("2022-12-27", "GB")).toBe(true); // 25 Dec 2022 was a Sunday, Boxing Day the Monday
    expect(isPublicHoliday("2022-12-28", "GB")).toBe(false);
  });

  it("knows the moving Irish and Dutch days", () => {
    expect(isPublicHoliday("2026-02-02", "IE")).toBe(true); // first Monday of February
    expect(isPublicHoliday("2030-02-01", "IE")).toBe(true); // 1 February 2030 is a Friday
    expect(isPublicHoliday("2025-04-26", "NL")).toBe(true); // King's Day moved off a Sunday
    expect(isPublicHoliday("2025-05-05", "NL")).toBe(true); // Liberation Day in a lustrum year
    expect(isPublicHoliday("2026-05-05", "NL")).toBe(false);
  });

  it("treats an unknown or absent country as weekends only, and accepts lower case", () => {
    expect(listPublicHolidays("ZZ", 2026).size).toBe(0);
    expect(isPublicHoliday("2026-12-25", null)).toBe(false);
    expect(isPublicHoliday("2026-10-03", "de")).toBe(true);
  });

  it("answers by civil day number exactly as by date, in every country and across years", () => {
    for (const country of [...HOLIDAY_COUNTRIES, "de", "ZZ"]) {
      for (let days = Date.UTC(2025, 0, 1) / DAY_MS; days < Date.UTC(2028, 0, 1) / DAY_MS; days++) {
        const day = new Date(days * DAY_MS).toISOString().slice(0, 10);
        expect(isPublicHolidayDayNumber(days, country), `${country} ${day}`).toBe(isPublicHoliday(day, country));
      }
    }
  });

  it("closes every documented country on New Year's Day and Christmas Day", () => {
    for (const country of HOLIDAY_COUNTRIES) {
      expect(isPublicHoliday("2026-01-01", country), country).toBe(true);
      expect(isPublicHoliday("2026-12-25", country), country).toBe(true);
    }
  });
});

describe("R2: promised dates", () => {
  const monday = new TZDate(2026, 2, 2, 13, 5, 0, "Europe/Berlin").getTime();

  it("R2: counts 'N days' as business days, the day of the promise being the first", () => {
    expect(resolvePromisedDate({ amount: 5, unit: "business_days", text: "within 5 working days", by: null }, monday, BERLIN)).toBe("2026-03-06");
    expect(resolvePromisedDate({ amount: 5, unit: "days", text: "within 5 days", by: null }, monday, BERLIN)).toBe("2026-03-06");
    const saturday = new TZDate(2026, 2, 7, 10, 0, 0, "Europe/Berlin").getTime();
    expect(resolvePromisedDate({ amount: 1, unit: "business_days", text: "within a working day", by: null }, saturday, BERLIN)).toBe("2026-03-09");
  });

  it("R2: keeps the date recorded with the promise, and counts one read without a date itself, holidays included", () => {
    expect(resolvePromisedDate({ amount: null, unit: null, text: "by 20 March", by: "2026-03-20" }, monday, BERLIN)).toBe("2026-03-20");
    // The date the confirmation named never moves, even when counting again would give another.
    const thursday = new TZDate(2026, 3, 2, 10, 0, 0, "Europe/Berlin").getTime();
    const recorded = { amount: 2, unit: "business_days", text: "2 working days", by: "2026-04-06" } as const;
    expect(resolvePromisedDate(recorded, thursday, BERLIN)).toBe("2026-04-06");
    // Without one, Good Friday and Easter Monday move the date.
    const unrecorded = { ...recorded, by: null };
    expect(resolvePromisedDate(unrecorded, thursday, BERLIN)).toBe("2026-04-07");
    expect(resolvePromisedDate(unrecorded, thursday, WEEKENDS_ONLY)).toBe("2026-04-03");
  });

  it("R2: adds weeks and months on the calendar and lands on a business day", () => {
    expect(resolvePromisedDate({ amount: 1, unit: "weeks", text: "a week", by: null }, monday, BERLIN)).toBe("2026-03-09");
    expect(resolvePromisedDate({ amount: 1, unit: "months", text: "a month", by: null }, monday, BERLIN)).toBe("2026-04-02");
    // 3 March + 1 month is Good Friday; Easter Monday follows, so the date is Tuesday 7 April.
    const tuesday = new TZDate(2026, 2, 3, 9, 0, 0, "Europe/Berlin").getTime();
    expect(resolvePromisedDate({ amount: 1, unit: "months", text: "a month", by: null }, tuesday, BERLIN)).toBe("2026-04-07");
  });

  it("R2: gives no date for a vague promise", () => {
    expect(resolvePromisedDate({ amount: null, unit: null, text: "shortly", by: null }, monday, BERLIN)).toBeNull();
  });
});
