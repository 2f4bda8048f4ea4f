/**
 * Which details behind an application's drafts the assistant was not sure of: a company,
 * contact or interview time read from a forwarded email with a confidence below SURE_SCORE
 * (src/core/understanding/types.ts), and not set by the owner since (a reply `company: …`,
 * `contact: …` or `time: …`, which records its own event). A draft that relies on one is not
 * ready: the digest and the private page say what to check and the reply that settles it, in
 * the same words. Pure.
 *
 * Each detail is judged by the latest event that set it, so a later email that changes it is
 * judged by its own reading, an owner's reply settles it, and an `undo` of that reply (its event
 * undone, so not among the sources) brings the doubt back.
 */
import { CONFIDENT_FIELDS, SURE_SCORE, type ConfidentField } from "../understanding/types.ts";
import type { ApplicationRecord, InterviewRecord } from "../applications/records.ts";
import { toLocalDate, toLocalMinuteOfDay } from "../time/business-days.ts";
import { isIanaTimeZone } from "../time/zone-check.ts";
import { describeZonePlace } from "../time/format.ts";
import { describeDay } from "../applications/words.ts";

/** The details a draft relies on that a reading can doubt. */
export type DoubtedDetail = "company" | "contact" | "time";

/** Events that set a detail a draft relies on. */
/** Something a draft relies on that the reading doubted, and the reply that settles it. */
export interface DigestCheck {
  detail: DoubtedDetail;
  /** The value the draft uses, as the owner reads it. */
  shown: string;
  /** The reply that confirms it (and, edited, corrects it), in the reply grammar: `contact: Jo Park <jo@acme.example>`. */
  reply: string;
}

export const DETAIL_EVENT_TYPES: readonly string[] = ["application_created", "details_updated", "interview_scheduled", "interview_moved"];

/**
 * An event that set a company, contact or interview time (`application_created`,
 * `details_updated`, `interview_scheduled`, `interview_moved`), not undone, with where it came
 * from. In the order the events were recorded.
 */
export interface DetailSource {
  applicationId: number;
  /** The interview whose time it set, for the interview events. */
  interviewId: number | null;
  type: string;
  payload: Record<string, unknown>;
  /** "email": read from a forwarded email; "owner": set by the owner (a reply, the private page). */
  setBy: "email" | "owner";
  /** How sure the reading of that email was, per field; null when it recorded none. */
  confidence: Partial<Record<ConfidentField, { score: number }>> | null;
}

export interface ApplicationDoubts {
  company: boolean;
  contact: boolean;
  /** Interviews whose time is in doubt. */
  times: ReadonlySet<number>;
}

/** The doubts of each application that has any. */
export function findDoubts(sources: readonly DetailSource[]): Map<number, ApplicationDoubts> {
  const company = new Map<number, DetailSource>();
  const contact = new Map<number, DetailSource>();
  const time = new Map<number, DetailSource>();
  for (const source of sources) {
    const { payload } = source;
    if (source.type === "application_created" || source.type === "details_updated") {
      if (typeof payload.company === "string") company.set(source.applicationId, source);
      // A new application takes its contact from the email that created it; the event does not repeat it.
      if (source.type === "application_created" || "contactEmail" in payload || "contactName" in payload) contact.set(source.applicationId, source);
    } else if ((source.type === "interview_scheduled" && payload.reinstated !== true) || source.type === "interview_moved") {
      if (source.interviewId !== null) time.set(source.interviewId, source);
    }
  }
  const doubts = new Map<number, { company: boolean; contact: boolean; times: Set<number> }>();
  const doubtsOf = (applicationId: number) => {
    let found = doubts.get(applicationId);
    if (!found) doubts.set(applicationId, (found = { company: false, contact: false, times: new Set() }));
    return found;
  };
  for (const [applicationId, source] of company) if (isUnsure(source, ["company"])) doubtsOf(applicationId).company = true;
  for (const [applicationId, source] of contact) if (isUnsure(source, ["contact"])) doubtsOf(applicationId).contact = true;
  // A time read in a guessed zone is only as sure as the zone.
  for (const [interviewId, source] of time) if (isUnsure(source, ["start", "tz"])) doubtsOf(source.applicationId).times.add(interviewId);
  return doubts;
}

