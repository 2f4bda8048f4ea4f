/**
 * Who may use the assistant. Pure: no I/O, no clock. Nothing the sender writes proves who they
 * are (the envelope, From, SRS addresses and X-Forwarded-* headers are all free to forge, and
 * Email Routing hands the worker no authentication results), so there are two ways in:
 *
 * - the **plain address** takes a message whose From is the owner and whose DKIM signature
 *   verifies for a domain aligned with that From (checked by the adapter, `admitSigned`);
 * - a **plus-address** takes what its token grants (`admitToken`): the reply token, commands;
 *   the private forwarding address, any mail (the owner's auto-forward, unsigned domains).
 *
 * Machine mail (bounces, auto-replies, our own mail coming back) is dropped first: never
 * stored, never answered, never bounced (a bounce to a bounce is how loops start). Anything
 * else is refused with a permanent reason; nothing of it is stored.
 */
import { err, ok, type Result } from "../result.ts";
import type { TokenClaims } from "./address-token.ts";

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

export type Admission =
  /** To the plain address with the owner in From: accepted once a DKIM signature aligned with that From verifies. */
  | { route: "signed"; from: string }
  /**
   * To a plus-address: what its token grants decides (`admitToken`). `senderIsOwner`: the
   * envelope and the one From are the owner's, which a command also needs.
   */
  | { route: "token"; token: string; senderIsOwner: boolean };

/** Whether a DKIM signature aligned with the owner's From verifies; "temperror" when DNS could not tell. */
export type SignatureVerdict = "pass" | "fail" | "temperror";

export type Refusal =
  | { action: "drop"; reason: "bounce" | "auto_reply" | "loop" }
  | { action: "reject"; reason: "stranger" | "several_senders" | "wrong_recipient" | "auto_forward" | "unsigned" | "replaced_address"; message: string };

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

/**
 * Who the message is for and what must prove it is the owner's, from the envelope and the
 * top-level headers. Machine mail is dropped first.
 */
export function admitMessage(envelope: Envelope, headers: HeaderReader, options: GateOptions): Result<Admission, Refusal> {
  const machine = machineMailReason(envelope, headers, options);
  if (machine) return err(machine);

  if (canonicalAddress(envelope.to) !== canonicalAddress(options.assistantAddress)) {
    return err({
      action: "reject",
      reason: "wrong_recipient",
      message: `This address does not accept mail. Forward interview emails to ${options.assistantAddress}.`,
    });
  }
  // Distinct addresses: `"me@example.com" <me@example.com>` (a display name that repeats the
  // address, as some clients write it) names one sender, not two.
  const headerFrom = [...new Set(addressesIn(headers.get("from")))];
  if (headerFrom.length > 1) {
    return err({ action: "reject", reason: "several_senders", message: "Refused: the message names more than one sender in its From header." });
  }
  const owners = new Set(options.ownerAddresses.map(canonicalAddress));
  const from = headerFrom[0];
  const token = addressTag(envelope.to);
  if (token !== null) {
    return ok({ route: "token", token, senderIsOwner: owners.has(canonicalAddress(envelope.from)) && from !== undefined && owners.has(from) });
  }

  if (from !== undefined && owners.has(from)) return ok({ route: "signed", from });
  const forwarderNamed = FORWARDER_HEADERS.some((name) => addressesIn(headers.get(name)).some((a) => owners.has(a)));
  if (forwarderNamed || isSrsEnvelope(envelope.from)) {
    return err({
      action: "reject",
      reason: "auto_forward",
      message: "Refused: automatic forwards are accepted only at your private forwarding address (it is in every confirmation from the assistant). Nothing was stored.",
    });
  }
  return err({ action: "reject", reason: "stranger", message: STRANGER_MESSAGE });
}

const STRANGER_MESSAGE = "This is a private assistant: it only accepts mail from its owner. Nothing was stored.";

/** What the owner's plus-addresses currently are: a token of an older generation no longer opens anything. */
export interface OwnerTokens {
  userId: number;
  replyGeneration: number;
  forwardingGeneration: number;
}

/**
 * What a verified plus-address token grants. A reply token: a command, from the owner's envelope
 * and From only. The forwarding token: a forward from anyone, since the owner's mailbox rule
 * forwards mail from everyone to it and unsigned domains send through it.
 */
export function admitToken(claims: TokenClaims | null, owner: OwnerTokens, senderIsOwner: boolean): Result<{ channel: Channel; via: "reply_token" | "private_address" }, Refusal> {
  // The calendar feed's token is read from a URL that calendar apps and their servers see: it opens no mailbox.
  if (claims === null || claims.userId !== owner.userId || claims.kind === "calendar") return err({ action: "reject", reason: "stranger", message: STRANGER_MESSAGE });
  if (claims.kind === "reply") {
    // A reply address may be in a digest the owner forwarded on: it alone does not make a sender the owner.
    if (!senderIsOwner) return err({ action: "reject", reason: "stranger", message: STRANGER_MESSAGE });
    if (claims.generation !== owner.replyGeneration) {
      return err({ action: "reject", reason: "replaced_address", message: "Refused: this reply address was replaced. Reply to a newer digest or confirmation. Nothing changed." });
    }
    return ok({ channel: "command", via: "reply_token" });
  }
  if (claims.generation !== owner.forwardingGeneration) {
    return err({ action: "reject", reason: "replaced_address", message: "Refused: this forwarding address was replaced; the current one is in every confirmation from the assistant. Nothing was stored." });
  }
  return ok({ channel: "forward", via: "private_address" });
}

/** The owner's From on the plain address is believed only with a DKIM signature aligned with it. */
export function admitSigned(verdict: SignatureVerdict): Result<{ channel: "forward"; via: "signed" }, Refusal | { action: "retry"; reason: "dns" }> {
  switch (verdict) {
    case "pass":
      return ok({ channel: "forward", via: "signed" });
    case "temperror":
      return err({ action: "retry", reason: "dns" });
    case "fail":
      return err({
        action: "reject",
        reason: "unsigned",
        message:
          "Refused: the From header names the owner, but the message carries no valid signature of the owner's mail provider. Forward from your usual mailbox, or send to your private forwarding address. Nothing was stored.",
      });
  }
}
