/**
 * The signer's side of DKIM for tests: a generated key, a DKIM-Signature over a raw message,
 * and a resolver that serves the key. WebCrypto only, so it runs in Node and in workerd.
 *
 * The canonicalisation here is written apart from src/core/mail/dkim-canonical.ts (over
 * strings with regular expressions, where the verifier walks bytes), so a mistake in one is
 * not simply mirrored by the other; both are also held to RFC 6376's and RFC 8463's examples.
 */
import type { ResolveTxt, TxtAnswer } from "../../src/core/mail/dkim.ts";

export type SigningAlgorithm = "rsa-sha256" | "ed25519-sha256";
export type Canon = "simple" | "relaxed";

export interface DkimKey {
  algorithm: SigningAlgorithm;
  privateKey: CryptoKey;
  /** The TXT record to publish at `<selector>._domainkey.<domain>`. */
  record: string;
  /** The public key as p= carries it (DER SubjectPublicKeyInfo for RSA, 32 raw bytes for Ed25519). */
  publicKey: Uint8Array;
}

export interface SignOptions {
  domain: string;
  selector: string;
  /** Header canonicalisation / body canonicalisation; relaxed/relaxed by default, as Gmail signs. */
  canonicalization?: `${Canon}/${Canon}`;
  /** Lower-case names for h=, in order; a name may repeat (over-signing). */
  headers?: readonly string[];
  /** t= and x=, in seconds since the epoch. */
  timestamp?: number;
  expiration?: number;
  /** l=: sign only this many bytes of the canonical body. */
  bodyLength?: number;
  /** The a= tag written, when a test needs one the key does not match (rsa-sha1). */
  algorithmTag?: string;
  /** Extra tags written before b=, e.g. "i=@mail.example.com". */
  extraTags?: readonly string[];
}

const DEFAULT_SIGNED_HEADERS = ["from", "to", "subject", "date", "message-id", "mime-version", "content-type"];

const encoder = new TextEncoder();

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Line breaks as on the wire: every LF becomes CRLF. */
function crlf(text: string): string {
  return text.replace(/\r?\n/g, "\r\n");
}

