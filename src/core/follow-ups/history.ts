/**
 * What the follow-up rules read about one application (its facts, its interviews and its
 * events, plus who the user is), and `buildHistory`, which builds it from the stored records.
 * Pure; instants are epoch milliseconds. The events table holds what the filing and the
 * commands recorded (src/core/filing/plan.ts, src/core/commands/plan.ts); undone events are
 * left out, so after `undo` the rules see the history as if the change had never happened.
 */
import type { ApplicationRecord, EventRecord, InterviewRecord } from "../applications/records.ts";
import { LANGUAGES, type Language, type PromisedTimeline } from "../understanding/types.ts";
import type { WriterAddressing } from "../understanding/addressing.ts";
import type { Settings } from "./settings.ts";

export interface Contact {
  name: string | null;
  email: string | null;
}

export interface ApplicationFacts {
  id: number;
  company: string | null;
  role: string | null;
  /** The person the user corresponds with (C9). */
  contact: Contact | null;
  /** The language the employer writes in; drafts follow it. */
  language: Language;
  /** The posting asked for no phone calls (C8). */
  noCalls: boolean;
  /** The user's own notes from forwards, newest last (C3). */
  notes: readonly string[];
  /** Subject of the latest employer email, for "Re: …" when no closer one is known. */
  subject: string | null;
  /**
   * The first email filed did not speak of an application (a recruiter's outreach, "Opportunities
   * for skilled machinists"): drafts answer their message and never claim the user applied.
   */
  employerWroteFirst: boolean;
}

export interface InterviewFacts {
  id: number;
  /** Start instant; when null, `startLocal` is read in `timeZone` (or the user's zone). */
  startAt: number | null;
  /** Naive local start ("2026-05-04T10:00:00") when the email gave no zone. */
  startLocal: string | null;
  /** The zone the interview was given in; its date is the one named in drafts (C2). */
  timeZone: string | null;
  durationMin: number | null;
  interviewers: readonly Contact[];
  status: "scheduled" | "cancelled";
  /** Subject of the email that set it up, for the thank-you's "Re: …". */
  subject?: string | null;
}

/** Closing events. "other_candidate_chosen" is a rejection that names a hire (R9, not R8). */
export const CLOSING_STATUSES = ["rejected", "offer", "withdrawn", "other_candidate_chosen"] as const;
export type ClosingStatus = (typeof CLOSING_STATUSES)[number];

/**
 * The events the rules react to. An interview being held is not an event here: it is implied
 * by the interview's end lying before `now`. `at` is when the thing happened (an email's date,
 * a command's arrival); an employer email that promises a timeline is recorded as both
 * `employer_replied` and `timeline_promised` with the same `at`.
 */
export type HistoryEvent =
  | { type: "applied"; at: number }
  /** R2: the employer (or the user's note, "timeline: 2 weeks") gave a response timeline. */
  | { type: "timeline_promised"; at: number; timeline: PromisedTimeline }
  /** The user sent (or dismissed) a planned follow-up; `followUpKey` is `PlannedFollowUp.key`. */
  | { type: "follow_up_sent"; at: number; followUpKey: string; rule: string }
  | { type: "follow_up_skipped"; at: number; followUpKey: string; rule: string }
  /**
   * R11: mail from the employer. A `courtesy` one ("thanks, received", "we'll be in touch")
   * answers nothing: it moves a pending check instead of pausing the nudges.
   */
  | {
      type: "employer_replied";
      at: number;
      from?: Contact | null;
      subject?: string | null;
      courtesy?: boolean;
      /** C9: how the mail's writer addressed the user and signed; absent for mail filed before it was read. */
      addressing?: WriterAddressing;
    }
  | { type: "status_changed"; at: number; status: ClosingStatus; from?: Contact | null; subject?: string | null }
  /** The user re-opened a closed or gone-quiet application (R7). */
  | { type: "user_reopened"; at: number }
  /** R10, user-triggered: a competing offer; `deadline` is a local date "YYYY-MM-DD" when known. */
  | { type: "offer_elsewhere"; at: number; deadline: string | null }
  /** R10, user-triggered: genuinely new relevant information, in the user's words. */
  | { type: "new_information"; at: number; text: string };

