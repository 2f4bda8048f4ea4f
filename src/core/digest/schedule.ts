/**
 * Which digest will show something: the one date every "you will see it on …" names, so a
 * confirmation, `list`, the digest's "next check" and the digest that actually shows the draft
 * agree. Pure: `now` is an argument. It follows the digest's own rules (src/core/digest/plan.ts):
 * a digest goes out on each digest day at the user's digest time and carries the drafts due
 * before that day ends that are not snoozed past it; a digest whose time has passed has gone
 * out, so it is never promised; paused digests show nothing.
 */
import { addCalendarDays, atLocalTime, toLocalDate, weekdayOf, type LocalDate } from "../time/business-days.ts";
import type { Settings } from "../follow-ups/settings.ts";

export interface DigestSchedule {
  timeZone: string;
  settings: Pick<Settings, "digestHour" | "digestMinute" | "digestDays">;
  paused: boolean;
}

/** Digest days looked at: a week covers every weekday; the rest is a year of snoozes at most. */
const MAX_DAYS_SEARCHED = 400;

/** The local date of the first digest still to go out after `now` that shows a draft, or null when digests are paused. */
export function findDigestShowing(draft: { dueAt: number; snoozedUntil: number | null }, now: number, schedule: DigestSchedule): LocalDate | null {
  if (schedule.paused) return null;
  const { timeZone } = schedule;
  const from = Math.max(now, draft.snoozedUntil ?? now);
  // A draft due later on a day is in that day's morning digest: start from the day it falls due.
  let day = toLocalDate(Math.max(from, draft.dueAt), timeZone);
  for (let i = 0; i < MAX_DAYS_SEARCHED; i++, day = addCalendarDays(day, 1)) {
    const slot = digestSlot(day, schedule);
    if (slot === null || slot <= now) continue;
    const dayEnd = atLocalTime(addCalendarDays(day, 1), 0, timeZone);
    if (draft.dueAt < dayEnd && (draft.snoozedUntil === null || draft.snoozedUntil <= slot)) return day;
  }
  return null;
}

/** Whether the digest of `day` is still to go out after `now` (a digest day, not paused, its time not passed). */
export function isDigestAhead(day: LocalDate, now: number, schedule: DigestSchedule): boolean {
  if (schedule.paused) return false;
  const slot = digestSlot(day, schedule);
  return slot !== null && slot > now;
}

/** Whether the user's digest days include `day` (a weekend has none when digests go out on weekdays only). */
export function isDigestDay(day: LocalDate, settings: Pick<Settings, "digestDays">): boolean {
  const weekday = weekdayOf(day);
  return settings.digestDays !== "weekdays" || (weekday !== 0 && weekday !== 6);
}

/** The first digest day after `day`: the next day, or after a Friday with weekday digests, Monday. */
export function findNextDigestDay(day: LocalDate, settings: Pick<Settings, "digestDays">): LocalDate {
  let next = addCalendarDays(day, 1);
  while (!isDigestDay(next, settings)) next = addCalendarDays(next, 1);
  return next;
}

/** The instant of a day's digest, or null when the day has none. */
function digestSlot(day: LocalDate, schedule: DigestSchedule): number | null {
  if (!isDigestDay(day, schedule.settings)) return null;
  return atLocalTime(day, schedule.settings.digestHour, schedule.timeZone, schedule.settings.digestMinute);
}

