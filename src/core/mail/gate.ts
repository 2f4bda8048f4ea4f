/**
 * Who may use the assistant, decided from the envelope and the top-level headers alone, before
 * the body is read. Pure: no I/O, no clock.
 *
 * - Machine mail (bounces, auto-replies, our own mail coming back) is dropped: never stored,
 *   never answered, never bounced (a bounce to a bounce is how loops start).
 * - The owner's own mail is accepted (a plus-tagged owner envelope such as Gmail's auto-forward
 *   "me+caf_=…@" counts as the owner), and so is the owner's mailbox rule auto-forwarding
 *   someone else's mail with an SRS envelope and a header naming the owner as the forwarder.
 * - Anything else is refused with a permanent reason; nothing of it is stored.
 *
 * The envelope sender is not proof of identity (SPF or DKIM of any domain passes Email
 * Routing), so acceptance here only lets mail be filed; commands also need the reply token.
 */
import { err, ok, type Result } from "../result.ts";

export interface Envelope {
  from: string;
  to: string;
}

/** The headers the gate reads; `Headers` satisfies it. */
export interface HeaderReader {
  get(name: string): string | null;
}

export interface GateOptions {
  ownerAddresses: readonly string[];
  assistantAddress: string;
}

export type Channel = "forward" | "command";

export interface Admission {
  channel: Channel;
  /** How the sender was recognised as the owner. */
  via: "owner" | "auto_forward";
  /** The plus-tag of the recipient (`assistant+TAG@`), the reply token candidate. */
  recipientTag: string | null;
}

export type Refusal =
  | { action: "drop"; reason: "bounce" | "auto_reply" | "loop" }
  | { action: "reject"; reason: "stranger" | "spoofed_owner" | "several_senders" | "wrong_recipient"; message: string };

/** Marker on every message the assistant sends, so its own mail coming back is recognised. */
export const LOOP_HEADER = "X-Followup-Assistant";

