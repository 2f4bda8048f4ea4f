/**
 * Ready-to-send follow-up drafts (C1–C10). Pure: the same request always gives the same draft.
 *
 * A draft is a greeting, at most two short paragraphs and a sign-off (C1; second follow-ups
 * are one paragraph, C1/R6). It names the position and the date (C2), uses the point the user
 * marked for the drafts (`point:` in a note) or else a listed placeholder, never an invented
 * detail and never the rest of a note, which is private (C3), states interest in one line (C4),
 * ends with a question (C5), offers a call only when the posting did not ask for none (C8) and
 * greets the recipient by name when known, a team mailbox as a team (C9). It claims only what
 * the history shows: an answer to an employer who wrote first is not a chase of an application.
 * Phrasings are chosen per slot by a hash of `seed`, so drafts vary without randomness.
 *
 * A draft is "ready" only with a recipient, the user's signature and no placeholder left (C10);
 * a missing signature is a listed placeholder under the sign-off.
 *
 * Every draft passes `checkTone` (C7, C10). The check runs on the draft with the employer's own
 * names masked (a company called "Urgent Care" is not pushy); the user's free text (note,
 * update) is checked on its own and replaced by a placeholder when it would fail.
 *
 * Every name, title, note and subject may come from an inbound email: hidden controls (bidi
 * overrides, zero-width characters) are stripped from each on the way in, a subject's raw
 * encoded words are decoded, and a text carrying a script URL (`javascript:` and the like) is
 * never quoted, so nothing in a draft can read differently from what it sends or carry a trick
 * to the employer under the owner's name.
 */
import type { LocalDate } from "../time/business-days.ts";
import { getDraftPhrases, toDraftLanguage } from "./phrases.ts";
import { type Addressing, type DraftLanguage, type DraftPhrases, type KindPhrases, type Line, type PhraseFacts, dayDistance } from "./phrases/types.ts";
import { readsMonthFirst } from "./phrases/en.ts";
import { checkTone } from "./tone-check.ts";
import type { Language } from "../understanding/types.ts";
import { decodeEncodedWords, stripHiddenControls } from "../text/untrusted.ts";
import { readMarkedPoints } from "../applications/notes.ts";

export const DRAFT_KINDS = [
  "thank_you",
  /** C9: the interviewers' addresses are unknown; the coordinator is asked to pass the thanks on. */
  "thank_you_via_coordinator",
  /** R1 after the user withdrew: thanks without restating interest. */
  "thank_you_after_withdrawal",
  "status_check",
  "second_follow_up",
  "application_check",
  "application_second_check",
  "rejection_reply",
  "last_note_after_hire",
  "last_note_after_silence",
  "offer_elsewhere",
  "new_information",
] as const;
export type DraftKind = (typeof DRAFT_KINDS)[number];

/** The marked placeholders a draft may contain; each one present is listed in `Draft.placeholders`. */
export const PLACEHOLDERS = {
  point: "[ONE THING YOU DISCUSSED]",
  role: "[POSITION TITLE]",
  interviewDate: "[INTERVIEW DATE]",
  applicationDate: "[APPLICATION DATE]",
  deadline: "[OFFER DEADLINE]",
  update: "[WHAT IS NEW]",
  /** C6: a status check's optional addition; the user fills it or deletes the sentence. */
  addition: "[OPTIONAL – SOMETHING NEW: A RESULT, AN IDEA, AN ARTICLE]",
  signature: "[YOUR NAME]",
} as const;
const ALL_PLACEHOLDERS: readonly string[] = Object.values(PLACEHOLDERS);

/** Notes longer than this are the user's own memo, not a line for an email. */
const MAX_NOTE_CHARS = 280;
/** Employer-given names and titles are cut to this; longer values are not a title. */
const MAX_FACT_CHARS = 120;
const MAX_SUBJECT_CHARS = 200;

