/**
 * `mailto:` links (RFC 6068) that open a message pre-filled in the reader's mail app. Pure.
 *
 * Addresses go in the path, comma-separated, each percent-encoded except "@" and "+" (both
 * allowed there by RFC 6068; "+" stays literal because plus addresses like the assistant's own
 * are common and not every app decodes %2B in the path). A "?", "#", "," or "&" inside an
 * untrusted address is encoded, so it can neither start a header field nor split the list.
 * `subject` and `body` are hfields encoded with encodeURIComponent, so "&", "?", "#", "%",
 * "+" and non-ASCII text come back exactly as given. Line breaks in the body are sent as CRLF
 * (%0D%0A), as RFC 6068 section 5 asks; a subject is one header line, so its breaks become spaces.
 * A lone surrogate (text cut inside an emoji) becomes U+FFFD instead of making
 * encodeURIComponent throw, which would fail the whole digest. Hidden controls (bidi overrides,
 * zero-width characters) are removed from every field: percent-encoded, they would pass unseen
 * into the draft the mail app opens, and from there into the mail sent to the employer.
 */
import { stripHiddenControls } from "../text/untrusted.ts";

/**
 * The longest link handed out. Some mail apps and OS URL handlers truncate or refuse longer
 * URLs (limits near 2,000 characters are common; the Windows shell caps URLs at 2,083), and a
 * silently cut link would open a draft that lacks its last lines. The margin leaves room for
 * apps that count the URL after re-encoding it.
 */
export const MAX_MAILTO_CHARS = 1_900;

export interface MailtoFields {
  to: readonly string[];
  subject?: string | null;
  body?: string | null;
}

export interface DraftMailto {
  /** Null when even the link without the body would be longer than MAX_MAILTO_CHARS. */
  href: string | null;
  /** False when the body was left out to keep the link within MAX_MAILTO_CHARS. */
  includesBody: boolean;
}

export function buildMailto(fields: MailtoFields): string {
  const to = fields.to
    .map((address) => stripHiddenControls(address).trim())
    .filter((address) => address !== "")
    .map((address) => encodeURIComponent(address.toWellFormed()).replaceAll("%40", "@").replaceAll("%2B", "+"))
    .join(",");
  const hfields: string[] = [];
  const subject = fields.subject ? stripHiddenControls(fields.subject) : "";
  const body = fields.body ? stripHiddenControls(fields.body) : "";
  if (subject) hfields.push(`subject=${encodeURIComponent(subject.toWellFormed().replace(/\r\n|\r|\n/g, " "))}`);
  if (body) hfields.push(`body=${encodeURIComponent(body.toWellFormed().replace(/\r\n|\r|\n/g, "\r\n"))}`);
  return `mailto:${to}${hfields.length > 0 ? "?" + hfields.join("&") : ""}`;
}

/** The full link when it is short enough, else the link without the body (recipients and subject). */
export function buildDraftMailto(fields: MailtoFields): DraftMailto {
  const full = buildMailto(fields);
  if (full.length <= MAX_MAILTO_CHARS) return { href: full, includesBody: true };
  const withoutBody = buildMailto({ to: fields.to, subject: fields.subject ?? null });
  return { href: withoutBody.length <= MAX_MAILTO_CHARS ? withoutBody : null, includesBody: false };
}
