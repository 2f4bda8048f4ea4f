/**
 * What the follow-up rules read about one application: its facts, its interviews and its
 * events, plus who the user is. Plain data, built by an adapter from the `applications`,
 * `interviews` and `events` rows (src/db/schema.ts); instants are epoch milliseconds.
 */
import type { Language, PromisedTimeline } from "./understanding.ts";
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
  /** R11: any answer from the employer. */
  | { type: "employer_replied"; at: number; from?: Contact | null; subject?: string | null }
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
