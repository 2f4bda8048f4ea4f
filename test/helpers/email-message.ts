/**
 * A stand-in for the runtime's ForwardableEmailMessage (the test pool has no email helper).
 * It behaves like production where it matters: `raw` is a single-use stream, `headers` are the
 * top-level headers of the raw message, and `setReject` records the bounce reason.
 */
export interface TestEmail {
  message: ForwardableEmailMessage;
  rejections: string[];
}

/** Top-level headers of a raw message, unfolded, as the runtime exposes them. */
function headersOf(raw: string): Headers {
  const end = raw.search(/\r?\n\r?\n/);
  const block = (end < 0 ? raw : raw.slice(0, end)).replace(/\r?\n[ \t]+/g, " ");
  const headers = new Headers();
  for (const line of block.split(/\r?\n/)) {
    const colon = line.indexOf(":");
    // Raw 8-bit header values are left out, as a Fetch Headers object cannot hold them faithfully.
    if (colon <= 0 || /[^\x00-\x7f]/.test(line)) continue;
    try {
      headers.append(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    } catch {
      // A header name the Fetch API refuses (8-bit or spaces) is invisible to the Worker too.
    }
  }
  return headers;
}

export function makeEmail(envelope: { from: string; to: string }, raw: string | Uint8Array, options: { rawSize?: number } = {}): TestEmail {
  const bytes = typeof raw === "string" ? new TextEncoder().encode(raw) : raw;
  const text = typeof raw === "string" ? raw : new TextDecoder().decode(raw.subarray(0, 256 * 1024));
  const rejections: string[] = [];
  const message = {
    from: envelope.from,
    to: envelope.to,
    raw: new Response(bytes).body!,
    rawSize: options.rawSize ?? bytes.byteLength,
    headers: headersOf(text),
    canBeForwarded: true,
    setReject(reason: string) {
      rejections.push(reason);
    },
    async forward() {
      return { messageId: "<forwarded@example.com>" };
    },
    async reply() {
      return { messageId: "<reply@example.com>" };
    },
  };
  return { message: message as unknown as ForwardableEmailMessage, rejections };
}
