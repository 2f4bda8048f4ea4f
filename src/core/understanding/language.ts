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
// `\p{L}` costs a fresh isolate milliseconds to compile; in plain Latin text, and in text whose
// only letters are Latin, the words are the runs of text/latin.ts's LATIN_LETTER_CLASS, read by
// character code in `countLatinMarkers`.
const WORDS = /[\p{L}]+/gu;
const NON_LATIN_LETTER = /(?![\u0000-\u024F])\p{L}/u;

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

/** The languages read, in the order a tie is settled in. */
const LANGUAGES = Object.keys(MARKERS) as Exclude<Language, "other">[];

export function detectLanguage(text: string): Language {
  const counts = countMarkerWords(text);
  let best: Language = "other";
  let bestCount = MIN_MARKER_WORDS - 1;
  for (let i = 0; i < LANGUAGES.length; i++) {
    const count = counts[i] ?? 0;
    if (count > bestCount) {
      best = LANGUAGES[i] ?? "other";
      bestCount = count;
    }
  }
  return best;
}

/** How many of each language's distinctive words the text's first MAX_WORDS words are. */
export function countMarkers(text: string): Record<Exclude<Language, "other">, number> {
  const counts = countMarkerWords(text);
  return { en: counts[0] ?? 0, de: counts[1] ?? 0, fr: counts[2] ?? 0, es: counts[3] ?? 0, pt: counts[4] ?? 0, nl: counts[5] ?? 0 };
}

/** `countMarkers`, by the index of each language in LANGUAGES. */
function countMarkerWords(text: string): Int32Array {
  const prose = MAY_HOLD_LINK.test(text) ? text.replace(LINKS_AND_ADDRESSES, " ") : text;
  const lower = prose.toLowerCase();
  const counts = new Int32Array(LANGUAGES.length);
  // Where every letter is a Latin one (an emoji or an arrow is none), the words are the runs
  // of Latin letters.
  if (isPlainLatin(lower) || !NON_LATIN_LETTER.test(lower)) {
    countLatinMarkers(lower, counts);
    return counts;
  }
  const words = lower.match(WORDS) ?? [];
  for (let i = 0; i < words.length && i < MAX_WORDS; i++) {
    const word = words[i] ?? "";
    let hash = 0;
    for (let k = 0; k < word.length; k++) hash = nextHash(hash, word.charCodeAt(k));
    countMarker(counts, markerAt(word, 0, word.length, hash));
  }
  return counts;
}

// The distinctive words in an open-addressed table of their hashes, so that plain Latin text is
// read by character code alone: a word is hashed as it is scanned, and only one whose hash is
// in the table is compared with the word there, never copied out or looked up by string.
const MARKER_WORDS = [...LANGUAGE_OF_WORD.keys()];
const MARKER_LANGUAGES = Int8Array.from(MARKER_WORDS, (word) => LANGUAGES.indexOf(LANGUAGE_OF_WORD.get(word) ?? "en"));
const MARKER_HASHES = Int32Array.from(MARKER_WORDS, (word) => {
  let hash = 0;
  for (let i = 0; i < word.length; i++) hash = nextHash(hash, word.charCodeAt(i));
  return hash;
});
const MARKER_SLOT_BITS = 10;
const MARKER_SLOT_MASK = (1 << MARKER_SLOT_BITS) - 1;
/** Per slot, the index in MARKER_WORDS of the word there, plus one; 0 for an empty slot. */
const MARKER_SLOTS = new Int16Array(1 << MARKER_SLOT_BITS);
MARKER_HASHES.forEach((hash, index) => {
  let slot = hash & MARKER_SLOT_MASK;
  while (MARKER_SLOTS[slot] !== 0) slot = (slot + 1) & MARKER_SLOT_MASK;
  MARKER_SLOTS[slot] = index + 1;
});

function nextHash(hash: number, code: number): number {
  return (Math.imul(hash, 31) + code) | 0;
}

/**
 * Counts the distinctive words among the first MAX_WORDS runs of LATIN_LETTER_CLASS letters of a
 * lower-cased text: the words `match` with that class would give, found by character code.
 */
function countLatinMarkers(text: string, counts: Int32Array): void {
  let words = 0;
  for (let i = 0; i < text.length && words < MAX_WORDS; ) {
    if (!isLatinLetter(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let hash = nextHash(0, text.charCodeAt(i));
    let end = i + 1;
    for (; end < text.length; end++) {
      const code = text.charCodeAt(end);
      if (!isLatinLetter(code)) break;
      hash = nextHash(hash, code);
    }
    words++;
    if (end - i <= LONGEST_MARKER) countMarker(counts, markerAt(text, i, end, hash));
    i = end;
  }
}

/** Counts the marker at `index` in MARKER_WORDS for its language; -1 is no marker. */
function countMarker(counts: Int32Array, index: number): void {
  const lang = MARKER_LANGUAGES[index];
  if (lang !== undefined) counts[lang] = (counts[lang] ?? 0) + 1;
}

/** The index in MARKER_WORDS of the word text[start, end) with the given hash, or -1. */
function markerAt(text: string, start: number, end: number, hash: number): number {
  for (let slot = hash & MARKER_SLOT_MASK; MARKER_SLOTS[slot] !== 0; slot = (slot + 1) & MARKER_SLOT_MASK) {
    const index = (MARKER_SLOTS[slot] ?? 0) - 1;
    if (MARKER_HASHES[index] === hash && isWordAt(MARKER_WORDS[index] ?? "", text, start, end)) return index;
  }
  return -1;
}

function isWordAt(word: string, text: string, start: number, end: number): boolean {
  if (word.length !== end - start) return false;
  for (let i = 0; i < word.length; i++) if (word.charCodeAt(i) !== text.charCodeAt(start + i)) return false;
  return true;
}

/** A character of LATIN_LETTER_CLASS, by code. */
function isLatinLetter(code: number): boolean {
  if (code < 0xaa) return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a);
  if (code > 0x24f) return false;
  return code === 0xaa || code === 0xb5 || code === 0xba || (code >= 0xc0 && code !== 0xd7 && code !== 0xf7);
}