function isUnsure(source: DetailSource, fields: readonly ConfidentField[]): boolean {
  return source.setBy === "email" && fields.some((field) => (source.confidence?.[field]?.score ?? 1) < SURE_SCORE);
}

/** An event as stored, with what its source needs of the message it came from. */
export interface StoredDetailEvent {
  applicationId: number | null;
  type: string;
  payload: Record<string, unknown>;
  /** The channel of its message ("forward", "command", "page"). */
  channel: string | null;
  /** The `confidence` of its message's stored reading, as JSON text. */
  confidence: string | null;
  /** The interview its message created: a new interview's event does not name it. */
  createdInterviewId: number | null;
}

/** The source an event is of a detail, or null when it sets none a draft relies on. */
export function toDetailSource(event: StoredDetailEvent): DetailSource | null {
  if (event.applicationId === null || !DETAIL_EVENT_TYPES.includes(event.type)) return null;
  const named = event.payload.interviewId;
  const fromEmail = event.channel === "forward";
  return {
    applicationId: event.applicationId,
    interviewId: typeof named === "number" ? named : event.createdInterviewId,
    type: event.type,
    payload: event.payload,
    setBy: fromEmail ? "email" : "owner",
    confidence: fromEmail ? parseConfidence(event.confidence) : null,
  };
}

/** The scores of a stored reading's `confidence` (JSON text); fields without a numeric score are left out. */
function parseConfidence(json: string | null): DetailSource["confidence"] {
  if (json === null) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const scores: Partial<Record<ConfidentField, { score: number }>> = {};
  for (const field of CONFIDENT_FIELDS) {
    const score = (parsed as Partial<Record<ConfidentField, { score?: unknown }>>)[field]?.score;
    if (typeof score === "number") scores[field] = { score };
  }
  return scores;
}

/** The draft a list of checks is for. */
export interface CheckedDraft {
  recipients: readonly { name: string | null; email: string | null }[];
  dueAt: number;
  /** The interview it is about when the rules name one (a thank-you's); null: the latest before it fell due. */
  interviewId: number | null;
}

/**
 * What to check before sending a draft: the company it names, the contact when the draft goes
 * to them, and the time of the interview it is about, each when the reading doubted it. Each
 * reply holds the value as it stands, so sending it unchanged confirms it. `draftNumber` puts
 * the draft's number in the replies ("contact 2: …"), for a digest with several applications'
 * drafts; null leaves it out, as a reply to one application's mail needs none.
 */
export function listChecks(
  doubts: ApplicationDoubts,
  app: ApplicationRecord,
  draft: CheckedDraft,
  interviews: readonly InterviewRecord[],
  userZone: string,
  draftNumber: number | null,
): DigestCheck[] {
  const checks: DigestCheck[] = [];
  const word = (kind: DoubtedDetail): string => (draftNumber === null ? `${kind}:` : `${kind} ${draftNumber}:`);
  if (doubts.company && app.company) checks.push({ detail: "company", shown: app.company, reply: `${word("company")} ${app.company}` });
  const contactEmail = app.contactEmail?.toLowerCase() ?? null;
  const toContact = draft.recipients.some((r) => (contactEmail !== null ? r.email?.toLowerCase() === contactEmail : app.contactName !== null && r.name === app.contactName));
  if (doubts.contact && toContact) {
    const contact = app.contactName && app.contactEmail ? `${app.contactName} <${app.contactEmail}>` : (app.contactEmail ?? app.contactName ?? "");
    checks.push({ detail: "contact", shown: contact, reply: `${word("contact")} ${contact}` });
  }
  const interview = draft.interviewId !== null ? interviews.find((i) => i.id === draft.interviewId) : findLatestInterview(interviews, draft.dueAt);
  if (interview && doubts.times.has(interview.id)) {
    const time = describeTimeToCheck(interview, userZone);
    if (time) checks.push({ detail: "time", shown: time.shown, reply: `${word("time")} ${time.value}` });
  }
  return checks;
}

