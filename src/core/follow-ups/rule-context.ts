/**
 * What every rule family reads about one application at `now`, worked out once from its history
 * (`toRuleContext`), and the small readings they share: the user's mornings, the days named in
 * drafts, who a nudge goes to. Pure: no I/O, no clock; `now` is an argument.
 */
import { ASSUMED_INTERVIEW_MIN } from "../applications/records.ts";
import type { ApplicationFacts, ApplicationHistory, Contact, HistoryEvent, InterviewFacts, UserContext } from "./history.ts";
import { atLocalTime, type BusinessCalendar, type LocalDate, parseLocalDateTime, toLocalDate } from "../time/business-days.ts";
import { countryOfZone } from "../time/holidays.ts";
import { isIanaTimeZone } from "../time/zone-check.ts";
import { ENGLISH_PHRASES } from "./phrases/en.ts";
import type { Settings } from "./settings.ts";
import type { Recipient } from "./spec.ts";
const MINUTE_MS = 60 * 1000;

export interface Interview {
  id: number;
  startAt: number;
  endAt: number;
  /** Zone the interview was given in: its date is the one the interviewer knows. */
  timeZone: string;
  interviewers: readonly Contact[];
  subject: string | null;
}

type EventOf<T extends HistoryEvent["type"]> = Extract<HistoryEvent, { type: T }>;
export type MarkEvent = EventOf<"follow_up_sent" | "follow_up_skipped">;
export type ClosingEvent = EventOf<"status_changed">;

/** One application's history as the rule families read it: events in order, interviews timed, marks indexed. */
export interface RuleContext {
  application: ApplicationFacts;
  settings: Settings;
  calendar: BusinessCalendar;
  now: number;
  /** Oldest first. */
  events: readonly HistoryEvent[];
  /** The follow-ups sent or skipped, oldest first. */
  marks: readonly MarkEvent[];
  handledKeys: ReadonlySet<string>;
  /** Scheduled interviews with a known time, by their end. */
  interviews: readonly Interview[];
  /** The interviews ended by `now`. */
  held: readonly Interview[];
  lastHeld: Interview | null;
  /** An interview is still to end: nudges wait for it. */
  comingInterview: boolean;
  lastClosing: ClosingEvent | null;
  /** The closing in force: no re-open after it. */
  closing: ClosingEvent | null;
  /** The employer's latest mail of any kind. */
  lastReply: EventOf<"employer_replied"> | null;
  /** R11: the employer's latest answer (a decision, a step, a date); courtesy replies are not. */
  lastAnswer: EventOf<"employer_replied"> | null;
  /** Courtesy replies ("thanks, received"), oldest first: each moves a pending check (R11). */
  courtesyReplies: readonly EventOf<"employer_replied">[];
  applied: EventOf<"applied"> | null;
  contactRecipients: Recipient[];
  /** R9 comes once per application, whether after a hire or after silence. */
  r9Handled: boolean;
}

export function toRuleContext(history: ApplicationHistory, user: UserContext, now: number): RuleContext {
  const { application } = history;
  const events = isInTimeOrder(history.events) ? history.events : [...history.events].sort((a, b) => a.at - b.at);
  const marks = events.filter((e): e is MarkEvent => e.type === "follow_up_sent" || e.type === "follow_up_skipped");
  const handledKeys = new Set(marks.map((m) => m.followUpKey));
  const interviews = resolveInterviews(history.interviews, user.timeZone);
  const held = interviews.filter((i) => i.endAt <= now);
  const lastReopen = findLast(events, "user_reopened");
  const lastClosing = findLast(events, "status_changed");
  return {
    application,
    settings: user.settings,
    calendar: {
      timeZone: user.timeZone,
      // With no country set, the zone tells it where it can: Los Angeles keeps the US holidays.
      country: user.country ?? countryOfZone(user.timeZone),
      employerCountry: findEmployerCountry(history.interviews),
    },
    now,
    events,
    marks,
    handledKeys,
    interviews,
    held,
    lastHeld: held.at(-1) ?? null,
    comingInterview: interviews.some((i) => i.endAt > now),
    lastClosing,
    closing: lastClosing && (!lastReopen || lastClosing.at > lastReopen.at) ? lastClosing : null,
    lastReply: findLast(events, "employer_replied"),
    lastAnswer: findLastAnswer(events),
    courtesyReplies: events.filter((e): e is EventOf<"employer_replied"> => e.type === "employer_replied" && e.courtesy === true),
    applied: findLast(events, "applied"),
    contactRecipients: toRecipients(application.contact),
    r9Handled: marks.some((m) => m.rule === "R9") || isHandled(handledKeys, `R9:application:${application.id}`),
  };
}

