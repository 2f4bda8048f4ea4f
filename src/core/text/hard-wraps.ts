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
const QUOTE_MARKS_RE = /^[ \t]*(?:>[ \t]?)*/;
// A line that ends like this was ended by its writer: a sentence, a label ("Date:"), a list item's end.
const ENDS_LINE_RE = /[.!?:;]\s*$/;
const CONTINUES_RE = /^[a-zà-öø-ÿ\d(]/;

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

function joinLines(text: string): string {
  if (!text.includes("\n")) return text;
  let joined = "";
  let copied = 0;
  let lineStart = 0;
  for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", lineStart)) {
    const line = text.slice(lineStart, newline);
    const nextStart = newline + 1;
    lineStart = nextStart;
    if (line.length < MIN_WRAPPED_LINE_CHARS || ENDS_LINE_RE.test(line)) continue;
    const quote = QUOTE_MARKS_RE.exec(line)?.[0] ?? "";
    const nextQuote = QUOTE_MARKS_RE.exec(text.slice(nextStart, nextStart + 16))?.[0] ?? "";
    if (quote.trim() !== nextQuote.trim()) continue;
    const continuesAt = nextStart + nextQuote.length;
    if (!CONTINUES_RE.test(text.charAt(continuesAt))) continue;
    joined += `${text.slice(copied, newline)} `;
    copied = continuesAt;
  }
  return copied === 0 ? text : joined + text.slice(copied);
}
