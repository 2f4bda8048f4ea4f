import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_SIGNATURES, parseTagList, verifyDkim, type DkimResult, type ResolveTxt } from "../../../src/core/mail/dkim.ts";
import { checkOwnerSignature } from "../../../src/core/mail/dkim-align.ts";
import { canonicalBody, canonicalHeader, splitMessage } from "../../../src/core/mail/dkim-canonical.ts";
import { RFC8463_KEYS, RFC8463_MESSAGE, warmUpDkim } from "../../../src/core/mail/dkim-warm-up.ts";
import { generateDkimKey, keyName, keyResolver, signMessage, type DkimKey, type SignOptions } from "../../helpers/dkim-sign.ts";

const NOW = new Date("2026-03-10T18:06:00Z");
const NOW_S = NOW.getTime() / 1000;
const encoder = new TextEncoder();
const decoder = new TextDecoder();
const fixture = (name: string) => readFileSync(new URL(`../../fixtures/emails/${name}`, import.meta.url), "utf8");
/** A Gmail forward of an interview invite, as the owner's client wrote it. */
const INVITE = fixture("gmail-forward-invite.eml");
const OWNER_DOMAIN = { domain: "example.com", selector: "20230601" } satisfies SignOptions;

let rsa: DkimKey;
let ed25519: DkimKey;
let otherRsa: DkimKey;

beforeAll(async () => {
  [rsa, ed25519, otherRsa] = await Promise.all([generateDkimKey("rsa-sha256"), generateDkimKey("ed25519-sha256"), generateDkimKey("rsa-sha256")]);
});

function ownerKeys(key: DkimKey = rsa): ReturnType<typeof keyResolver> {
  return keyResolver({ [keyName(OWNER_DOMAIN.selector, OWNER_DOMAIN.domain)]: key.record });
}

async function verify(raw: string, resolve: ResolveTxt = ownerKeys(), now = NOW): Promise<DkimResult[]> {
  return (await verifyDkim(encoder.encode(raw), resolve, now)).signatures;
}

const pass = (domain = OWNER_DOMAIN.domain, algorithm = "rsa-sha256") => ({ status: "pass", domain, selector: OWNER_DOMAIN.selector, algorithm });
const problem = (status: string, reason: string) => expect.objectContaining({ status, reason, domain: OWNER_DOMAIN.domain });

describe("DKIM canonicalisation (RFC 6376 §3.4.6, the RFC's own example)", () => {
  const raw = encoder.encode("A: X\r\nB : Y\t\r\n\tZ  \r\n\r\n C \r\nD \t E\r\n\r\n\r\n");
  const { headers, body } = splitMessage(raw);

  it("relaxed", () => {
    expect(headers.map((field) => canonicalHeader(field, "relaxed")).join("")).toBe("a:X\r\nb:Y Z\r\n");
    expect(decoder.decode(canonicalBody(body, "relaxed"))).toBe(" C\r\nD E\r\n");
  });

  it("simple", () => {
    expect(headers.map((field) => canonicalHeader(field, "simple")).join("")).toBe("A: X\r\nB : Y\t\r\n\tZ  \r\n");
    expect(decoder.decode(canonicalBody(body, "simple"))).toBe(" C \r\nD \t E\r\n");
  });

  it("an empty body is CRLF when simple and nothing when relaxed (their SHA-256 as published)", async () => {
    const hash = async (bytes: Uint8Array) => btoa(String.fromCharCode(...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))));
    expect(await hash(canonicalBody(new Uint8Array(), "simple"))).toBe("frcCV1k9oG9oKj3dpUqdJg1PxRT2RSN/XKdLCPjaYaY=");
    expect(await hash(canonicalBody(encoder.encode("\r\n\r\n"), "relaxed"))).toBe("47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=");
  });

  it("reads bare-LF line ends as CRLF and keeps 8-bit header bytes as they are", () => {
    const split = splitMessage(encoder.encode("Subject: Zürich\n  next\nX: 1\n\nbody  \n\n"));
    expect(split.headers.map((field) => field.raw)).toEqual(["Subject: Z\xc3\xbcrich\r\n  next", "X: 1"]);
    expect(decoder.decode(canonicalBody(split.body, "simple"))).toBe("body  \r\n");
  });
});