/** Most applications have nothing sent or skipped: then a freshly built key is not even hashed. */
export function isHandled(handledKeys: ReadonlySet<string>, key: string): boolean {
  return handledKeys.size > 0 && handledKeys.has(key);
}

/** The user's morning (`morningHour`) of a local day: when nudges and replies fall due. */
export function morningOf(context: RuleContext, day: LocalDate): number {
  return atLocalTime(day, context.settings.morningHour, context.calendar.timeZone);
}

/** The day an instant falls on in the user's zone, where business days are counted. */
export function userDayOf(context: RuleContext, instant: number): LocalDate {
  return toLocalDate(instant, context.calendar.timeZone);
}

/**
 * The interviewer's calendar: their zone, where "afternoon" and the next morning are judged
 * (R1), and their country's holidays as well as the user's.
 */
export function interviewCalendar(context: RuleContext, interview: Interview): BusinessCalendar {
  const { calendar } = context;
  return { timeZone: interview.timeZone, country: calendar.country, employerCountry: countryOfZone(interview.timeZone) ?? calendar.employerCountry ?? null };
}

/** The interview's date as the interviewer knows it (C2). */
export function interviewDay(interview: Interview): LocalDate {
  return toLocalDate(interview.startAt, interview.timeZone);
}

/** A day as the digest's reasons name it, in English. */
export function describeDay(day: LocalDate): string {
  return ENGLISH_PHRASES.formatDate(day);
}

/** Nudges go to the contact, else to the first interviewer of the latest round with an address. */
export function nudgeAddressing(context: RuleContext): { to: Recipient[]; greetName: string | null; subject: string | null } {
  const { application, contactRecipients, lastHeld, lastReply } = context;
  const subject = lastReply?.subject ?? lastHeld?.subject ?? application.subject;
  if (contactRecipients.length > 0) return { to: contactRecipients, greetName: application.contact?.name ?? null, subject };
  const interviewer = (lastHeld?.interviewers ?? []).flatMap(toRecipients)[0];
  if (interviewer) return { to: [interviewer], greetName: interviewer.name, subject };
  return { to: [], greetName: application.contact?.name ?? null, subject };
}

export function toRecipients(contact: Contact | null): Recipient[] {
  const recipient = toRecipient(contact);
  return recipient ? [recipient] : [];
}

export function toRecipient(contact: Contact | null): Recipient | null {
  const email = contact?.email?.trim();
  return email ? { name: contact?.name ?? null, email } : null;
}

export function findLast<T extends HistoryEvent["type"]>(events: readonly HistoryEvent[], type: T): EventOf<T> | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.type === type) return event as EventOf<T>;
  }
  return null;
}

function findLastAnswer(events: readonly HistoryEvent[]): EventOf<"employer_replied"> | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i];
    if (event?.type === "employer_replied" && event.courtesy !== true) return event;
  }
  return null;
}

/** The country of the zone the latest interview was given in: the employer's, as far as the mail tells. */
function findEmployerCountry(interviews: readonly InterviewFacts[]): string | null {
  for (let i = interviews.length - 1; i >= 0; i--) {
    const zone = interviews[i]?.timeZone;
    if (interviews[i]?.status === "scheduled" && zone) return countryOfZone(zone);
  }
  return null;
}

/** Scheduled interviews whose time is known, with their end, oldest first. */
function resolveInterviews(interviews: readonly InterviewFacts[], userZone: string): Interview[] {
  const resolved: Interview[] = [];
  for (const interview of interviews) {
    if (interview.status !== "scheduled") continue;
    const zone = interview.timeZone !== null && isIanaTimeZone(interview.timeZone) ? interview.timeZone : userZone;
    const startAt = interview.startAt ?? (interview.startLocal === null ? null : parseLocalDateTime(interview.startLocal, zone));
    if (startAt === null) continue;
    const durationMin = interview.durationMin !== null && interview.durationMin > 0 ? interview.durationMin : ASSUMED_INTERVIEW_MIN;
    resolved.push({
      id: interview.id,
      startAt,
      endAt: startAt + durationMin * MINUTE_MS,
      timeZone: zone,
      interviewers: interview.interviewers,
      subject: interview.subject ?? null,
    });
  }
  return resolved.sort((a, b) => a.endAt - b.endAt || a.id - b.id);
}

/** Events usually come in the order they happened; sorting a copy of each application's events then is wasted. */
function isInTimeOrder(events: readonly HistoryEvent[]): boolean {
  let previous = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    if (event.at < previous) return false;
    previous = event.at;
  }
  return true;
}