export async function generateDkimKey(algorithm: SigningAlgorithm, rsaBits = 2048): Promise<DkimKey> {
  if (algorithm === "rsa-sha256") {
    const pair = (await crypto.subtle.generateKey(
      { name: "RSASSA-PKCS1-v1_5", modulusLength: rsaBits, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
      true,
      ["sign", "verify"],
    )) as CryptoKeyPair;
    const publicKey = new Uint8Array((await crypto.subtle.exportKey("spki", pair.publicKey)) as ArrayBuffer);
    return { algorithm, privateKey: pair.privateKey, publicKey, record: `v=DKIM1; k=rsa; p=${base64(publicKey)}` };
  }
  const pair = (await crypto.subtle.generateKey({ name: "Ed25519" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const publicKey = new Uint8Array((await crypto.subtle.exportKey("raw", pair.publicKey)) as ArrayBuffer);
  return { algorithm, privateKey: pair.privateKey, publicKey, record: `v=DKIM1; k=ed25519; p=${base64(publicKey)}` };
}

/** RFC 6376 §3.4.2: lower-case name, unfolded value, runs of whitespace as one space, none at the ends. */
function relaxedHeader(field: string): string {
  const colon = field.indexOf(":");
  const name = field.slice(0, colon).trim().toLowerCase();
  const value = field.slice(colon + 1).replace(/\r\n(?=[ \t])/g, "").replace(/[ \t]+/g, " ").replace(/^ /, "").replace(/ $/, "");
  return `${name}:${value}\r\n`;
}

/** RFC 6376 §3.4.3 and §3.4.4. */
function signerBody(body: string, canon: Canon): string {
  if (canon === "simple") return `${body.replace(/(?:\r\n)*$/, "")}\r\n`;
  const text = body
    .split("\r\n")
    .map((line) => line.replace(/[ \t]+$/, "").replace(/[ \t]+/g, " "))
    .join("\r\n")
    .replace(/(?:\r\n)*$/, "");
  return text === "" ? "" : `${text}\r\n`;
}

/** A folded tag list as signers write it, with b= last and empty until signed. */
function signatureField(tags: string[]): string {
  return `DKIM-Signature: ${tags.join(";\r\n\t")};\r\n\tb=`;
}

/** `raw` (LF or CRLF) with a DKIM-Signature on top, in CRLF. */
export async function signMessage(raw: string, key: DkimKey, options: SignOptions): Promise<string> {
  const message = crlf(raw);
  const split = message.indexOf("\r\n\r\n");
  const headerBlock = split < 0 ? message : message.slice(0, split);
  const body = split < 0 ? "" : message.slice(split + 4);
  const [headerCanon, bodyCanon] = (options.canonicalization ?? "relaxed/relaxed").split("/") as [Canon, Canon];
  const names = options.headers ?? DEFAULT_SIGNED_HEADERS;

  let canonicalBody = encoder.encode(signerBody(body, bodyCanon));
  if (options.bodyLength !== undefined) canonicalBody = canonicalBody.subarray(0, options.bodyLength);
  const bodyHash = new Uint8Array(await crypto.subtle.digest("SHA-256", canonicalBody));

  const tags = [
    "v=1",
    `a=${options.algorithmTag ?? key.algorithm}`,
    `c=${headerCanon}/${bodyCanon}`,
    `d=${options.domain}`,
    `s=${options.selector}`,
    ...(options.timestamp !== undefined ? [`t=${options.timestamp}`] : []),
    ...(options.expiration !== undefined ? [`x=${options.expiration}`] : []),
    ...(options.bodyLength !== undefined ? [`l=${options.bodyLength}`] : []),
    ...(options.extraTags ?? []),
    `h=${names.join(":")}`,
    `bh=${base64(bodyHash)}`,
  ];
  const unsigned = signatureField(tags);

  // Each listed name takes the lowest field of that name not taken yet.
  const fields = headerBlock.split(/\r\n(?![ \t])/);
  const taken = new Set<number>();
  let data = "";
  for (const name of names) {
    for (let i = fields.length - 1; i >= 0; i--) {
      if (taken.has(i) || fields[i]!.slice(0, fields[i]!.indexOf(":")).trim().toLowerCase() !== name) continue;
      taken.add(i);
      data += headerCanon === "relaxed" ? relaxedHeader(fields[i]!) : `${fields[i]}\r\n`;
      break;
    }
  }
  data += (headerCanon === "relaxed" ? relaxedHeader(unsigned) : `${unsigned}\r\n`).slice(0, -2);

  const signed = encoder.encode(data);
  const signature =
    key.algorithm === "rsa-sha256"
      ? await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key.privateKey, signed)
      : await crypto.subtle.sign("Ed25519", key.privateKey, await crypto.subtle.digest("SHA-256", signed));
  // Folded as signers fold b=: whitespace inside the value is removed before decoding.
  const b = base64(new Uint8Array(signature)).replace(/.{1,64}/g, "$&\r\n\t").replace(/\r\n\t$/, "");
  return `${unsigned}${b}\r\n${message}`;
}

export interface KeyResolver extends ResolveTxt {
  /** The names looked up, in order. */
  lookups: string[];
}

/**
 * Serves TXT records by name, as DNS would; a name not listed does not exist (permerror). A
 * value may be a whole answer, to stand for a DNS failure.
 */
export function keyResolver(records: Readonly<Record<string, string | TxtAnswer>>): KeyResolver {
  const lookups: string[] = [];
  const resolve = async (name: string): Promise<TxtAnswer> => {
    lookups.push(name);
    const record = records[name];
    if (record === undefined) return { ok: false, error: { kind: "permerror", detail: "NXDOMAIN" } };
    return typeof record === "string" ? { ok: true, value: [record] } : record;
  };
  return Object.assign(resolve, { lookups });
}

/** The name a key is published at. */
export function keyName(selector: string, domain: string): string {
  return `${selector}._domainkey.${domain}`;
}
