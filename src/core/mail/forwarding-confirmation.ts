/**
 * A mail provider asking the owner to confirm the assistant as a forwarding target. Gmail mails
 * a confirmation code and link from forwarding-noreply@google.com to the address the owner
 * entered (the private forwarding address) and switches forwarding on only after the owner
 * confirms; the assistant passes it on to the owner instead of filing it. Outlook.com, iCloud,
 * Fastmail and Proton forward without asking the target, so they need nothing here. Pure.
 *
 * The adapter passes a message on only after a DKIM signature of the provider's own domain
 * verified: anyone can write this From header.
 */
import type { Email } from "postal-mime";

export interface ForwardingConfirmation {
  provider: "Gmail";
  /** The address whose forwarding is to be confirmed (the owner's mailbox). */
  mailbox: string | null;
  code: string | null;
  link: string | null;
}

const GMAIL_SENDER = "forwarding-noreply@google.com";
const GMAIL_CODE = /\b(?:confirmation code|código de confirmación|bestätigungscode|code de confirmation)\s*:?\s*(\d{6,12})\b/i;
const GMAIL_LINK = /https:\/\/(?:mail-settings\.google\.com|mail\.google\.com|isolated\.mail\.google\.com)\/mail\/vf-[^\s<>"')]+/;
const MAILBOX = /\b([^\s<>@()]+@[^\s<>@()]+\.[a-z]{2,})\s+(?:has requested|hat|a demandé|ha solicitado)/i;

/** The provider's sender, whose domain's signature the adapter must verify first. */
export const FORWARDING_CONFIRMATION_SENDERS: readonly string[] = [GMAIL_SENDER];

export function readForwardingConfirmation(email: Email): ForwardingConfirmation | null {
  if (email.from?.address?.toLowerCase() !== GMAIL_SENDER) return null;
  const text = email.text ?? "";
  const code = GMAIL_CODE.exec(text)?.[1] ?? null;
  const link = GMAIL_LINK.exec(text)?.[0] ?? null;
  if (code === null && link === null) return null;
  return { provider: "Gmail", mailbox: MAILBOX.exec(text)?.[1] ?? null, code, link };
}
