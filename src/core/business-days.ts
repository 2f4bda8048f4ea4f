/**
 * Calendar and business-day arithmetic in the user's time zone. Pure: no clock; instants are
 * epoch milliseconds passed in, local days are "YYYY-MM-DD" strings.
 *
 * A business day is Monday–Friday that is not a public holiday of the user's country
 * (src/core/holidays.ts; no country means weekends only). Day arithmetic runs on civil day
 * numbers (src/core/civil-dates.ts), where no DST change can skip or repeat a day; only the
 * final step, a local wall-clock time on a local day, goes through the user's zone
 * (src/core/zone-rules.ts), so a daylight saving change moves the UTC instant of "09:00", never
 * the local hour. Both are plain integer maths: the rules engine calls these thousands of
 * times for a long list of applications, and a Date or Intl object per call cost more than
 * everything else it does.
 */
import { DAY_MS, MINUTE_MS, civilFromDays, daysFromCivil, daysInMonth, formatCivilDate, weekdayOfDays } from "./civil-dates.ts";
import { isPublicHoliday } from "./holidays.ts";
import { wallToInstant, zoneOffsetMin } from "./zone-rules.ts";

/** A calendar day in the user's zone, "YYYY-MM-DD". */
export type LocalDate = string;

export interface BusinessCalendar {
  /** IANA zone the days are counted in. */
  timeZone: string;
  /** ISO 3166-1 alpha-2 code whose public holidays are skipped, or null for weekends only. */
  country: string | null;
}

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local day an instant falls on in `timeZone`. Throws RangeError for an unknown zone. */
export function toLocalDate(instantMs: number, timeZone: string): LocalDate {
  const wallMs = toWallMs(instantMs, timeZone);
  if (Number.isNaN(wallMs)) throw new RangeError(`unknown time zone: ${timeZone}`);
  return formatCivilDate(Math.floor(wallMs / DAY_MS));
}

/** Minutes since local midnight of an instant in `timeZone` (0..1439); NaN for an unknown zone. */
export function toLocalMinuteOfDay(instantMs: number, timeZone: string): number {
  const wallMs = toWallMs(instantMs, timeZone);
  return Math.floor((wallMs - Math.floor(wallMs / DAY_MS) * DAY_MS) / MINUTE_MS);
}

/**
 * The instant of a local wall-clock time on a local day; NaN for an unknown zone. A time inside
 * a spring-forward gap resolves to the same offset after the change (02:30 → 03:30), and the
 * repeated hour of a fall-back night to its first occurrence.
 */
export function atLocalTime(day: LocalDate, hour: number, timeZone: string, minute = 0): number {
  const wallMs = toDayNumber(day) * DAY_MS + (hour * 60 + minute) * MINUTE_MS;
  const offsetAt = (utcMs: number) => zoneOffsetOrNaN(timeZone, utcMs);
  return Number.isNaN(offsetAt(wallMs)) ? Number.NaN : wallToInstant(wallMs, offsetAt);
}

/** The instant of a naive local date-time ("2026-05-04T10:00[:00]") in `timeZone`, or null if malformed. */
export function parseLocalDateTime(value: string, timeZone: string): number | null {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (!match?.[1] || !match[2] || !match[3] || !LOCAL_DATE_RE.test(match[1])) return null;
  const instant = atLocalTime(match[1], Number(match[2]), timeZone, Number(match[3]));
  return Number.isNaN(instant) ? null : instant;
}

export function addCalendarDays(day: LocalDate, days: number): LocalDate {
  return formatCivilDate(toDayNumber(day) + days);
}

/** The same day of the month `months` later, or that month's last day when it is shorter (31 January + 1 → 28 February). */
export function addCalendarMonths(day: LocalDate, months: number): LocalDate {
  const { year, month, day: date } = civilFromDays(toDayNumber(day));
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatCivilDate(daysFromCivil(targetYear, targetMonth, Math.min(date, daysInMonth(targetYear, targetMonth))));
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: LocalDate): number {
  return weekdayOfDays(toDayNumber(day));
}

/** The parts of a local date for formatting it in words; month 1–12, weekday 0 = Sunday. */
export function toDateParts(day: LocalDate): { year: number; month: number; day: number; weekday: number } {
  const { year, monthIndex, date } = splitLocalDate(day);
  return { year, month: monthIndex + 1, day: date, weekday: weekdayOf(day) };
}

export function isBusinessDay(day: LocalDate, calendar: BusinessCalendar): boolean {
  const weekday = weekdayOf(day);
  return weekday !== 0 && weekday !== 6 && !isPublicHoliday(day, calendar.country);
}

/** The day `count` business days after `day` (not counting `day` itself); count ≥ 0. */
export function addBusinessDays(day: LocalDate, count: number, calendar: BusinessCalendar): LocalDate {
  let current = day;
  for (let remaining = count; remaining > 0; ) {
    current = addCalendarDays(current, 1);
    if (isBusinessDay(current, calendar)) remaining--;
  }
  return current;
}

/** `day` itself when it is a business day, else the next business day. */
export function firstBusinessDayFrom(day: LocalDate, calendar: BusinessCalendar): LocalDate {
  let current = day;
  while (!isBusinessDay(current, calendar)) current = addCalendarDays(current, 1);
  return current;
}

/** The later of two local days. */
export function laterDay(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/** A local date as a civil day number; an out-of-range day rolls over ("2026-02-30" is 2 March). */
function toDayNumber(day: LocalDate): number {
  const { year, monthIndex, date } = splitLocalDate(day);
  return daysFromCivil(year, monthIndex + 1, 1) + date - 1;
}

/** An instant as wall-clock milliseconds in `timeZone`; NaN for an unknown zone. */
function toWallMs(instantMs: number, timeZone: string): number {
  return instantMs + zoneOffsetOrNaN(timeZone, instantMs) * MINUTE_MS;
}

function zoneOffsetOrNaN(timeZone: string, utcMs: number): number {
  try {
    return zoneOffsetMin(timeZone, utcMs);
  } catch {
    return Number.NaN;
  }
}

/** "YYYY-MM-DD" read digit by digit: the rules engine splits thousands of dates for one digest. */
function splitLocalDate(day: LocalDate): { year: number; monthIndex: number; date: number } {
  const digits = (from: number, to: number): number => {
    let value = 0;
    for (let i = from; i < to; i++) {
      const digit = day.charCodeAt(i) - 48;
      if (!(digit >= 0 && digit <= 9)) throw new Error(`not a local date: ${day}`);
      value = value * 10 + digit;
    }
    return value;
  };
  if (day.length !== 10 || day[4] !== "-" || day[7] !== "-") throw new Error(`not a local date: ${day}`);
  return { year: digits(0, 4), monthIndex: digits(5, 7) - 1, date: digits(8, 10) };
}
