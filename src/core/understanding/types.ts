/**
 * What the assistant understood from one forwarded email. Pure data: produced by
 * `understandEmail` (src/core/understanding/understand.ts), stored as JSON with the inbound message, and
 * read by filing, confirmation and the follow-up rules. A field the email does not state is
 * null; nothing here is invented.
 */

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
}

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
  /** The person to follow up with; never a no-reply or team mailbox without a person. */
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
}
