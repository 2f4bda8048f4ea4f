/**
 * What the calendar shows, as events: an interview (its own UID and SEQUENCE, the time in the
 * interview's zone and the owner's, the join link, reminders a day and an hour before) and a
 * follow-up due (a short, free event on the day its draft is in a digest, naming that digest).
 * Pure: `now` and the owner's zone are arguments; the writer (feed.ts) turns events into
 * iCalendar text and the Google Calendar link.
 *
 * Decisions:
 * - UIDs are the assistant's own (`interview-<id>@<domain>`), never the employer's invite UID:
 *   the owner may have accepted that invite already, and a calendar that met one UID twice
 *   would merge or refuse the two.
 * - Times are UTC, which every calendar imports the same way. An interview known only as a
 *   naive local time (the email gave no zone) is a floating time: shown at that hour in the
 *   zone the calendar is set to, the likeliest reading, and its description says the zone is
 *   not confirmed and how to set it. Converting it in the owner's zone instead would state a
 *   precision the email never gave.
 * - An interview without a stated length is shown as an hour, and its description says so.
 * - A join link is shown (LOCATION, URL, description) only when it is on a known meeting host
 *   (src/core/understanding/format.ts): no other link from a mail reaches the calendar.
 */
import { ASSUMED_INTERVIEW_MIN } from "../applications/records.ts";
import { describeDay, describeFollowUpKind, describeInterviewFormat, describeInterviewLength } from "../applications/words.ts";
import { addCalendarDays, atLocalTime, toLocalDate, type LocalDate } from "../time/business-days.ts";
import { MINUTE_MS, parseWallClock } from "../time/civil-dates.ts";
import { describeBothTimes } from "../time/format.ts";
import { stripHiddenControls } from "../text/untrusted.ts";
import { isMeetingUrl } from "../understanding/format.ts";

export interface CalendarPerson {
  name: string | null;
  email: string | null;
}

/** An interview as the calendar reads it, with its application's company and role. */
export interface CalendarInterview {
  id: number;
  company: string | null;
  role: string | null;
  startAt: number | null;
  /** Naive local start ("2026-03-03T14:30:00") when the email gave no zone. */
  startLocal: string | null;
  timeZone: string | null;
  durationMin: number | null;
  format: "phone" | "video" | "onsite" | null;
  meetingUrl: string | null;
  interviewers: readonly CalendarPerson[];
  status: "scheduled" | "cancelled";
  /** Raised on every change of time, link, format or status (interviews.sequence). */
  sequence: number;
}

/** A follow-up still to send (pending or shown), with its application's company and role. */
export interface CalendarFollowUp {
  id: number;
  rule: string;
  dueAt: number;
  snoozedUntil: number | null;
  updatedAt: number;
  recipients: readonly CalendarPerson[];
  company: string | null;
  role: string | null;
}

export type EventTime = { kind: "utc"; instantMs: number } | { kind: "floating"; wallMs: number };

export interface CalendarEvent {
  uid: string;
  sequence: number;
  start: EventTime;
  end: EventTime;
  summary: string;
  description: string;
  location: string | null;
  url: string | null;
  /** Free time (TRANSP:TRANSPARENT): a reminder to send a note does not make the owner busy. */
  transparent: boolean;
  /** Reminders a day and an hour before. */
  alarms: boolean;
  lastModified: number | null;
}

export interface EventContext {
  /** The domain of every UID (the assistant's), so no other calendar's UID can collide with them. */
  uidDomain: string;
  ownerTimeZone: string;
}

/** The owner's digests, as every mail that names one reads them (src/command-runner.ts `scheduleOf`). */
export interface DigestScheduleView {
  timeZone: string;
  settings: { digestHour: number; digestMinute: number; digestDays: "every_day" | "weekdays" };
  paused: boolean;
}

export interface FollowUpContext extends EventContext {
  now: number;
  digests: {
    schedule: DigestScheduleView;
    /**
     * The day of the first digest still to go out after `now` that shows a draft, or null while
     * digests are paused: src/core/digest/schedule.ts `findDigestShowing`, by which every mail
     * names a draft's digest. The feed's route hands it in, as the calendar does not import the
     * digest (README, "Project layout").
     */
    findDigestShowing: (draft: { dueAt: number; snoozedUntil: number | null }, now: number, schedule: DigestScheduleView) => LocalDate | null;
  };
  /** The private page (`${PUBLIC_URL}/dashboard`), or null when the deployment has no web address. */
  dashboardUrl: string | null;
}

