/**
 * Ready-to-send follow-up drafts (C1–C10). Pure: the same request always gives the same draft.
 *
 * A draft is a greeting, at most two short paragraphs and a sign-off (C1; second follow-ups
 * are one paragraph, C1/R6). It names the position and the date (C2), uses the user's own note
 * as the concrete point or else a listed placeholder, never an invented detail (C3), states
 * interest in one line (C4), ends with a question (C5), offers a call only when the posting did
 * not ask for none (C8) and greets the recipient by name when known (C9). Phrasings are chosen
 * per slot by a hash of `seed`, so drafts vary without randomness.
 *
 * Every draft passes `checkTone` (C7, C10). The check runs on the draft with the employer's own
 * names masked (a company called "Urgent Care" is not pushy); the user's free text (note,
 * update) is checked on its own and replaced by a placeholder when it would fail.
 */
import type { LocalDate } from "../time/business-days.ts";
import { getDraftPhrases, toDraftLanguage } from "./phrases.ts";
import type { DraftLanguage, DraftPhrases, KindPhrases, Line, PhraseFacts } from "./phrases/types.ts";
import { checkTone } from "./tone-check.ts";
import type { Language } from "../understanding/types.ts";

export const DRAFT_KINDS = [
  "thank_you",
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
} as const;
const ALL_PLACEHOLDERS: readonly string[] = Object.values(PLACEHOLDERS);

/** Notes longer than this are the user's own memo, not a line for an email. */
const MAX_NOTE_CHARS = 280;
/** Employer-given names and titles are cut to this; longer values are not a title. */
const MAX_FACT_CHARS = 120;
const MAX_SUBJECT_CHARS = 200;

/** A note that is a directive to the assistant ("timeline: 2 weeks"), not something to quote. */
const DIRECTIVE_NOTE_RE = /^\s*(?:timeline|deadline|status|role|company|contact|interviewers?|language|no ?calls?)\s*:/i;
/**
 * A note about the forward itself or a reminder to self ("Moved again", "Forwarded as an
 * attachment", "calendar invite attached", "Bitte merken!"), in the draft languages and Dutch
 * and Portuguese: never a point from the conversation, so never quoted to the employer (C3).
 */
const SELF_NOTE_RE =
  /\b(?:fwd?|forward\w*|weitergeleitet|weiterleit\w*|reenv\w*|transf[ée]r\w*|doorgestuurd|encaminh\w*|attach\w*|anhang|adjunt\w*|pi[èe]ce jointe|bijlage|anexo|moved|rescheduled|verschoben|calendar|kalender\w*|calendario|calendrier|agenda|invite|einladung|fyi|see below|siehe unten|remember|merken|vergessen|forget|reminder|erinnerung|oublie\w*|recordar)\b/i;
/** A conversation point is a phrase, not a word or two. */
const MIN_NOTE_WORDS = 3;
const REPLY_PREFIX_RE = /^(?:(?:re|aw|sv|antw|rif|r|fw|fwd|wg|tr|rv|enc|réf)\s*(?:\[\d+\])?\s*:\s*)+/i;

export interface DraftRequest {
  kind: DraftKind;
  /** The employer's language; German, French and Spanish are drafted as such, all else in English. */
  language: Language;
  /** Chooses among phrasings; the follow-up's stable key, so a recomputed draft reads the same. */
  seed: string;
  recipientName: string | null;
  role: string | null;
  company: string | null;
  /** The interview day (in the interview's zone) or, for R5, the application day. */
  date: LocalDate | null;
  /** The user's own note to use as the concrete point (C3); see `pickNote`. */
  note: string | null;
  noCalls: boolean;
  /** The subject of the email this answers, for "Re: …". */
  originalSubject: string | null;
  /** R8: ask for feedback. */
  requestFeedback: boolean;
  signature: string | null;
  /** R10: the competing offer's deadline. */
  deadline: LocalDate | null;
  /** R10: the user's update, quoted verbatim. */
  update: string | null;
}

export interface Draft {
  language: DraftLanguage;
  subject: string;
  body: string;
  /** Listed placeholders the user must fill before sending. */
  placeholders: string[];
  /** "ready" to send as is, or "needs_input" while placeholders remain. */
  verdict: "ready" | "needs_input";
}

