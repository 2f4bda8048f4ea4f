/**
 * Word boundaries for patterns over mail in six languages. JavaScript's `\b` only knows ASCII
 * word characters, so "annulé." or "À" have no boundary where a reader sees one; this rewrites
 * every `\b` of a pattern into a boundary that also counts Latin letters with diacritics. Pure.
 *
 * Every `\b` in the patterns of this project either opens a word (it is followed by a letter or
 * a group of words) or closes one (it is followed by `)`, `|`, `[`, `\s`, a space or the end), so
 * a one-sided look-around is enough, and much cheaper than a two-sided boundary.
 */

const WORD_CHAR = String.raw`[\w\u00C0-\u024F]`;
const OPENS = String.raw`(?<!${WORD_CHAR})`;
const CLOSES = String.raw`(?!${WORD_CHAR})`;

/**
 * The same pattern with every `\b` aware of accented Latin letters. The `u` flag is dropped when
 * the pattern needs no Unicode escapes, and `i` when the caller promises lower-cased input
 * (`lowerCaseInput`; the pattern must then be written in lower case): V8 compiles and runs
 * case-insensitive Unicode patterns far more slowly, and a cold isolate pays that on its first mail.
 */
export function wordPattern(pattern: RegExp, options: { lowerCaseInput?: boolean } = {}): RegExp {
  // Followed by a letter, a group, or a word-character escape (\d, \w, \p): the boundary opens a word.
  const source = pattern.source.replace(/(?<!\\)\\b(\\[dwp]|.?)/g, (_, next: string) => (/^(?:[\p{L}(]|\\[dwp])/u.test(next) ? OPENS : CLOSES) + next);
  const needsUnicode = /\\[pP]\{|\\u\{/.test(source);
  let flags = needsUnicode ? pattern.flags : pattern.flags.replace("u", "");
  // Matching lower-cased input with a case-sensitive pattern skips V8's case folding of every class.
  if (options.lowerCaseInput) flags = flags.replace("i", "");
  return new RegExp(source, flags);
}

/** "position|role" → "[Pp]osition|[Rr]ole": keywords that may open a sentence, in a case-sensitive pattern. */
export function capitalizable(alternation: string): string {
  return alternation
    .split("|")
    .map((word) => {
      const first = word[0] ?? "";
      return first.toLowerCase() === first.toUpperCase() ? word : `[${first.toLowerCase()}${first.toUpperCase()}]${word.slice(1)}`;
    })
    .join("|");
}
