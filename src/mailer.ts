/**
 * Outgoing mail: the only file that uses the send_email binding, and the reply address every
 * message from the assistant carries. Messages are built with mimetext (a
 * maintained MIME builder); every header value that can carry inbound data is checked for
 * CR/LF first, because mimetext does not sanitise custom headers.
 *
 * Every message is held to a size cap (MAX_TEXT_BYTES, MAX_HTML_BYTES, MAX_ATTACHMENT_BYTES)
 * and has hidden controls stripped, whichever adapter wrote it; `classifySendError` tells the callers which send errors
 * no retry will heal.
 */
import { EmailMessage } from "cloudflare:email";
import { createMimeMessage, Mailbox } from "mimetext/browser";
import type { Config } from "./config.ts";
import { addressWithToken, createAddressToken } from "./core/mail/address-token.ts";
import { LOOP_HEADER } from "./core/mail/gate.ts";
import { stripHiddenControls } from "./core/text/untrusted.ts";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Message-ID of the message this answers (threading), validated before use. */
  inReplyTo?: string | null;
  replyTo?: string;
  /** Files sent with the mail (the invite of a confirmation), each base64-encoded; left out when over MAX_ATTACHMENT_BYTES. */
  attachments?: readonly MailAttachment[];
}

export interface MailAttachment {
  /** A plain file name ("invite.ics"): letters, digits, ".", "_" and "-". */
  filename: string;
  /** The MIME type with its parameters ("text/calendar; charset=utf-8; method=PUBLISH"). */
  contentType: string;
  /** The file's text, sent as UTF-8. */
  content: string;
}

export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
}

/** A Message-ID we are willing to copy into a header: one token in angle brackets, no spaces or line breaks. */
const SAFE_MESSAGE_ID = /^<[\x21-\x3b\x3d\x3f-\x7e]{1,250}>$/;

export function isSafeMessageId(value: string | null | undefined): value is string {
  return typeof value === "string" && SAFE_MESSAGE_ID.test(value);
}

function assertSingleLine(name: string, value: string): string {
  if (/[\r\n\0]/.test(value)) throw new Error(`refusing to write a line break into the ${name} header`);
  return value;
}

export function newMessageId(fromAddress: string): string {
  return `<${crypto.randomUUID()}@${fromAddress.split("@")[1] ?? "localhost"}>`;
}

/** UTF-8 text as base64 in 76-character lines (mimetext expects base64 data already encoded). */
export function toBase64Lines(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return (btoa(binary).match(/.{1,76}/g) ?? [""]).join("\r\n");
}

/**
 * Size caps on every message sent (the `list` reply, confirmations, notices and the digest).
 * Email Service refuses a message over 5 MiB with E_CONTENT_TOO_LARGE, a permanent error: the
 * mail would be lost, not late. Each part goes out as base64 (4/3 of its size, plus a line break
 * every 76 characters), so the text gets 1 MiB and the HTML 2 MiB: 4.1 MiB encoded together,
 * with room for the headers. A text over its cap is cut at a line and ends with a line saying
 * how many lines were left out and where to see them; an HTML part over its cap is left out,
 * as the text part says everything the HTML does.
 */
export const MAX_TEXT_BYTES = 1024 * 1024;
export const MAX_HTML_BYTES = 2 * 1024 * 1024;
/** An attachment's cap: an invite is a few KiB; the whole message stays far below the 5 MiB limit. */
export const MAX_ATTACHMENT_BYTES = 256 * 1024;
const SAFE_FILENAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,100}$/;
const SAFE_CONTENT_TYPE = /^[a-z]+\/[a-z0-9.+-]+(?:; ?[a-z-]+=[A-Za-z0-9._-]+)*$/;
/** Room kept under MAX_TEXT_BYTES for the line that says what was cut. */
const OVERFLOW_NOTE_BYTES = 200;

function describeOverflow(hiddenLines: number): string {
  return `… (${hiddenLines} more ${hiddenLines === 1 ? "line" : "lines"}; see GET /api/applications for everything on file)`;
}