export function draftFollowUp(request: DraftRequest): Draft {
  const language = toDraftLanguage(request.language);
  const phrases = getDraftPhrases(language);
  const note = request.note === null ? null : toQuotable(request.note, language);
  const update = request.update === null ? null : toQuotable(request.update, language);
  const role = cleanFact(request.role);
  const company = cleanFact(request.company);
  const name = cleanName(request.recipientName);
  const signature = cleanFact(request.signature);
  const datePlaceholder = request.kind.startsWith("application") ? PLACEHOLDERS.applicationDate : PLACEHOLDERS.interviewDate;

  const facts: PhraseFacts = {
    role: role ?? PLACEHOLDERS.role,
    company,
    date: request.date === null ? datePlaceholder : phrases.formatDate(request.date),
    deadline: request.deadline === null ? PLACEHOLDERS.deadline : phrases.formatDate(request.deadline),
  };
  const compose = (f: PhraseFacts, recipient: string | null, sign: string | null, n: string | null, u: string | null) =>
    composeDraft(phrases, request, f, { name: recipient, signature: sign, note: n, update: u, hasDate: request.date !== null });

  const real = compose(facts, name, signature, note, update);
  const subject = request.originalSubject ? replySubject(request.originalSubject) : real.subject;

  // The employer's names and the user's own texts are not the assistant's phrasing: mask them
  // so the check judges what the assistant wrote (the texts were checked on their own).
  const masked = compose(
    { ...facts, role: role === null ? PLACEHOLDERS.role : "Role", company: company === null ? null : "Company" },
    name === null ? null : "Name",
    signature === null ? null : "Signature",
    note === null ? null : "Note.",
    update === null ? null : "Update.",
  );
  const check = checkTone(`${masked.subject}\n${masked.body}`, language, { placeholders: ALL_PLACEHOLDERS, noCalls: request.noCalls });
  if (check.verdict === "rejected") {
    throw new Error(`draft phrasing failed the tone check: ${JSON.stringify(check.problems)}`);
  }
  const placeholders = ALL_PLACEHOLDERS.filter((p) => real.body.includes(p) || subject.includes(p));
  return { language, subject, body: real.body, placeholders, verdict: placeholders.length > 0 ? "needs_input" : "ready" };
}

/**
 * The note to quote as the concrete point (C3): the newest one that is not a directive to the
 * assistant, not about the forward itself, at least a phrase long, and short enough to be a
 * line in an email.
 */
export function pickNote(notes: readonly string[]): string | null {
  for (let i = notes.length - 1; i >= 0; i--) {
    const note = notes[i]?.replace(/\s+/g, " ").trim() ?? "";
    const words = note.split(" ").filter(Boolean).length;
    if (words >= MIN_NOTE_WORDS && note.length <= MAX_NOTE_CHARS && !DIRECTIVE_NOTE_RE.test(note) && !SELF_NOTE_RE.test(note)) return note;
  }
  return null;
}

interface Inserts {
  name: string | null;
  signature: string | null;
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
    case "status_check":
      kind = phrases.statusCheck;
      paragraphs = [
        join(say("opening", kind.openings), notePoint),
        join(say("interest", kind.interests), say("question", questions(kind))),
      ];
      break;
    case "application_check":
      kind = phrases.applicationCheck;
      paragraphs = [say("opening", kind.openings), join(say("interest", kind.interests), say("question", questions(kind)))];
      break;
    case "second_follow_up":
    case "application_second_check":
      kind = request.kind === "second_follow_up" ? phrases.secondFollowUp : phrases.applicationSecondCheck;
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
    case "last_note_after_silence":
      kind = request.kind === "last_note_after_hire" ? phrases.lastNoteAfterHire : phrases.lastNoteAfterSilence;
      paragraphs = [say("opening", kind.openings), join(say("interest", kind.interests), say("question", kind.questions))];
      break;
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

  const signOff = choose("sign-off", phrases.signOffs);
  const closing = inserts.signature ? `${signOff}\n${inserts.signature}` : signOff;
  const body = [phrases.greeting(inserts.name), ...paragraphs, closing].join("\n\n");
  return { subject: kind.subject(facts), body };
}

/** A free text of the user's as a sentence to quote, or null when it would fail the tone check. */
function toQuotable(text: string, language: DraftLanguage): string | null {
  const sentence = text.replace(/\s+/g, " ").trim();
  if (sentence.length === 0 || sentence.length > MAX_NOTE_CHARS) return null;
  if (checkTone(sentence, language).verdict !== "ready") return null;
  return /[.!?…)"»“”]$/.test(sentence) ? sentence : `${sentence}.`;
}

/**
 * A name or title as it goes into a draft: one line, without characters that would read as
 * template markup ({ } < > [ ] $ %), or null when nothing is left.
 */
function cleanFact(value: string | null): string | null {
  if (value === null) return null;
  const cleaned = value.replace(/[{}<>[\]$%]/g, " ").replace(/\s+/g, " ").trim().slice(0, MAX_FACT_CHARS).trim();
  return cleaned.length > 0 ? cleaned : null;
}

/** A person's name, or null when it is really an address or empty. */
function cleanName(value: string | null): string | null {
  const cleaned = cleanFact(value);
  return cleaned === null || cleaned.includes("@") ? null : cleaned;
}

function replySubject(original: string): string {
  const bare = original.replace(/\s+/g, " ").trim().replace(REPLY_PREFIX_RE, "").slice(0, MAX_SUBJECT_CHARS);
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