const FOLLOW_UP_EVENT_MINUTES = 15;

const interviewUid = (id: number, domain: string) => `interview-${id}@${domain}`;
const followUpUid = (id: number, domain: string) => `follow-up-${id}@${domain}`;

/** The interview as an event, or null when it has no time to show. */
export function interviewEvent(interview: CalendarInterview, context: EventContext): CalendarEvent | null {
  const minutes = interview.durationMin !== null && interview.durationMin > 0 ? interview.durationMin : ASSUMED_INTERVIEW_MIN;
  let start: EventTime;
  let end: EventTime;
  if (interview.startAt !== null) {
    start = { kind: "utc", instantMs: interview.startAt };
    end = { kind: "utc", instantMs: interview.startAt + minutes * MINUTE_MS };
  } else {
    const wallMs = interview.startLocal === null ? null : parseWallClock(interview.startLocal);
    if (wallMs === null) return null;
    start = { kind: "floating", wallMs };
    end = { kind: "floating", wallMs: wallMs + minutes * MINUTE_MS };
  }
  const joinUrl = knownMeetingUrl(interview.meetingUrl);
  const description = [
    describeApplication(interview.role, interview.company),
    ...describeInterviewTime(interview, context.ownerTimeZone),
    interview.durationMin !== null && interview.durationMin > 0 ? `Length: ${describeInterviewLength(interview.durationMin)}` : `Length: not stated (shown as ${describeInterviewLength(ASSUMED_INTERVIEW_MIN)})`,
    interview.format ? `Format: ${describeInterviewFormat(interview.format)}` : null,
    interview.interviewers.length > 0 ? `With: ${interview.interviewers.map(describePerson).join(", ")}` : null,
    joinUrl ? `Join: ${joinUrl}` : null,
  ].filter((line): line is string => line !== null);
  return {
    uid: interviewUid(interview.id, context.uidDomain),
    sequence: Math.max(0, interview.sequence),
    start,
    end,
    summary: stripHiddenControls(interviewSummary(interview.role, interview.company)),
    description: stripHiddenControls(description.join("\n")),
    location: joinUrl,
    url: joinUrl,
    transparent: false,
    alarms: true,
    lastModified: null,
  };
}

/** "Interview: Senior Backend Engineer at Acme", with whichever of the two is known. */
function interviewSummary(role: string | null, company: string | null): string {
  if (role && company) return `Interview: ${role} at ${company}`;
  if (company) return `Interview at ${company}`;
  if (role) return `Interview: ${role}`;
  return "Interview";
}

/**
 * A follow-up as a quarter-hour event on the day its draft is in a digest, named by the lookup
 * every mail names that digest by (`findDigestShowing`), so the calendar, the confirmation and
 * the answers agree. A calendar is read as when to act, so the event is at the later of that
 * digest's time (the draft is in hand from then) and the follow-up's due time (the time
 * suggested for sending it: a thank-you a few hours after the interview, not at 7 in the
 * morning). A draft due today or before and not snoozed is ready to send now: it stays on
 * today, however late, until it is marked sent or skipped, rather than sitting in the past.
 *
 * Its SEQUENCE counts minutes since 2026 of its last change (a draft has no change counter):
 * the row's update, or for a draft carried to today, the start of today, so a calendar that
 * compares sequences takes the new time.
 */
