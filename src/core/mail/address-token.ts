/**
 * The capabilities carried in the assistant's plus-addresses (`assistant+TOKEN@domain`):
 *
 * - a **reply token**, in the Reply-To of every mail the assistant sends: a reply to that address
 *   proves it answers mail the assistant sent to this user;
 * - the **private forwarding address**, which the owner gives their mailbox's auto-forward rule
 *   or uses from a domain that does not sign its mail: knowing it is the permission;
 * - the **calendar feed**'s address (`/cal/TOKEN.ics`): knowing it is the permission to read it.
 *
 * Pure: WebCrypto (`crypto.subtle`, in Node 22 and workerd), no clock. A token is lower-case
 * base32 (RFC 4648 alphabet, no padding) of
 *   version 2 (1 byte) · kind (1) · key id (1) · userId (4, big-endian) · generation (2) · MAC (16),
 * where MAC is HMAC-SHA-256(secret, "assistant-token:v2:kind:keyId:userId:generation") cut to 16
 * bytes: exactly 40 characters of [a-z2-7], safe in a mail local part. The key id names the
 * secret that made it (the first byte of its SHA-256), so a new REPLY_TOKEN_SECRET can be rolled
 * in while the previous one still verifies yesterday's digests. The generation is the user's
 * count of rotations: the owner's `new reply address` / `new forwarding address` commands raise
 * it, and a token of an older generation no longer verifies.
 *
 * Version 1 tokens (userId and a 20-byte MAC, no kind, key id or generation; also 25 bytes) were
 * written into digests before version 2; they still verify as reply tokens of generation 0.
 */

export type TokenKind = "reply" | "forward" | "calendar";

export interface TokenKeys {
  /** REPLY_TOKEN_SECRET: makes new tokens and verifies. */
  current: string;
  /** The secret before the last roll, still accepted for verification; null when none. */
  previous: string | null;
}

export interface TokenClaims {
  kind: TokenKind;
  userId: number;
  generation: number;
}

const VERSION = 2;
const KIND_CODES: Record<TokenKind, number> = { reply: 1, forward: 2, calendar: 3 };
/** 128 bits of MAC: a guess per delivery cannot find one, and the token fits in 40 characters. */
const MAC_BYTES = 16;
const TOKEN_BYTES = 1 + 1 + 1 + 4 + 2 + MAC_BYTES;
const TOKEN_CHARS = Math.ceil((TOKEN_BYTES * 8) / 5);
const V1_MAC_BYTES = 20;
/** A shorter secret is a configuration mistake; refusing it keeps forgeries out of reach. */
const MIN_SECRET_CHARS = 32;
const MAX_USER_ID = 0xffff_ffff;
const MAX_GENERATION = 0xffff;
const BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

export async function createAddressToken(keys: TokenKeys, claims: TokenClaims): Promise<string> {
  const { kind, userId, generation } = claims;
  if (!Number.isSafeInteger(userId) || userId < 1 || userId > MAX_USER_ID) {
    throw new RangeError(`address token: user id must be an integer in 1..${MAX_USER_ID}`);
  }
  if (!Number.isSafeInteger(generation) || generation < 0 || generation > MAX_GENERATION) {
    throw new RangeError(`address token: generation must be an integer in 0..${MAX_GENERATION}`);
  }
  const keyId = await keyIdOf(keys.current);
  const bytes = new Uint8Array(TOKEN_BYTES);
  const view = new DataView(bytes.buffer);
  bytes[0] = VERSION;
  bytes[1] = KIND_CODES[kind];
  bytes[2] = keyId;
  view.setUint32(3, userId);
  view.setUint16(7, generation);
  bytes.set(await macFor(keys.current, `assistant-token:v2:${KIND_CODES[kind]}:${keyId}:${userId}:${generation}`, MAC_BYTES), 9);
  return encodeBase32(bytes);
}

