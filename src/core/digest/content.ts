/**
 * What one morning digest says, as plain data: the adapter (src/cron/digest-job.ts) gathers it
 * from D1 and the rules engine, `renderDigest` (src/core/digest/render.ts) turns it into text and HTML.
 * Every string here may come from an inbound email and is untrusted.
 */
import type { FunnelFigures } from "../applications/funnel.ts";
import type { DigestCheck } from "./doubts.ts";

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
  /** When the reading was unsure of the time (a guessed zone) and the owner has not confirmed it: the reply that confirms it. */
  timeToConfirm?: string;
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
  /** Details the draft relies on that I was not sure of: while any is left, the draft is not ready. */
  checks: DigestCheck[];
}

/** A detail to check before sending, and the reply that settles it. */

/** The weekly look back: the past seven days and the whole search up to the same midnight. */
export interface DigestLookBack {
  /** Local dates of the first and last day of the past seven days. */
  firstDay: string;
  lastDay: string;
  week: FunnelFigures;
  total: FunnelFigures;
}

export interface DigestWaiting {
  company: string | null;
  role: string | null;
  /** Local date (YYYY-MM-DD) of the next check-in, when one is planned. */
  nextCheck: string | null;
  /** Local date (YYYY-MM-DD) they said they would answer by, when they gave one. */
  promisedBy: string | null;
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
  /** Interviews after today up to the end of the next digest day: tomorrow's, or after a Friday with weekday digests, up to Monday's. */
  upcoming: DigestInterview[];
  /** The last local date `upcoming` covers. */
  upcomingUntil: string;
  drafts: DigestDraft[];
  /** Drafts also due but left for the next digests, so one digest stays readable and small. */
  moreDrafts: number;
  waiting: DigestWaiting[];
  goneQuiet: DigestGoneQuiet[];
  /** Local dates of earlier digests that could not be delivered. */
  undelivered: string[];
  /** On the first digest of the week; null on the others. */
  lookBack: DigestLookBack | null;
  /** Where replies go: the assistant's token address (assistant+TOKEN@domain). */
  replyAddress: string;
}

export interface RenderedDigest {
  subject: string;
  text: string;
  html: string;
}
