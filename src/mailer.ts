/**
 * Outgoing mail: the only file that uses the send_email binding, and the reply address every
 * message from the assistant carries. Messages are built with mimetext (a
 * maintained MIME builder); every header value that can carry inbound data is checked for
 * CR/LF first, because mimetext does not sanitise custom headers.
 */
import { EmailMessage } from "cloudflare:email";
import { createMimeMessage, Mailbox } from "mimetext/browser";
import type { Config } from "./config.ts";
import { createReplyToken } from "./core/commands/reply-token.ts";
import { LOOP_HEADER } from "./core/mail/gate.ts";

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Message-ID of the message this answers (threading), validated before use. */
  inReplyTo?: string | null;
  replyTo?: string;
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

/** Builds the raw MIME text; exported so tests can read exactly what would be sent. */
export function buildMime(from: string, mail: OutgoingMail, messageId: string): string {
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
  return msg.asRaw();
}

/** The raw message and its Message-ID, ready for the binding. */
export function composeMail(from: string, mail: OutgoingMail): { messageId: string; raw: string } {
  const messageId = newMessageId(from);
  return { messageId, raw: buildMime(from, mail, messageId) };
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
export async function replyAddressFor(config: Config, userId: number): Promise<string> {
  const [local, domain] = config.assistantEmail.split("@");
  return `${local}+${await createReplyToken(config.replyTokenSecret, userId)}@${domain}`;
}
