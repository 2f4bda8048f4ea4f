/**
 * Finds the forwarded block inside a forward's plain text: the client's marker line ("----------
 * Forwarded message ---------", "Begin forwarded message:", "-----Original Message-----", ...)
 * and the header block under it ("From:/Date:/Subject:/To:" in the client's language). Pure.
 *
 * Label tables cover English, German, French, Spanish, Dutch and Portuguese as Gmail, Outlook
 * (new, classic, iOS), Apple Mail, Thunderbird, Yahoo and Proton print them.
 */
import { addressParser, decodeWords, type Mailbox } from "postal-mime";
import type { Address, ForwardStyle } from "./forwarded-email.ts";

export type HeaderField = "from" | "date" | "to" | "cc" | "subject" | "replyTo";

const FIELD_LABELS: Record<HeaderField, string[]> = {
  from: ["from", "von", "de", "van", "da"],
  date: ["date", "sent", "datum", "gesendet", "envoyé", "envoye", "enviado", "enviado el", "enviada", "fecha", "data", "verzonden", "verstuurd"],
  to: ["to", "an", "à", "a", "para", "aan"],
  cc: ["cc", "kopie", "copie", "cópia", "copia"],
  subject: ["subject", "betreff", "objet", "asunto", "assunto", "onderwerp"],
  replyTo: ["reply-to", "reply to", "antwort an", "répondre à", "responder a", "antwoord aan", "responder para"],
};
const LABEL_TO_FIELD = new Map<string, HeaderField>();
for (const [field, labels] of Object.entries(FIELD_LABELS) as [HeaderField, string[]][]) {
  for (const label of labels) LABEL_TO_FIELD.set(label, field);
}

const FORWARD_TITLES = [
  "forwarded message", "weitergeleitete nachricht", "doorgestuurd bericht", "message transféré",
  "mensaje reenviado", "mensagem encaminhada", "mensagem reencaminhada",
];
const ORIGINAL_TITLES = [
  "original message", "ursprüngliche nachricht", "originalnachricht", "message d'origine",
  "mensaje original", "oorspronkelijk bericht", "mensagem original",
];
const APPLE_TITLES = [
  "begin forwarded message", "anfang der weitergeleiteten nachricht", "begin doorgestuurd bericht",
  "début du message réexpédié", "debut du message reexpedie", "inicio del mensaje reenviado",
  "início da mensagem reencaminhada", "inicio da mensagem reencaminhada", "início da mensagem encaminhada",
];

export type HeaderFields = Partial<Record<HeaderField, string>>;

/** Longest line read as a marker or as the first line of a header block. */
const MAX_MARKER_LINE_CHARS = 300;

export interface InlineForward {
  style: ForwardStyle;
  /** Text above the marker or header block: the forwarder's note. */
  note: string;
  fields: HeaderFields;
  /** The forwarded message's body, with one level of ">" quoting removed when the block was quoted. */
  body: string;
  /** Offset in the searched text where the body starts. */
  bodyIndex: number;
  /** True when the marker is an explicit forward marker (not a bare Outlook header block or "Original Message"). */
  explicitForward: boolean;
}

/** Removes one level of ">" quoting. */
function unquote(line: string): string {
  return line.replace(/^ ?> ?/, "");
}

function isQuoted(line: string): boolean {
  return /^ ?>/.test(line);
}

/** Lower-cased text of a marker line without dashes, colons, quoting or emphasis. */
function markerText(line: string): string {
  return line.replace(/^[\s>*]+/, "").replace(/[\s*]+$/, "").replace(/^-+\s*/, "").replace(/\s*-+$/, "").replace(/\s*:$/, "").trim().toLowerCase();
}

function dashCount(line: string): number {
  return /^[\s>*]*(-+)/.exec(line)?.[1]?.length ?? 0;
}

function styleOfMarker(line: string): { style: ForwardStyle; explicitForward: boolean } | null {
  // Most lines are body text: only a line ending in a dash or a colon can be a marker.
  const end = line.trimEnd();
  if (!end.endsWith("-") && !end.endsWith(":")) return null;
  const trimmed = line.replace(/^[\s>]+/, "").trim();
  const dashed = trimmed.startsWith("--") && trimmed.endsWith("--");
  if (!dashed && !trimmed.endsWith(":")) return null;
  const text = markerText(line);
  if (dashed) {
    if (FORWARD_TITLES.includes(text)) {
      const dashes = dashCount(line);
      // Each client pads the title with its own number of dashes.
      const style: ForwardStyle = dashes >= 9 ? "gmail" : dashes === 8 ? "thunderbird" : dashes === 7 ? "proton" : dashes >= 4 ? "yahoo" : "unknown_inline";
      return { style, explicitForward: true };
    }
    if (ORIGINAL_TITLES.includes(text)) return { style: "outlook_classic", explicitForward: false };
  }
  if (/:$/.test(trimmed) && APPLE_TITLES.includes(text)) return { style: "apple_mail", explicitForward: true };
  return null;
}

/** Where a trimmed header line's colon can be at the latest: emphasis, a label of up to 19 letters, spaces. */
const MAX_LABEL_LINE_PREFIX = 40;

