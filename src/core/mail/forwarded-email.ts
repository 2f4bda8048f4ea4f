/**
 * The original message recovered from inside a forward, plus the owner's own note above it.
 * Produced by `unwrapForward` (src/core/mail/unwrap.ts). Pure data.
 */

export type ForwardStyle =
  | "direct" // untouched auto-forward (a mailbox rule), or mail the owner received and redirected
  | "attachment" // forward-as-attachment: the original is a message/rfc822 part
  | "gmail"
  | "outlook"
  | "outlook_classic"
  | "outlook_ios"
  | "apple_mail"
  | "apple_mail_quoted" // iOS Mail with ">" quoting
  | "thunderbird"
  | "yahoo"
  | "proton"
  | "unknown_inline"; // a forward block was found but not attributed to a client

export interface Address {
  name: string | null;
  address: string | null;
}

/** One calendar part (text/calendar body or .ics attachment), as text. */
export interface CalendarPart {
  filename: string | null;
  content: string;
}

export interface OriginalMessage {
  from: Address | null;
  to: Address[];
  cc: Address[];
  replyTo: Address | null;
  /** ISO 8601 instant of the original send, when known. */
  date: string | null;
  /** UTC offset of the original Date header in minutes ("+0200" → 120), a zone hint. */
  dateOffsetMin: number | null;
  subject: string | null;
  /** Normalised Message-ID of the original ("<id@host>"), when the forward carries it. */
  messageId: string | null;
  /** Plain text of the original (from text/plain, or converted from HTML when only HTML exists). */
  text: string;
  /**
   * Raw HTML of the original, when present; read for links, never rendered. For an inline
   * forward it is the forward's HTML, which contains the original.
   */
  html: string | null;
  /** Anchors of the original's HTML part (href and visible text), in document order. */
  links: Link[];
  calendars: CalendarPart[];
}

export interface Link {
  href: string;
  text: string;
}

export interface OwnerNote {
  /** The owner's free text above the forwarded block, trimmed, signature removed. */
  text: string;
  /** `key: value` hints from the note, keys lower-cased ("role", "timeline", "note", "company"). */
  hints: Record<string, string>;
}

export interface ForwardedEmail {
  style: ForwardStyle;
  original: OriginalMessage;
  note: OwnerNote;
  /** Nesting depth of forwards that were unwrapped (a forward of a forward is 2). */
  depth: number;
}
