/**
 * Words and numbers of a text with their positions, for the date, zone and timeline readers.
 * Pure. Why tokens and table lookups instead of one regular expression per vocabulary: a
 * pattern with a hundred alternatives, case-insensitive and over Unicode letter classes, costs
 * 5-25 ms to compile on its first use in a fresh isolate; a Map lookup per word costs nothing.
 * Letters are the Latin ranges (Basic Latin to Latin Extended-B, and Latin Extended Additional
 * for Vietnamese place names), which cover the languages read.
 */

/** Letter ranges for use inside a regex character class, without the `u` flag. */
export const LETTERS = "A-Za-z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F\\u1E00-\\u1EFF";

export interface Token {
  /** As written. */
  text: string;
  lower: string;
  index: number;
  end: number;
  isNumber: boolean;
}

function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The character classes of LETTERS, by code. */
function isLetterCode(code: number): boolean {
  if (code < 0xaa) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  if (code <= 0x24f) return code === 0xaa || code === 0xb5 || code === 0xba || (code >= 0xc0 && code !== 0xd7 && code !== 0xf7);
  return code >= 0x1e00 && code <= 0x1eff;
}

let lastText: string | null = null;
let lastTokens: Token[] = [];

/** The tokens of a text. The same text is often read by several readers in a row, so the last result is kept; callers must not change it. */
export function tokenize(text: string): Token[] {
  if (text === lastText) return lastTokens;
  const tokens = tokenizeRange(text, 0, text.length);
  lastText = text;
  lastTokens = tokens;
  return tokens;
}

/**
 * The tokens that start in [from, to), offsets in `text`, each to its natural end; a fresh array,
 * not the kept one (for a reader that reads one line while another keeps the whole text's tokens).
 */
export function tokenizeRange(text: string, from: number, to: number): Token[] {
  const tokens: Token[] = [];
  // A scan by character code: faster than matching `[LETTERS]+|\d+` (the same runs).
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    const isNumber = code >= 48 && code <= 57;
    if (!isNumber && !isLetterCode(code)) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < text.length && (isNumber ? isDigitCode(text.charCodeAt(end)) : isLetterCode(text.charCodeAt(end)))) end++;
    const word = text.slice(i, end);
    tokens.push({ text: word, lower: word.toLowerCase(), index: i, end, isNumber });
    i = end;
  }
  return tokens;
}

/**
 * Where the run of letters or of digits at `i` ends, or -1 when `i` holds neither: read from the
 * end of one token on, the next token, as `tokenizeRange` finds it. For a reader that looks at a
 * few tokens in turn and stops early, without making them all.
 */
export function tokenEnd(text: string, i: number): number {
  const code = text.charCodeAt(i);
  const isNumber = isDigitCode(code);
  if (!isNumber && !isLetterCode(code)) return -1;
  let end = i + 1;
  while (end < text.length && (isNumber ? isDigitCode(text.charCodeAt(end)) : isLetterCode(text.charCodeAt(end)))) end++;
  return end;
}

/**
 * Lower case with every character kept at its position, so offsets found in the lower-cased
 * text are offsets in the original. (A few characters, such as "İ", lower-case to two.)
 */
export function toLowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let result = "";
  for (const char of text) {
    const folded = char.toLowerCase();
    result += folded.length === char.length ? folded : char;
  }
  return result;
}

/** True when the word starts with a capital letter. */
export function isCapitalised(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toLowerCase() && first === first.toUpperCase();
}

/** The text between two tokens is only spaces, tabs and the given joiners (no line break). */
export function isJoinedBy(text: string, from: number, to: number, joiners: string): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charAt(i);
    if (c !== " " && c !== "\t" && !joiners.includes(c)) return false;
  }
  return true;
}