describe("RFC 8463 Appendix A: the published Ed25519 and RSA signatures of one message", () => {
  const keys = keyResolver(RFC8463_KEYS);

  it("both pass", async () => {
    expect(await verify(RFC8463_MESSAGE, keys)).toEqual([
      { status: "pass", domain: "football.example.com", selector: "brisbane", algorithm: "ed25519-sha256" },
      { status: "pass", domain: "football.example.com", selector: "test", algorithm: "rsa-sha256" },
    ]);
  });

  it("both fail when one word of the body changes", async () => {
    const results = await verify(RFC8463_MESSAGE.replace("hungry", "angry"), keys);
    expect(results.map((r) => r.status === "fail" && r.reason)).toEqual(["body_hash_mismatch", "body_hash_mismatch"]);
  });

  it("is what the isolate checks at start-up", async () => {
    expect(await warmUpDkim()).toBe(true);
  });
});

describe("verifyDkim on signatures made here", () => {
  it("passes RSA relaxed/relaxed over a real forward, with headers added above it on the way", async () => {
    const signed = await signMessage(INVITE, rsa, OWNER_DOMAIN);
    const routed = `Received: from mail-sor-f41.google.com by mx.cloudflare.net\r\nARC-Seal: i=1; a=rsa-sha256; d=cloudflare-email.net; cv=none; b=abc\r\n${signed}`;
    expect(await verify(routed)).toEqual([pass()]);
  });

  it("passes RSA simple/simple and the mixed relaxed/simple", async () => {
    expect(await verify(await signMessage(INVITE, rsa, { ...OWNER_DOMAIN, canonicalization: "simple/simple" }))).toEqual([pass()]);
    expect(await verify(await signMessage(INVITE, rsa, { ...OWNER_DOMAIN, canonicalization: "relaxed/simple" }))).toEqual([pass()]);
  });

  it("passes Ed25519 (RFC 8463)", async () => {
    expect(await verify(await signMessage(INVITE, ed25519, OWNER_DOMAIN), ownerKeys(ed25519))).toEqual([pass(OWNER_DOMAIN.domain, "ed25519-sha256")]);
  });

  it("passes a message saved with bare LF line ends, and one with 8-bit UTF-8 headers", async () => {
    const signed = await signMessage(INVITE, ed25519, OWNER_DOMAIN);
    expect(await verify(signed.replace(/\r\n/g, "\n"), ownerKeys(ed25519))).toEqual([pass(OWNER_DOMAIN.domain, "ed25519-sha256")]);
    const utf8 = INVITE.replace("Subject: Fwd: Interview invitation", "Subject: Fwd: Einladung zum Gespräch in Zürich");
    expect(await verify(await signMessage(utf8, rsa, OWNER_DOMAIN))).toEqual([pass()]);
  });

  it("relaxed tolerates whitespace changed on the way, simple does not", async () => {
    const rewrap = (raw: string) => raw.replace("Subject: Fwd:", "Subject:   Fwd:").replace("Looks promising,", "Looks promising,  ");
    expect(await verify(rewrap(await signMessage(INVITE, rsa, OWNER_DOMAIN)))).toEqual([pass()]);
    const simple = await verify(rewrap(await signMessage(INVITE, rsa, { ...OWNER_DOMAIN, canonicalization: "simple/simple" })));
    expect(simple).toEqual([problem("fail", "body_hash_mismatch")]);
  });

  it("fails when the body is modified after signing", async () => {
    const signed = await signMessage(INVITE, rsa, OWNER_DOMAIN);
    expect(await verify(signed.replace("https://zoom.us/j/93120045518", "https://zoom.us/j/66600000000"))).toEqual([problem("fail", "body_hash_mismatch")]);
  });

  it("fails when a header listed in h= is modified after signing", async () => {
    const signed = await signMessage(INVITE, rsa, OWNER_DOMAIN);
    expect(await verify(signed.replace("Subject: Fwd: Interview invitation", "Subject: Fwd: Offer"))).toEqual([problem("fail", "signature_mismatch")]);
  });

  it("fails when a second Subject is added, above or below the signed one, unless h= signs both", async () => {
    const signed = await signMessage(INVITE, rsa, OWNER_DOMAIN);
    // Above: the signature still covers the original (fields are taken bottom-up), but a reader shows the first.
    const above = `Subject: Offer withdrawn\r\n${signed}`;
    expect(await verify(above)).toEqual([problem("fail", "header_added")]);
    expect(await verify(signed.replace("MIME-Version: 1.0", "MIME-Version: 1.0\r\nSubject: Offer withdrawn"))).toEqual([problem("fail", "header_added")]);
    const twoSubjects = INVITE.replace("Date:", "Subject: Second subject\r\nDate:");
    const overSigned = await signMessage(twoSubjects, rsa, { ...OWNER_DOMAIN, headers: ["from", "subject", "subject", "date"] });
    expect(await verify(overSigned)).toEqual([pass()]);
  });

  it("fails when From is not in h=", async () => {
    const signed = await signMessage(INVITE, rsa, { ...OWNER_DOMAIN, headers: ["to", "subject", "date"] });
    expect(await verify(signed)).toEqual([problem("fail", "from_not_signed")]);
  });

  it("fails a signature with l=, even over the untouched message (a tail could be appended)", async () => {
    const signed = await signMessage(INVITE, rsa, { ...OWNER_DOMAIN, bodyLength: 200 });
    const resolve = ownerKeys();
    expect(await verify(signed, resolve)).toEqual([problem("fail", "body_length_limit")]);
    expect(resolve.lookups).toEqual([]);
  });

  it("fails an expired signature (x= passed) and passes one that has not expired", async () => {
    const expired = await signMessage(INVITE, rsa, { ...OWNER_DOMAIN, timestamp: NOW_S - 7200, expiration: NOW_S - 60 });
    expect(await verify(expired)).toEqual([problem("fail", "expired")]);
    const valid = await signMessage(INVITE, rsa, { ...OWNER_DOMAIN, timestamp: NOW_S - 60, expiration: NOW_S + 3600 });
    expect(await verify(valid)).toEqual([pass()]);
  });

  it("fails against the wrong key", async () => {
    const signed = await signMessage(INVITE, otherRsa, OWNER_DOMAIN);
    expect(await verify(signed)).toEqual([problem("fail", "signature_mismatch")]);
  });

  it("is a permerror when the key is revoked (empty p=) or not published", async () => {
    const signed = await signMessage(INVITE, rsa, OWNER_DOMAIN);
    expect(await verify(signed, keyResolver({ [keyName("20230601", "example.com")]: "v=DKIM1; k=rsa; p=" }))).toEqual([problem("permerror", "key_revoked")]);
    expect(await verify(signed, keyResolver({}))).toEqual([problem("permerror", "key_not_found")]);
  });

  it("is a temperror, not a permerror, when DNS fails or the resolver throws", async () => {
    const signed = await signMessage(INVITE, rsa, OWNER_DOMAIN);
    const servfail = keyResolver({ [keyName("20230601", "example.com")]: { ok: false, error: { kind: "temperror", detail: "SERVFAIL" } } });
    expect(await verify(signed, servfail)).toEqual([expect.objectContaining({ status: "temperror", reason: "key_unavailable", detail: "SERVFAIL" })]);
    const throwing: ResolveTxt = () => Promise.reject(new Error("network lost"));
    expect(await verify(signed, throwing)).toEqual([problem("temperror", "key_unavailable")]);
  });

  it("reads the key record's k=, h=, s= and t=s", async () => {
    const signed = await signMessage(INVITE, rsa, OWNER_DOMAIN);
    const withRecord = (record: string) => verify(signed, keyResolver({ [keyName("20230601", "example.com")]: record }));
    const p = rsa.record.slice(rsa.record.indexOf("p="));
    expect(await withRecord(`v=DKIM1; h=sha1:sha256; s=email; t=y:s; ${p}`)).toEqual([pass()]);
    expect(await withRecord(`v=DKIM1; k=ed25519; ${p}`)).toEqual([problem("permerror", "key_unacceptable")]);
    expect(await withRecord(`v=DKIM1; h=sha1; ${p}`)).toEqual([problem("permerror", "key_unacceptable")]);
    expect(await withRecord(`v=DKIM1; s=other; ${p}`)).toEqual([problem("permerror", "key_unacceptable")]);
    expect(await withRecord("v=DKIM1; p=bm90IGEga2V5")).toEqual([problem("permerror", "key_invalid")]);
    expect(await withRecord("v=spf1 include:_spf.example.com ~all")).toEqual([problem("permerror", "key_invalid")]);
    const subdomainIdentity = await signMessage(INVITE, rsa, { ...OWNER_DOMAIN, extraTags: ["i=me@mail.example.com"] });
    expect(await verify(subdomainIdentity)).toEqual([pass()]);
    expect(await verify(subdomainIdentity, keyResolver({ [keyName("20230601", "example.com")]: `v=DKIM1; t=s; ${p}` }))).toEqual([problem("permerror", "key_unacceptable")]);
  });

  it("accepts a key published as a bare RSAPublicKey, as RFC 6376 words it", async () => {
    // A 2,048-bit SubjectPublicKeyInfo is a 24-byte header around the RSAPublicKey.
    const bare = btoa(String.fromCharCode(...rsa.publicKey.subarray(24)));
    const signed = await signMessage(INVITE, rsa, OWNER_DOMAIN);
    expect(await verify(signed, keyResolver({ [keyName("20230601", "example.com")]: `v=DKIM1; p=${bare}` }))).toEqual([pass()]);
  });

  it("refuses RSA keys under 1,024 bits and rsa-sha1", async () => {
    const weak = await generateDkimKey("rsa-sha256", 512);
    expect(await verify(await signMessage(INVITE, weak, OWNER_DOMAIN), ownerKeys(weak))).toEqual([problem("permerror", "key_unacceptable")]);
    const sha1 = await signMessage(INVITE, rsa, { ...OWNER_DOMAIN, algorithmTag: "rsa-sha1" });
    expect(await verify(sha1)).toEqual([problem("permerror", "unsupported_algorithm")]);
  });

  it("is a permerror for a malformed signature, and keeps checking the others", async () => {
    const signed = await signMessage(INVITE, rsa, OWNER_DOMAIN);
    const results = await verify(`DKIM-Signature: v=1; a=rsa-sha256; d=example.com; d=evil.example; s=x; h=from; bh=AA==; b=AA==\r\nDKIM-Signature: v=1; a=rsa-sha256; s=x\r\n${signed}`);
    expect(results).toEqual([
      expect.objectContaining({ status: "permerror", reason: "malformed_signature", detail: "not a tag list" }),
      expect.objectContaining({ status: "permerror", reason: "malformed_signature", detail: "no b= tag" }),
      pass(),
    ]);
  });

  it("returns one result per signature: the owner's and a second, non-aligned one", async () => {
    const owner = await signMessage(INVITE, rsa, OWNER_DOMAIN);
    const both = await signMessage(owner, ed25519, { domain: "esp.example.net", selector: "s1" });
    const resolve = keyResolver({ [keyName("20230601", "example.com")]: rsa.record, [keyName("s1", "esp.example.net")]: ed25519.record });
    expect(await verify(both, resolve)).toEqual([
      { status: "pass", domain: "esp.example.net", selector: "s1", algorithm: "ed25519-sha256" },
      pass(),
    ]);
  });

  it(`checks at most ${MAX_SIGNATURES} signatures, so a message cannot make many DNS lookups`, async () => {
    let signed = INVITE;
    for (let i = 0; i <= MAX_SIGNATURES; i++) signed = await signMessage(signed, ed25519, { domain: `d${i}.example`, selector: "s" });
    const resolve = keyResolver({});
    const results = await verify(signed, resolve);
    expect(results).toHaveLength(MAX_SIGNATURES + 1);
    expect(results.at(-1)).toMatchObject({ status: "permerror", reason: "too_many_signatures" });
    expect(resolve.lookups).toHaveLength(MAX_SIGNATURES);
  });

  it("reports every From field as written", async () => {
    const twoFroms = INVITE.replace("To: assistant@example.com", "To: assistant@example.com\r\nFrom: Recruiter\r\n <evil@attacker.example>");
    const verification = await verifyDkim(encoder.encode(await signMessage(twoFroms, rsa, OWNER_DOMAIN)), ownerKeys(), NOW);
    expect(verification.from).toEqual(["Mira Okonkwo <me@example.com>", "Recruiter <evil@attacker.example>"]);
  });
});