const AUTO_REPLY_PRECEDENCE = /^\s*auto_reply\s*$/i;
const BOUNCE_LOCAL_PART = /^(mailer-daemon|postmaster)$/i;
const SRS_LOCAL_PART = /^(srs[01][=+-]|bounces\+srs=)/i;
const FORWARDER_HEADERS = ["x-forwarded-for", "x-forwarded-to", "delivered-to", "x-original-to", "resent-from"];
// The lookbehind starts a match only at the start of a token: without it, a long header value
// with no "@" is rescanned from every position (a 40 KB From header took 5 s, before anything
// else was checked).
const ADDRESS_IN_TEXT = /(?<![^\s<>,;:"()[\]])[^\s<>,;:"()[\]]+@[^\s<>,;:"()[\]]+/g;

/** Lower-cases and removes a `+tag` from the local part: "Me+Jobs@Example.com" → "me@example.com". */
export function canonicalAddress(address: string): string {
  const trimmed = address.trim().replace(/^<|>$/g, "").toLowerCase();
  const at = trimmed.lastIndexOf("@");
  if (at < 0) return trimmed;
  const local = trimmed.slice(0, at);
  const plus = local.indexOf("+");
  return `${plus >= 0 ? local.slice(0, plus) : local}${trimmed.slice(at)}`;
}

/** The `+tag` of an address's local part, as written, or null. */
export function addressTag(address: string): string | null {
  const trimmed = address.trim().replace(/^<|>$/g, "");
  const at = trimmed.lastIndexOf("@");
  const local = at < 0 ? trimmed : trimmed.slice(0, at);
  const plus = local.indexOf("+");
  return plus >= 0 && plus < local.length - 1 ? local.slice(plus + 1) : null;
}

/** Every address that appears in a header value (display names and groups included). */
export function addressesIn(value: string | null): string[] {
  return value ? [...value.matchAll(ADDRESS_IN_TEXT)].map((m) => canonicalAddress(m[0])) : [];
}

function machineMailReason(envelope: Envelope, headers: HeaderReader, options: GateOptions): Refusal | null {
  const envelopeFrom = envelope.from.trim();
  const contentType = headers.get("content-type") ?? "";
  const localPart = envelopeFrom.split("@")[0] ?? "";
  if (envelopeFrom === "" || envelopeFrom === "<>" || BOUNCE_LOCAL_PART.test(localPart)) {
    return { action: "drop", reason: "bounce" };
  }
  if (/multipart\/report/i.test(contentType) && /delivery-status|disposition-notification/i.test(contentType)) {
    return { action: "drop", reason: "bounce" };
  }
  if (headers.get(LOOP_HEADER) !== null) return { action: "drop", reason: "loop" };
  if (canonicalAddress(envelopeFrom) === canonicalAddress(options.assistantAddress)) {
    return { action: "drop", reason: "loop" };
  }
  const autoSubmitted = headers.get("auto-submitted")?.trim().toLowerCase() ?? "no";
  // RFC 3834: "auto-replied" is a responder answering us. "auto-generated" is not refused here:
  // an applicant-tracking system's rejection, auto-forwarded by the owner's rule, carries it.
  if (autoSubmitted.startsWith("auto-replied")) return { action: "drop", reason: "auto_reply" };
  if (headers.get("x-autoreply") !== null || headers.get("x-autorespond") !== null) {
    return { action: "drop", reason: "auto_reply" };
  }
  // "Precedence: bulk/list" is left alone for the same reason; only "auto_reply" is a responder.
  if (AUTO_REPLY_PRECEDENCE.test(headers.get("precedence") ?? "")) return { action: "drop", reason: "auto_reply" };
  return null;
}

function isSrsEnvelope(envelopeFrom: string): boolean {
  return SRS_LOCAL_PART.test(envelopeFrom.split("@")[0] ?? "");
}

export function admitMessage(envelope: Envelope, headers: HeaderReader, options: GateOptions): Result<Admission, Refusal> {
  const machine = machineMailReason(envelope, headers, options);
  if (machine) return err(machine);

  const owners = new Set(options.ownerAddresses.map(canonicalAddress));
  const assistant = canonicalAddress(options.assistantAddress);
  if (canonicalAddress(envelope.to) !== assistant) {
    return err({
      action: "reject",
      reason: "wrong_recipient",
      message: `This address does not accept mail. Forward interview emails to ${options.assistantAddress}.`,
    });
  }
  const recipientTag = addressTag(envelope.to);
  // Distinct addresses: `"me@example.com" <me@example.com>` (a display name that repeats the
  // address, as some clients write it) names one sender, not two.
  const headerFrom = [...new Set(addressesIn(headers.get("from")))];
  if (headerFrom.length > 1) {
    return err({
      action: "reject",
      reason: "several_senders",
      message: "Refused: the message names more than one sender in its From header.",
    });
  }
  const envelopeOwner = owners.has(canonicalAddress(envelope.from));
  const headerOwner = headerFrom.length === 1 && owners.has(headerFrom[0]!);

  if (envelopeOwner) {
    return ok({ channel: recipientTag ? "command" : "forward", via: "owner", recipientTag });
  }
  const forwarderNamed = FORWARDER_HEADERS.some((name) => addressesIn(headers.get(name)).some((a) => owners.has(a)));
  if (forwarderNamed && isSrsEnvelope(envelope.from)) {
    // Commands never arrive by auto-forward: a mailbox rule does not write replies.
    return ok({ channel: "forward", via: "auto_forward", recipientTag: null });
  }
  if (headerOwner) {
    return err({
      action: "reject",
      reason: "spoofed_owner",
      message: "Refused: the From header names the owner, but the message was not sent from the owner's address.",
    });
  }
  return err({
    action: "reject",
    reason: "stranger",
    message: "This is a private assistant: it only accepts mail from its owner. Nothing was stored.",
  });
}
