/**
 * Civil (calendar) date arithmetic on day numbers: days since 1970-01-01 in the proleptic
 * Gregorian calendar, with no zone attached. Pure integer maths (no `Date`, no `Intl`), so it
 * costs nothing on a cold start. Months are 1-12, weekdays 0 = Sunday ... 6 = Saturday.
 */

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;

export interface CivilDate {
  year: number;
  month: number;
  day: number;
}

/** Days since 1970-01-01 for a civil date (H. Hinnant's days_from_civil). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

export function civilFromDays(days: number): CivilDate {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function weekdayOfDays(days: number): number {
  return (((days + 4) % 7) + 7) % 7;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function isValidCivilDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
  );
}

/**
 * Day of month of a weekday in a month: `onOrAfter` picks the first such weekday on or after
 * that day (tzdata's "Sun>=8"); `onOrAfter` null picks the last one in the month.
 */
export function weekdayInMonth(year: number, month: number, weekday: number, onOrAfter: number | null): number {
  if (onOrAfter === null) {
    const last = daysInMonth(year, month);
    const lastWeekday = weekdayOfDays(daysFromCivil(year, month, last));
    return last - ((lastWeekday - weekday + 7) % 7);
  }
  const firstWeekday = weekdayOfDays(daysFromCivil(year, month, onOrAfter));
  return onOrAfter + ((weekday - firstWeekday + 7) % 7);
}

/** Adds Monday-Friday days, skipping weekends; a weekend start counts from the next Monday. */
export function addBusinessDays(days: number, count: number): number {
  let current = days;
  let left = count;
  while (left > 0) {
    current += 1;
    const weekday = weekdayOfDays(current);
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return current;
}

/** The same day when it is Monday-Friday, else the following Monday. */
export function rollToBusinessDay(days: number): number {
  const weekday = weekdayOfDays(days);
  if (weekday === 6) return days + 2;
  if (weekday === 0) return days + 1;
  return days;
}

export function formatCivilDate(days: number): string {
  const { year, month, day } = civilFromDays(days);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** "2026-03-03T14:30:00" for a wall-clock time given as milliseconds since the civil epoch. */
export function formatWallClock(wallMs: number): string {
  const days = Math.floor(wallMs / DAY_MS);
  const secondsOfDay = Math.floor((wallMs - days * DAY_MS) / 1000);
  const hour = Math.floor(secondsOfDay / 3600);
  const minute = Math.floor((secondsOfDay % 3600) / 60);
  const second = secondsOfDay % 60;
  return `${formatCivilDate(days)}T${pad(hour, 2)}:${pad(minute, 2)}:${pad(second, 2)}`;
}

export function formatOffset(offsetMin: number): string {
  const sign = offsetMin < 0 ? "-" : "+";
  const abs = Math.abs(offsetMin);
  return `${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

const WALL_CLOCK_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?$/;

/**
 * Wall-clock milliseconds of the date and time captured by a pattern as year, month, day and
 * optional hour, minute, second (groups 1–6), or null when the date or time is impossible.
 */
export function wallClockFromGroups(m: RegExpExecArray): number | null {
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4] ?? 0);
  const minute = Number(m[5] ?? 0);
  const second = Number(m[6] ?? 0);
  if (!isValidCivilDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return daysFromCivil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000;
}

/** Wall-clock milliseconds for "YYYY-MM-DD[THH:mm[:ss]]", or null when malformed or impossible. */
export function parseWallClock(text: string): number | null {
  const m = WALL_CLOCK_RE.exec(text.trim());
  return m ? wallClockFromGroups(m) : null;
}

/** Year, month, day, hour, minute and second as `wallClockFromGroups` reads them, then the fraction of a second and the offset. */
const ISO_INSTANT_RE = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|[+-]\d{2}:?\d{2})$/i;

/** An ISO 8601 instant with its written offset ("Z" is 0), or null when it is not one. */
export function parseIsoInstant(text: string): { ms: number; offsetMin: number } | null {
  const m = ISO_INSTANT_RE.exec(text.trim());
  const zone = m?.[8];
  if (!m || zone === undefined) return null;
  const wall = wallClockFromGroups(m);
  if (wall === null) return null;
  let offsetMin = 0;
  if (zone !== "Z" && zone !== "z") {
    const digits = zone.replace(":", "");
    offsetMin = (digits.startsWith("-") ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
  }
  const fraction = m[7];
  const ms = fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
  return { ms: wall + ms - offsetMin * MINUTE_MS, offsetMin };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
