import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyDkim } from "../../../src/core/mail/dkim.ts";
import { checkOwnerSignature, isAligned, organizationalDomain } from "../../../src/core/mail/dkim-align.ts";
import { generateDkimKey, keyName, keyResolver, signMessage, type DkimKey } from "../../helpers/dkim-sign.ts";

const NOW = new Date("2026-03-10T18:06:00Z");
const OWNERS = ["me@example.com", "Mira.Work@Corp-Example.co.uk"];
const encoder = new TextEncoder();
const INVITE = readFileSync(new URL("../../fixtures/emails/gmail-forward-invite.eml", import.meta.url), "utf8");

let key: DkimKey;
let attackerKey: DkimKey;

beforeAll(async () => {
  [key, attackerKey] = await Promise.all([generateDkimKey("ed25519-sha256"), generateDkimKey("rsa-sha256")]);
});

/** The message `raw` signed by each of `signers` in turn (the last on top), checked against their published keys. */
async function ownerCheck(raw: string, signers: { domain: string; key?: DkimKey; publish?: boolean }[]) {
  const records: Record<string, string> = {};
  let signed = raw;
  for (const { domain, key: signingKey = key, publish = true } of signers) {
    signed = await signMessage(signed, signingKey, { domain, selector: "s1" });
    if (publish) records[keyName("s1", domain)] = signingKey.record;
  }
  return checkOwnerSignature(await verifyDkim(encoder.encode(signed), keyResolver(records), NOW), OWNERS);
}

describe("organizationalDomain and isAligned (relaxed DMARC alignment)", () => {
  it("takes one label below the public suffix, listed multi-label suffixes included", () => {
    expect(organizationalDomain("mail.example.com")).toBe("example.com");
    expect(organizationalDomain("Example.COM.")).toBe("example.com");
    expect(organizationalDomain("a.b.example.co.uk")).toBe("example.co.uk");
    expect(organizationalDomain("mx.shop.com.au")).toBe("shop.com.au");
    expect(organizationalDomain("corp.co.jp")).toBe("corp.co.jp");
    expect(organizationalDomain("example.uk")).toBe("example.uk");
  });

  it("has none for a public suffix itself", () => {
    expect(organizationalDomain("com")).toBeNull();
    expect(organizationalDomain("co.uk")).toBeNull();
    expect(organizationalDomain("a..example.com")).toBeNull();
  });

  it("aligns a domain with its subdomains both ways, never across registrants of one suffix", () => {
    expect(isAligned("example.com", "mail.example.com")).toBe(true);
    expect(isAligned("mail.example.com", "example.com")).toBe(true);
    expect(isAligned("example.co.uk", "bounce.example.co.uk")).toBe(true);
    expect(isAligned("example.co.uk", "other.co.uk")).toBe(false);
    expect(isAligned("example.com", "example.com.evil.example")).toBe(false);
    expect(isAligned("example.com", "notexample.com")).toBe(false);
    expect(isAligned("co.uk", "co.uk")).toBe(false);
  });
});

