/**
 * The email() adapter: gate → prove it is the owner's → keep raw → read (parse → unwrap →
 * understand) → file → confirm; replies go to the command handler (commands.ts).
 *
 * Who gets in (src/core/mail/gate.ts): the plain address takes the owner's From with a DKIM
 * signature aligned with it; a plus-address takes what its token grants (the reply token:
 * commands; the private forwarding address: any forward). Tokens are checked before the
 * message is read, so a stranger costs no parsing and no storage.
 *
 * Outcomes, as Email Routing sees them:
 * - `setReject(reason)`: a permanent bounce, only for mail refused on purpose (a stranger, an
 *   unsigned owner From, too big). Nothing of it is stored.
 * - a thrown error: a temporary SMTP failure, so the sending server retries. When DNS cannot
 *   tell whether a signature verifies (never accepted unverified, never lost), before the raw
 *   message is safely stored, or when D1 fails while filing (the retry resumes from the
 *   stored copy and files it once).
 * - a normal return: the message is kept. Whatever could not be understood is recorded on it
 *   and told to the owner.
 */
import { decodeWords } from "postal-mime";
import { verifyAddressToken } from "../core/mail/address-token.ts";
import { addressesIn, admitMessage, admitSigned, admitToken, type Channel, type Refusal } from "../core/mail/gate.ts";
import { MAX_RAW_BYTES, MAX_REPLY_BYTES } from "../core/mail/limits.ts";
import { parseMime } from "../core/mail/parse.ts";
import { FORWARDING_CONFIRMATION_SENDERS, readForwardingConfirmation } from "../core/mail/forwarding-confirmation.ts";
import { buildConfirmation, type ConfirmationOutcome } from "../core/filing/confirmation.ts";
import { buildWelcome } from "../core/commands/welcome.ts";
import type { Understanding } from "../core/understanding/types.ts";
import { renderPlainTextHtml } from "../core/mail/html.ts";
import { ownerOf } from "../config.ts";
import { parseSettings } from "../core/follow-ups/settings.ts";
import type { Deps } from "../deps.ts";
import { fileKeptRaw } from "../db/filing.ts";
import { ensureOwner, markWelcomed, type UserRow } from "../db/users.ts";
import { hasOutboundFor, markInbound, recordOutbound, storeInbound, type InboundRow, type OutboundKind } from "../db/messages.ts";
import { gzip, sha256Hex, splitChunks } from "../db/raw-codec.ts";
import { calendarUidDomain, classifySendError, forwardingAddressFor, isSafeMessageId, replyAddressFor } from "../mailer.ts";
import { loadFiledInterview } from "../db/calendar.ts";
import { offerForCalendar, type CalendarOffer } from "../core/calendar/offer.ts";
import { describeConfirmationDigests, handleCommandReply, handleOwnMailReply } from "./commands.ts";

export type ReceiveOutcome =
  | { outcome: "rejected"; reason: string }
  | { outcome: "dropped"; reason: string }
  | { outcome: "stored"; messageId: number; duplicate: boolean; state: InboundRow["state"] };

const MIB = 1024 * 1024;
const KIB = 1024;
/** Control characters; bidi and zero-width ones are already gone (buildConfirmation strips them). */
const SUBJECT_UNSAFE = /[\x00-\x1f\x7f]+/g;
/**
 * Characters of a confirmation's subject (which quotes the forward's). The mailer writes a
 * non-ASCII subject as one base64 encoded word: 150 characters of 4-byte UTF-8 keep that header
 * line under RFC 5322's 998 characters; a 2,000-character subject made a 1,221-character line.
 */
const MAX_CONFIRMATION_SUBJECT_CHARS = 150;

/** Thrown so that Email Routing answers the sender with a temporary failure and the sender retries. */
export class TemporaryFailure extends Error {}

