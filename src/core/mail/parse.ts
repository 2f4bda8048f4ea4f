/**
 * Parses raw RFC 5322 bytes with postal-mime under the project's limits. Pure: no I/O, no clock.
 * The header block and the line count (of a message long enough to exceed the limit) are
 * measured before postal-mime sees anything (postal-mime 4.0.0 decodes long encoded-word runs in
 * quadratic time, and costs about 25 µs and 1 KB per line of text), and postal-mime's own
 * limits are passed explicitly.
 * `message/rfc822` parts are always returned as attachments so unwrapping controls how deep it
 * reads. Two repairs keep broken mail readable: bare-CR line endings become CRLF, and a
 * multipart body whose boundary never appears is read as plain text instead of as nothing.
 */
import PostalMime, { type Email } from "postal-mime";
import { MAX_ALL_HEADERS_BYTES, MAX_HEADER_BYTES, MAX_MIME_DEPTH, MAX_PARSE_LINES } from "./limits.ts";
import { err, ok, type Result } from "../result.ts";

export type MimeRejection =
  | { reason: "headers_too_large"; bytes: number; limit: number }
  | { reason: "too_many_lines"; lines: number; limit: number }
  | { reason: "unparseable"; detail: string };

const CR = 0x0d;
const LF = 0x0a;

/**
 * Bare CR line endings (classic Mac mail, some broken gateways) as CRLF. postal-mime splits
 * lines on LF only, so a CR-only message would be one endless header line. Returns the input
 * itself when it has no bare CR.
 */
export function normalizeBareCr(raw: Uint8Array): Uint8Array {
  let bare = 0;
  for (let i = raw.indexOf(CR); i >= 0; i = raw.indexOf(CR, i + 1)) if (raw[i + 1] !== LF) bare++;
  if (bare === 0) return raw;
  const out = new Uint8Array(raw.length + bare);
  let j = 0;
  for (let i = 0; i < raw.length; i++) {
    out[j++] = raw[i]!;
    if (raw[i] === CR && raw[i + 1] !== LF) out[j++] = LF;
  }
  return out;
}

/** Lines as postal-mime splits them: one per LF, plus a last line without one. */
export function countLines(raw: Uint8Array): number {
  let lines = 1;
  for (let i = raw.indexOf(LF); i >= 0; i = raw.indexOf(LF, i + 1)) lines++;
  return lines;
}

/**
 * postal-mime returns nothing at all for a multipart message whose boundary is missing or
 * never appears; the body is then read as UTF-8 text (best effort), so a forward with broken
 * MIME is still understood rather than silently empty.
 */
function withLostBodyAsText(email: Email, raw: Uint8Array, headerBytes: number): Email {
  if (email.text || email.html || email.attachments.length > 0) return email;
  const contentType = email.headers.find((h) => h.key === "content-type")?.value ?? "";
  if (!/^\s*multipart\//i.test(contentType)) return email;
  const body = new TextDecoder().decode(raw.subarray(headerBytes)).trim();
  return body ? { ...email, text: body } : email;
}

/** Byte length of the top-level header block (up to the first empty line, or all of it). */
export function measureHeaderBlock(raw: Uint8Array): number {
  for (let i = raw.indexOf(LF); i >= 0; i = raw.indexOf(LF, i + 1)) {
    // "\n\n" or "\n\r\n" ends the header block.
    if (raw[i + 1] === LF) return i + 1;
    if (raw[i + 1] === CR && raw[i + 2] === LF) return i + 1;
  }
  return raw.length;
}

/** What parseMime asks of postal-mime (exported so the benchmark times postal-mime alone with the same). */
export const POSTAL_MIME_OPTIONS = {
  forceRfc822Attachments: true,
  maxNestingDepth: MAX_MIME_DEPTH,
  maxHeadersSize: MAX_ALL_HEADERS_BYTES,
  attachmentEncoding: "arraybuffer",
} as const;

export async function parseMime(input: Uint8Array): Promise<Result<Email, MimeRejection>> {
  const raw = normalizeBareCr(input);
  const headerBytes = measureHeaderBlock(raw);
  if (headerBytes > MAX_HEADER_BYTES) {
    return err({ reason: "headers_too_large", bytes: headerBytes, limit: MAX_HEADER_BYTES });
  }
  // A message has at most one line more than it has bytes: a short one needs no count.
  if (raw.length >= MAX_PARSE_LINES) {
    const lines = countLines(raw);
    if (lines > MAX_PARSE_LINES) return err({ reason: "too_many_lines", lines, limit: MAX_PARSE_LINES });
  }
  try {
    const email = await PostalMime.parse(raw, POSTAL_MIME_OPTIONS);
    return ok(withLostBodyAsText(email, raw, headerBytes));
  } catch (error) {
    return err({ reason: "unparseable", detail: error instanceof Error ? error.message : String(error) });
  }
}
