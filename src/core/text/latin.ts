/**
 * Cheap stand-ins for Unicode property classes, exact on the text most mail is written in. Pure.
 *
 * A pattern with `\p{L}` or the `iu` flags costs a fresh isolate milliseconds to compile on its
 * first use; the same pattern over explicit Latin ranges, without `u`, costs a fraction of that.
 * The two match exactly alike on "plain Latin" text: every character up to U+024F except "ſ"
 * (which `iu` folds to "s"), plus General Punctuation and currency signs, none of which is a
 * letter, digit, mark or cased. Callers run the cheap pattern when `isPlainLatin` holds and the
 * Unicode one otherwise, so behaviour never depends on which ran.
 */

/** `\p{L}` below U+0250, for a character class without the `u` flag. */
export const LATIN_LETTER_CLASS = "A-Za-z\\u00AA\\u00B5\\u00BA\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u024F";
/** `\p{N}` below U+0250. */
export const LATIN_NUMBER_CLASS = "0-9\\u00B2\\u00B3\\u00B9\\u00BC-\\u00BE";

const NOT_PLAIN_LATIN = /[^\u0000-\u017E\u0180-\u024F\u2000-\u206F\u20A0-\u20CF]/;

/** True when patterns over Latin ranges without `u` match this text exactly as their Unicode originals do. */
export function isPlainLatin(text: string): boolean {
  return !NOT_PLAIN_LATIN.test(text);
}

const NOT_ASCII = /[^\u0000-\u007F]/;

/** True when every character is ASCII or one of `extra`: there `\p{Lu}` is A-Z and `\p{Ll}` is a-z. */
export function isAsciiText(text: string, extra = ""): boolean {
  if (!NOT_ASCII.test(text)) return true;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0x7f && !extra.includes(text.charAt(i))) return false;
  }
  return true;
}

/** A pattern and its cheap twin; `pick` chooses the one to run on a given text. */
export interface LatinTwin {
  latin: RegExp;
  unicode: RegExp;
}

/**
 * Twins a case-insensitive Unicode pattern (`iu`) that has no property classes or `\u{...}`
 * escapes: the twin drops `u`, which matches alike on plain Latin text.
 */
export function twinWithoutUnicodeFlag(pattern: RegExp): LatinTwin {
  return { latin: new RegExp(pattern.source, pattern.flags.replace("u", "")), unicode: pattern };
}

export function pick(twin: LatinTwin, text: string): RegExp {
  return isPlainLatin(text) ? twin.latin : twin.unicode;
}
