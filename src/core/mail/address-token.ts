/**
 * The capability token carried in the assistant's Reply-To (`assistant+TOKEN@domain`): a reply
 * to that address proves it answers mail the assistant sent to this user, so nobody can send
 * commands for a user by guessing an address or forging a From header alone.
 *
 * Pure: WebCrypto (`crypto.subtle`, in Node 22 and workerd), no clock. A token is lower-case
 * base32 (RFC 4648 alphabet, no padding) of
 *   version (1 byte) · userId (4 bytes, big-endian) · MAC (20 bytes),
 * where MAC is HMAC-SHA-256(secret, "reply-token:v1:" + userId) cut to 20 bytes. That is
 * exactly 40 characters of [a-z2-7], safe in a mail local part and in a URL. The secret is the
 * REPLY_TOKEN_SECRET Worker secret; rotating it invalidates old tokens, and an adapter may also
 * verify against the previous secret during a rotation. Tokens do not expire by themselves.
 */

const TOKEN_VERSION = 1;
/** 160 bits of MAC: forging one is out of reach, and the token still fits in 40 characters. */
const MAC_BYTES = 20;
const TOKEN_BYTES = 1 + 4 + MAC_BYTES;
const TOKEN_CHARS = Math.ceil((TOKEN_BYTES * 8) / 5);
/** A shorter secret is a configuration mistake; refusing it keeps forgeries out of reach. */
const MIN_SECRET_CHARS = 32;
const MAX_USER_ID = 0xffff_ffff;
const BASE32_ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";

export async function createReplyToken(secret: string, userId: number): Promise<string> {
  if (!Number.isSafeInteger(userId) || userId < 1 || userId > MAX_USER_ID) {
    throw new RangeError(`reply token: user id must be an integer in 1..${MAX_USER_ID}`);
  }
  const bytes = new Uint8Array(TOKEN_BYTES);
  bytes[0] = TOKEN_VERSION;
  new DataView(bytes.buffer).setUint32(1, userId);
  bytes.set(await macFor(secret, userId), 5);
  return encodeBase32(bytes);
}

/** The user id the token was made for, or null when it is malformed or not made with `secret`. */
export async function verifyReplyToken(secret: string, token: string): Promise<number | null> {
  if (token.length !== TOKEN_CHARS) return null;
  const bytes = decodeBase32(token.toLowerCase());
  if (bytes === null || bytes.length !== TOKEN_BYTES || bytes[0] !== TOKEN_VERSION) return null;
  const userId = new DataView(bytes.buffer).getUint32(1);
  if (userId < 1) return null;
  const expected = await macFor(secret, userId);
  return isEqualConstantTime(bytes.subarray(5), expected) ? userId : null;
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

async function macFor(secret: string, userId: number): Promise<Uint8Array> {
  if (secret.length < MIN_SECRET_CHARS) {
    throw new Error(`reply token: the secret must be at least ${MIN_SECRET_CHARS} characters`);
  }
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
  ]);
  const mac = await crypto.subtle.sign("HMAC", key, encoder.encode(`reply-token:v${TOKEN_VERSION}:${userId}`));
  return new Uint8Array(mac, 0, MAC_BYTES);
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
