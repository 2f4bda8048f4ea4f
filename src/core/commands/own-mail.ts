/**
 * Whether a message the owner sent to the assistant's plain or forwarding address is about the
 * assistant's own mail: a reply that some client sent to the From instead of the Reply-To, or
 * a digest or confirmation forwarded back. Such a message is a command attempt, never a job
 * email to file. Pure: no I/O, no clock. Which Message-IDs are ours is the adapter's to look
 * up (`referencedMessageIds` gives it the ids to look up).
 */
import type { Email } from "postal-mime";
import { LOOP_HEADER } from "../mail/gate.ts";

export type OwnMailSign =
  /** In-Reply-To or References names a message the assistant sent. */
  | "replies_to_our_message"
  /** The body carries our loop header: one of our messages is attached or quoted whole. */
  | "quotes_our_message"
  /** The subject is one of ours after a reply prefix ("Re: Today: 1 interview, …"). */
  | "our_subject";

/** Ids read from References: a long thread lists dozens; ours are the latest ones, at the end. */
const MAX_REFERENCED_IDS = 20;
/** Body bytes searched for the loop header: an attached digest starts near the top of its part. */
const MAX_SCANNED_BODY_BYTES = 1024 * 1024;

/** Prefixes clients put before the subject of a reply (English, German, Nordic, Dutch, French, Spanish, Italian, Polish, Turkish). */
const REPLY_PREFIX = /^(?:re|aw|antw|sv|vs|ref|réf|rép|r|odp|ynt)\s*(?:\[\d+\])?\s*:\s*/i;
/** Prefixes of a forward: a forwarded recruiter thread "Fwd: Re: Done" is not a reply to us. */
const FORWARD_PREFIX = /^(?:fwd?|wg|tr|rv|enc|doorst|i)\s*:/i;

/** The subjects the assistant writes (src/core/digest/render.ts, src/email/*.ts, filing/confirmation.ts). */
const OUR_SUBJECTS: readonly RegExp[] = [
  /^Today: \d+ interviews?(?:, \d+ follow-ups? to send(?: \(\d+ late\))?)?$/,
  /^Follow-ups: \d+ to send(?: \(\d+ late\))?$/,
  /^Digest: nothing (?:to send )?today$/,
  /^(?:Filed|Already filed|Not filed|Could not read|Kept, not read): /,
  /^(?:Done|Undone|Nothing to undo|How to reply|Your open applications|A reply was not accepted|Your reply could not be read)$/,
  /^Nothing changed(?:: I did not understand your reply)?$/,
  /^Welcome: how to use your follow-up assistant$/,
];
/** A one-tap command link's subject (src/core/digest/render.ts): ours without any prefix. */
const ONE_TAP_SUBJECT = /^Digest \d{4}-\d{2}-\d{2}: /;

/** The Message-IDs a message answers: In-Reply-To first, then References from the newest. */
export function referencedMessageIds(email: Pick<Email, "inReplyTo" | "references">): string[] {
  const ids = [email.inReplyTo ?? "", ...(email.references ?? "").split(/\s+/).reverse()]
    .map((id) => id.trim())
    .filter((id) => /^<[^<>\s]{3,250}>$/.test(id));
  return [...new Set(ids)].slice(0, MAX_REFERENCED_IDS);
}

export interface OwnMailInput {
  email: Pick<Email, "subject">;
  /** The raw message: its body is searched for our loop header. */
  raw: Uint8Array;
  /** Whether any of `referencedMessageIds(email)` is a message the assistant sent. */
  referencesOurMessage: boolean;
}

/** The strongest sign that the message is about the assistant's own mail, or null. */
export function findOwnMailSign(input: OwnMailInput): OwnMailSign | null {
  if (input.referencesOurMessage) return "replies_to_our_message";
  if (quotesLoopHeader(input.raw)) return "quotes_our_message";
  return isOurReplySubject(input.email.subject ?? "") ? "our_subject" : null;
}

/** "Re: Today: 1 interview, 5 follow-ups to send" or "Digest 2026-03-04: done 1"; never a forward. */
export function isOurReplySubject(subject: string): boolean {
  let rest = subject.replace(/\s+/g, " ").trim();
  if (ONE_TAP_SUBJECT.test(rest)) return true;
  let replied = false;
  for (let match = REPLY_PREFIX.exec(rest); match !== null; match = REPLY_PREFIX.exec(rest)) {
    replied = true;
    rest = rest.slice(match[0].length);
  }
  if (!replied || FORWARD_PREFIX.test(rest)) return false;
  return ONE_TAP_SUBJECT.test(rest) || OUR_SUBJECTS.some((pattern) => pattern.test(rest));
}

/**
 * Our loop header at the start of a line below the top-level headers. The gate drops a message
 * that carries it at the top; below, it heads one of our messages attached or pasted whole.
 */
function quotesLoopHeader(raw: Uint8Array): boolean {
  const text = new TextDecoder("latin1").decode(raw.subarray(0, MAX_SCANNED_BODY_BYTES));
  const bodyStart = text.search(/\r?\n\r?\n/);
  if (bodyStart < 0) return false;
  return new RegExp(`(?:^|\\n)[ \\t>]*${LOOP_HEADER}:`, "i").test(text.slice(bodyStart));
}
