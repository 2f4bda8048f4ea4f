/**
 * R2: the absolute local date a promised response timeline runs to. Pure.
 *
 * A date once recorded never moves: when the reader gave the promise a date (`by`, the one the
 * confirmation named to the user), that date is the promise's, whatever happens later. Only a
 * promise read without a send date is counted here, from the moment it was made, against the
 * user's public holidays as well: "N days" without a qualifier counts as business days, the day
 * of the promise being the first when it is a business day ("5 business days" said at a
 * Tuesday interview runs to Monday, so the R3 check-in is the Tuesday after); weeks and months
 * are calendar periods, and a result on a non-business day moves to the next business day.
 * Vague promises ("shortly") have no date.
 */
import {
  addBusinessDays,
  addCalendarDays,
  addCalendarMonths,
  type BusinessCalendar,
  firstBusinessDayFrom,
  isBusinessDay,
  type LocalDate,
  toLocalDate,
} from "../time/business-days.ts";
import type { PromisedTimeline } from "../understanding/types.ts";

const HOUR_MS = 60 * 60 * 1000;
const LOCAL_DATE_RE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export function resolvePromisedDate(
  timeline: PromisedTimeline,
  promisedAt: number,
  calendar: BusinessCalendar,
): LocalDate | null {
  if (timeline.by !== null && LOCAL_DATE_RE.test(timeline.by)) return timeline.by;
  const { amount, unit } = timeline;
  if (amount === null || unit === null || !Number.isFinite(amount) || amount < 0) return null;
  const promiseDay = toLocalDate(promisedAt, calendar.timeZone);
  const whole = Math.ceil(amount);
  switch (unit) {
    case "days":
    case "business_days":
      if (whole === 0) return firstBusinessDayFrom(promiseDay, calendar);
      return isBusinessDay(promiseDay, calendar) ? addBusinessDays(promiseDay, whole - 1, calendar) : addBusinessDays(promiseDay, whole, calendar);
    case "weeks":
      return firstBusinessDayFrom(addCalendarDays(promiseDay, whole * 7), calendar);
    case "months":
      return firstBusinessDayFrom(addCalendarMonths(promiseDay, whole), calendar);
    case "hours":
      return firstBusinessDayFrom(toLocalDate(promisedAt + amount * HOUR_MS, calendar.timeZone), calendar);
  }
}
