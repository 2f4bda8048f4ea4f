/**
 * Calendar and business-day arithmetic in the user's time zone. Pure: no clock; instants are
 * epoch milliseconds passed in, local days are "YYYY-MM-DD" strings.
 *
 * A business day is Monday–Friday that is not a public holiday of the user's country, nor of the
 * employer's where it is known (src/core/time/holidays.ts; no country means weekends only). Day arithmetic runs on civil day
 * numbers (src/core/time/civil-dates.ts), where no DST change can skip or repeat a day; only the
 * final step, a local wall-clock time on a local day, goes through the user's zone
 * (src/core/time/zone-rules.ts), so a daylight saving change moves the UTC instant of "09:00", never
 * the local hour. Both are plain integer maths: the rules engine calls these thousands of
 * times for a long list of applications, and a Date or Intl object per call cost more than
 * everything else it does. For the same reason business days are counted on day numbers, and
 * the days and local times a digest names over and over are kept once computed (bounded).
 */
import { DAY_MS, MINUTE_MS, civilFromDays, daysFromCivil, daysInMonth, formatCivilDate, weekdayOfDays } from "./civil-dates.ts";
import { isPublicHolidayDayNumber } from "./holidays.ts";
import { wallToInstant, zoneOffsetMin } from "./zone-rules.ts";

/** A calendar day in the user's zone, "YYYY-MM-DD". */
export type LocalDate = string;

export interface BusinessCalendar {
  /** IANA zone the days are counted in. */
  timeZone: string;
  /** ISO 3166-1 alpha-2 code whose public holidays are skipped, or null for weekends only. */
  country: string | null;
  /** The employer's country, whose public holidays are skipped as well: nobody reads mail then. */
  employerCountry?: string | null;
}

const LOCAL_DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DASH = "-".charCodeAt(0);
const ZERO = "0".charCodeAt(0);

/**
 * Entries kept per cache below before it starts afresh, and zones kept: a digest for a thousand
 * applications names a few dozen days and mornings and a few thousand instants, in one or two
 * zones, and no long-lived isolate grows without bound.
 */
const MAX_CACHED_ENTRIES = 4096;
const MAX_CACHED_ZONES = 64;
const FORMATTED_DAYS = new Map<number, LocalDate>();
/** The local days of instants, per zone: the rules name an interview's or an event's day several times. */
const LOCAL_DATES_OF_INSTANTS = new Map<string, Map<number, LocalDate>>();
/** Local wall-clock times resolved to instants, per zone: wall-clock ms → instant (NaN for an unknown zone). */
const INSTANTS_OF_WALL_TIMES = new Map<string, Map<number, number>>();

/** The local day an instant falls on in `timeZone`. Throws RangeError for an unknown zone. */
export function toLocalDate(instantMs: number, timeZone: string): LocalDate {
  const days = getZoneCache(LOCAL_DATES_OF_INSTANTS, timeZone);
  const day = days.get(instantMs);
  if (day !== undefined) return day;
  const wallMs = toWallMs(instantMs, timeZone);
  if (Number.isNaN(wallMs)) throw new RangeError(`unknown time zone: ${timeZone}`);
  return remember(days, instantMs, formatDay(Math.floor(wallMs / DAY_MS)));
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
  const instants = getZoneCache(INSTANTS_OF_WALL_TIMES, timeZone);
  const instant = instants.get(wallMs);
  if (instant !== undefined) return instant;
  const offsetAt = (utcMs: number) => zoneOffsetOrNaN(timeZone, utcMs);
  return remember(instants, wallMs, Number.isNaN(offsetAt(wallMs)) ? Number.NaN : wallToInstant(wallMs, offsetAt));
}

/** The instant of a naive local date-time ("2026-05-04T10:00[:00]") in `timeZone`, or null if malformed. */
export function parseLocalDateTime(value: string, timeZone: string): number | null {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(value.trim());
  if (!match?.[1] || !match[2] || !match[3] || !LOCAL_DATE_RE.test(match[1])) return null;
  const instant = atLocalTime(match[1], Number(match[2]), timeZone, Number(match[3]));
  return Number.isNaN(instant) ? null : instant;
}

export function addCalendarDays(day: LocalDate, days: number): LocalDate {
  return formatDay(toDayNumber(day) + days);
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
  const days = toDayNumber(day);
  if (!isWeekday(days)) return false;
  // A day written out of range ("2026-02-30" for 2 March) is no holiday: none is named so.
  return formatDay(days) !== day || !isHoliday(days, calendar);
}

/** The day `count` business days after `day` (not counting `day` itself); count ≥ 0. */
export function addBusinessDays(day: LocalDate, count: number, calendar: BusinessCalendar): LocalDate {
  if (count <= 0) return day;
  let current = toDayNumber(day);
  for (let remaining = count; remaining > 0; ) {
    current++;
    if (isBusinessDayNumber(current, calendar)) remaining--;
  }
  return formatDay(current);
}

/** `day` itself when it is a business day, else the next business day. */
export function firstBusinessDayFrom(day: LocalDate, calendar: BusinessCalendar): LocalDate {
  if (isBusinessDay(day, calendar)) return day;
  let current = toDayNumber(day) + 1;
  while (!isBusinessDayNumber(current, calendar)) current++;
  return formatDay(current);
}

/** The later of two local days. */
export function laterDay(a: LocalDate, b: LocalDate): LocalDate {
  return a >= b ? a : b;
}

/** `isBusinessDay` of a civil day number: counting business days looks at every day it passes. */
function isBusinessDayNumber(days: number, calendar: BusinessCalendar): boolean {
  return isWeekday(days) && !isHoliday(days, calendar);
}

function isHoliday(days: number, { country, employerCountry }: BusinessCalendar): boolean {
  if (country !== null && isPublicHolidayDayNumber(days, country)) return true;
  return employerCountry != null && employerCountry !== country && isPublicHolidayDayNumber(days, employerCountry);
}

function isWeekday(days: number): boolean {
  const weekday = weekdayOfDays(days);
  return weekday !== 0 && weekday !== 6;
}

/** A civil day number as a local date. */
function formatDay(days: number): LocalDate {
  return FORMATTED_DAYS.get(days) ?? remember(FORMATTED_DAYS, days, formatCivilDate(days));
}

/** One zone's cache in `caches`; all start afresh once too many zones were seen. */
function getZoneCache<T>(caches: Map<string, Map<number, T>>, timeZone: string): Map<number, T> {
  let cache = caches.get(timeZone);
  if (!cache) {
    if (caches.size >= MAX_CACHED_ZONES) caches.clear();
    cache = new Map();
    caches.set(timeZone, cache);
  }
  return cache;
}

/** Keeps a computed value, starting the cache afresh when it is full. */
function remember<T>(cache: Map<number, T>, key: number, value: T): T {
  if (cache.size >= MAX_CACHED_ENTRIES) cache.clear();
  cache.set(key, value);
  return value;
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
  if (day.length !== 10 || day.charCodeAt(4) !== DASH || day.charCodeAt(7) !== DASH) throw new Error(`not a local date: ${day}`);
  return { year: readDigits(day, 0, 4), monthIndex: readDigits(day, 5, 7) - 1, date: readDigits(day, 8, 10) };
}

function readDigits(day: LocalDate, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = day.charCodeAt(i) - ZERO;
    if (!(digit >= 0 && digit <= 9)) throw new Error(`not a local date: ${day}`);
    value = value * 10 + digit;
  }
  return value;
}
