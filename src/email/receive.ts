/**
 * The email() adapter: gate → keep raw → read (parse → unwrap → understand) → file → confirm;
 * replies go to the command handler (commands.ts).
 *
 * Outcomes, as Email Routing sees them:
 * - `setReject(reason)`: a permanent bounce, only for mail refused on purpose (a stranger, too
 *   big). Nothing of it is stored.
 * - a thrown error: a temporary SMTP failure, so the sending server retries. Only before the
 *   raw message is safely stored, or when D1 fails while filing (the retry resumes from the
 *   stored copy and files it once).
 * - a normal return: the message is kept. Whatever could not be understood is recorded on it
 *   and told to the owner.
 */
import { admitMessage } from "../core/mail/gate.ts";
import { MAX_RAW_BYTES } from "../core/mail/limits.ts";
import { buildConfirmation, type ConfirmationOutcome } from "../core/filing/confirmation.ts";
import type { Understanding } from "../core/understanding/types.ts";
import { renderPlainTextHtml } from "../core/mail/html.ts";
import { ownerOf } from "../config.ts";
import type { Deps } from "../deps.ts";
import { fileKeptRaw } from "../db/filing.ts";
import { ensureOwner, type UserRow } from "../db/users.ts";
import { hasOutboundFor, recordOutbound, storeInbound, type InboundRow } from "../db/messages.ts";
import { gzip, sha256Hex, splitChunks } from "../db/raw-codec.ts";
import { isSafeMessageId, replyAddressFor } from "../mailer.ts";
import { handleCommandReply } from "./commands.ts";

export type ReceiveOutcome =
  | { outcome: "rejected"; reason: string }
  | { outcome: "dropped"; reason: string }
  | { outcome: "stored"; messageId: number; duplicate: boolean; state: InboundRow["state"] };

const MIB = 1024 * 1024;
/** Control characters and bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). */
const SUBJECT_UNSAFE = /[\x00-\x1f\x7f\u202a-\u202e\u2066-\u2069]+/g;
/**
 * Characters of a confirmation's subject (which quotes the forward's). The mailer writes a
 * non-ASCII subject as one base64 encoded word: 150 characters of 4-byte UTF-8 keep that header
 * line under RFC 5322's 998 characters; a 2,000-character subject made a 1,221-character line.
 */
const MAX_CONFIRMATION_SUBJECT_CHARS = 150;

export async function receiveEmail(message: ForwardableEmailMessage, deps: Deps): Promise<ReceiveOutcome> {
  const { config } = deps;
  if (message.rawSize > MAX_RAW_BYTES) {
    const reason = `Message too large: ${(message.rawSize / MIB).toFixed(1)} MiB. The assistant keeps messages up to ${MAX_RAW_BYTES / MIB} MiB; forward the email without its attachments.`;
    message.setReject(reason);
    return { outcome: "rejected", reason };
  }
  const admission = admitMessage({ from: message.from, to: message.to }, message.headers, {
    ownerAddresses: config.ownerEmails,
    assistantAddress: config.assistantEmail,
  });
  if (!admission.ok) {
    if (admission.error.action === "reject") {
      message.setReject(admission.error.message);
      return { outcome: "rejected", reason: admission.error.message };
    }
    return { outcome: "dropped", reason: admission.error.reason };
  }

  const raw = new Uint8Array(await new Response(message.raw).arrayBuffer());
  const user = await ensureOwner(deps.db, ownerOf(config), deps.now);
  const { row, duplicate } = await storeInbound(deps.db, {
    userId: user.id,
    receivedAt: deps.now,
    envelopeFrom: message.from,
    envelopeTo: message.to,
    rawSha256: await sha256Hex(raw),
    rawSize: raw.byteLength,
    channel: admission.value.channel,
    outerMessageId: headerOrNull(message.headers.get("message-id")),
    subject: headerOrNull(message.headers.get("subject")),
    compressedChunks: splitChunks(await gzip(raw)),
  });
  // The same delivery again (an SMTP retry): done if a previous attempt finished the work.
  if (duplicate && row.state !== "stored") return { outcome: "stored", messageId: row.id, duplicate, state: row.state };

  const state =
    admission.value.channel === "command"
      ? await handleCommandReply(deps, user, row, raw, { from: message.from, recipientTag: admission.value.recipientTag })
      : await fileAndConfirm(deps, user, row, raw);
  return { outcome: "stored", messageId: row.id, duplicate, state };
}

/** At most `max` characters (code points, so no surrogate pair is split), with "…" when cut. */
function truncateChars(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

function headerOrNull(value: string | null): string | null {
  return value === null ? null : value.slice(0, 998);
}

/** Files a kept message (src/db/filing.ts) and confirms what was understood. */
async function fileAndConfirm(deps: Deps, user: UserRow, row: InboundRow, raw: Uint8Array): Promise<InboundRow["state"]> {
  const filing = await fileKeptRaw(deps.db, user, row, raw, { ownerAddresses: deps.config.ownerEmails, now: deps.now });
  if (filing.outcome) await sendConfirmation(deps, user, row, { understanding: filing.understanding, outcome: filing.outcome, originalSubject: filing.originalSubject });
  return filing.state;
}

async function sendConfirmation(
  deps: Deps,
  user: UserRow,
  row: InboundRow,
  content: { understanding: Understanding | null; outcome: ConfirmationOutcome; originalSubject: string | null },
): Promise<void> {
  if (await hasOutboundFor(deps.db, row.id, "confirmation")) return;
  const replyAddress = await replyAddressFor(deps.config, user.id);
  const confirmation = buildConfirmation({
    understanding: content.understanding,
    outcome: content.outcome,
    ownerTimeZone: user.timeZone,
    originalSubject: content.originalSubject,
    replyAddress,
  });
  // The subject quotes the forward's own, decoded: an encoded word can carry CR/LF (a line break
  // in a header is refused by the mailer, which would lose the confirmation) or bidi overrides
  // that make the subject read backwards in the owner's inbox.
  const subject = truncateChars(confirmation.subject.replace(SUBJECT_UNSAFE, " "), MAX_CONFIRMATION_SUBJECT_CHARS);
  try {
    const { messageId } = await deps.mailer.send({
      to: user.email,
      subject,
      text: confirmation.text,
      html: renderPlainTextHtml(confirmation.text),
      inReplyTo: isSafeMessageId(row.outerMessageId) ? row.outerMessageId : null,
      replyTo: replyAddress,
    });
    await recordOutbound(deps.db, { userId: user.id, kind: "confirmation", messageId, inReplyTo: row.id, subject, sentAt: deps.now });
  } catch (error) {
    // The message is filed; a lost confirmation is logged, not retried by bouncing the forward.
    console.error(JSON.stringify({ event: "confirmation_failed", inboundId: row.id, error: error instanceof Error ? error.message : String(error) }));
  }
}
