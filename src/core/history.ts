/**
 * Builds the rules engine's input from stored rows. Pure. The events table holds what the
 * filing and the commands recorded (src/core/filing.ts, src/core/command-plan.ts); this maps
 * them to the events the rules read. Undone events are left out: after `undo` the rules see
 * the history as if the change had never happened.
 */
import type { ApplicationHistory, ClosingStatus, HistoryEvent, InterviewFacts } from "./application-history.ts";
import type { ApplicationStatus } from "./application-status.ts";
import { LANGUAGES, type Language, type PromisedTimeline } from "./understanding.ts";

export interface ApplicationRecord {
  id: number;
  company: string | null;
  role: string | null;
  status: ApplicationStatus;
  contactName: string | null;
  contactEmail: string | null;
  language: string;
  noCalls: boolean;
  notes: readonly string[];
  promisedTimeline: PromisedTimeline | null;
}

export interface InterviewRecord {
  id: number;
  startAt: number | null;
  startLocal: string | null;
  timeZone: string | null;
  durationMin: number | null;
  interviewers: readonly { name: string | null; email: string | null }[];
  status: "scheduled" | "cancelled";
  subject: string | null;
  format: "phone" | "video" | "onsite" | null;
  meetingUrl: string | null;
}

export interface EventRecord {
  type: string;
  payload: Record<string, unknown>;
  at: number;
  undoneAt: number | null;
}

/** The fields of an application the core reads, picked from a stored row (in D1 or in memory). */
export function pickApplicationRecord(a: ApplicationRecord): ApplicationRecord {
  return {
    id: a.id,
    company: a.company,
    role: a.role,
    status: a.status,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    language: a.language,
    noCalls: a.noCalls,
    notes: [...a.notes],
    promisedTimeline: a.promisedTimeline,
  };
}

const CLOSING: ReadonlySet<string> = new Set<ClosingStatus>(["rejected", "offer", "withdrawn", "other_candidate_chosen"]);
/** Event types the commands record in exactly the shape the rules read. */
const PASS_THROUGH: ReadonlySet<string> = new Set(["follow_up_sent", "follow_up_skipped", "employer_replied", "user_reopened", "offer_elsewhere", "new_information"]);

const numberOr = (value: unknown, fallback: number) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);
const stringOrNull = (value: unknown) => (typeof value === "string" ? value : null);

function toHistoryEvent(record: EventRecord): HistoryEvent | null {
  const p = record.payload;
  const at = numberOr(p.sentAt, record.at);
  switch (record.type) {
    case "application_created":
      return { type: "applied", at };
    case "email_filed":
      // Any email from the employer is an answer (R11); the forward's own date is when they wrote.
      return { type: "employer_replied", at, subject: stringOrNull(p.subject) };
    case "status_changed":
      return typeof p.to === "string" && CLOSING.has(p.to) ? { type: "status_changed", at, status: p.to as ClosingStatus, subject: stringOrNull(p.subject) } : null;
    case "timeline_promised":
      return { type: "timeline_promised", at, timeline: p.timeline as PromisedTimeline };
    default:
      return PASS_THROUGH.has(record.type) ? ({ ...p, type: record.type, at: record.at } as HistoryEvent) : null;
  }
}

/** One pass over the events: the rules engine builds a history for every open application each morning. */
export function buildHistory(app: ApplicationRecord, interviews: readonly InterviewRecord[], events: readonly EventRecord[]): ApplicationHistory {
  const history: HistoryEvent[] = [];
  let subject: string | null = null;
  for (const record of events) {
    if (record.undoneAt !== null) continue;
    if (record.type === "email_filed") subject = stringOrNull(record.payload.subject) ?? subject;
    const event = toHistoryEvent(record);
    if (event) history.push(event);
  }
  const language = (LANGUAGES as readonly string[]).includes(app.language) ? (app.language as Language) : "en";
  return {
    application: {
      id: app.id,
      company: app.company,
      role: app.role,
      contact: app.contactName || app.contactEmail ? { name: app.contactName, email: app.contactEmail } : null,
      language,
      noCalls: app.noCalls,
      notes: app.notes,
      subject,
    },
    interviews: interviews.map(
      (i): InterviewFacts => ({
        id: i.id,
        startAt: i.startAt,
        startLocal: i.startLocal,
        timeZone: i.timeZone,
        durationMin: i.durationMin,
        interviewers: i.interviewers,
        status: i.status,
        subject: i.subject,
      }),
    ),
    events: history,
  };
}
