/**
 * The literal words a regular expression cannot match without. Pure.
 *
 * V8 compiles a pattern on its first run, and a cold isolate pays for every pattern a mail is
 * tested against: most of the vocabulary is in languages the mail is not written in. A
 * `GatedPattern` runs only when the text contains one of the pattern's required words (a plain
 * substring search, no compiling), so it gives the same answer as the pattern alone.
 *
 * `requiredWords` reads the pattern's source: every top-level alternative must contain some
 * literal run of characters, or a group whose alternatives all do; the answer is one such run
 * per alternative. It returns null, and the pattern always runs, when an alternative has none.
 * `requiredWordSets` gives every such run or group of each alternative, for a gate that asks
 * for all of them.
 */
import { createWindowTable, fillWindowTable, mayContainWord, type GatedPattern } from "./word-finder.ts";

/**
 * Without the `u` flag, a case-insensitive match of a Latin letter (up to U+024F) is a character
 * that lower-cases to the same letter, so the words are looked for in the lower-cased text. The
 * exception is "µ", which also matches Greek "μ". With `u`, "s" also matches "ſ" and "k" the Kelvin
 * sign: such a pattern, or one with characters beyond the Basic Multilingual Plane, always runs.
 */
const CASELESS_WORD = /^[\u0000-\u00B4\u00B6-\u024F]*$/;

export function gate(pattern: RegExp): GatedPattern {
  const caseless = pattern.flags.includes("i");
  const found = isGateable(pattern) ? requiredWords(pattern.source) : null;
  const words = caseless ? found?.map((word) => word.toLowerCase()) ?? null : found;
  return { pattern, words: words && (!caseless || words.every((word) => CASELESS_WORD.test(word))) ? words : null, caseless };
}

/**
 * The word sets of the pattern (`requiredWordSets`), as `gate` reads its words: lower-cased for
 * a case-insensitive pattern, to look for in the lower-cased text; null when it is never gated.
 */
export function gateSets(pattern: RegExp): string[][][] | null {
  const caseless = pattern.flags.includes("i");
  const found = isGateable(pattern) ? requiredWordSets(pattern.source) : null;
  if (!found || !caseless) return found;
  const sets = found.map((branch) => branch.map((set) => set.map((word) => word.toLowerCase())));
  return sets.every((branch) => branch.every((set) => set.every((word) => CASELESS_WORD.test(word)))) ? sets : null;
}

function isGateable(pattern: RegExp): boolean {
  return !(pattern.flags.includes("i") && pattern.flags.includes("u")) && !/[\uD800-\uDFFF]/.test(pattern.source);
}

/**
 * The pattern's `test`, skipped when the text lacks every required word. `lowerText` is the
 * text lower-cased, for callers that test several caseless patterns on one text.
 */
export function testGated(gated: GatedPattern, text: string, lowerText?: string): boolean {
  if (gated.words) {
    const haystack = gated.caseless ? lowerText ?? lowerCased(text) : text;
    if (!gated.words.some((word) => contains(haystack, word))) return false;
  }
  return gated.pattern.test(text);
}

// Readers test many patterns on one text in a row, and most required words are absent (they
// belong to the other languages): a scan of the whole text for each costs more than the
// patterns themselves. So a long text gets a table of its character windows (word-finder.ts,
// one pass); a word with a window the table lacks is absent without a scan. Answers for the
// last text are kept: word lists overlap ("interview", "termin"). The one table is filled again
// for each new text, not made anew.
const WINDOW_TABLE_MIN_CHARS = 256;
let lastHaystack = "";
const lastTable = createWindowTable();
const lastAnswers = new Map<string, boolean>();

function contains(haystack: string, word: string): boolean {
  // A line or a sentence is scanned faster than its table is built.
  if (haystack.length < WINDOW_TABLE_MIN_CHARS) return haystack.includes(word);
  if (haystack !== lastHaystack) {
    lastHaystack = haystack;
    fillWindowTable(lastTable, haystack);
    lastAnswers.clear();
  }
  let found = lastAnswers.get(word);
  if (found === undefined) {
    found = mayContainWord(lastTable, word) && haystack.includes(word);
    lastAnswers.set(word, found);
  }
  return found;
}

let lastText = "";
let lastLower = "";

function lowerCased(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastLower = text.toLowerCase();
  }
  return lastLower;
}