/** The text, or as many of its first lines as fit in MAX_TEXT_BYTES and a last line saying how many were cut. */
export function capText(text: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= MAX_TEXT_BYTES) return text;
  const lines = text.split("\n");
  const budget = MAX_TEXT_BYTES - OVERFLOW_NOTE_BYTES;
  let used = 0;
  let kept = 0;
  for (const line of lines) {
    used += encoder.encode(line).length + 1;
    if (used > budget) break;
    kept++;
  }
  if (kept > 0) return [...lines.slice(0, kept), describeOverflow(lines.length - kept)].join("\n");
  // One line longer than the cap: its start, cut on a character boundary (a cut inside a UTF-8 sequence decodes to U+FFFD).
  const start = new TextDecoder().decode(encoder.encode(lines[0]!).subarray(0, budget)).replace(/\uFFFD$/, "");
  return `${start}\n${describeOverflow(lines.length)}`;
}

/** The mail as it may be sent: within the size caps, with no hidden controls in the subject, text or HTML. */
function toSendable(mail: OutgoingMail): OutgoingMail {
  const html = mail.html === undefined ? undefined : stripHiddenControls(mail.html);
  return {
    ...mail,
    subject: stripHiddenControls(mail.subject),
    text: capText(stripHiddenControls(mail.text)),
    html: html !== undefined && new TextEncoder().encode(html).length <= MAX_HTML_BYTES ? html : undefined,
    attachments: (mail.attachments ?? []).filter((a) => new TextEncoder().encode(a.content).length <= MAX_ATTACHMENT_BYTES),
  };
}

/** Builds the raw MIME text; exported so tests can read exactly what would be sent. */
export function buildMime(from: string, untrustedMail: OutgoingMail, messageId: string): string {
  const mail = toSendable(untrustedMail);
  const msg = createMimeMessage();
  msg.setSender({ name: "Follow-up Assistant", addr: assertSingleLine("From", from) });
  msg.setRecipient(assertSingleLine("To", mail.to));
  msg.setSubject(assertSingleLine("Subject", mail.subject.slice(0, 900)));
  msg.setHeader("Message-ID", messageId);
  if (mail.replyTo) msg.setHeader("Reply-To", new Mailbox(assertSingleLine("Reply-To", mail.replyTo)));
  if (isSafeMessageId(mail.inReplyTo)) {
    msg.setHeader("In-Reply-To", mail.inReplyTo);
    msg.setHeader("References", mail.inReplyTo);
  }
  // RFC 3834: responders must not answer us; the marker lets the gate drop our own mail coming back.
  msg.setHeader("Auto-Submitted", "auto-generated");
  msg.setHeader(LOOP_HEADER, "1");
  // Base64 keeps every line under SMTP's 998-character limit (mailto links run to ~1,900).
  msg.addMessage({ contentType: "text/plain", data: toBase64Lines(mail.text), encoding: "base64" });
  if (mail.html) msg.addMessage({ contentType: "text/html", data: toBase64Lines(mail.html), encoding: "base64" });
  for (const attachment of mail.attachments ?? []) {
    // mimetext writes both into the part's headers as given.
    if (!SAFE_FILENAME.test(attachment.filename)) throw new Error("refusing an attachment name that is not a plain file name");
    if (!SAFE_CONTENT_TYPE.test(attachment.contentType)) throw new Error("refusing an attachment type that is not a plain MIME type");
    msg.addAttachment({ filename: attachment.filename, contentType: attachment.contentType, data: toBase64Lines(attachment.content), encoding: "base64" });
  }
  return msg.asRaw();
}

/** The raw message and its Message-ID, ready for the binding. */
export function composeMail(from: string, mail: OutgoingMail): { messageId: string; raw: string } {
  const messageId = newMessageId(from);
  return { messageId, raw: buildMime(from, mail, messageId) };
}

/**
 * send_email error codes that no retry heals (email-service/api/send-emails/workers-api/,
 * "Error codes"): the message or the binding's configuration is wrong, the sender or its domain
 * is not set up, or the recipient is not allowed or refuses all mail from us. The same send
 * later gets the same answer, until a person changes the configuration.
 */
