/**
 * Finds the forwarded block inside a forward's plain text: the client's marker line ("----------
 * Forwarded message ---------", "Begin forwarded message:", "-----Original Message-----", ...)
 * and the header block under it ("From:/Date:/Subject:/To:" in the client's language). Pure.
 *
 * Label tables cover English, German, French, Spanish, Dutch and Portuguese as Gmail, Outlook
 * (new, classic, iOS), Apple Mail, Thunderbird, Yahoo and Proton print them.
 */
import { addressParser, decodeWords } from "postal-mime";
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
  const trimmed = line.replace(/^[\s>]+/, "").trim();
  const dashed = trimmed.startsWith("--") && trimmed.endsWith("--");
  // Most lines are body text: only a dashed line or one ending in a colon can be a marker.
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
  const trimmed = line.trim();
  const colon = trimmed.indexOf(":");
  if (colon < 1 || colon > MAX_LABEL_LINE_PREFIX) return null;
  const match = /^\*?([\p{L}][\p{L} '-]{0,18}?)\*?\s*:\*?[ \t]*(.*)$/u.exec(trimmed);
  if (!match?.[1]) return null;
  const field = LABEL_TO_FIELD.get(match[1].trim().toLowerCase());
  if (!field) return null;
  return { field, value: (match[2] ?? "").replace(/^\*\s*/, "").trim() };
}

interface HeaderBlock {
  fields: HeaderFields;
  count: number;
  /** Index of the first line after the block. */
  end: number;
}

/** Reads consecutive header lines from `start`; a blank or non-header line ends the block. */
function readHeaderBlock(lines: string[], start: number, quoted: boolean): HeaderBlock {
  const fields: HeaderFields = {};
  let count = 0;
  let last: HeaderField | null = null;
  let i = start;
  for (; i < lines.length && i < start + 12; i++) {
    const raw = lines[i] ?? "";
    const line = quoted ? unquote(raw) : raw;
    if (line.trim() === "") break;
    const header = readHeaderLine(line);
    if (header && fields[header.field] === undefined) {
      fields[header.field] = header.value;
      last = header.field;
      count++;
      continue;
    }
    // Outlook wraps long recipient lists onto the next line.
    if ((last === "to" || last === "cc") && /@|[,;]\s*$/.test(line)) {
      fields[last] = `${fields[last] ?? ""} ${line.trim()}`;
      continue;
    }
    break;
  }
  return { fields, count, end: i };
}

function nextNonEmpty(lines: string[], from: number, quoted: boolean): number {
  let i = from;
  while (i < lines.length && (quoted ? unquote(lines[i] ?? "") : (lines[i] ?? "")).trim() === "") i++;
  return i;
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
  const lines = text.split("\n");
  const offsets: number[] = [];
  let offset = 0;
  for (const line of lines) {
    offsets.push(offset);
    offset += line.length + 1;
  }

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    // Markers and the first header line are short; long lines are body text (and stay linear).
    if (line.length > MAX_MARKER_LINE_CHARS) continue;
    const marker = styleOfMarker(line);
    let blockStart = -1;
    let style: ForwardStyle | null = null;
    let explicitForward = false;
    let quoted = false;
    if (marker) {
      const first = nextNonEmpty(lines, i + 1, false);
      quoted = isQuoted(lines[first] ?? "");
      blockStart = nextNonEmpty(lines, i + 1, quoted);
      style = marker.style === "apple_mail" && quoted ? "apple_mail_quoted" : marker.style;
      explicitForward = marker.explicitForward;
    } else {
      const header = readHeaderLine(isQuoted(line) ? unquote(line) : line);
      if (!header || (header.field !== "from" && header.field !== "subject")) continue;
      quoted = isQuoted(line);
      blockStart = i;
    }
    const block = readHeaderBlock(lines, blockStart, quoted);
    if (!isValidBlock(block) || (!marker && block.count < 3)) continue;
    const noteEnd = marker ? i : blockStart;
    const note = lines.slice(0, noteEnd).join("\n");
    if (!style) style = outlookStyle(note, lines[blockStart] ?? "", block);
    const bodyStart = nextNonEmpty(lines, block.end, quoted);
    const bodyLines = lines.slice(bodyStart);
    const body = (quoted ? bodyLines.map((l) => (isQuoted(l) ? unquote(l) : l)) : bodyLines).join("\n");
    return {
      style,
      note,
      fields: block.fields,
      body,
      bodyIndex: offsets[bodyStart] ?? text.length,
      explicitForward,
    };
  }
  return null;
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

function readAddressList(value: string): Address[] {
  const normalised = decodeValue(value)
    .replace(/\[mailto:([^\]\s]+)\]/gi, "<$1>")
    .replace(/<mailto:/gi, "<")
    .replace(/;/g, ",");
  const result: Address[] = [];
  for (const entry of addressParser(normalised, { flatten: true })) {
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