/**
 * A shared mailbox of the employer's hiring team (careers@, jobs@, personal@, rrhh@): a valid
 * recipient, greeted as a team when no person's name comes with it (C9).
 */
const TEAM_MAILBOX_RE =
  /^(?:careers?|jobs?|hiring|recruit\w*|talent\w*|hr|people|humanresources|personal\w*|bewerbung\w*|karriere|jobs?-\w+|rrhh|empleo\w*|seleccion|selección|recrutement|emploi|carrieres?|candidatures?|vacatures?|werving|vagas|recrutamento)$/i;
/** A subject that is a calendar's event title ("Invitation: Interview @ Tue Apr 28, 2026 11am - 11:45am (EDT)"): never a reply subject. */
const CALENDAR_SUBJECT_RE =
  /^(?:(?:updated |new )?invitation(?: mise à jour)?|einladung|aktualisierte einladung|invitación(?: actualizada)?|accepted|angenommen|aceptado|accepté|declined|event|termin)\s*:|\s@\s.*\d(?::\d\d)?\s*(?:am|pm)?\b.*\(/i;
/** Kinds that start a fresh message with their own clean subject: a thank-you is not a reply to a calendar invitation. */
const OWN_SUBJECT_KINDS: ReadonlySet<DraftKind> = new Set(["thank_you", "thank_you_via_coordinator", "thank_you_after_withdrawal"]);
const AND_WORDS: Record<DraftLanguage, string> = { en: "and", de: "und", fr: "et", es: "y" };
/** A URL that runs script when opened (`javascript:`, `vbscript:`, a `data:` document): never quoted in a draft. */
const SCRIPT_URL_RE = /\b(?:java|vb|live)script\s*:|\bdata\s*:\s*[\w.+-]+\/[\w.+-]+\s*[;,]/i;
const REPLY_PREFIX_RE = /^(?:(?:re|aw|sv|antw|rif|r|fw|fwd|wg|tr|rv|enc|réf)\s*(?:\[\d+\])?\s*:\s*)+/i;

export interface DraftRequest {
  kind: DraftKind;
  /** The employer's language; German, French and Spanish are drafted as such, all else in English. */
  language: Language;
  /** Chooses among phrasings; the follow-up's stable key, so a recomputed draft reads the same. */
  seed: string;
  recipientName: string | null;
  /** The address the draft goes to; without one it is never ready, and a team mailbox is greeted as a team. */
  recipientEmail: string | null;
  /** C9: interviewers named without an address, whose thanks the coordinator is asked to pass on. */
  interviewerNames: readonly string[];
  /** The employer wrote first (a recruiter's outreach, not an acknowledged application): R5 answers their message. */
  employerWroteFirst: boolean;
  role: string | null;
  company: string | null;
  /** The interview day (in the interview's zone) or, for R5, the application day. */
  date: LocalDate | null;
  /** The point the user marked for the drafts (C3); see `pickPoint`. Nothing else of a note is ever quoted. */
  point: string | null;
  noCalls: boolean;
  /** The subject of the email this answers, for "Re: …". */
  originalSubject: string | null;
  /** R8: ask for feedback. */
  requestFeedback: boolean;
  /** The user's name under the sign-off; a listed placeholder when not set. */
  signature: string | null;
  /** R10: the competing offer's deadline. */
  deadline: LocalDate | null;
  /** R10: the user's update, quoted verbatim. */
  update: string | null;
  /** C9: how the recipient's own mail addressed the user and how they signed it; the greeting and sign-off mirror it. */
  addressing?: Addressing;
  /** The day the draft goes out, on the reader's calendar: a day this close is said as "today", "yesterday" or its weekday. */
  sendDay?: LocalDate | null;
  /** Where the reader is (ISO country, else the interview's zone): English dates are month first in North America. */
  readerCountry?: string | null;
  readerTimeZone?: string | null;
}

export interface Draft {
  language: DraftLanguage;
  subject: string;
  body: string;
  /** Listed placeholders the user must fill before sending. */
  placeholders: string[];
  /** "ready" to send as is, or "needs_input" while placeholders remain or no recipient is known. */
  verdict: "ready" | "needs_input";
}

export function draftFollowUp(request: DraftRequest): Draft {
  const language = toDraftLanguage(request.language);
  const phrases = getDraftPhrases(language);
  const note = request.point === null ? null : toQuotable(request.point, language);
  const update = request.update === null ? null : toQuotable(request.update, language);
  const role = cleanFact(request.role);
  const company = cleanFact(request.company);
  const name = cleanName(request.recipientName);
  const signature = cleanFact(request.signature) ?? PLACEHOLDERS.signature;
  const interviewerNames = request.interviewerNames.flatMap((n) => cleanName(n) ?? []);
  const monthFirst = readsMonthFirst(request.readerCountry, request.readerTimeZone);
  // The name they signed with came from their mail like any other name: cleaned the same way.
  const addressing: Addressing = {
    ...request.addressing,
    signedAs: cleanName(request.addressing?.signedAs ?? null),
    familyName: cleanName(request.addressing?.familyName ?? null),
    northAmerican: monthFirst,
  };
  const dateIs = dayDistance(request.date, request.sendDay);
  const greeting = name !== null ? phrases.greeting(name, addressing) : isTeamMailbox(request.recipientEmail) ? phrases.teamGreeting : phrases.greeting(null);
  const datePlaceholder = request.kind.startsWith("application") ? PLACEHOLDERS.applicationDate : PLACEHOLDERS.interviewDate;

  const facts: PhraseFacts = {
    role: role ?? PLACEHOLDERS.role,
    company,
    date: request.date === null ? datePlaceholder : dateIs === "this_week" ? phrases.formatWeekday(request.date) : phrases.formatDate(request.date, { monthFirst }),
    dateIs,
    deadline: request.deadline === null ? PLACEHOLDERS.deadline : phrases.formatDate(request.deadline, { monthFirst }),
    interviewers: interviewerNames.length === 0 ? null : joinNames(interviewerNames, AND_WORDS[language]),
  };
  const compose = (f: PhraseFacts, greet: string, sign: string, n: string | null, u: string | null) =>
    composeDraft(phrases, request, f, { greeting: greet, signature: sign, note: n, update: u, hasDate: request.date !== null });

  const real = compose(facts, greeting, signature, note, update);
  const subject = isReplySubject(request) ? replySubject(request.originalSubject) : real.subject;

  // The employer's names and the user's own texts are not the assistant's phrasing: mask them
  // so the check judges what the assistant wrote (the texts were checked on their own).
  const masked = compose(
    {
      ...facts,
      role: role === null ? PLACEHOLDERS.role : "Role",
      company: company === null ? null : "Company",
      interviewers: facts.interviewers === null ? null : "Name",
    },
    name === null ? greeting : phrases.greeting("Name", { ...addressing, signedAs: addressing.signedAs ? "Name" : null, familyName: "Name" }),
    signature === PLACEHOLDERS.signature ? signature : "Signature",
    note === null ? null : "Note.",
    update === null ? null : "Update.",
  );
  const check = checkTone(`${masked.subject}\n${masked.body}`, language, { placeholders: ALL_PLACEHOLDERS, noCalls: request.noCalls });
  if (check.verdict === "rejected") {
    throw new Error(`draft phrasing failed the tone check: ${JSON.stringify(check.problems)}`);
  }
  const placeholders = ALL_PLACEHOLDERS.filter((p) => real.body.includes(p) || subject.includes(p));
  const ready = placeholders.length === 0 && request.recipientEmail !== null;
  return { language, subject, body: real.body, placeholders, verdict: ready ? "ready" : "needs_input" };
}

/**
 * The point to recall (C3): the newest line the user marked with `point:` in a note. A note
 * without one is private, whatever it says.
 */
export function pickPoint(notes: readonly string[]): string | null {
  for (let i = notes.length - 1; i >= 0; i--) {
    const point = readMarkedPoints(notes[i] ?? "").at(-1);
    if (point !== undefined) return point;
  }
  return null;
}

interface Inserts {
  greeting: string;
  signature: string;
  note: string | null;
  update: string | null;
  hasDate: boolean;
}

function composeDraft(
  phrases: DraftPhrases,
  request: DraftRequest,
  facts: PhraseFacts,
  inserts: Inserts,
): { subject: string; body: string } {
  const choose = <T>(slot: string, options: readonly T[]): T => pickVariant(options, `${request.seed}|${slot}`);
  const say = (slot: string, lines: readonly Line[]) => choose(slot, lines)(facts);
  const questions = (kind: KindPhrases) => (request.noCalls ? kind.questions : [...kind.questions, ...phrases.callQuestions]);
  const notePoint = inserts.note === null ? null : choose("note", phrases.notePoints)(inserts.note);

  let kind: KindPhrases;
  let paragraphs: string[];
  switch (request.kind) {
    case "thank_you":
      kind = phrases.thankYou;
      paragraphs = [
        join(say("opening", kind.openings), notePoint ?? choose("point", phrases.placeholderPoints)(PLACEHOLDERS.point)),
        join(say("interest", kind.interests), say("question", kind.questions)),
      ];
      break;
    case "thank_you_via_coordinator":
      kind = phrases.thankYouViaCoordinator;
      // The marked point, when there is one, tells the coordinator what the conversation was about (C3); no placeholder.
      paragraphs = [join(say("opening", kind.openings), notePoint), join(say("interest", kind.interests), say("question", kind.questions))];
      break;
    case "thank_you_after_withdrawal":
      kind = phrases.thankYouAfterWithdrawal;
      paragraphs = [join(say("opening", kind.openings), notePoint), join(say("interest", kind.interests), say("question", kind.questions))];
      break;
    case "status_check":
      kind = phrases.statusCheck;
      paragraphs = [
        // C6: something new to add, optional: a listed placeholder the user fills or deletes.
        join(say("opening", kind.openings), notePoint, say("update", phrases.statusCheck.updateLeads), PLACEHOLDERS.addition),
        join(say("interest", kind.interests), say("question", questions(kind))),
      ];
      break;
    case "application_check":
      kind = request.employerWroteFirst ? phrases.conversation : phrases.applicationCheck;
      paragraphs = [say("opening", kind.openings), join(say("interest", kind.interests), say("question", questions(kind)))];
      break;
    case "second_follow_up":
    case "application_second_check":
      // An employer who wrote first gets a second, one-paragraph answer, not a chase of an application.
      kind =
        request.kind === "second_follow_up" ? phrases.secondFollowUp : request.employerWroteFirst ? phrases.conversation : phrases.applicationSecondCheck;
      paragraphs = [join(say("opening", kind.openings), say("interest", kind.interests), say("question", kind.questions))];
      break;
    case "rejection_reply": {
      const reply = phrases.rejectionReply;
      kind = reply;
      const closing = request.requestFeedback ? reply.feedbackQuestions : reply.questions;
      paragraphs = [
        say("opening", inserts.hasDate ? reply.openings : reply.openingsWithoutDate),
        join(say("interest", reply.interests), say("question", closing)),
      ];
      break;
    }
    case "last_note_after_hire":
      kind = phrases.lastNoteAfterHire;
      paragraphs = [say("opening", kind.openings), join(say("interest", kind.interests), say("question", kind.questions))];
      break;
    case "last_note_after_silence": {
      // R9 after silence: still interested, with something new to add (a listed placeholder until the user gives it).
      const silence = phrases.lastNoteAfterSilence;
      kind = silence;
      paragraphs = [
        join(say("opening", silence.openings), say("update", silence.updateLeads), inserts.update ?? PLACEHOLDERS.update),
        join(say("interest", silence.interests), say("question", silence.questions)),
      ];
      break;
    }
    case "offer_elsewhere":
      kind = phrases.offerElsewhere;
      paragraphs = [say("opening", kind.openings), join(say("interest", kind.interests), say("question", kind.questions))];
      break;
    case "new_information": {
      const info = phrases.newInformation;
      kind = info;
      paragraphs = [
        join(say("opening", inserts.hasDate ? info.openings : info.openingsWithoutDate), inserts.update ?? PLACEHOLDERS.update),
        join(say("interest", info.interests), say("question", info.questions)),
      ];
      break;
    }
  }

  const signOff = choose("sign-off", phrases.signOffsFor(request.addressing?.formality));
  const body = [inserts.greeting, ...paragraphs, `${signOff}\n${inserts.signature}`].join("\n\n");
  return { subject: kind.subject(facts), body };
}

/** A free text of the user's as a sentence to quote, or null when it would fail the tone check. */
function toQuotable(text: string, language: DraftLanguage): string | null {
  const sentence = stripHiddenControls(text).replace(/\s+/g, " ").trim();
  if (sentence.length === 0 || sentence.length > MAX_NOTE_CHARS || SCRIPT_URL_RE.test(sentence)) return null;
  if (checkTone(sentence, language).verdict !== "ready") return null;
  return /[.!?…)"»“”]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * A name or title as it goes into a draft: one line, without hidden controls or characters that
 * would read as template markup ({ } < > [ ] $ %), or null when nothing is left or it carries a
 * script URL (no name or title does).
 */
function cleanFact(value: string | null): string | null {
  if (value === null) return null;
  const visible = stripHiddenControls(value);
  if (SCRIPT_URL_RE.test(visible)) return null;
  const cleaned = visible.replace(/[{}<>[\]$%]/g, " ").replace(/\s+/g, " ").trim().slice(0, MAX_FACT_CHARS).trim();
  return cleaned.length > 0 ? cleaned : null;
}

/** A person's name, or null when it is really an address or empty. */
function cleanName(value: string | null): string | null {
  const cleaned = cleanFact(value);
  return cleaned === null || cleaned.includes("@") ? null : cleaned;
}

/** A reply keeps the thread, unless the kind starts a fresh message or the subject is a calendar's event title. */
function isReplySubject(request: DraftRequest): request is DraftRequest & { originalSubject: string } {
  if (request.originalSubject === null || OWN_SUBJECT_KINDS.has(request.kind)) return false;
  return !CALENDAR_SUBJECT_RE.test(stripHiddenControls(decodeEncodedWords(request.originalSubject)).replace(REPLY_PREFIX_RE, ""));
}

function isTeamMailbox(email: string | null): boolean {
  const local = email?.split("@")[0]?.replace(/[._+-]/g, "") ?? "";
  return local !== "" && TEAM_MAILBOX_RE.test(local);
}

/** "A", "A and B", "A, B and C". */
function joinNames(names: readonly string[], and: string): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} ${and} ${names.at(-1)}`;
}

/** "Re: " and the original subject, decoded when it arrives as a raw header (the forward's own Subject). */
function replySubject(original: string): string {
  const bare = stripHiddenControls(decodeEncodedWords(original)).replace(/\s+/g, " ").trim().replace(REPLY_PREFIX_RE, "").slice(0, MAX_SUBJECT_CHARS);
  return `Re: ${bare}`;
}

function join(...sentences: (string | null)[]): string {
  return sentences.filter((s): s is string => s !== null).join(" ");
}

function pickVariant<T>(options: readonly T[], key: string): T {
  const choice = options[hashString(key) % options.length];
  if (choice === undefined) throw new Error("no phrasing to choose from");
  return choice;
}

/** FNV-1a, 32 bits: stable across runtimes, which Math.random and object order are not. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