const LITERAL_ESCAPES: Record<string, string> = { n: "\n", t: "\t", r: "\r", f: "\f", v: "\v" };
// Sticky, read where the parser stands: a copy of the rest of the source at every atom would
// make reading a long pattern take time in the square of its length.
const QUANTIFIER = /(?:[?*+]|\{(\d+)(?:,\d*)?\})\??/y;
const LOOKAROUND = /\(\?<?[=!]/y;
const GROUP_OPENING = /\(\?(?::|<[A-Za-z_$][\w$]*>)|\(/y;

/** The match of a sticky pattern at offset i of the source, or null. */
function stickyAt(pattern: RegExp, source: string, i: number): RegExpExecArray | null {
  pattern.lastIndex = i;
  return pattern.exec(source);
}

interface Parsed {
  /** Alternatives of which one must occur, or null when nothing literal is required. */
  words: string[] | null;
  /** Per alternative, every set of words one of which each match of it contains. */
  branchSets: string[][][];
  /** Words one of which every match opens with, or null when a match may open otherwise. */
  opening: string[] | null;
  end: number;
}

/** One word per top-level alternative that every match of that alternative contains, or null. */
export function requiredWords(source: string): string[] | null {
  const parsed = parseAlternation(source, 0);
  return parsed.end === source.length ? parsed.words : null;
}

/**
 * Per top-level alternative, every set of words one of which each of its matches contains (an
 * alternative with no literal part has none), or null when the source is not read to its end.
 */
export function requiredWordSets(source: string): string[][][] | null {
  const parsed = parseAlternation(source, 0);
  return parsed.end === source.length ? parsed.branchSets : null;
}

/**
 * Words one of which every match opens with (look-arounds and \b aside): a match can only start
 * where one of them does. Null when some alternative may open otherwise.
 */
export function openingWords(source: string): string[] | null {
  const parsed = parseAlternation(source, 0);
  return parsed.end === source.length ? parsed.opening : null;
}

function parseAlternation(source: string, start: number): Parsed {
  const words: string[] = [];
  const branchSets: string[][][] = [];
  let opening: string[] | null = [];
  let complete = true;
  let i = start;
  for (;;) {
    const branch = parseBranch(source, i);
    if (branch.words) words.push(...branch.words);
    else complete = false;
    branchSets.push(...branch.branches);
    if (opening && branch.opening) opening.push(...branch.opening);
    else opening = null;
    i = branch.end;
    if (source[i] !== "|") break;
    i++;
  }
  return { words: complete ? [...new Set(words)] : null, branchSets, opening: opening && [...new Set(opening)], end: i };
}

/**
 * The required word sets of one alternative, the most selective of them (the one whose shortest
 * word is longest), and the words it opens with. An alternative that is one group (look-arounds
 * aside) stands for the group's alternatives, each with its own sets.
 */
function parseBranch(source: string, start: number): { words: string[] | null; branches: string[][][]; opening: string[] | null; end: number } {
  const candidates: string[][] = [];
  // Read at the first atom that is not zero-width; a literal one opens the first run.
  let opening: string[] | null | "run" | undefined;
  let widthAtoms = 0;
  let groupBranches: string[][][] | null = null;
  let run = "";
  const endRun = (): void => {
    if (run !== "") candidates.push([run]);
    run = "";
  };
  let i = start;
  while (i < source.length && source[i] !== "|" && source[i] !== ")") {
    const atom = readAtom(source, i);
    i = atom.end;
    const quantifier = stickyAt(QUANTIFIER, source, i);
    const minimum = quantifier ? (quantifier[0][0] === "+" ? 1 : quantifier[1] !== undefined ? Number(quantifier[1]) : 0) : 1;
    if (quantifier) i += quantifier[0].length;
    if (atom.zeroWidth) continue;
    if (opening === undefined) opening = minimum < 1 ? null : atom.literal !== null ? "run" : atom.opening;
    if (++widthAtoms === 1 && minimum >= 1) groupBranches = atom.branchSets;
    if (atom.literal !== null && minimum >= 1) {
      run += atom.literal;
      if (quantifier) endRun();
      continue;
    }
    endRun();
    if (atom.words && minimum >= 1) candidates.push(atom.words);
  }
  endRun();
  const shortest = (words: string[]): number => Math.min(...words.map((w) => w.length));
  const best = candidates.reduce<string[] | null>((found, words) => (found === null || shortest(words) > shortest(found) ? words : found), null);
  const branches = widthAtoms === 1 && groupBranches ? groupBranches : [candidates];
  return { words: best, branches, opening: opening === "run" ? (candidates[0] ?? null) : (opening ?? null), end: i };
}

interface Atom {
  end: number;
  /** The character it stands for, when it is one literal character. */
  literal: string | null;
  /** For a group: the words one of which it requires. */
  words: string[] | null;
  /** For a group: the words one of which each of its matches opens with. */
  opening: string[] | null;
  /** For a group: per alternative, its word sets. */
  branchSets: string[][][] | null;
  zeroWidth: boolean;
}

function readAtom(source: string, i: number): Atom {
  const char = source[i] ?? "";
  const other = (end: number): Atom => ({ end, literal: null, words: null, opening: null, branchSets: null, zeroWidth: false });
  if (char === "\\") {
    const next = source[i + 1] ?? "";
    if (next === "b" || next === "B") return { end: i + 2, literal: null, words: null, opening: null, branchSets: null, zeroWidth: true };
    if ((next === "p" || next === "P" || next === "u") && source[i + 2] === "{") return other(source.indexOf("}", i) + 1);
    if (next === "u") return other(i + 6);
    if (next === "x") return other(i + 4);
    if (next === "c") return other(i + 3);
    if (next === "k") return other(source.indexOf(">", i) + 1);
    if (/[dDwWsS1-9]/.test(next)) return other(i + 2);
    return { end: i + 2, literal: LITERAL_ESCAPES[next] ?? (next === "0" ? "\0" : next), words: null, opening: null, branchSets: null, zeroWidth: false };
  }
  if (char === "[") {
    let j = i + 1;
    if (source[j] === "^") j++;
    if (source[j] === "]") j++;
    while (j < source.length && source[j] !== "]") j += source[j] === "\\" ? 2 : 1;
    return other(j + 1);
  }
  if (char === "(") {
    const lookaround = stickyAt(LOOKAROUND, source, i);
    const prefix = lookaround?.[0] ?? stickyAt(GROUP_OPENING, source, i)?.[0] ?? "(";
    const inner = parseAlternation(source, i + prefix.length);
    const end = inner.end + 1;
    if (lookaround) return { end, literal: null, words: null, opening: null, branchSets: null, zeroWidth: true };
    return { end, literal: null, words: inner.words, opening: inner.opening, branchSets: inner.branchSets, zeroWidth: false };
  }
  if (char === "^" || char === "$") return { end: i + 1, literal: null, words: null, opening: null, branchSets: null, zeroWidth: true };
  if (char === ".") return other(i + 1);
  return { end: i + 1, literal: char, words: null, opening: null, branchSets: null, zeroWidth: false };
}
