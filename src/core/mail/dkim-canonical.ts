/**
 * DKIM canonicalisation (RFC 6376 §3.4): the header block split into fields as they were
 * written, and the "simple" and "relaxed" forms of a header field and of the body. Pure.
 * Header text is held as a binary string (one character per byte, never decoded), so 8-bit
 * headers (RFC 6532) are hashed exactly as they arrived. Lines may end in CRLF or a bare LF
 * (a message saved to disk); both count as the CRLF the signer saw on the wire.
 */

export type Canonicalization = "simple" | "relaxed";

export interface HeaderField {
  /** The field name, lower-cased (ASCII only), as h= names it. */
  key: string;
  /** The whole field as written, folded lines joined by CRLF, without its final line break. */
  raw: string;
}

export interface SplitMessage {
  /** Top to bottom, as in the message. */
  headers: HeaderField[];
  body: Uint8Array;
}

const CR = 0x0d;
const LF = 0x0a;
const SP = 0x20;
const HT = 0x09;
const BINARY_CHUNK = 0x8000;

/** Bytes as a binary string, in chunks so a large block does not overflow the argument list. */
export function binaryString(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += BINARY_CHUNK) text += String.fromCharCode(...bytes.subarray(i, i + BINARY_CHUNK));
  return text;
}

export function binaryBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const isFws = (code: number) => code === SP || code === HT || code === CR || code === LF;

/**
 * `text` without folding whitespace (SP, HT, CR, LF) at either end. A loop: a pattern such as
 * /[ \t]+$/ takes quadratic time on a long run of spaces inside the text (2 s for 40 KB).
 */
export function trimFws(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isFws(text.charCodeAt(start))) start++;
  while (end > start && isFws(text.charCodeAt(end - 1))) end--;
  return text.slice(start, end);
}

/** ASCII-only lower case: `toLowerCase` would also fold bytes 0xC0–0xDE of a binary string. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]+/g, (upper) => upper.toLowerCase());
}

/** The header fields and the body (after the first empty line; empty when there is none). */
export function splitMessage(raw: Uint8Array): SplitMessage {
  let headerEnd = raw.length;
  let bodyStart = raw.length;
  if (raw[0] === LF || (raw[0] === CR && raw[1] === LF)) {
    headerEnd = 0;
    bodyStart = raw[0] === LF ? 1 : 2;
  } else {
    for (let i = raw.indexOf(LF); i >= 0; i = raw.indexOf(LF, i + 1)) {
      if (raw[i + 1] === LF) [headerEnd, bodyStart] = [i + 1, i + 2];
      else if (raw[i + 1] === CR && raw[i + 2] === LF) [headerEnd, bodyStart] = [i + 1, i + 3];
      else continue;
      break;
    }
  }
  const headers: HeaderField[] = [];
  let lines: string[] = [];
  const close = () => {
    const raw = lines.join("\r\n");
    const colon = raw.indexOf(":");
    // A line that is neither a field nor a continuation is not a header anyone signed.
    if (colon > 0) headers.push({ key: asciiLower(trimFws(raw.slice(0, colon))), raw });
    lines = [];
  };
  for (const line of binaryString(raw.subarray(0, headerEnd)).split("\n")) {
    const text = line.endsWith("\r") ? line.slice(0, -1) : line;
    if (text === "") continue;
    if (text[0] === " " || text[0] === "\t") {
      if (lines.length > 0) lines.push(text);
      continue;
    }
    if (lines.length > 0) close();
    lines.push(text);
  }
  if (lines.length > 0) close();
  return { headers, body: raw.subarray(bodyStart) };
}

/**
 * One header field in canonical form, with the CRLF that ends it (the DKIM-Signature field
 * itself is hashed without it: the caller drops the last two characters).
 */
export function canonicalHeader(field: HeaderField, mode: Canonicalization): string {
  if (mode === "simple") return `${field.raw}\r\n`;
  const colon = field.raw.indexOf(":");
  const value = field.raw
    .slice(colon + 1)
    .replace(/\r\n/g, "")
    .replace(/[ \t]+/g, " ")
    .replace(/^ | $/g, "");
  return `${field.key}:${value}\r\n`;
}

/**
 * The body in canonical form: trailing empty lines removed, every line ended by CRLF;
 * "relaxed" also drops whitespace at line ends and shortens runs of it to one space. An empty
 * body is CRLF when simple and nothing when relaxed (RFC 6376 §3.4.3, §3.4.4, errata 3133).
 */
export function canonicalBody(body: Uint8Array, mode: Canonicalization): Uint8Array {
  let lineFeeds = 0;
  for (let i = body.indexOf(LF); i >= 0; i = body.indexOf(LF, i + 1)) lineFeeds++;
  // Each line gains at most a CR, the last line at most CRLF; relaxed only shortens.
  const out = new Uint8Array(body.length + lineFeeds + 2);
  const relaxed = mode === "relaxed";
  let length = 0;
  let emptyLines = 0;
  for (let start = 0; start < body.length; ) {
    const lf = body.indexOf(LF, start);
    const next = lf < 0 ? body.length : lf + 1;
    let end = lf < 0 ? body.length : lf;
    if (lf >= 0 && end > start && body[end - 1] === CR) end--;
    if (relaxed) while (end > start && (body[end - 1] === SP || body[end - 1] === HT)) end--;
    if (end === start) {
      // Empty lines count only when a non-empty line follows them.
      emptyLines++;
    } else {
      for (; emptyLines > 0; emptyLines--) (out[length++] = CR), (out[length++] = LF);
      if (relaxed) {
        for (let i = start; i < end; i++) {
          const byte = body[i]!;
          if (byte === SP || byte === HT) {
            if (out[length - 1] !== SP) out[length++] = SP;
          } else {
            out[length++] = byte;
          }
        }
      } else {
        out.set(body.subarray(start, end), length);
        length += end - start;
      }
      out[length++] = CR;
      out[length++] = LF;
    }
    start = next;
  }
  if (!relaxed && length === 0) (out[length++] = CR), (out[length++] = LF);
  return out.subarray(0, length);
}
