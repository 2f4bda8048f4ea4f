/**
 * Sentences a mail client broke across lines, joined again.
 *
 * Plain-text mail is often wrapped at 70-80 characters ("We will get back to you within" /
 * "5 business days."), and quoted mail carries a ">" on every wrapped line; readers whose
 * patterns stop at line breaks then miss the sentence. A break is joined when the line before
 * is long enough to have been wrapped and ends no sentence, label or list item, and the line
 * after continues it (it opens with a lower-case letter or a digit, after the same quote marks).
 * A joined break, with the quote marks repeated after it, becomes one space. Pure (the last
 * answer is kept for the next reader of the same text).
 */

/** Shorter lines were ended by the writer, not wrapped by the client. */
const MIN_WRAPPED_LINE_CHARS = 45;
// Marks that end a line its writer ended: a sentence, a label ("Date:"), a list item.
const LINE_END_MARKS = ".!?:;";

// The kind and timeline readers ask about the same text in turn: the last answer is kept.
let lastText = "";
let lastJoined = "";

export function joinHardWraps(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastJoined = joinLines(text);
  }
  return lastJoined;
}

// Character tests, not patterns: this runs on every mail, where each pattern a cold isolate
// meets costs a compile.
function joinLines(text: string): string {
  if (!text.includes("\n")) return text;
  let joined = "";
  let copied = 0;
  let lineStart = 0;
  for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", lineStart)) {
    const start = lineStart;
    const nextStart = newline + 1;
    lineStart = nextStart;
    if (newline - start < MIN_WRAPPED_LINE_CHARS || endsLine(text, start, newline)) continue;
    const quote = quoteMarksEnd(text, start);
    const nextQuote = quoteMarksEnd(text, nextStart);
    if (quoteDepth(text, start, quote) !== quoteDepth(text, nextStart, nextQuote)) continue;
    if (!continuesSentence(text.charCodeAt(nextQuote))) continue;
    joined += `${text.slice(copied, newline)} `;
    copied = nextQuote;
  }
  return copied === 0 ? text : joined + text.slice(copied);
}

/** The line [start, end) ends with a mark, spaces after it aside. */
function endsLine(text: string, start: number, end: number): boolean {
  let i = end - 1;
  while (i >= start && (text[i] === " " || text[i] === "\t" || text[i] === "\r")) i--;
  return i >= start && LINE_END_MARKS.includes(text.charAt(i));
}

/** Where the line at `start` begins after its spaces and ">" quote marks. */
function quoteMarksEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && (text[i] === " " || text[i] === "\t" || text[i] === ">")) i++;
  return i;
}

function quoteDepth(text: string, start: number, end: number): number {
  let depth = 0;
  for (let i = start; i < end; i++) if (text[i] === ">") depth++;
  return depth;
}

/** A lower-case letter (Latin, with accents), a digit or an opening bracket: the sentence goes on. */
function continuesSentence(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 40 || (code >= 0xdf && code <= 0xff && code !== 0xf7);
}