describe("hostile input", () => {
  it("takes linear time on long runs of whitespace in a signature, a field name and the From", async () => {
    // A trailing-whitespace pattern takes quadratic time here (minutes): it would show as a test timeout.
    const run = " ".repeat(200_000);
    const raw = `DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s; h=from; bh=${run}x; b=AA==\r\nX${run}y: 1\r\nFrom: a${run}b <me@example.com>${run}x\r\n\r\nhi\r\n`;
    const verification = await verifyDkim(encoder.encode(raw), keyResolver({}), NOW);
    expect(verification.signatures).toEqual([expect.objectContaining({ status: "permerror", reason: "malformed_signature" })]);
    expect(checkOwnerSignature(verification, ["me@example.com"])).toMatchObject({ verdict: "refuse", reason: "unreadable_from" });
  });
});

describe("parseTagList", () => {
  it("reads tags with folding whitespace and a final semicolon, and refuses repeats and junk", () => {
    const tags = parseTagList(" v=1;\r\n\ta = rsa-sha256 ; b=ab\r\n cd;");
    expect([...tags!.entries()].map(([name, tag]) => [name, tag.value])).toEqual([["v", "1"], ["a", "rsa-sha256"], ["b", "ab\r\n cd"]]);
    expect(parseTagList("v=1; v=2")).toBeNull();
    expect(parseTagList("v=1; ; a=b")).toBeNull();
    expect(parseTagList("1v=1")).toBeNull();
  });
});
