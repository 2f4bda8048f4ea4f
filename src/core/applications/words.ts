/**
 * The words every message uses for a follow-up's kind, an application's status, an email's
 * kind, an interview's format and length, and a day: the confirmation, the digest, the answers to
 * commands, the calendar and the private page name them from here, so a draft the confirmation
 * announces is recognised in the digest that carries it. Pure.
 *
 * It lives with the applications because every stage that writes to the owner may import them
 * (README, "Project layout").
 */
import type { ApplicationStatus } from "./status.ts";

const STATUS_WORDS: Readonly<Record<ApplicationStatus, string>> = {
  applied: "applied",
  interviewing: "interviewing",
  waiting: "waiting",
  offer: "offer",
  rejected: "rejected",
  withdrawn: "withdrawn",
  gone_quiet: "gone quiet",
};

/** What kind of email a forward was, as the confirmation and the history call it. */
const EMAIL_KINDS: ReadonlyMap<string, string> = new Map([
  ["invitation", "an interview invitation"],
  ["scheduling_confirmation", "an interview confirmation"],
  ["reschedule", "a rescheduled interview"],
  ["cancellation", "a cancelled interview"],
  ["rejection", "a rejection"],
  ["offer", "an offer"],
  ["next_round", "an invitation to the next round"],
  ["generic", "an update about your application"],
]);

/** "an interview invitation" for "invitation"; "an email" for a kind stored data names that is not one. */
export function describeEmailKind(kind: string): string {
  return EMAIL_KINDS.get(kind) ?? "an email";
}

/** An application's status mid-sentence: "gone quiet". */
export function describeStatus(status: ApplicationStatus): string {
  return STATUS_WORDS[status];
}

/**
 * What each rule's draft is, mid-sentence ("next, the status check"). A Map, not an object: a
 * rule read from stored data is looked up, and "constructor" must not find Object's.
 */
const FOLLOW_UP_KINDS: ReadonlyMap<string, string> = new Map([
  ["R1", "thank-you note"],
  ["R3", "status check"],
  ["R4", "status check"],
  ["R5", "application check-in"],
  ["R6", "second follow-up"],
  ["R8", "reply to their decision"],
  ["R9", "keep-in-touch note"],
  ["R10", "note about your other offer"],
]);

/** A follow-up's kind mid-sentence: "status check". */
export function describeFollowUpKind(rule: string): string {
  return FOLLOW_UP_KINDS.get(rule) ?? "follow-up";
}

/** A follow-up's kind as a heading starts: "Status check". */
export function titleFollowUpKind(rule: string): string {
  const kind = describeFollowUpKind(rule);
  return kind.charAt(0).toUpperCase() + kind.slice(1);
}

const INTERVIEW_FORMATS: Readonly<Record<"phone" | "video" | "onsite", string>> = {
  phone: "phone call",
  video: "video call",
  onsite: "on site",
};

/** An interview's format after a label ("Format: video call"). */
export function describeInterviewFormat(format: "phone" | "video" | "onsite"): string {
  return INTERVIEW_FORMATS[format];
}

/** "45 minutes", "1 hour", "1 hour 30 minutes", "3 hours": as long as the owner would say it. */
export function describeInterviewLength(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const parts = [hours > 0 ? countOf(hours, "hour") : null, rest > 0 || hours === 0 ? countOf(rest, "minute") : null];
  return parts.filter((part) => part !== null).join(" ");
}

function countOf(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Fri 4 Dec 2026" for the local date "2026-12-04", as the digest writes a day; other text as given. */
export function describeDay(day: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return day;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return `${WEEKDAYS[date.getUTCDay()]} ${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