export interface ApplicationHistory {
  application: ApplicationFacts;
  interviews: readonly InterviewFacts[];
  events: readonly HistoryEvent[];
}

export interface UserContext {
  /** IANA zone: business days and every due time are in it. */
  timeZone: string;
  /** ISO 3166-1 alpha-2 code for public holidays, or null for weekends only. */
  country: string | null;
  settings: Settings;
}

const CLOSING: ReadonlySet<string> = new Set<ClosingStatus>(["rejected", "offer", "withdrawn", "other_candidate_chosen"]);
/** Event types the commands record in exactly the shape the rules read. */
const PASS_THROUGH: ReadonlySet<string> = new Set(["follow_up_sent", "follow_up_skipped", "employer_replied", "user_reopened", "offer_elsewhere", "new_information"]);

/** A first email that speaks of the user's application or interest: the user applied. Else the employer wrote first. */
const APPLICATION_SUBJECT_RE =
  /\b(?:appl(?:y|ied|ying|ication)s?|interest|bewerb\w*|interesse|candidat\w*|postul\w*|solicitud\w*|inter[ée]s|sollicit\w*|inscri\w*)\b/i;

const numberOr = (value: unknown, fallback: number) => (typeof value === "number" && Number.isFinite(value) ? value : fallback);
const stringOrNull = (value: unknown) => (typeof value === "string" ? value : null);

function toHistoryEvent(record: EventRecord): HistoryEvent | null {
  const p = record.payload;
  const at = numberOr(p.sentAt, record.at);
  switch (record.type) {
    case "application_created":
      return { type: "applied", at };
    case "email_filed":
      // An email from the employer is an answer (R11) when it brings a decision, a step or a date;
      // a generic one is a courtesy. The forward's own date is when they wrote.
      return { type: "employer_replied", at, subject: stringOrNull(p.subject), courtesy: p.kind === "generic", ...toAddressing(p.addressing) };
    case "status_changed":
      return typeof p.to === "string" && CLOSING.has(p.to) ? { type: "status_changed", at, status: p.to as ClosingStatus, subject: stringOrNull(p.subject) } : null;
    case "timeline_promised":
      return { type: "timeline_promised", at, timeline: p.timeline as PromisedTimeline };
    default:
      return PASS_THROUGH.has(record.type) ? ({ ...p, type: record.type, at: record.at } as HistoryEvent) : null;
  }
}

const FORMALITIES: ReadonlySet<unknown> = new Set(["formal", "polite", "informal"]);
const TITLES: ReadonlySet<unknown> = new Set(["ms", "mr"]);

/** A stored email's addressing (src/core/understanding/addressing.ts), field by field: stored JSON is not trusted to have its shape. */
function toAddressing(value: unknown): { addressing?: WriterAddressing } {
  if (typeof value !== "object" || value === null) return {};
  const v = value as Record<string, unknown>;
  const addressing: WriterAddressing = {
    email: stringOrNull(v.email),
    name: stringOrNull(v.name),
    signedAs: stringOrNull(v.signedAs),
    familyName: stringOrNull(v.familyName),
    title: TITLES.has(v.title) ? (v.title as WriterAddressing["title"]) : null,
    formality: FORMALITIES.has(v.formality) ? (v.formality as WriterAddressing["formality"]) : null,
  };
  return addressing.email === null ? {} : { addressing };
}

/** One pass over the events: the rules engine builds a history for every open application each morning. */
export function buildHistory(app: ApplicationRecord, interviews: readonly InterviewRecord[], events: readonly EventRecord[]): ApplicationHistory {
  const history: HistoryEvent[] = [];
  let subject: string | null = null;
  let firstSubject: string | null | undefined;
  for (const record of events) {
    if (record.undoneAt !== null) continue;
    if (record.type === "application_created") firstSubject = stringOrNull(record.payload.subject);
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
      employerWroteFirst: firstSubject !== undefined && !APPLICATION_SUBJECT_RE.test(firstSubject ?? ""),
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