/** Parses "Label: value" into a header field, or null when the line is not a header line. */
function readHeaderLine(line: string): { field: HeaderField; value: string } | null {
  // A label is at most 20 letters, so a line without an early colon is not a header line.
  if (!line.includes(":")) return null;
  const trimmed = line.trim();
  const colon = trimmed.indexOf(":");
  if (colon < 1 || colon > MAX_LABEL_LINE_PREFIX) return null;
  // Most lines with an early colon are text ("Time: 10:00", "https://..."): only a known label
  // can make a header line, and it is cheaper to look up than the pattern is to run.
  if (!LABEL_TO_FIELD.has(labelBefore(trimmed, colon))) return null;
  const match = /^\*?([\p{L}][\p{L} '-]{0,18}?)\*?\s*:\*?[ \t]*(.*)$/u.exec(trimmed);
  if (!match?.[1]) return null;
  const field = LABEL_TO_FIELD.get(match[1].trim().toLowerCase());
  if (!field) return null;
  return { field, value: (match[2] ?? "").replace(/^\*\s*/, "").trim() };
}

/** The label of a trimmed line as the header pattern reads it: before the colon, without emphasis. */
function labelBefore(trimmed: string, colon: number): string {
  const label = trimmed.slice(trimmed.startsWith("*") ? 1 : 0, colon).trimEnd();
  return (label.endsWith("*") ? label.slice(0, -1) : label).trim().toLowerCase();
}

interface HeaderBlock {
  fields: HeaderFields;
  count: number;
  /** Offset of the first line after the block (text.length + 1 when the block ends the text). */
  end: number;
}

// Lines are walked by offset, never cut out of the text in bulk: a block reads a dozen lines at
// most, and its body is one slice. A line starts at 0 or after a "\n" (so at text.length when
// the text ends with one); text.length + 1 is past the last line.

/** Offset where the line starting at `start` ends (its "\n", or text.length). */
function lineEnd(text: string, start: number): number {
  const newline = text.indexOf("\n", start);
  return newline < 0 ? text.length : newline;
}

/** Reads consecutive header lines from offset `start`; a blank or non-header line ends the block. */
function readHeaderBlock(text: string, start: number, quoted: boolean): HeaderBlock {
  const fields: HeaderFields = {};
  let count = 0;
  let last: HeaderField | null = null;
  let at = start;
  for (let read = 0; at <= text.length && read < 12; read++) {
    const end = lineEnd(text, at);
    const raw = text.slice(at, end);
    const line = quoted ? unquote(raw) : raw;
    if (line.trim() === "") break;
    const header = readHeaderLine(line);
    if (header && fields[header.field] === undefined) {
      fields[header.field] = header.value;
      last = header.field;
      count++;
    } else if ((last === "to" || last === "cc") && /@|[,;]\s*$/.test(line)) {
      // Outlook wraps long recipient lists onto the next line.
      fields[last] = `${fields[last] ?? ""} ${line.trim()}`;
    } else break;
    at = end + 1;
  }
  return { fields, count, end: at };
}

/** Offset of the first line from `start` with more than whitespace, or text.length + 1. */
function nextNonEmpty(text: string, start: number, quoted: boolean): number {
  let at = start;
  while (at <= text.length) {
    const end = lineEnd(text, at);
    const raw = text.slice(at, end);
    if ((quoted ? unquote(raw) : raw).trim() !== "") return at;
    at = end + 1;
  }
  return at;
}

function isValidBlock(block: HeaderBlock): boolean {
  return block.fields.from !== undefined && (block.fields.date !== undefined || block.fields.subject !== undefined);
}

/**
 * Finds the first forwarded block in `text`. A marker line followed by a header block counts;
 * so does a bare header block of at least three fields starting with From (Outlook prints no
 * marker, only a rule) or Subject (Thunderbird's table).
 */
export function findInlineForward(text: string): InlineForward | null {
  // Only a line holding a colon (a header, Apple's marker) or "--" (a dashed marker) can open a
  // block: the search jumps from one such line to the next.
  let nextColon = text.indexOf(":");
  let nextDashes = text.indexOf("--");
  while (nextColon >= 0 || nextDashes >= 0) {
    const hit = nextColon < 0 ? nextDashes : nextDashes < 0 ? nextColon : Math.min(nextColon, nextDashes);
    const start = text.lastIndexOf("\n", hit) + 1;
    const end = lineEnd(text, hit);
    if (nextColon >= 0 && nextColon < end) nextColon = text.indexOf(":", end);
    if (nextDashes >= 0 && nextDashes < end) nextDashes = text.indexOf("--", end);
    // Markers and the first header line are short; long lines are body text (and stay linear).
    if (end - start > MAX_MARKER_LINE_CHARS) continue;
    const line = text.slice(start, end);
    const marker = styleOfMarker(line);
    if (!marker) {
      const header = readHeaderLine(unquote(line));
      if (!header || (header.field !== "from" && header.field !== "subject")) continue;
    }
    const forward = readForwardAt(text, start, end, marker);
    if (forward) return forward;
  }
  return null;
}

/** The forwarded block opened by the line from `start` to `end`, a marker line when `marker` is set. */
function readForwardAt(
  text: string,
  start: number,
  end: number,
  marker: { style: ForwardStyle; explicitForward: boolean } | null,
): InlineForward | null {
  let blockStart = start;
  let style: ForwardStyle | null = null;
  let explicitForward = false;
  let quoted = false;
  if (marker) {
    const first = nextNonEmpty(text, end + 1, false);
    quoted = first <= text.length && isQuoted(text.slice(first, lineEnd(text, first)));
    blockStart = nextNonEmpty(text, end + 1, quoted);
    style = marker.style === "apple_mail" && quoted ? "apple_mail_quoted" : marker.style;
    explicitForward = marker.explicitForward;
  } else quoted = isQuoted(text.slice(start, end));
  const block = readHeaderBlock(text, blockStart, quoted);
  if (!isValidBlock(block) || (!marker && block.count < 3)) return null;
  const note = start === 0 ? "" : text.slice(0, start - 1);
  const firstLine = blockStart <= text.length ? text.slice(blockStart, lineEnd(text, blockStart)) : "";
  if (!style) style = outlookStyle(note, firstLine, block);
  const bodyIndex = Math.min(nextNonEmpty(text, block.end, quoted), text.length);
  const body = quoted && bodyIndex < text.length ? text.slice(bodyIndex).split("\n").map(unquote).join("\n") : text.slice(bodyIndex);
  return { style, note, fields: block.fields, body, bodyIndex, explicitForward };
}

/** A header block with no marker line: Outlook's shapes, told apart by the note's client line. */
function outlookStyle(note: string, firstLine: string, block: HeaderBlock): ForwardStyle {
  if (/get outlook for (?:ios|android)/i.test(note)) return "outlook_ios";
  const label = /^[\s>*]*([^:]+):/.exec(firstLine)?.[1]?.trim().toLowerCase() ?? "";
  if (LABEL_TO_FIELD.get(label) === "from" && block.fields.date !== undefined) return "outlook";
  return "unknown_inline";
}

/** RFC 2047 words are decoded only in short values: postal-mime decodes long runs in quadratic time. */
const MAX_DECODED_HEADER_CHARS = 998;

function decodeValue(value: string): string {
  const short = value.slice(0, MAX_DECODED_HEADER_CHARS);
  return /=\?/.test(short) ? decodeWords(short) : short;
}

// Unwrapping asks for the same From and To lines several times (is it a reply? who forwarded?).
const RECENT_ADDRESS_LISTS_MAX = 8;
const recentAddressLists = new Map<string, Address[]>();

/** Parses an inline address list ("A <a@x>; B [mailto:b@x]", "c@x", "Name (d@x)"). */
export function parseAddressList(value: string | undefined): Address[] {
  if (!value) return [];
  let parsed = recentAddressLists.get(value);
  if (!parsed) {
    if (recentAddressLists.size >= RECENT_ADDRESS_LISTS_MAX) recentAddressLists.clear();
    parsed = readAddressList(value);
    recentAddressLists.set(value, parsed);
  }
  return parsed.map((address) => ({ ...address }));
}

// "Name <address>" and a bare address: the name without quotes, comments, separators, encoded
// words or control characters, the address one '@' between characters that are none of those.
const NAME_AND_ADDRESS = /^([^"(),:;<>@\\=\x00-\x1f]*)<([^\s"(),:;<>@\\=\x00-\x1f]+@[^\s"(),:;<>@\\=\x00-\x1f]+)>$/;
const BARE_ADDRESS = /^[^\s"(),:;<>@\\=\x00-\x1f]+@[^\s"(),:;<>@\\=\x00-\x1f]+$/;

/**
 * The two shapes nearly every forwarded From and To line has, read directly: postal-mime's
 * addressParser tokenizes character by character (microseconds a line) and gives these exactly
 * this answer (the name trimmed; none when it is empty). Anything else is left to it.
 */
function readSimpleMailbox(value: string): Mailbox[] | null {
  const named = NAME_AND_ADDRESS.exec(value);
  if (named) return [{ name: (named[1] ?? "").trim(), address: named[2] ?? "" }];
  return BARE_ADDRESS.test(value) ? [{ name: "", address: value }] : null;
}

function readAddressList(value: string): Address[] {
  const normalised = decodeValue(value)
    .replace(/\[mailto:([^\]\s]+)\]/gi, "<$1>")
    .replace(/<mailto:/gi, "<")
    .replace(/;/g, ",");
  const result: Address[] = [];
  for (const entry of readSimpleMailbox(normalised) ?? addressParser(normalised, { flatten: true })) {
    if (entry.group) continue;
    let address = entry.address.trim().toLowerCase();
    let name = entry.name.trim().replace(/^["']|["']$/g, "").trim();
    if (!address) {
      const embedded = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/.exec(name);
      if (embedded) {
        address = embedded[0].toLowerCase();
        name = name.replace(embedded[0], "").replace(/[()<>[\]]/g, "").trim();
      }
    }
    if (!address && !name) continue;
    result.push({ name: name || null, address: address || null });
  }
  return result;
}