const PERMANENT_SEND_ERROR_CODES: ReadonlySet<string> = new Set([
  "E_VALIDATION_ERROR",
  "E_FIELD_MISSING",
  "E_TOO_MANY_RECIPIENTS",
  "E_SENDER_NOT_VERIFIED",
  "E_RECIPIENT_NOT_ALLOWED",
  "E_RECIPIENT_SUPPRESSED",
  "E_SENDER_DOMAIN_NOT_AVAILABLE",
  "E_CONTENT_TOO_LARGE",
  "E_HEADER_NOT_ALLOWED",
  "E_HEADER_USE_API_FIELD",
  "E_HEADER_VALUE_INVALID",
  "E_HEADER_VALUE_TOO_LONG",
  "E_HEADER_NAME_INVALID",
  "E_HEADERS_TOO_LARGE",
  "E_HEADERS_TOO_MANY",
]);
/**
 * The same refusals worded without a code: "destination address is not a verified address"
 * (a send to an address not verified in Email Routing) and the local simulator's
 * "email to … not allowed" / "email from … not allowed".
 */
const PERMANENT_SEND_ERROR_MESSAGE = /destination address is not a verified address|\bemail (?:to|from) \S+ not allowed\b/i;
const SEND_ERROR_CODE = /\bE_[A-Z_]+\b/;

export interface SendFailure {
  /** The binding's error code (E_…), when it gave one. */
  code: string | null;
  /** No retry will heal it: record it once and do not send again. */
  permanent: boolean;
  message: string;
}

/**
 * What a failed send was. Anything not known to be permanent (rate and daily limits,
 * E_DELIVERY_FAILED, E_INTERNAL_SERVER_ERROR, codes added later, a network error) may pass
 * on a later try.
 */
export function classifySendError(error: unknown): SendFailure {
  const message = error instanceof Error ? error.message : String(error);
  const given = typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : null;
  const code = given ?? SEND_ERROR_CODE.exec(message)?.[0] ?? null;
  const permanent = (code !== null && PERMANENT_SEND_ERROR_CODES.has(code)) || PERMANENT_SEND_ERROR_MESSAGE.test(message);
  return { code, permanent, message };
}

export function createMailer(binding: SendEmail, from: string): Mailer {
  return {
    async send(mail) {
      const { messageId, raw } = composeMail(from, mail);
      const sent = await binding.send(new EmailMessage(from, mail.to, raw));
      // The platform sets the Message-ID the recipient sees and returns it; replies thread to that one.
      return { messageId: isSafeMessageId(sent?.messageId) ? sent.messageId : messageId };
    },
  };
}

/** The assistant's address with the user's reply token: commands are accepted only there. */
export async function replyAddressFor(config: Config, user: { id: number; replyGeneration: number }): Promise<string> {
  return addressWithToken(config.assistantEmail, await createAddressToken(config.tokenKeys, { kind: "reply", userId: user.id, generation: user.replyGeneration }));
}

/** The calendar feed's address: whoever has it can read the interviews, so it is rotatable (`new calendar link`). Null without PUBLIC_URL. */
export async function calendarFeedUrlFor(config: Config, user: { id: number; calendarGeneration: number }): Promise<string | null> {
  if (config.publicUrl === null) return null;
  const token = await createAddressToken(config.tokenKeys, { kind: "calendar", userId: user.id, generation: user.calendarGeneration });
  return `${config.publicUrl}/cal/${token}.ics`;
}

/** The domain in the UIDs of the calendar's events: the assistant's own, so they never collide with an employer's invite. */
export function calendarUidDomain(config: Config): string {
  return config.assistantEmail.slice(config.assistantEmail.lastIndexOf("@") + 1);
}

/** The owner's private forwarding address: any mail sent to it is accepted as the owner's forward. */
export async function forwardingAddressFor(config: Config, user: { id: number; forwardingGeneration: number }): Promise<string> {
  return addressWithToken(config.assistantEmail, await createAddressToken(config.tokenKeys, { kind: "forward", userId: user.id, generation: user.forwardingGeneration }));
}