/** The question each doubted detail asks, and what a reply corrects it with. */
const DETAIL_WORDS: Readonly<Record<DoubtedDetail, { ask: (shown: string) => string; right: string }>> = {
  company: { ask: (shown) => `Is the company "${shown}"?`, right: "the right name" },
  contact: { ask: (shown) => `Is the contact "${shown}"?`, right: "the right name and address" },
  time: { ask: (shown) => `Is the interview at ${shown}?`, right: "the right time" },
};

/** `Is the company "Acme"? Reply "company 2: Acme" to confirm it, or with the right name.` */
export function describeCheck(check: DigestCheck): string {
  const words = DETAIL_WORDS[check.detail];
  return `${words.ask(check.shown)} Reply "${check.reply}" to confirm it, or with ${words.right}.`;
}

/** The latest scheduled interview that started by `dueAt`: the one a status check or a reply names. */
function findLatestInterview(interviews: readonly InterviewRecord[], dueAt: number): InterviewRecord | undefined {
  let latest: InterviewRecord | undefined;
  for (const i of interviews) {
    if (i.status === "scheduled" && i.startAt !== null && i.startAt <= dueAt && (latest === undefined || i.startAt > latest.startAt!)) latest = i;
  }
  return latest;
}

/**
 * The interview's time as the owner reads it, and as the value of a `time:` reply in its own
 * zone (the user's when it has none). The reply is in the interview's zone, so the time shown
 * leads with that zone's, named, and gives the owner's beside it: "Mon 7 Dec 2026, 13:30
 * Berlin time (04:30 your time)".
 */
function describeTimeToCheck(interview: InterviewRecord, userZone: string): { shown: string; value: string } | null {
  if (interview.startAt !== null) {
    const zone = interview.timeZone && isIanaTimeZone(interview.timeZone) ? interview.timeZone : userZone;
    const theirs = { day: toLocalDate(interview.startAt, zone), clock: describeClock(interview.startAt, zone) };
    const value = `${theirs.day} ${theirs.clock} ${zone}`;
    const mine = { day: toLocalDate(interview.startAt, userZone), clock: describeClock(interview.startAt, userZone) };
    if (zone === userZone || (theirs.day === mine.day && theirs.clock === mine.clock)) return { shown: `${describeDay(mine.day)}, ${mine.clock} your time`, value };
    const yours = theirs.day === mine.day ? mine.clock : `${describeDay(mine.day)}, ${mine.clock}`;
    return { shown: `${describeDay(theirs.day)}, ${theirs.clock} ${describeZonePlace(zone)} time (${yours} your time)`, value };
  }
  const local = interview.startLocal === null ? null : /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(interview.startLocal);
  if (!local) return null;
  return { shown: `${describeDay(local[1]!)}, ${local[2]} your time (the email gave no time zone)`, value: `${local[1]} ${local[2]} ${userZone}` };
}

/**
 * The `time:` reply that confirms a doubted interview time, in its own zone, for the interview
 * cards of the digest (which carry no item number: the reply goes to the email's confirmation).
 */
export function describeTimeToConfirm(interview: InterviewRecord, userZone: string): string | null {
  const time = describeTimeToCheck(interview, userZone);
  return time === null ? null : `time: ${time.value}`;
}

/** "13:30" in `timeZone`. */
function describeClock(instant: number, timeZone: string): string {
  const minute = toLocalMinuteOfDay(instant, timeZone);
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

