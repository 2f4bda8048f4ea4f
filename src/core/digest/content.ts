/**
 * What one morning digest says, as plain data: the adapter (src/cron/digest-job.ts) gathers it
 * from D1 and the rules engine, `renderDigest` (src/core/digest/render.ts) turns it into text and HTML.
 * Every string here may come from an inbound email and is untrusted.
 */

export interface DigestPerson {
  name: string | null;
  email: string | null;
}

export interface DigestInterview {
  /** Epoch ms of the start, or null when only a naive local time is known. */
  startAt: number | null;
  startLocal: string | null;
  /** The interview's own zone, when known and different from the user's. */
  timeZone: string | null;
  durationMin: number | null;
  company: string | null;
  role: string | null;
  interviewers: DigestPerson[];
  format: "phone" | "video" | "onsite" | null;
  meetingUrl: string | null;
}

export interface DigestDraft {
  /** 1..N, the number the user types in `done N`. */
  number: number;
  /** Rule id, e.g. "R1". */
  rule: string;
  company: string | null;
  role: string | null;
  to: DigestPerson[];
  subject: string;
  body: string;
  /** Clearly marked placeholders in the body the user must fill before sending (C10). */
  placeholders: string[];
  dueAt: number;
  /** Past its latest useful time (R1 after 48 h): still shown, marked late. */
  late: boolean;
  /** A thank-you for an interview still to end: not to be sent before this instant, its end. */
  sendAfter?: number;
}

export interface DigestWaiting {
  company: string | null;
  role: string | null;
  /** Local date (YYYY-MM-DD) of the next check-in, when one is planned. */
  nextCheck: string | null;
  /** What they promised, in their words, when they did. */
  promised: string | null;
}

export interface DigestGoneQuiet {
  company: string | null;
  role: string | null;
  lastHeard: string | null;
  suggestion: string;
}

export interface DigestContent {
  /** The user's local date this digest is for (YYYY-MM-DD). */
  localDate: string;
  timeZone: string;
  interviews: DigestInterview[];
  drafts: DigestDraft[];
  /** Drafts also due but left for the next digests, so one digest stays readable and small. */
  moreDrafts: number;
  waiting: DigestWaiting[];
  goneQuiet: DigestGoneQuiet[];
  /** Local dates of earlier digests that could not be delivered. */
  undelivered: string[];
  /** Where replies go: the assistant's token address (assistant+TOKEN@domain). */
  replyAddress: string;
}

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}
