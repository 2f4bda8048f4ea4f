/**
 * The digest a day's follow-up lands in, for the answers to commands. Pure. (Days are written
 * by `describeDay` in src/core/applications/words.ts, as every message writes them.)
 */
import { addCalendarDays, weekdayOf, type LocalDate } from "../time/business-days.ts";

/** `day`, or the Monday after it when digests come on weekdays only and it is a weekend day. */
export function toDigestDay(day: LocalDate, digestDays: "every_day" | "weekdays"): LocalDate {
  if (digestDays === "every_day") return day;
  const weekday = weekdayOf(day);
  return weekday === 6 ? addCalendarDays(day, 2) : weekday === 0 ? addCalendarDays(day, 1) : day;
}
