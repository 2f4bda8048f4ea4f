/**
 * Days in the words answers use, the way the digest writes them in short ("Mon 14 Dec 2026"),
 * so the date a confirmation names reads the same as the digest that shows it. Pure.
 */
import { addCalendarDays, toDateParts, weekdayOf, type LocalDate } from "../time/business-days.ts";

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export function describeDay(day: LocalDate): string {
  const { year, month, day: date, weekday } = toDateParts(day);
  return `${WEEKDAYS[weekday]} ${date} ${MONTHS[month - 1]} ${year}`;
}

/** `day`, or the Monday after it when digests come on weekdays only and it is a weekend day. */
export function toDigestDay(day: LocalDate, digestDays: "every_day" | "weekdays"): LocalDate {
  if (digestDays === "every_day") return day;
  const weekday = weekdayOf(day);
  return weekday === 6 ? addCalendarDays(day, 2) : weekday === 0 ? addCalendarDays(day, 1) : day;
}
