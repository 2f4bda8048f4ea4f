/**
 * Which words of a fixed list a text contains, and where, found with one pass over the text;
 * a text's table kept by a caller that asks about words not known in advance
 * (required-words.ts); and the gates of patterns over a fixed list (`WordWindows`, `mayMatch`).
 * Pure (the fixed-list search reuses one scratch table between calls, never keeping it across
 * them; a caller that keeps a table fills it again for each text).
 *
 * Why: the readers look for a few hundred literal words in every mail (the required words of
 * their gated patterns, the keywords that open their phrases) before running a pattern, and
 * `includes` scans the whole text once per word, which cost more than the patterns themselves.
 * Here the text's three-character windows are hashed into a table in one pass; a word with a
 * window the table lacks is not in the text, and the few words whose windows are all there are
 * confirmed with `includes` (or `indexOf`, for their offsets). Every answer is therefore exactly
 * what `includes` would say; the table only makes the usual "no" cheap. A gate needs no such
 * confirmation (a "maybe" only lets its pattern run), and asks only about the words it names.
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
/** Characters in a window: a shorter word has none, and may be in any text. */
const WINDOW_CHARS = 3;
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
      if (i >= WINDOW_CHARS - 1) windows.push(hash);
    }
    windowStarts.push(windows.length);
  }
  return { words: unique, windows: Int32Array.from(windows), windowStarts: Int32Array.from(windowStarts) };
}

function fillTable(table: Int32Array, text: string): void {
  table.fill(0);
  let hash = 0;
  // The first window's characters are hashed before the loop, which then marks a window at every step.
  for (let i = 0; i < WINDOW_CHARS - 1 && i < text.length; i++) hash = nextHash(hash, text.charCodeAt(i));
  for (let i = WINDOW_CHARS - 1; i < text.length; i++) {
    hash = nextHash(hash, text.charCodeAt(i));
    table[hash >>> 5] = (table[hash >>> 5] ?? 0) | (1 << (hash & 31));
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

/** An empty window table, for a caller that asks about words not known in advance: filled (`fillWindowTable`) for one text after another. */
export function createWindowTable(): Int32Array {
  return new Int32Array(1 << (TABLE_BITS - 5));
}

/** The table filled with the text's windows, what it held before dropped. */
export function fillWindowTable(table: Int32Array, text: string): Int32Array {
  fillTable(table, text);
  return table;
}

/** False when the text behind `table` cannot contain `word`; true means `includes` must decide. */
export function mayContainWord(table: Int32Array, word: string): boolean {
  let hash = 0;
  for (let i = 0; i < word.length; i++) {
    hash = nextHash(hash, word.charCodeAt(i));
    if (i >= WINDOW_CHARS - 1 && !holdsWindow(table, hash)) return false;
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
 * The finder's words a text may contain, for gates that ask about many words in turn: a word
 * with a window the text lacks is absent, one with all of them (or shorter than a window) may
 * be there. No search confirms it: a gate that lets its pattern run needlessly still gets the
 * pattern's own answer.
 */
export interface WordWindows {
  finder: WordFinder;
  /** The text's window table. */
  table: Int32Array;
}

/** Windows for the finder's words with an empty table, to fill (`fillWordWindows`) and fill again. */
export function createWordWindows(finder: WordFinder): WordWindows {
  return { finder, table: createWindowTable() };
}

/** The windows with their table filled from `text`, what it held before dropped. */
export function fillWordWindows(windows: WordWindows, text: string): WordWindows {
  fillTable(windows.table, text);
  return windows;
}

/** False when the text behind `windows` cannot contain the finder's word at `index`. */
export function mayContain(windows: WordWindows, index: number): boolean {
  const { finder, table } = windows;
  const end = finder.windowStarts[index + 1] ?? 0;
  for (let i = finder.windowStarts[index] ?? 0; i < end; i++) if (!holdsWindow(table, finder.windows[i] ?? 0)) return false;
  return true;
}

/**
 * A pattern's gate over a finder's words, flat for a tight loop: the number of the pattern's
 * alternatives, then for each its number of word sets, then for each set its number of words
 * and their indices in the finder. Every match of an alternative holds a word of each of its
 * sets; an alternative with no set may match without any word.
 */
export type WordGate = Int32Array;

/**
 * The gates of patterns from their word sets (required-words.ts `gateSets`; null: always open),
 * over a finder made with all their words. A set with a word shorter than a window, which every
 * text may hold, is left out, and so is a word that holds another of its set; the smaller sets
 * come first, as a set is only ruled out by looking up all its words.
 */
export function wordGates(finder: WordFinder, patternSets: (string[][][] | null)[]): WordGate[] {
  const index = new Map(finder.words.map((word, i) => [word, i]));
  return patternSets.map((branchSets) => {
    if (branchSets === null) return Int32Array.of(1, 0);
    const codes = [branchSets.length];
    for (const sets of branchSets) {
      const kept = sets
        .filter((set) => set.every((word) => word.length >= WINDOW_CHARS && index.has(word)))
        .map((set) => set.filter((word) => !set.some((other) => other !== word && word.includes(other))))
        .sort((a, b) => a.length - b.length);
      codes.push(kept.length);
      for (const set of kept) codes.push(set.length, ...set.map((word) => index.get(word) ?? -1));
    }
    return Int32Array.from(codes);
  });
}

/** False when the text behind `windows` cannot hold a match of the gate's pattern. */
export function mayMatch(gate: WordGate, windows: WordWindows): boolean {
  let at = 1;
  for (let alternatives = gate[0] ?? 0; alternatives > 0; alternatives--) {
    let holdsAll = true;
    for (let sets = gate[at++] ?? 0; sets > 0; sets--) {
      const end = at + 1 + (gate[at] ?? 0);
      if (holdsAll) {
        holdsAll = false;
        for (let word = at + 1; word < end; word++) {
          if (mayContain(windows, gate[word] ?? 0)) {
            holdsAll = true;
            break;
          }
        }
      }
      at = end;
    }
    if (holdsAll) return true;
  }
  return false;
}