export async function receiveEmail(message: ForwardableEmailMessage, deps: Deps): Promise<ReceiveOutcome> {
  const { config } = deps;
  if (message.rawSize > MAX_RAW_BYTES) {
    return reject(message, `Message too large: ${(message.rawSize / MIB).toFixed(1)} MiB. The assistant keeps messages up to ${MAX_RAW_BYTES / MIB} MiB; forward the email without its attachments.`);
  }
  const admission = admitMessage({ from: message.from, to: message.to }, message.headers, {
    ownerAddresses: config.ownerEmails,
    assistantAddress: config.assistantEmail,
  });
  if (!admission.ok) return refuse(message, admission.error);

  const user = await ensureOwner(deps.db, ownerOf(config), deps.now);
  let channel: Channel;
  let raw: Uint8Array | null = null;
  if (admission.value.route === "token") {
    const claims = await verifyAddressToken(config.tokenKeys, admission.value.token);
    const owner = { userId: user.id, replyGeneration: user.replyGeneration, forwardingGeneration: user.forwardingGeneration };
    const granted = admitToken(claims, owner, admission.value.senderIsOwner);
    if (!granted.ok) return refuse(message, granted.error);
    channel = granted.value.channel;
    if (channel === "command" && message.rawSize > MAX_REPLY_BYTES) {
      return reject(message, `Reply too large: ${Math.ceil(message.rawSize / KIB)} KiB. Replies are read up to ${MAX_REPLY_BYTES / KIB} KiB; reply with the commands only, without attachments.`);
    }
  } else {
    raw = await readRaw(message);
    const signed = admitSigned(await deps.verifySignature(raw, admission.value.from));
    if (!signed.ok) {
      if (signed.error.action === "retry") throw new TemporaryFailure("the signature could not be checked: DNS did not answer");
      return refuse(message, signed.error);
    }
    channel = signed.value.channel;
  }

  raw ??= await readRaw(message);
  const { row, duplicate } = await storeInbound(deps.db, {
    userId: user.id,
    receivedAt: deps.now,
    envelopeFrom: message.from,
    envelopeTo: message.to,
    rawSha256: await sha256Hex(raw),
    rawSize: raw.byteLength,
    channel,
    outerMessageId: headerOrNull(message.headers.get("message-id")),
    subject: decodedHeaderOrNull(message.headers.get("subject")),
    compressedChunks: splitChunks(await gzip(raw)),
  });
  // The same delivery again (an SMTP retry): done if a previous attempt finished the work.
  if (duplicate && row.state !== "stored") return { outcome: "stored", messageId: row.id, duplicate, state: row.state };

  let state: InboundRow["state"];
  if (channel === "command") {
    state = await handleCommandReply(deps, user, row, raw, { from: message.from });
  } else {
    const relayed = isFromProviderSender(message.headers.get("from")) ? await relayForwardingConfirmation(deps, user, row, raw) : null;
    // A reply to our own mail that reached this address (some apps ignore Reply-To) is never filed.
    const ownMail = relayed ?? (await handleOwnMailReply(deps, user, row, raw, { from: message.from, authenticated: admission.value.route === "signed" }));
    state = ownMail ?? (await fileAndConfirm(deps, user, row, raw));
  }
  if (user.welcomedAt === null) await sendWelcome(deps, user, row);
  return { outcome: "stored", messageId: row.id, duplicate, state };
}

function reject(message: ForwardableEmailMessage, reason: string): ReceiveOutcome {
  message.setReject(reason);
  return { outcome: "rejected", reason };
}

function refuse(message: ForwardableEmailMessage, refusal: Refusal): ReceiveOutcome {
  return refusal.action === "reject" ? reject(message, refusal.message) : { outcome: "dropped", reason: refusal.reason };
}

/** Only a provider's confirmation sender is worth parsing for a relay: every other forward skips it. */
function isFromProviderSender(from: string | null): boolean {
  return addressesIn(from).some((address) => FORWARDING_CONFIRMATION_SENDERS.includes(address));
}

async function readRaw(message: ForwardableEmailMessage): Promise<Uint8Array> {
  return new Uint8Array(await new Response(message.raw).arrayBuffer());
}

/**
 * A provider's request to confirm the assistant as a forwarding target (Gmail's code), passed
 * on to the owner and kept unfiled; null when the message is not one, or its signature does not
 * prove it came from the provider.
 */
async function relayForwardingConfirmation(deps: Deps, user: UserRow, row: InboundRow, raw: Uint8Array): Promise<InboundRow["state"] | null> {
  const parsed = await parseMime(raw);
  if (!parsed.ok) return null;
  const sender = parsed.value.from?.address?.toLowerCase() ?? "";
  if (!FORWARDING_CONFIRMATION_SENDERS.includes(sender)) return null;
  const confirmation = readForwardingConfirmation(parsed.value);
  if (confirmation === null) return null;
  const verdict = await deps.verifySignature(raw, sender);
  if (verdict === "temperror") throw new TemporaryFailure("the provider's signature could not be checked: DNS did not answer");
  if (verdict !== "pass") return null;
  const lines = [
    `${confirmation.provider} asks you to confirm forwarding${confirmation.mailbox ? ` from ${confirmation.mailbox}` : ""} to your private forwarding address.`,
    "",
    confirmation.code ? `Confirmation code: ${confirmation.code}` : null,
    confirmation.code ? `Enter it in ${confirmation.provider}'s settings (Forwarding and POP/IMAP → Verify).` : null,
    confirmation.link ? `Or open this link (it is ${confirmation.provider}'s own): ${confirmation.link}` : null,
    "",
    "Only confirm if you asked for this just now.",
  ].filter((line): line is string => line !== null);
  await markInbound(deps.db, row.id, { state: "ignored", problem: `${confirmation.provider} forwarding confirmation, passed on to the owner` });
  await sendToOwner(deps, user, row, "relay", `${confirmation.provider}: confirm forwarding to your assistant`, lines.join("\n"));
  return "ignored";
}

