/**
 * Whether a DKIM result speaks for the owner: the message has one From, naming one of the
 * owner's addresses, and a passing signature whose domain is aligned with that From's domain
 * in DMARC's relaxed sense (RFC 7489 §3.1.1: the same organisational domain). Pure.
 *
 * The organisational domain is found with a small public-suffix table, not the whole Public
 * Suffix List: the last label, or the last two when they are a listed second-level suffix
 * (co.uk, com.au, co.jp…). Not covered: private suffixes where strangers share a parent
 * (github.io, herokuapp.com, blogspot.com…), third-level suffixes (city.kawasaki.jp, k12.ma.us),
 * the List's wildcard and exception rules, and second-level suffixes not in the table. On
 * those, two unrelated domains under one suffix count as aligned; that matters only for an
 * owner whose own address sits under such a suffix, next to someone who can sign mail there.
 */
import type { DkimVerification } from "./dkim.ts";

/** Per top-level domain, the second-level labels under which anyone can register a name. */
const SECOND_LEVEL_SUFFIXES: Readonly<Record<string, string>> = {
  ae: "ac co gov net org",
  ar: "com edu gob int net org",
  at: "ac co gv or",
  au: "asn com edu gov id net org",
  bd: "ac com edu gov net org",
  br: "art blog com eco edu gov ind inf net org",
  cn: "ac com edu gov net org",
  co: "com edu gov net org",
  cy: "ac com net org",
  eg: "com edu gov net org",
  es: "com edu gob nom org",
  gh: "com edu gov org",
  gr: "com edu gov net org",
  hk: "com edu gov idv net org",
  hu: "co org",
  id: "ac co go my net or sch web",
  il: "ac co gov muni net org",
  in: "ac co edu firm gen gov ind net org res",
  jo: "com edu gov net org",
  jp: "ac ad co ed go gr lg ne or",
  ke: "ac co go ne or",
  kr: "ac co go ne or re",
  kw: "com edu gov net org",
  lb: "com edu gov net org",
  lk: "com edu gov net org",
  mx: "com edu gob net org",
  my: "com edu gov name net org",
  ng: "com edu gov net org",
  np: "com edu gov net org",
  nz: "ac co geek gen govt kiwi maori net org school",
  om: "co com edu gov net org",
  pe: "com edu gob net org",
  ph: "com edu gov net org",
  pk: "com edu gov net org",
  pl: "com net org",
  qa: "com edu gov net org",
  ro: "com org",
  sa: "com edu gov net org",
  sg: "com edu gov net org per",
  th: "ac co go in net or",
  tr: "biz com edu gen gov info net org web",
  tw: "com edu gov idv net org",
  ua: "com edu gov in net org",
  uk: "ac co gov ltd me net nhs org plc police sch",
  uy: "com edu gub net org",
  ve: "com net org",
  vn: "com edu gov net org",
  za: "ac co edu gov net org web",
};

const PUBLIC_SUFFIXES = new Set(
  Object.entries(SECOND_LEVEL_SUFFIXES).flatMap(([tld, labels]) => labels.split(" ").map((label) => `${label}.${tld}`)),
);

/** The registrable domain ("mail.example.co.uk" → "example.co.uk"), or null for a public suffix itself. */
export function organizationalDomain(domain: string): string | null {
  const labels = domain.toLowerCase().replace(/\.$/, "").split(".");
  if (labels.some((label) => label === "")) return null;
  const suffixLabels = labels.length >= 2 && PUBLIC_SUFFIXES.has(labels.slice(-2).join(".")) ? 2 : 1;
  return labels.length > suffixLabels ? labels.slice(-(suffixLabels + 1)).join(".") : null;
}

/** DMARC relaxed alignment: the From domain and the signing domain share an organisational domain. */
export function isAligned(fromDomain: string, signingDomain: string): boolean {
  const organization = organizationalDomain(fromDomain);
  return organization !== null && organization === organizationalDomain(signingDomain);
}

export type OwnerSignature =
  | { verdict: "owner"; domain: string; selector: string }
  /** An aligned signature could not be checked for now (DNS): neither accept nor refuse. */
  | { verdict: "retry"; domain: string; detail: string }
  | { verdict: "refuse"; reason: "no_from" | "several_from" | "unreadable_from" | "not_owner" | "no_aligned_pass"; detail: string };

// One mailbox: `Display Name <local@domain>` (the name plain or quoted) or a bare `local@domain`
// with an optional comment. Groups, lists and anything else are not read as the owner.
const NAME_ADDR = /^(?:"(?:[^"\\]|\\.)*"|[^<>",;:@\\])*<\s*([^\s<>@",;:\\]+@[^\s<>@",;:\\]+)\s*>\s*$/;
const ADDR_SPEC = /^([^\s<>@",;:\\()]+@[^\s<>@",;:\\()]+)\s*(?:\([^()]*\))?$/;

/** Lower-cased, without a `+tag`: the same mailbox however the owner's client wrote it. */
function mailboxKey(address: string): string {
  const lower = address.toLowerCase();
  const at = lower.lastIndexOf("@");
  const plus = lower.indexOf("+");
  return plus >= 0 && plus < at ? lower.slice(0, plus) + lower.slice(at) : lower;
}

/** Decides from a verification whether the message is the owner's own, signed by the owner's domain. */
export function checkOwnerSignature(verification: DkimVerification, ownerAddresses: readonly string[]): OwnerSignature {
  const { from, signatures } = verification;
  if (from.length === 0) return { verdict: "refuse", reason: "no_from", detail: "the message has no From" };
  if (from.length > 1) return { verdict: "refuse", reason: "several_from", detail: `the message has ${from.length} From fields` };
  const address = (NAME_ADDR.exec(from[0]!) ?? ADDR_SPEC.exec(from[0]!))?.[1];
  if (!address) return { verdict: "refuse", reason: "unreadable_from", detail: "the From is not one plain mailbox" };
  if (!ownerAddresses.some((owner) => mailboxKey(owner) === mailboxKey(address))) {
    return { verdict: "refuse", reason: "not_owner", detail: "the From is not the owner" };
  }
  const fromDomain = address.slice(address.lastIndexOf("@") + 1).toLowerCase();
  const pass = signatures.find((result) => result.status === "pass" && isAligned(fromDomain, result.domain));
  if (pass) return { verdict: "owner", domain: pass.domain, selector: pass.selector };
  const failed = signatures.flatMap((result) => (result.status !== "pass" && isAligned(fromDomain, result.domain) ? [result] : []));
  const pending = failed.find((result) => result.status === "temperror");
  if (pending) return { verdict: "retry", domain: pending.domain, detail: pending.detail };
  const detail = failed.length > 0 ? failed.map((result) => `${result.domain}: ${result.reason}`).join("; ") : `no signature aligned with ${fromDomain}`;
  return { verdict: "refuse", reason: "no_aligned_pass", detail };
}
