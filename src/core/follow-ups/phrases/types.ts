/**
 * The shape of a language's draft phrasings (phrases/en.ts, de.ts, fr.ts, es.ts). Pure types.
 *
 * Every slot offers at least three phrasings so that a week of drafts does not read like a
 * form letter; src/core/follow-ups/drafts.ts picks one per slot deterministically. Phrases never invent
 * a detail: facts arrive already formatted, and anything unknown arrives as a marked
 * placeholder. French and Spanish phrasings avoid adjectives and participles that agree with
 * the writer's gender ("ravi/ravie", "interesado/a"), which the assistant does not know.
 *
 * Greetings and sign-offs mirror the reader (C9): the name they signed with, and the register
 * of their own mail. A courtesy title ("Frau", "Ms", "Sra.") is used only when their mail shows
 * it, never guessed from a first name. A day close to the send day is said as a native writer
 * would ("today", "gestern", "hier", the bare weekday within the week); English dates follow the
 * reader's order ("March 13" in North America, "13 March" elsewhere). `dayDistance` and
 * `givenNameOf` are the pure helpers here.
 */
import { addCalendarDays, type LocalDate } from "../../time/business-days.ts";

/** Languages drafts are written in; Dutch, Portuguese and the rest are drafted in English. */
export type DraftLanguage = "en" | "de" | "fr" | "es";

export interface PhraseFacts {
  /** The position title, or its placeholder. */
  role: string;
  company: string | null;
  /**
   * The day the draft refers to (the interview; the application for R5), formatted, or its
   * placeholder. With `dateIs` "this_week" it is the weekday alone ("Friday"); with "today" or
   * "yesterday" the phrases say that instead and do not use it.
   */
  date: string;
  /** How far `date` lies before the send day; absent or "earlier" when unknown, far, or a placeholder. */
  dateIs?: DayDistance;
  /** The competing offer's deadline (R10), formatted, or its placeholder. */
  deadline: string;
  /** The interviewers named without an address, joined ("Sam Ortiz and Priya Rao"), for a thank-you passed on (C9); else null. */
  interviewers: string | null;
}

export type Line = (facts: PhraseFacts) => string;

/** Where a past day stands from the day the draft is sent: "this_week" is 2 to 6 days before. */
export type DayDistance = "today" | "yesterday" | "this_week" | "earlier";

/**
 * The register of the reader's own mail to the candidate, mirrored in the greeting and the
 * sign-off (C9): "formal" ("Dear Ms Okonkwo", "Sehr geehrte Frau Okonkwo", "Madame,", "Estimada
 * Sra. Okonkwo"), "polite" (surname, lighter: "Hallo Frau Okonkwo", "Bonjour Madame Okonkwo"),
 * "informal" (first names: "Hi Ada", "Hallo Ada", "Bonjour Ada", "Hola, Ada").
 */
export type Formality = "formal" | "polite" | "informal";

/** What the reader's own mail shows about addressing them, beyond the name. All optional. */
export interface Addressing {
  /** The name they signed with ("Dana", "Katrin Vogel"): greeted by it rather than by the header's full name. */
  signedAs?: string | null;
  /** Their family name for "Ms Whitfield" / "Frau von Berg"; else all after the first word of the name. */
  familyName?: string | null;
  /** Courtesy title, only when their mail shows it ("Frau Katrin Vogel", "Ms. Dana Whitfield", "Sra. …"). */
  title?: "ms" | "mr" | null;
  formality?: Formality | null;
  /** The reader writes North American English: "Ms." with a period (English only). */
  northAmerican?: boolean;
}

/** How to write a full date for the reader. */
export interface DateStyle {
  /** Month first ("Friday, March 13"): North American readers. English only; the other languages have one order. */
  monthFirst?: boolean;
}

/** Where `day` stands from `sendDay` (both on the reader's calendar); "earlier" when either is unknown or `day` is later. */
export function dayDistance(day: LocalDate | null, sendDay: LocalDate | null | undefined): DayDistance {
  if (day === null || !sendDay) return "earlier";
  if (day === sendDay) return "today";
  if (addCalendarDays(day, 1) === sendDay) return "yesterday";
  for (let back = 2; back <= 6; back++) if (addCalendarDays(day, back) === sendDay) return "this_week";
  return "earlier";
}

/**
 * The name to greet someone by first name (C9): the name they signed with when it is shorter
 * than their full name ("Dana", "Mary Ann" of Mary Ann Lee), else its first word ("Elena" of a
 * signed "Elena Vidal").
 */
export function givenNameOf(name: string, how: Addressing): string {
  const signed = how.signedAs?.trim();
  if (signed && signed.split(/\s+/).length < name.trim().split(/\s+/).length) return signed;
  const full = signed || name.trim();
  return full.split(/\s+/)[0] ?? full;
}

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
  /** C9: by the name they signed with, at the register of their mail; neutral when the name is unknown. */
  greeting(name: string | null, addressing?: Addressing): string;
  /** C9: the greeting to a team or department mailbox (careers@, personal@) with no person's name. */
  teamGreeting: string;
  /** Sign-offs when the reader's register is unknown. */
  signOffs: readonly string[];
  /** C9: sign-offs matching the reader's register (a formal German mail gets only "Mit freundlichen Grüßen"). */
  signOffsFor(formality: Formality | null | undefined): readonly string[];
  /** The full date ("Friday, 13 March"; "Freitag, 13. März"; "vendredi 13 mars"; "viernes 13 de marzo"). */
  formatDate(day: LocalDate, style?: DateStyle): string;
  /** The weekday alone, for a day in the past week ("Friday"; "Freitag"; "vendredi"; "viernes"). */
  formatWeekday(day: LocalDate): string;
  /** C3: frames the user's own note, inserted verbatim. */
  notePoints: readonly ((note: string) => string)[];
  /** C3: the same sentence around a placeholder when there is no note. */
  placeholderPoints: readonly ((placeholder: string) => string)[];
  /** Extra closing questions that mention a call; offered only when calls are welcome (C8). */
  callQuestions: readonly Line[];
  thankYou: KindPhrases;
  /** C6: update leads end with a colon; the user's something new (a result, an idea, an article), or its optional placeholder, follows. */
  statusCheck: KindPhrases & { updateLeads: readonly Line[] };
  secondFollowUp: KindPhrases;
  applicationCheck: KindPhrases;
  applicationSecondCheck: KindPhrases;
  rejectionReply: KindPhrases & { openingsWithoutDate: readonly Line[]; feedbackQuestions: readonly Line[] };
  lastNoteAfterHire: KindPhrases;
  /** R9 after silence: still interested, with something new to add; never withdraws. Update leads end with a colon: the news (or its placeholder) follows. */
  lastNoteAfterSilence: KindPhrases & { updateLeads: readonly Line[] };
  /** C9: a thank-you through the coordinator when the interviewers' addresses are unknown: pass it on, or share the addresses. */
  thankYouViaCoordinator: KindPhrases;
  /** R1 after the candidate withdrew: thanks for the time, without restating interest or asking about next steps. */
  thankYouAfterWithdrawal: KindPhrases;
  /** R5 when the employer wrote first (a recruiter's outreach): an answer to their message, not a chase of an application. */
  conversation: KindPhrases;
  offerElsewhere: KindPhrases;
  /** Openings end with a colon: the user's own update follows verbatim. */
  newInformation: KindPhrases & { openingsWithoutDate: readonly Line[] };
}
