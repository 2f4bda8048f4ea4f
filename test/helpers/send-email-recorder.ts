/**
 * Wraps the simulated send_email binding for handler tests: every message still goes through
 * miniflare's validation (allowed destination, Message-ID, From = envelope sender), and the
 * raw MIME is kept for assertions. The simulator keeps the raw text under an internal key of
 * its EmailMessage; reading it here is test-only.
 */
import PostalMime, { type Email } from "postal-mime";

const RAW_KEY = "EmailMessage::raw";

export interface SendEmailRecorder {
  binding: SendEmail;
  raws: string[];
  /** The Message-ID the binding gave each message (it replaces the one in the raw MIME). */
  messageIds: string[];
  parsed(index: number): Promise<Email>;
}

export function recordSendEmail(real: SendEmail, options: { failTimes?: number } = {}): SendEmailRecorder {
  const raws: string[] = [];
  const messageIds: string[] = [];
  let failuresLeft = options.failTimes ?? 0;
  const binding = {
    async send(message: EmailMessage) {
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error("E_DELIVERY_FAILED: simulated delivery failure");
      }
      const result = await real.send(message);
      const raw = (message as unknown as Record<string, unknown>)[RAW_KEY];
      raws.push(typeof raw === "string" ? raw : new TextDecoder().decode(raw as Uint8Array));
      messageIds.push(result.messageId);
      return result;
    },
  };
  return {
    binding: binding as unknown as SendEmail,
    raws,
    messageIds,
    parsed: async (index) => {
      const raw = raws[index];
      if (raw === undefined) throw new Error(`no message #${index}`);
      return { ...(await PostalMime.parse(raw)), messageId: messageIds[index] };
    },
  };
}
