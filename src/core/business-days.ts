/**
 * Calendar and business-day arithmetic in the user's time zone. Pure: no clock; instants are
 * epoch milliseconds passed in, local days are "YYYY-MM-DD" strings.
 *
 * A business day is Monday–Friday that is not a public holiday of the user's country
 * (src/core/holidays.ts; no country means weekends only). Day arithmetic runs on calendar
 * dates in UTC, where no DST change can skip or repeat a day; only the final step, a local
 * wall-clock time on a local day, goes through the user's zone (@date-fns/tz), so a daylight
 * saving change moves the UTC instant of "09:00", never the local hour.
 */
import { TZDate } from "@date-fns/tz";
import { addDays, addMonths, format, isWeekend } from "date-fns";
import { isPublicHoliday } from "./holidays.ts";

/** A calendar day in the user's zone, "YYYY-MM-DD". */
export type LocalDate = string;

export interface BusinessCalendar {
  /** IANA zone the days are counted in. */
  timeZone: string;
  /** ISO 3166-1 alpha-2 code whose public holidays are skipped, or null for weekends only. */
  country: string | null;
}

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The local day an instant falls on in `timeZone`. */
export function toLocalDate(instantMs: number, timeZone: string): LocalDate {
  return format(new TZDate(instantMs, timeZone), "yyyy-MM-dd");
}

/** Minutes since local midnight of an instant in `timeZone` (0..1439). */
export function toLocalMinuteOfDay(instantMs: number, timeZone: string): number {
  const local = new TZDate(instantMs, timeZone);
  return local.getHours() * 60 + local.getMinutes();
}

/**
 * The instant of a local wall-clock time on a local day. A time inside a spring-forward gap
 * resolves to the same offset after the change (02:30 → 03:30), as @date-fns/tz does.
 */
export function atLocalTime(day: LocalDate, hour: number, timeZone: string, minute = 0): number {
  const { year, monthIndex, date } = splitLocalDate(day);
  return new TZDate(year, monthIndex, date, hour, minute, 0, timeZone).getTime();
}

/** The instant of a naive local date-time ("2026-05-04T10:00[:00]") in `timeZone`, or null if malformed. */
export function parseLocalDateTime(value: string, timeZone: string): number | null {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (!match?.[1] || !match[2] || !match[3] || !LOCAL_DATE_RE.test(match[1])) return null;
  const instant = atLocalTime(match[1], Number(match[2]), timeZone, Number(match[3]));
  return Number.isNaN(instant) ? null : instant;
}

export function addCalendarDays(day: LocalDate, days: number): LocalDate {
  return format(addDays(toCalendarDate(day), days), "yyyy-MM-dd");
}

export function addCalendarMonths(day: LocalDate, months: number): LocalDate {
  return format(addMonths(toCalendarDate(day), months), "yyyy-MM-dd");
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(day: LocalDate): number {
  return toCalendarDate(day).getDay();
}

/** The parts of a local date for formatting it in words; month 1–12, weekday 0 = Sunday. */
export function toDateParts(day: LocalDate): { year: number; month: number; day: number; weekday: number } {
  const { year, monthIndex, date } = splitLocalDate(day);
  return { year, month: monthIndex + 1, day: date, weekday: weekdayOf(day) };
}

export function isBusinessDay(day: LocalDate, calendar: BusinessCalendar): boolean {
  return !isWeekend(toCalendarDate(day)) && !isPublicHoliday(day, calendar.country);
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

/**
 * A local date as a date-fns value whose getters read the calendar date itself: midnight in
 * UTC, where every day is 24 hours long.
 */
function toCalendarDate(day: LocalDate): TZDate {
  const { year, monthIndex, date } = splitLocalDate(day);
  return new TZDate(year, monthIndex, date, "UTC");
}

function splitLocalDate(day: LocalDate): { year: number; monthIndex: number; date: number } {
  const match = LOCAL_DATE_RE.exec(day);
  if (!match) throw new Error(`not a local date: ${day}`);
  return { year: Number(match[1]), monthIndex: Number(match[2]) - 1, date: Number(match[3]) };
}
