/**
 * Which words of a fixed list a text contains, and where, found with one pass over the text;
 * and a text's table kept by a caller that asks about words not known in advance
 * (required-words.ts). Pure (the fixed-list search reuses one scratch table between calls,
 * never keeping it across them).
 *
 * Why: the readers look for a few hundred literal words in every mail (the required words of
 * their gated patterns, the keywords that open their phrases) before running a pattern, and
 * `includes` scans the whole text once per word, which cost more than the patterns themselves.
 * Here the text's three-character windows are hashed into a table in one pass; a word with a
 * window the table lacks is not in the text, and the few words whose windows are all there are
 * confirmed with `includes` (or `indexOf`, for their offsets). Every answer is therefore exactly
 * what `includes` would say; the table only makes the usual "no" cheap.
 */

/** A pattern with the literal words it cannot match without (required-words.ts `gate`). */
export interface GatedPattern {
  pattern: RegExp;
  /** Null when the pattern can match without any literal word. */
  words: string[] | null;
  /** The words are lower-cased and looked for in the lower-cased text. */
  caseless: boolean;
}

const TABLE_BITS = 14;
const TABLE_MASK = (1 << TABLE_BITS) - 1;
/** One table for every call: it is filled and read within one call, never kept. */
const TABLE = new Int32Array(1 << (TABLE_BITS - 5));

export interface WordFinder {
  words: string[];
  /** The table positions of every word's three-character windows, word after word (none for shorter words). */
  windows: Int32Array;
  /** Where each word's windows start in `windows`; one more entry marks the end. */
  windowStarts: Int32Array;
}

/**
 * The hash of the window ending at a character, from the hash at the character before: each
 * step shifts the oldest character out of the mask, so it depends on the last three only.
 */
function nextHash(hash: number, charCode: number): number {
  return ((hash << 5) ^ charCode) & TABLE_MASK;
}

/** The empty word is left out: it occurs everywhere, and gates nothing. */
export function createWordFinder(words: Iterable<string>): WordFinder {
  const unique = [...new Set(words)].filter((word) => word !== "");
  const windows: number[] = [];
  const windowStarts = [0];
  for (const word of unique) {
    let hash = 0;
    for (let i = 0; i < word.length; i++) {
      hash = nextHash(hash, word.charCodeAt(i));
      if (i >= 2) windows.push(hash);
    }
    windowStarts.push(windows.length);
  }
  return { words: unique, windows: Int32Array.from(windows), windowStarts: Int32Array.from(windowStarts) };
}

function fillTable(table: Int32Array, text: string): void {
  table.fill(0);
  let hash = 0;
  for (let i = 0; i < text.length; i++) {
    hash = nextHash(hash, text.charCodeAt(i));
    if (i >= 2) table[hash >>> 5] = (table[hash >>> 5] ?? 0) | (1 << (hash & 31));
  }
}

function holdsWindow(table: Int32Array, hash: number): boolean {
  return ((table[hash >>> 5] ?? 0) & (1 << (hash & 31))) !== 0;
}

/** False when a window of the finder's word at `index` is missing from the table. */
function mayHold(finder: WordFinder, index: number): boolean {
  const end = finder.windowStarts[index + 1] ?? 0;
  for (let i = finder.windowStarts[index] ?? 0; i < end; i++) if (!holdsWindow(TABLE, finder.windows[i] ?? 0)) return false;
  return true;
}

/** A text's window table, kept by the caller to ask about words not known in advance. */
export function readWindowTable(text: string): Int32Array {
  const table = new Int32Array(1 << (TABLE_BITS - 5));
  fillTable(table, text);
  return table;
}

/** False when the text behind `table` cannot contain `word`; true means `includes` must decide. */
export function mayContainWord(table: Int32Array, word: string): boolean {
  let hash = 0;
  for (let i = 0; i < word.length; i++) {
    hash = nextHash(hash, word.charCodeAt(i));
    if (i >= 2 && !holdsWindow(table, hash)) return false;
  }
  return true;
}

/** The finder's words that occur in `text`: exactly those for which `text.includes(word)` holds. */
export function findWords(finder: WordFinder, text: string): Set<string> {
  fillTable(TABLE, text);
  const found = new Set<string>();
  for (let i = 0; i < finder.words.length; i++) {
    const word = finder.words[i] ?? "";
    if (mayHold(finder, i) && text.includes(word)) found.add(word);
  }
  return found;
}

/** Where the finder's words occur in `text`: each word that occurs, with its offsets, ascending. */
export function findWordOffsets(finder: WordFinder, text: string): Map<string, number[]> {
  fillTable(TABLE, text);
  const found = new Map<string, number[]>();
  for (let i = 0; i < finder.words.length; i++) {
    if (!mayHold(finder, i)) continue;
    const word = finder.words[i] ?? "";
    const offsets: number[] = [];
    for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) offsets.push(at);
    if (offsets.length > 0) found.set(word, offsets);
  }
  return found;
}

/**
 * Exactly `testGated(gated, text)` (required-words.ts) when `found` holds the pattern's required
 * words that occur in the text, lower-cased for a caseless pattern, as `findWords` gives them.
 */
export function testGatedWith(gated: GatedPattern, text: string, found: ReadonlySet<string>): boolean {
  if (gated.words && !gated.words.some((word) => found.has(word))) return false;
  return gated.pattern.test(text);
}

/** The required words of gated patterns, for a finder. */
export function requiredWordsOf(patterns: GatedPattern[]): string[] {
  return patterns.flatMap((gated) => gated.words ?? []);
}
