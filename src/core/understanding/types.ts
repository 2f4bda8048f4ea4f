/**
 * What the assistant understood from one forwarded email. Pure data: produced by
 * `understandEmail` (src/core/understanding/understand.ts), stored as JSON with the inbound message, and
 * read by filing, confirmation and the follow-up rules. A field the email does not state is
 * null; nothing here is invented.
 */

import type { WriterAddressing } from "./addressing.ts";

export const EMAIL_KINDS = [
  "invitation",
  "scheduling_confirmation",
  "reschedule",
  "cancellation",
  "rejection",
  "offer",
  "next_round",
  "generic",
] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const INTERVIEW_FORMATS = ["phone", "video", "onsite"] as const;
export type InterviewFormat = (typeof INTERVIEW_FORMATS)[number];

export const TIMELINE_UNITS = ["hours", "days", "business_days", "weeks", "months"] as const;
export type TimelineUnit = (typeof TIMELINE_UNITS)[number];

/** Languages the assistant reads; anything else is "other" and drafts fall back to English. */
export const LANGUAGES = ["en", "de", "fr", "es", "nl", "pt", "other"] as const;
export type Language = (typeof LANGUAGES)[number];

export interface Person {
  name: string | null;
  email: string | null;
}

/**
 * The employer's promise to get back (R2). `amount`/`unit` are null for vague words
 * ("shortly", "prochainement"); `by` is the resulting local date (YYYY-MM-DD) when it can be
 * computed from the original send date, counting "N days" as business days.
 */
export interface PromisedTimeline {
  amount: number | null;
  unit: TimelineUnit | null;
  text: string;
  by: string | null;
  rangeMin?: number;
  /**
   * The employer invited a check-in rather than promised an answer ("you can follow up with me
   * in two weeks", "feel free to check in after March 20"): `by` is the first day it may go.
   */
  checkIn?: true;
}

/** Fields whose reading carries a confidence; the confirmation asks the owner about the unsure ones. */
export const CONFIDENT_FIELDS = ["kind", "company", "role", "contact", "start", "tz", "format", "meetingUrl"] as const;
export type ConfidentField = (typeof CONFIDENT_FIELDS)[number];

/**
 * How sure the reader is of one field, and why. `score` runs from 0 to 1: at SURE_SCORE or
 * above the value is stated plainly; below it the confirmation says it is unsure and how to
 * correct it; a candidate below ABSTAIN_SCORE is not kept (the field is null, and the entry
 * says what was seen). `evidence` holds short phrases for `--explain` and the owner, such as
 * "sender domain acme.example" or "zone guessed from the city Denver"; no logic reads them.
 */
export interface FieldConfidence {
  score: number;
  evidence: string[];
}

export const SURE_SCORE = 0.7;
export const ABSTAIN_SCORE = 0.35;

export interface CalendarSummary {
  method: "REQUEST" | "CANCEL" | "PUBLISH" | "REPLY" | "OTHER" | null;
  uid: string | null;
  sequence: number | null;
}

export interface Understanding {
  kind: EmailKind;
  /** False when nothing in the email is about a job or an interview: stored, nothing filed. */
  isJobRelated: boolean;
  language: Language;
  company: string | null;
  role: string | null;
  /**
   * Who to follow up with: a person (name, and their address when known), else the employer's
   * repliable team mailbox (careers@, personal@) with no name. Never a no-reply or notification
   * address, nor a platform's service address.
   */
  contact: Person | null;
  interviewers: Person[];
  /** Interview start, ISO 8601 with offset; for a reschedule the new time, for a cancellation the cancelled slot. */
  start: string | null;
  /** IANA zone of `start` when it can be determined. */
  tz: string | null;
  /** Naive local start ("2026-05-04T10:00:00") when the email gives a time but no zone. */
  startLocal: string | null;
  /** Other proposed slots (ISO with offset, or naive local when no zone is known). */
  proposedSlots: string[];
  previousStart: string | null;
  durationMin: number | null;
  format: InterviewFormat | null;
  meetingUrl: string | null;
  schedulingUrl: string | null;
  promisedTimeline: PromisedTimeline | null;
  /** The posting or recruiter asked for no phone calls (C8). */
  noCalls: boolean;
  calendar: CalendarSummary | null;
  /**
   * Per field, how sure the reading is. A field without an entry was read with nothing to
   * doubt (a calendar time, a labelled value) or not read at all. Absent in understandings
   * stored before confidence was kept: read it as "no doubts recorded".
   */
  confidence?: Partial<Record<ConfidentField, FieldConfidence>>;
  /** C9: how the writer greeted the candidate and signed (addressing.ts). Absent in understandings stored before it was read. */
  addressing?: WriterAddressing | null;
}