/** The first mail of a user, once: the addresses, how to forward, the commands. */
async function sendWelcome(deps: Deps, user: UserRow, row: InboundRow): Promise<void> {
  const welcome = buildWelcome({
    assistantAddress: deps.config.assistantEmail,
    forwardingAddress: await forwardingAddressFor(deps.config, user),
    ownerAddresses: deps.config.ownerEmails,
    hasWebPages: deps.config.publicUrl !== null,
  });
  if (await sendToOwner(deps, user, row, "welcome", welcome.subject, welcome.text)) await markWelcomed(deps.db, user.id, deps.now);
}

/** Sends the owner a message about `row`, at most once per kind; a failure is logged, not retried. */
async function sendToOwner(deps: Deps, user: UserRow, row: InboundRow, kind: OutboundKind, subject: string, text: string): Promise<boolean> {
  if (await hasOutboundFor(deps.db, row.id, kind)) return true;
  try {
    const { messageId } = await deps.mailer.send({ to: user.email, subject, text, html: renderPlainTextHtml(text), replyTo: await replyAddressFor(deps.config, user) });
    await recordOutbound(deps.db, { userId: user.id, kind, messageId, inReplyTo: row.id, subject, sentAt: deps.now });
    return true;
  } catch (error) {
    const { code, permanent, message } = classifySendError(error);
    console.error(JSON.stringify({ event: `${kind}_failed`, inboundId: row.id, code, permanent, error: message }));
    return false;
  }
}

/** At most `max` characters (code points, so no surrogate pair is split), with "…" when cut. */
function truncateChars(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join("")}…`;
}

function headerOrNull(value: string | null): string | null {
  return value === null ? null : value.slice(0, 998);
}

/** A header as a reader sees it: encoded words (=?UTF-8?B?…?=) decoded, so no raw one reaches a confirmation or a draft. */
function decodedHeaderOrNull(value: string | null): string | null {
  return value === null ? null : decodeWords(value).slice(0, 998);
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
  const replyAddress = await replyAddressFor(deps.config, user);
  const offer = content.outcome.kind === "filed" ? await calendarOfferFor(deps, user, row, content.understanding) : null;
  const confirmation = buildConfirmation({
    understanding: content.understanding,
    outcome: content.outcome,
    ownerTimeZone: user.timeZone,
    originalSubject: content.originalSubject,
    replyAddress,
    forwardingAddress: await forwardingAddressFor(deps.config, user),
    digests: describeConfirmationDigests(user, content.understanding, content.outcome, deps.now.getTime()),
    askForSignature: user.welcomedAt === null && parseSettings(user.settings).signature === null,
    addToCalendar: offer && { inviteFilename: offer.invite.filename, googleLink: offer.googleLink, moved: offer.moved },
  });
  // The subject quotes the forward's own, decoded: an encoded word can carry CR/LF (a line break
  // in a header is refused by the mailer, which would lose the confirmation).
  const subject = truncateChars(confirmation.subject.replace(SUBJECT_UNSAFE, " "), MAX_CONFIRMATION_SUBJECT_CHARS);
  try {
    const { messageId } = await deps.mailer.send({
      to: user.email,
      subject,
      text: confirmation.text,
      html: renderPlainTextHtml(confirmation.text, new Set(offer ? [offer.googleLink] : [])),
      inReplyTo: isSafeMessageId(row.outerMessageId) ? row.outerMessageId : null,
      replyTo: replyAddress,
      attachments: offer ? [offer.invite] : [],
    });
    await recordOutbound(deps.db, { userId: user.id, kind: "confirmation", messageId, inReplyTo: row.id, subject, sentAt: deps.now });
  } catch (error) {
    // The message is filed; a lost confirmation is logged, not retried by bouncing the forward.
    const { code, permanent, message } = classifySendError(error);
    console.error(JSON.stringify({ event: "confirmation_failed", inboundId: row.id, code, permanent, error: message }));
  }
}

/**
 * The interview this forward scheduled or moved, offered for the owner's calendar (an invite
 * and a Google Calendar link, src/core/calendar/offer.ts); null when there is none to offer or
 * it cannot be read now: the confirmation goes out without it rather than not at all.
 */
async function calendarOfferFor(deps: Deps, user: UserRow, row: InboundRow, understanding: Understanding | null): Promise<CalendarOffer | null> {
  try {
    const filed = await loadFiledInterview(deps.db, user.id, row.id);
    return offerForCalendar(filed, understanding, { now: deps.now.getTime(), uidDomain: calendarUidDomain(deps.config), ownerTimeZone: user.timeZone });
  } catch (error) {
    console.error(JSON.stringify({ event: "calendar_offer_failed", inboundId: row.id, error: error instanceof Error ? error.message : String(error) }));
    return null;
  }
}
