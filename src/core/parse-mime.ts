/**
 * Parses raw RFC 5322 bytes with postal-mime under the project's limits. Pure: no I/O, no clock.
 * The header block is measured before postal-mime sees anything (postal-mime 4.0.0 decodes
 * long encoded-word runs in quadratic time), and postal-mime's own limits are passed
 * explicitly. `message/rfc822` parts are always returned as attachments so unwrapping controls
 * how deep it reads.
 */
import PostalMime, { type Email } from "postal-mime";
import { MAX_ALL_HEADERS_BYTES, MAX_HEADER_BYTES, MAX_MIME_DEPTH } from "./limits.ts";
import { err, ok, type Result } from "./result.ts";

export type MimeRejection =
  | { reason: "headers_too_large"; bytes: number; limit: number }
  | { reason: "unparseable"; detail: string };

/** Byte length of the top-level header block (up to the first empty line, or all of it). */
export function measureHeaderBlock(raw: Uint8Array): number {
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] !== 0x0a) continue;
    // "\n\n" or "\n\r\n" ends the header block.
    if (raw[i + 1] === 0x0a) return i + 1;
    if (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a) return i + 1;
  }
  return raw.length;
}

export async function parseMime(raw: Uint8Array): Promise<Result<Email, MimeRejection>> {
  const headerBytes = measureHeaderBlock(raw);
  if (headerBytes > MAX_HEADER_BYTES) {
    return err({ reason: "headers_too_large", bytes: headerBytes, limit: MAX_HEADER_BYTES });
  }
  try {
    const email = await PostalMime.parse(raw, {
      forceRfc822Attachments: true,
      maxNestingDepth: MAX_MIME_DEPTH,
      maxHeadersSize: MAX_ALL_HEADERS_BYTES,
      attachmentEncoding: "arraybuffer",
    });
    return ok(email);
  } catch (error) {
    return err({ reason: "unparseable", detail: error instanceof Error ? error.message : String(error) });
  }
}
