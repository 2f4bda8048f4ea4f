/**
 * Guesses the language of an email from its function words. Pure.
 * Only words that are frequent in one of the six languages and rare in the others count, so a
 * short mail with a few English job titles still reads as German when its grammar is German.
 */
import { isPlainLatin, LATIN_LETTER_CLASS } from "../text/latin.ts";
import type { Language } from "./types.ts";

const MARKERS: Record<Exclude<Language, "other">, string[]> = {
  en: ["the", "and", "you", "your", "we", "our", "with", "for", "is", "are", "be", "will", "this", "that", "have", "has", "please", "thank", "regards", "interview", "would", "at", "of", "to"],
  de: ["der", "die", "das", "und", "sie", "ihre", "ihr", "ihnen", "wir", "uns", "mit", "für", "nicht", "ist", "bei", "zu", "den", "dem", "einen", "einem", "vielen", "dank", "gerne", "freundlichen", "grüßen", "bitte", "wird", "auf", "sich", "oder"],
  fr: ["le", "les", "et", "vous", "votre", "vos", "nous", "pour", "des", "est", "une", "avec", "ne", "pas", "au", "aux", "du", "sur", "cordialement", "merci", "bonjour", "qui", "sont", "être", "avez", "été"],
  es: ["el", "los", "las", "y", "su", "sus", "usted", "para", "con", "que", "nos", "le", "una", "por", "del", "es", "estimado", "estimada", "saludo", "gracias", "muy", "está", "al"],
  pt: ["o", "os", "e", "seu", "sua", "para", "com", "que", "nos", "uma", "um", "por", "não", "você", "da", "do", "das", "dos", "na", "no", "é", "cumprimentos", "obrigado", "obrigada", "lhe", "ao"],
  nl: ["het", "een", "en", "je", "jij", "jouw", "u", "uw", "wij", "we", "voor", "met", "van", "op", "te", "niet", "ons", "onze", "graag", "groet", "bedankt", "dank", "zijn", "wordt", "bij", "naar", "ook"],
};

// Words shared by several languages say nothing about which one it is.
const SHARED = new Set(
  Object.values(MARKERS)
    .flatMap((words) => [...new Set(words)])
    .filter((word, _, all) => all.indexOf(word) !== all.lastIndexOf(word)),
);

// Each distinctive word belongs to one language.
const LANGUAGE_OF_WORD = new Map(
  Object.entries(MARKERS).flatMap(([lang, words]) => words.filter((w) => !SHARED.has(w)).map((w) => [w, lang] as const)),
);
// `\p{L}` costs a fresh isolate milliseconds to compile; plain Latin text needs only its Latin part.
const LATIN_WORDS = new RegExp(`[${LATIN_LETTER_CLASS}]+`, "g");
const WORDS = /[\p{L}]+/gu;

/** Fewer distinctive words than this and the language is not claimed. */
const MIN_MARKER_WORDS = 3;
/** Words read; the opening of a mail says which language it is in. */
const MAX_WORDS = 1500;

// Links and addresses are letter soup ("a1b2-c3d4") that would read as articles. The
// lookbehind starts an address only where a run of address characters starts: without it, a
// long run with no "@" is rescanned from every position (64 KB of "a" took 30 s).
const LINKS_AND_ADDRESSES = /\b(?:https?:\/\/|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w.-]+/gi;
// Every link or address holds one of these; most mail text has none, and is not rescanned.
const MAY_HOLD_LINK = /@|:\/\/|www\./i;

export function detectLanguage(text: string): Language {
  const prose = MAY_HOLD_LINK.test(text) ? text.replace(LINKS_AND_ADDRESSES, " ") : text;
  const lower = prose.toLowerCase();
  const words = lower.match(isPlainLatin(lower) ? LATIN_WORDS : WORDS) ?? [];
  const counts: Record<string, number> = { en: 0, de: 0, fr: 0, es: 0, pt: 0, nl: 0 };
  for (let i = 0; i < words.length && i < MAX_WORDS; i++) {
    const lang = LANGUAGE_OF_WORD.get(words[i] ?? "");
    if (lang !== undefined) counts[lang] = (counts[lang] ?? 0) + 1;
  }
  let best: Language = "other";
  let bestCount = MIN_MARKER_WORDS - 1;
  for (const [lang, count] of Object.entries(counts)) {
    if (count > bestCount) {
      best = lang as Language;
      bestCount = count;
    }
  }
  return best;
}
