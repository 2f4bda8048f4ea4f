/**
 * How the private page writes times, people and links. Times are in the owner's zone, with an
 * interview's own zone beside it when it differs, as the digest writes them.
 */
import { describeDay } from "../../core/applications/words.ts";
import { describeLocalDateTime } from "../../core/commands/history-words.ts";
import { toLocalDate, toLocalMinuteOfDay } from "../../core/time/business-days.ts";
import { describeBothTimes } from "../../core/time/format.ts";
import { isIanaTimeZone } from "../../core/time/zone-check.ts";
import type { DashboardInterview, DashboardPerson } from "../../db/dashboard.ts";

/** "Tue 3 Mar 2026" in the owner's zone. */
export function formatDay(instant: number, timeZone: string): string {
  return describeDay(toLocalDate(instant, timeZone));
}

/** "14:30" in the owner's zone. */
export function formatClock(instant: number, timeZone: string): string {
  const minute = toLocalMinuteOfDay(instant, timeZone);
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/** The machine-readable form of an instant, for <time datetime>. */
export function isoOf(instant: number): string {
  return new Date(instant).toISOString();
}

export function describeInterviewTime(interview: Pick<DashboardInterview, "startAt" | "startLocal" | "timeZone">, ownerZone: string): string {
  if (interview.startAt !== null) {
    const theirs = interview.timeZone;
    return describeBothTimes(interview.startAt, ownerZone, theirs !== null && isIanaTimeZone(theirs) ? theirs : null);
  }
  if (interview.startLocal !== null) return `${describeLocalDateTime(interview.startLocal)} (local time; the email gives no time zone)`;
  return "Time not known";
}

export function describePerson(person: DashboardPerson): string {
  if (person.name && person.email) return `${person.name} <${person.email}>`;
  return person.name ?? person.email ?? "someone";
}

export function describePeople(people: readonly DashboardPerson[]): string {
  return people.length === 0 ? "not known" : people.map(describePerson).join(", ");
}

/**
 * Whether a link from an email may be a link on the page: only an absolute https URL. Anything
 * else (javascript:, data:, http:, a relative path) is shown as text.
 */
export function isHttpsUrl(value: string): boolean {
  if (!/^https:\/\//i.test(value.trim())) return false;
  try {
    return new URL(value.trim()).protocol === "https:";
  } catch {
    return false;
  }
}

export function capitalize(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function plural(count: number, one: string, many = `${one}s`): string {
  return `${count.toLocaleString("en-US")} ${count === 1 ? one : many}`;
}