describe("checkOwnerSignature", () => {
  it("accepts the owner's From with a passing signature of the owner's domain", async () => {
    expect(await ownerCheck(INVITE, [{ domain: "example.com" }])).toEqual({ verdict: "owner", domain: "example.com", selector: "s1" });
  });

  it("accepts a signature of a subdomain of the From's domain (relaxed alignment)", async () => {
    expect(await ownerCheck(INVITE, [{ domain: "mail.example.com" }])).toMatchObject({ verdict: "owner", domain: "mail.example.com" });
  });

  it("accepts when a second, non-aligned signature is also present (an ESP's or a list's)", async () => {
    const result = await ownerCheck(INVITE, [{ domain: "example.com" }, { domain: "esp.example.net", key: attackerKey }]);
    expect(result).toMatchObject({ verdict: "owner", domain: "example.com" });
  });

  it("refuses the owner's From signed only by an unaligned domain", async () => {
    expect(await ownerCheck(INVITE, [{ domain: "attacker.example", key: attackerKey }])).toEqual({
      verdict: "refuse",
      reason: "no_aligned_pass",
      detail: "no signature aligned with example.com",
    });
  });

  it("refuses the owner's From with no signature at all", async () => {
    expect(await ownerCheck(INVITE, [])).toMatchObject({ verdict: "refuse", reason: "no_aligned_pass" });
  });

  it("refuses when the owner's domain signature fails (body modified after signing)", async () => {
    const signed = await signMessage(INVITE, key, { domain: "example.com", selector: "s1" });
    const verification = await verifyDkim(encoder.encode(signed.replace("2 weeks", "0 weeks")), keyResolver({ [keyName("s1", "example.com")]: key.record }), NOW);
    expect(checkOwnerSignature(verification, OWNERS)).toEqual({ verdict: "refuse", reason: "no_aligned_pass", detail: "example.com: body_hash_mismatch" });
  });

  it("asks for a retry when the aligned key cannot be fetched, and only then", async () => {
    const signed = await signMessage(INVITE, key, { domain: "example.com", selector: "s1" });
    const dnsDown = keyResolver({ [keyName("s1", "example.com")]: { ok: false, error: { kind: "temperror", detail: "timeout" } } });
    expect(checkOwnerSignature(await verifyDkim(encoder.encode(signed), dnsDown, NOW), OWNERS)).toEqual({ verdict: "retry", domain: "example.com", detail: "timeout" });
    const strangerSigned = await signMessage(INVITE, key, { domain: "attacker.example", selector: "s1" });
    const strangerDnsDown = keyResolver({ [keyName("s1", "attacker.example")]: { ok: false, error: { kind: "temperror", detail: "timeout" } } });
    expect(checkOwnerSignature(await verifyDkim(encoder.encode(strangerSigned), strangerDnsDown, NOW), OWNERS)).toMatchObject({ verdict: "refuse" });
  });

  it("refuses several From fields, even when the signature covers both", async () => {
    const twoFroms = INVITE.replace("To: assistant@example.com", "To: assistant@example.com\r\nFrom: me@example.com");
    const signed = await signMessage(twoFroms, key, { domain: "example.com", selector: "s1", headers: ["from", "from", "to", "subject"] });
    const verification = await verifyDkim(encoder.encode(signed), keyResolver({ [keyName("s1", "example.com")]: key.record }), NOW);
    expect(verification.signatures).toMatchObject([{ status: "pass" }]);
    expect(checkOwnerSignature(verification, OWNERS)).toMatchObject({ verdict: "refuse", reason: "several_from" });
  });

  it("refuses a From that is not one plain mailbox, or not the owner", async () => {
    const from = (value: string) => INVITE.replace("From: Mira Okonkwo <me@example.com>", `From: ${value}`);
    expect(await ownerCheck(from("me@example.com, evil@attacker.example"), [{ domain: "example.com" }])).toMatchObject({ reason: "unreadable_from" });
    expect(await ownerCheck(from("Owners: me@example.com;"), [{ domain: "example.com" }])).toMatchObject({ reason: "unreadable_from" });
    expect(await ownerCheck(from('"me@example.com" <evil@attacker.example>'), [{ domain: "attacker.example" }])).toMatchObject({ reason: "not_owner" });
    expect(await ownerCheck(from("Recruiter <jonas@quillfeather.example>"), [{ domain: "quillfeather.example" }])).toMatchObject({ reason: "not_owner" });
  });

  it("reads the owner's address however the client wrote it", async () => {
    const from = (value: string) => INVITE.replace("From: Mira Okonkwo <me@example.com>", `From: ${value}`);
    for (const value of ['"Okonkwo, Mira" <ME@Example.com>', "me+jobs@example.com (Mira)", "=?UTF-8?Q?Mira_Ok=C3=B3nkwo?= <me@example.com>"]) {
      expect(await ownerCheck(from(value), [{ domain: "example.com" }]), value).toMatchObject({ verdict: "owner" });
    }
    expect(await ownerCheck(from("Mira <mira.work@corp-example.co.uk>"), [{ domain: "mx.corp-example.co.uk" }])).toMatchObject({ verdict: "owner" });
    expect(await ownerCheck(from("Mira <mira.work@corp-example.co.uk>"), [{ domain: "attacker.co.uk" }])).toMatchObject({ verdict: "refuse" });
  });
});
