/**
 * Guesses the language of an email from its function words. Pure.
 * Only words that are frequent in one of the six languages and rare in the others count, so a
 * short mail with a few English job titles still reads as German when its grammar is German.
 */
import { isPlainLatin } from "../text/latin.ts";
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
  (Object.entries(MARKERS) as [Exclude<Language, "other">, string[]][]).flatMap(([lang, words]) => words.filter((w) => !SHARED.has(w)).map((w) => [w, lang] as const)),
);
// `\p{L}` costs a fresh isolate milliseconds to compile; in plain Latin text the words are the
// runs of text/latin.ts's LATIN_LETTER_CLASS, read by character code in `forEachLatinWord`.
const WORDS = /[\p{L}]+/gu;

/** Fewer distinctive words than this and the language is not claimed. */
const MIN_MARKER_WORDS = 3;
/** Words read; the opening of a mail says which language it is in. */
const MAX_WORDS = 1500;
/** No marker is longer: a longer word is counted among the words read, but not looked up. */
const LONGEST_MARKER = Math.max(...[...LANGUAGE_OF_WORD.keys()].map((word) => word.length));

// Links and addresses are letter soup ("a1b2-c3d4") that would read as articles. The
// lookbehind starts an address only where a run of address characters starts: without it, a
// long run with no "@" is rescanned from every position (64 KB of "a" took 30 s).
const LINKS_AND_ADDRESSES = /\b(?:https?:\/\/|www\.)\S+|(?<![\w.+-])[\w.+-]+@[\w.-]+/gi;
// Every link or address holds one of these; most mail text has none, and is not rescanned.
const MAY_HOLD_LINK = /@|:\/\/|www\./i;

export function detectLanguage(text: string): Language {
  let best: Language = "other";
  let bestCount = MIN_MARKER_WORDS - 1;
  for (const [lang, count] of Object.entries(countMarkers(text))) {
    if (count > bestCount) {
      best = lang as Language;
      bestCount = count;
    }
  }
  return best;
}

/** How many of each language's distinctive words the text's first MAX_WORDS words are. */
export function countMarkers(text: string): Record<Exclude<Language, "other">, number> {
  const prose = MAY_HOLD_LINK.test(text) ? text.replace(LINKS_AND_ADDRESSES, " ") : text;
  const lower = prose.toLowerCase();
  const counts = { en: 0, de: 0, fr: 0, es: 0, pt: 0, nl: 0 };
  const count = (word: string): void => {
    const lang = LANGUAGE_OF_WORD.get(word);
    if (lang !== undefined) counts[lang] += 1;
  };
  if (isPlainLatin(lower)) forEachLatinWord(lower, count);
  else {
    const words = lower.match(WORDS) ?? [];
    for (let i = 0; i < words.length && i < MAX_WORDS; i++) count(words[i] ?? "");
  }
  return counts;
}

/**
 * Calls `read` with each of the first MAX_WORDS runs of LATIN_LETTER_CLASS letters that could be
 * a marker: the words `match` with that class would give, found by character code instead, so
 * the hundreds of words a mail holds are not all copied out.
 */
function forEachLatinWord(text: string, read: (word: string) => void): void {
  let words = 0;
  for (let i = 0; i < text.length && words < MAX_WORDS; ) {
    if (!isLatinLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && isLatinLetter(text.charCodeAt(end))) end++;
    words++;
    if (end - i <= LONGEST_MARKER) read(text.slice(i, end));
    i = end;
  }
}

/** A character of LATIN_LETTER_CLASS, by code. */
function isLatinLetter(code: number): boolean {
  if (code < 0xaa) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  if (code > 0x24f) return false;
  return code === 0xaa || code === 0xb5 || code === 0xba || (code >= 0xc0 && code !== 0xd7 && code !== 0xf7);
}
