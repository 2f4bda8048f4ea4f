/**
 * The one read pipeline: raw bytes → parseMime → unwrapForward → understandEmail. The worker
 * (on arrival and when kept mail is read again), both CLIs, the warm-up and the benches all
 * read mail through `readEmail`, so they cannot read it differently. Pure: no I/O, no clock.
 *
 * A message that cannot be parsed, or whose reading throws (a bug in a reader, not a fault to
 * retry), is a failure value with a sentence for the owner; the caller decides what to log.
 */
import type { Email } from "postal-mime";
import type { ForwardedEmail } from "../mail/forwarded-email.ts";
import { parseMime, type MimeRejection } from "../mail/parse.ts";
import { unwrapForward } from "../mail/unwrap.ts";
import { err, ok, type Result } from "../result.ts";
import type { Understanding } from "./types.ts";
import { understandEmail } from "./understand.ts";

/** Bumped when understanding changes enough that kept messages are worth reading again (`npm run reread`). */
export const PARSER_VERSION = 3;

/** Whose forward it is: the owner's own addresses are never the employer. */
export interface ReadOptions {
  ownerAddresses: readonly string[];
  /** Called after each step, in order; the benches time the steps with it. */
  onStep?: (step: "parsed" | "unwrapped" | "understood") => void;
}

export interface EmailReading {
  /** The message as it arrived (the forward itself). */
  outer: { subject: string | null; date: number | null };
  forwarded: ForwardedEmail;
  understanding: Understanding;
  originalMessageId: string | null;
  originalSubject: string | null;
  /** When the original was sent (its Date), epoch ms. */
  sentAt: number | null;
  /** The owner's own note above the forward. */
  note: string | null;
}

export interface ReadFailure {
  /** What went wrong, as a clause for the owner ("its MIME structure could not be parsed (…)"). */
  problem: string;
  /** Only when the reading itself threw: the error's message, for the log. */
  error: string | null;
  /** The forward's own subject and date, when it could be parsed. */
  outer: { subject: string | null; date: number | null } | null;
}

export async function readEmail(raw: Uint8Array, options: ReadOptions): Promise<Result<EmailReading, ReadFailure>> {
  const parsed = await parseMime(raw);
  if (!parsed.ok) return err({ problem: describeMimeRejection(parsed.error), error: null, outer: null });
  options.onStep?.("parsed");
  const outer = outerOf(parsed.value);
  try {
    const forwarded = await unwrapForward(parsed.value, { ownerAddresses: [...options.ownerAddresses] });
    options.onStep?.("unwrapped");
    const understanding = understandEmail(forwarded, options.ownerAddresses);
    options.onStep?.("understood");
    return ok({
      outer,
      forwarded,
      understanding,
      originalMessageId: forwarded.original.messageId,
      originalSubject: forwarded.original.subject,
      sentAt: instantOf(forwarded.original.date),
      note: forwarded.note.text || null,
    });
  } catch (error) {
    return err({ problem: "reading it failed unexpectedly", error: error instanceof Error ? error.message : String(error), outer });
  }
}

function describeMimeRejection(rejection: MimeRejection): string {
  switch (rejection.reason) {
    case "headers_too_large":
      return `its header block is ${Math.round(rejection.bytes / 1024)} KiB, over the ${rejection.limit / 1024} KiB the assistant reads`;
    case "too_many_lines":
      return `it has ${rejection.lines} lines, over the ${rejection.limit} the assistant reads`;
    case "unparseable":
      return `its MIME structure could not be parsed (${rejection.detail})`;
  }
}

function outerOf(email: Email): { subject: string | null; date: number | null } {
  return { subject: email.subject ?? null, date: instantOf(email.date) };
}

function instantOf(date: string | undefined | null): number | null {
  return date ? Date.parse(date) || null : null;
}
