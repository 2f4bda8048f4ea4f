/**
 * The shape of a language's draft phrasings (phrases/en.ts, de.ts, fr.ts, es.ts). Pure types.
 *
 * Every slot offers at least three phrasings so that a week of drafts does not read like a
 * form letter; src/core/follow-ups/drafts.ts picks one per slot deterministically. Phrases never invent
 * a detail: facts arrive already formatted, and anything unknown arrives as a marked
 * placeholder. French and Spanish phrasings avoid adjectives and participles that agree with
 * the writer's gender ("ravi/ravie", "interesado/a"), which the assistant does not know.
 */
import type { LocalDate } from "../../time/business-days.ts";

/** Languages drafts are written in; Dutch, Portuguese and the rest are drafted in English. */
export type DraftLanguage = "en" | "de" | "fr" | "es";

export interface PhraseFacts {
  /** The position title, or its placeholder. */
  role: string;
  company: string | null;
  /** The day the draft refers to (the interview; the application for R5), formatted, or its placeholder. */
  date: string;
  /** The competing offer's deadline (R10), formatted, or its placeholder. */
  deadline: string;
}

export type Line = (facts: PhraseFacts) => string;

/** One kind of message: a subject and, per slot, interchangeable phrasings. */
export interface KindPhrases {
  subject: Line;
  openings: readonly Line[];
  /** C4: interest and fit in one line (for R8/R9 the door left open, for R10 the preference). */
  interests: readonly Line[];
  /** C5: the closing question. */
  questions: readonly Line[];
}

export interface DraftPhrases {
  greeting(name: string | null): string;
  signOffs: readonly string[];
  formatDate(day: LocalDate): string;
  /** C3: frames the user's own note, inserted verbatim. */
  notePoints: readonly ((note: string) => string)[];
  /** C3: the same sentence around a placeholder when there is no note. */
  placeholderPoints: readonly ((placeholder: string) => string)[];
  /** Extra closing questions that mention a call; offered only when calls are welcome (C8). */
  callQuestions: readonly Line[];
  thankYou: KindPhrases;
  statusCheck: KindPhrases;
  secondFollowUp: KindPhrases;
  applicationCheck: KindPhrases;
  applicationSecondCheck: KindPhrases;
  rejectionReply: KindPhrases & { openingsWithoutDate: readonly Line[]; feedbackQuestions: readonly Line[] };
  lastNoteAfterHire: KindPhrases;
  lastNoteAfterSilence: KindPhrases;
  offerElsewhere: KindPhrases;
  /** Openings end with a colon: the user's own update follows verbatim. */
  newInformation: KindPhrases & { openingsWithoutDate: readonly Line[] };
}