export function followUpEvent(followUp: CalendarFollowUp, context: FollowUpContext): CalendarEvent {
  const { schedule, findDigestShowing } = context.digests;
  const zone = schedule.timeZone;
  const today = toLocalDate(context.now, zone);
  const startOfToday = atLocalTime(today, 0, zone);
  const ownTime = Math.max(followUp.dueAt, followUp.snoozedUntil ?? followUp.dueAt);
  const dueToday = followUp.dueAt < atLocalTime(addCalendarDays(today, 1), 0, zone) && (followUp.snoozedUntil === null || followUp.snoozedUntil <= context.now);
  const digestDay = findDigestShowing(followUp, context.now, schedule);
  const day = dueToday ? today : digestDay;
  const at = day === null ? ownTime : Math.max(ownTime, atLocalTime(day, schedule.settings.digestHour, zone, schedule.settings.digestMinute));
  const lastChange = dueToday && ownTime < startOfToday ? Math.max(followUp.updatedAt, startOfToday) : followUp.updatedAt;

  const kind = describeFollowUpKind(followUp.rule);
  const recipient = followUp.recipients[0] ? (followUp.recipients[0].name ?? followUp.recipients[0].email) : null;
  const label = followUp.company ?? followUp.role;
  const summary = `Send: ${kind}${recipient ? ` to ${recipient}` : ""}${label ? ` (${label})` : ""}`;
  const what = `${kind}${recipient ? ` to ${recipient}` : ""}${label ? ` about ${describeApplication(followUp.role, followUp.company)}` : ""}`;
  const where =
    digestDay === null
      ? [`Your ${what} is ${dueToday ? "ready to send" : `due ${describeDay(toLocalDate(ownTime, zone))}`}.`, `Your digests are paused: reply "resume" to any mail from the assistant to get them again.`]
      : dueToday && digestDay !== today
        ? [`Your ${what} is ready to send.`, `Your next digest with it: ${describeDay(digestDay)}. Once you have sent it, reply "done" with its number to a digest that shows it.`]
        : [`Will be in your digest of ${describeDay(digestDay)}: your ${what}.`, `Once you have sent it, reply "done" with its number to that digest.`];
  const description = [...where, context.dashboardUrl ? `Also on your private page: ${context.dashboardUrl} (reply "dashboard" for a link to log in).` : null].filter(
    (line): line is string => line !== null,
  );
  return {
    uid: followUpUid(followUp.id, context.uidDomain),
    sequence: Math.max(0, Math.floor((lastChange - SEQUENCE_EPOCH_MS) / MINUTE_MS)),
    start: { kind: "utc", instantMs: at },
    end: { kind: "utc", instantMs: at + FOLLOW_UP_EVENT_MINUTES * MINUTE_MS },
    summary: stripHiddenControls(summary),
    description: stripHiddenControls(description.join("\n")),
    location: null,
    url: null,
    transparent: true,
    alarms: false,
    lastModified: lastChange,
  };
}

/** 2026-01-01T00:00:00Z: follow-up sequences count minutes from here, staying far below 2^31 for millennia. */
const SEQUENCE_EPOCH_MS = Date.UTC(2026, 0, 1);

/** The join link as a normalised URL when it is on a known meeting host; any other link is left out. */
function knownMeetingUrl(url: string | null): string | null {
  if (url === null || !URL.canParse(url)) return null;
  const parsed = new URL(url);
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  return isMeetingUrl(parsed.href) ? parsed.href : null;
}

function describeApplication(role: string | null, company: string | null): string {
  if (role && company) return `${role} at ${company}`;
  return company ?? role ?? "An application";
}

function describePerson(person: CalendarPerson): string {
  if (person.name && person.email) return `${person.name} <${person.email}>`;
  return person.name ?? person.email ?? "";
}

/** The time in the interview's zone and in the owner's, or the naive time with what is not known about it. */
function describeInterviewTime(interview: CalendarInterview, ownerTimeZone: string): string[] {
  if (interview.startAt === null) {
    const local = interview.startLocal === null ? null : parseWallClock(interview.startLocal);
    if (local === null) return [];
    return [
      `When: ${describeWallClock(local)}, local time`,
      `The time zone is not confirmed: the email gave none, so your calendar shows this hour in its own zone. To set it, reply to the confirmation of this interview with the time and its zone (e.g. "time: tue 3pm PT").`,
    ];
  }
  return [`When: ${describeInstant(interview.startAt, ownerTimeZone, interview.timeZone)}`];
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** "Tue 3 Mar 2026, 14:30" for wall-clock milliseconds (no zone; they count from 1970 as UTC does). */
function describeWallClock(wallMs: number): string {
  const d = new Date(wallMs);
  const time = `${String(d.getUTCHours()).padStart(2, "0")}:${String(d.getUTCMinutes()).padStart(2, "0")}`;
  return `${WEEKDAYS[d.getUTCDay()]} ${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}, ${time}`;
}

/**
 * On the owner's clock and, when the interview's differs, on the interviewer's, named by its
 * place as every mail names it: "Tue 3 Mar 2026, 23:30 GMT+1 (your time); 14:30 Los Angeles time".
 */
function describeInstant(instantMs: number, ownerTimeZone: string, interviewTimeZone: string | null): string {
  try {
    return describeBothTimes(instantMs, ownerTimeZone, interviewTimeZone);
  } catch {
    // A zone the runtime does not know: say the owner's time rather than nothing.
    return `${describeBothTimes(instantMs, ownerTimeZone, null)}; ${interviewTimeZone} is not a zone this calendar knows`;
  }
}
