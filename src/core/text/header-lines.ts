/**
 * Lines of forwarded-message headers and reply introductions inside a body ("Sent: Friday,
 * April 17, 2026 9:05 AM" next to "From:"/"To:", "On Tue, 3 Mar 2026 at 14:30, Ana wrote:").
 * They state when and from which zone a message was sent, never an appointment, so the date,
 * time and zone readers skip them. Pure.
 */

const DATE_LINE_RE = /^[\s>]*(?:date|sent|gesendet|datum|envoyé|envoye|enviado|enviada|verzonden|verstuurd|data|fecha)(?:\s+(?:el|le|em|on|am|op))?\s*:/i;
const OTHER_HEADER_LINE_RE = /^[\s>]*(?:from|to|cc|subject|von|an|betreff|de|à|a|objet|para|asunto|assunto|van|aan|onderwerp|da|cco|bcc)\s*:/i;
const QUOTE_INTRO_LINE_RE = /^[\s>]*(?:on|am|le|el|op|em)\s.{4,160}(?:wrote|schrieb|a écrit|escribió|schreef|escreveu)\s*:\s*$/i;
/** A date line counts as a header when one of these many lines around it is another header. */
const NEIGHBOURHOOD_LINES = 4;

let lastText: string | null = null;
let lastRanges: [number, number][] = [];

/** [start, end) character ranges of header lines, in order. The last result is kept (several readers ask in a row); callers must not change it. */
export function findHeaderLineRanges(text: string): [number, number][] {
  if (text === lastText) return lastRanges;
  // Every header line and reply introduction holds a colon: a line without one is none, and
  // a text without one has none.
  const ranges: [number, number][] = [];
  if (text.includes(":")) {
    const lines = text.split("\n");
    let start = 0;
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? "";
      if (line.includes(":") && (QUOTE_INTRO_LINE_RE.test(line) || (DATE_LINE_RE.test(line) && hasHeaderNear(lines, i)))) ranges.push([start, start + line.length]);
      start += line.length + 1;
    }
  }
  lastText = text;
  lastRanges = ranges;
  return ranges;
}

/** Another of the lines around line i is a header line. */
function hasHeaderNear(lines: string[], i: number): boolean {
  const last = Math.min(lines.length - 1, i + NEIGHBOURHOOD_LINES);
  for (let k = Math.max(0, i - NEIGHBOURHOOD_LINES); k <= last; k++) {
    const line = lines[k] ?? "";
    if (k !== i && line.includes(":") && OTHER_HEADER_LINE_RE.test(line)) return true;
  }
  return false;
}

export function isInRanges(ranges: [number, number][], index: number): boolean {
  return ranges.some(([from, to]) => index >= from && index < to);
}