/** What the token grants, or null when it is malformed or made with neither secret. */
export async function verifyAddressToken(keys: TokenKeys, token: string): Promise<TokenClaims | null> {
  if (token.length !== TOKEN_CHARS) return null;
  const bytes = decodeBase32(token.toLowerCase());
  if (bytes === null || bytes.length !== TOKEN_BYTES) return null;
  if (bytes[0] === 1) return verifyV1(keys, bytes);
  if (bytes[0] !== VERSION) return null;
  const kind = (Object.keys(KIND_CODES) as TokenKind[]).find((k) => KIND_CODES[k] === bytes[1]);
  const view = new DataView(bytes.buffer);
  const keyId = bytes[2]!;
  const userId = view.getUint32(3);
  const generation = view.getUint16(7);
  if (!kind || userId < 1) return null;
  for (const secret of await secretsWithId(keys, keyId)) {
    const expected = await macFor(secret, `assistant-token:v2:${bytes[1]}:${keyId}:${userId}:${generation}`, MAC_BYTES);
    if (isEqualConstantTime(bytes.subarray(9), expected)) return { kind, userId, generation };
  }
  return null;
}

/** Version 1: version · userId (4) · MAC (20), the same 25 bytes. */
async function verifyV1(keys: TokenKeys, bytes: Uint8Array): Promise<TokenClaims | null> {
  const userId = new DataView(bytes.buffer).getUint32(1);
  if (userId < 1) return null;
  for (const secret of [keys.current, keys.previous]) {
    if (secret === null) continue;
    const expected = await macFor(secret, `reply-token:v1:${userId}`, V1_MAC_BYTES);
    if (isEqualConstantTime(bytes.subarray(5), expected)) return { kind: "reply", userId, generation: 0 };
  }
  return null;
}

/**
 * The token in a plus-address of the assistant ("assistant+abc@x.example" → "abc"), or null
 * when `address` is not the assistant's address with a tag. Local part and domain compare
 * case-insensitively, as mail systems treat them; "Name <addr>" forms are accepted.
 */
export function tokenFromAddress(address: string, assistantAddress: string): string | null {
  const received = splitAddress(address);
  const own = splitAddress(assistantAddress);
  if (received === null || own === null || received.domain !== own.domain) return null;
  const plus = received.local.indexOf("+");
  if (plus < 0 || received.local.slice(0, plus) !== own.local) return null;
  const tag = received.local.slice(plus + 1);
  return /^[a-z0-9]{1,64}$/.test(tag) ? tag : null;
}

/** The assistant's address with a token: "assistant@x.example" + "abc" → "assistant+abc@x.example". */
export function addressWithToken(assistantAddress: string, token: string): string {
  const at = assistantAddress.lastIndexOf("@");
  return `${assistantAddress.slice(0, at)}+${token}${assistantAddress.slice(at)}`;
}

async function keyIdOf(secret: string): Promise<number> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret));
  return new Uint8Array(digest)[0]!;
}

/** The configured secrets whose key id matches (both, on the rare shared first byte). */
async function secretsWithId(keys: TokenKeys, keyId: number): Promise<string[]> {
  const matching: string[] = [];
  for (const secret of [keys.current, keys.previous]) {
    if (secret !== null && (await keyIdOf(secret)) === keyId) matching.push(secret);
  }
  return matching;
}

async function macFor(secret: string, message: string, length: number): Promise<Uint8Array> {
  if (secret.length < MIN_SECRET_CHARS) {
    throw new Error(`address token: the secret must be at least ${MIN_SECRET_CHARS} characters`);
  }
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(message));
  return new Uint8Array(mac, 0, length);
}

/** Compares every byte whatever the first difference, so timing does not reveal a MAC prefix. */
function isEqualConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return difference === 0;
}

function splitAddress(address: string): { local: string; domain: string } | null {
  const trimmed = address.trim();
  const open = trimmed.lastIndexOf("<");
  const bare = open >= 0 && trimmed.endsWith(">") ? trimmed.slice(open + 1, -1) : trimmed;
  const at = bare.lastIndexOf("@");
  if (at <= 0 || at === bare.length - 1 || /\s/.test(bare)) return null;
  return { local: bare.slice(0, at).toLowerCase(), domain: bare.slice(at + 1).toLowerCase() };
}

function encodeBase32(bytes: Uint8Array): string {
  let out = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32_ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

/** Lower-case base32 → bytes, or null on a character outside the alphabet or non-zero padding bits. */
function decodeBase32(text: string): Uint8Array | null {
  const bytes = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const char of text) {
    const value = BASE32_ALPHABET.indexOf(char);
    if (value < 0) return null;
    buffer = (buffer << 5) | value;
    bits += 5;
    if (bits >= 8) {
      bytes[index++] = (buffer >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
    buffer &= (1 << bits) - 1;
  }
  return buffer === 0 ? bytes : null;
}
