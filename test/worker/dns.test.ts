/**
 * The DNS-over-HTTPS TXT resolver in workerd, against a fake DoH endpoint that answers as
 * Cloudflare's JSON API does (quoted 255-byte character-strings, CNAME chains, SOA in
 * Authority for negative answers), and the DKIM check end to end over it: WebCrypto's
 * RSASSA-PKCS1-v1_5 and Ed25519 as the deployed Worker has them.
 */
import { describe, expect, it } from "vitest";
import { verifyDkim } from "../../src/core/mail/dkim.ts";
import { createTxtResolver, MAX_CACHED_NAMES, txtRecordText, type Fetcher, type TxtCache } from "../../src/dns.ts";
import { generateDkimKey, keyName, signMessage } from "../helpers/dkim-sign.ts";
import gmailForwardInvite from "../fixtures/emails/gmail-forward-invite.eml?raw";

interface DohRecord {
  name: string;
  type: number;
  TTL: number;
  data: string;
}

const TXT = 16;
const CNAME = 5;
const SOA = 6;

/** A TXT record's data as Cloudflare writes it: quoted strings of at most 255 bytes. */
function quoted(text: string): string {
  return (text.match(/.{1,255}/g) ?? [""]).map((part) => `"${part.replace(/["\\]/g, "\\$&")}"`).join(" ");
}

const soa = (name: string, ttl: number): DohRecord => ({ name, type: SOA, TTL: ttl, data: "ns.example.com. dns.example.com. 1 10000 2400 604800 1800" });

/** A fake DoH endpoint: each name answers with a status and records, or a thrown error. */
function fakeDoh(answers: Record<string, { Status: number; Answer?: DohRecord[]; Authority?: DohRecord[] } | Error | Response>) {
  const requests: { url: URL; accept: string | null }[] = [];
  const fetcher: Fetcher = async (url, init) => {
    const parsed = new URL(url);
    requests.push({ url: parsed, accept: new Headers(init.headers).get("accept") });
    const answer = answers[parsed.searchParams.get("name") ?? ""] ?? { Status: 3, Authority: [soa("example.com", 900)] };
    if (answer instanceof Error) throw answer;
    if (answer instanceof Response) return answer;
    return Response.json(answer, { headers: { "content-type": "application/dns-json" } });
  };
  return { fetcher, requests };
}

function resolver(doh: ReturnType<typeof fakeDoh>, clock = { now: 1_000_000 }, cache: TxtCache = new Map()) {
  return createTxtResolver({ fetch: doh.fetcher, cache, now: () => clock.now });
}

describe("txtRecordText", () => {
  it("joins the character-strings of one record and reads the escapes", () => {
    expect(txtRecordText('"v=DKIM1; k=rsa; p=MIIB" "IjAN"')).toBe("v=DKIM1; k=rsa; p=MIIBIjAN");
    expect(txtRecordText('"a \\"quoted\\" \\\\ \\059 b"')).toBe('a "quoted" \\ ; b');
    expect(txtRecordText("v=DKIM1; p=unquoted")).toBe("v=DKIM1; p=unquoted");
  });
});

describe("createTxtResolver", () => {
  const NAME = "20230601._domainkey.example.com";
  const KEY = `v=DKIM1; k=rsa; p=${"A".repeat(392)}`;

  it("asks Cloudflare's JSON API for TXT and joins a long key split into strings", async () => {
    const doh = fakeDoh({ [NAME]: { Status: 0, Answer: [{ name: NAME, type: TXT, TTL: 300, data: quoted(KEY) }] } });
    expect(await resolver(doh)(NAME)).toEqual({ ok: true, value: [KEY] });
    expect(doh.requests.map((r) => [r.url.origin + r.url.pathname, r.url.searchParams.get("name"), r.url.searchParams.get("type"), r.accept])).toEqual([
      ["https://cloudflare-dns.com/dns-query", NAME, "TXT", "application/dns-json"],
    ]);
  });

  it("follows a CNAME chain to the TXT record (keys delegated to a mail host)", async () => {
    const target = "s1.example.com.dkim.mailhost.example";
    const doh = fakeDoh({
      [NAME]: { Status: 0, Answer: [{ name: NAME, type: CNAME, TTL: 3600, data: `${target}.` }, { name: target, type: TXT, TTL: 600, data: quoted(KEY) }] },
    });
    expect(await resolver(doh)(NAME)).toEqual({ ok: true, value: [KEY] });
  });

  it("caches an answer for its TTL (at most an hour), then asks again", async () => {
    const clock = { now: 1_000_000 };
    const doh = fakeDoh({ [NAME]: { Status: 0, Answer: [{ name: NAME, type: TXT, TTL: 86_400, data: quoted(KEY) }] } });
    const resolve = resolver(doh, clock);
    await resolve(NAME);
    clock.now += 3_599_000;
    expect(await resolve(NAME.toUpperCase())).toEqual({ ok: true, value: [KEY] });
    expect(doh.requests).toHaveLength(1);
    clock.now += 2_000;
    await resolve(NAME);
    expect(doh.requests).toHaveLength(2);
  });

  it("keeps a bounded number of names, dropping the oldest", async () => {
    const cache: TxtCache = new Map();
    const doh = fakeDoh({});
    const resolve = resolver(doh, { now: 0 }, cache);
    for (let i = 0; i <= MAX_CACHED_NAMES; i++) await resolve(`s${i}._domainkey.example.com`);
    expect(cache.size).toBe(MAX_CACHED_NAMES);
    expect(cache.has("s0._domainkey.example.com")).toBe(false);
    expect(cache.has(`s${MAX_CACHED_NAMES}._domainkey.example.com`)).toBe(true);
  });

  it("answers permerror for NXDOMAIN and for a name without TXT, cached by the SOA's TTL", async () => {
    const clock = { now: 0 };
    const doh = fakeDoh({ "nodata.example.com": { Status: 0, Authority: [soa("example.com", 120)] } });
    const resolve = resolver(doh, clock);
    expect(await resolve(NAME)).toEqual({ ok: false, error: { kind: "permerror", detail: "no such name (NXDOMAIN)" } });
    expect(await resolve("nodata.example.com")).toEqual({ ok: false, error: { kind: "permerror", detail: "no TXT record" } });
    await resolve("nodata.example.com");
    expect(doh.requests).toHaveLength(2);
    clock.now += 121_000;
    await resolve("nodata.example.com");
    expect(doh.requests).toHaveLength(3);
  });

  it("answers temperror, never cached, for SERVFAIL, HTTP errors, unreadable answers, timeouts and network failures", async () => {
    const doh = fakeDoh({
      "servfail.example.com": { Status: 2 },
      "http.example.com": new Response("busy", { status: 503 }),
      "html.example.com": new Response("<html>captive portal</html>", { status: 200 }),
      "timeout.example.com": new DOMException("The operation timed out.", "TimeoutError"),
      "network.example.com": new TypeError("Network connection lost."),
    });
    const resolve = resolver(doh);
    const names = ["servfail", "http", "html", "timeout", "network"].map((n) => `${n}.example.com`);
    const answers = [];
    for (const name of names) answers.push(await resolve(name));
    expect(answers.map((a) => (a.ok ? "ok" : `${a.error.kind}: ${a.error.detail}`))).toEqual([
      "temperror: DNS rcode 2",
      "temperror: DNS-over-HTTPS answered HTTP 503",
      "temperror: DNS-over-HTTPS failed: SyntaxError",
      "temperror: DNS-over-HTTPS failed: TimeoutError",
      "temperror: DNS-over-HTTPS failed: TypeError",
    ]);
    await resolve("servfail.example.com");
    expect(doh.requests.filter((r) => r.url.searchParams.get("name") === "servfail.example.com")).toHaveLength(2);
  });
});

describe("verifyDkim over DNS-over-HTTPS, in workerd", () => {
  it("passes the owner's RSA and Ed25519 signatures with keys from the resolver", async () => {
    const [rsa, ed25519] = await Promise.all([generateDkimKey("rsa-sha256"), generateDkimKey("ed25519-sha256")]);
    const once = await signMessage(gmailForwardInvite, rsa, { domain: "example.com", selector: "rsa1" });
    const twice = await signMessage(once, ed25519, { domain: "example.com", selector: "ed1" });
    const record = (selector: string, value: string) => ({ [keyName(selector, "example.com")]: { Status: 0, Answer: [{ name: keyName(selector, "example.com"), type: TXT, TTL: 300, data: quoted(value) }] } });
    const doh = fakeDoh({ ...record("rsa1", rsa.record), ...record("ed1", ed25519.record) });
    const verification = await verifyDkim(new TextEncoder().encode(twice), resolver(doh), new Date("2026-03-10T18:06:00Z"));
    expect(verification.signatures).toEqual([
      { status: "pass", domain: "example.com", selector: "ed1", algorithm: "ed25519-sha256" },
      { status: "pass", domain: "example.com", selector: "rsa1", algorithm: "rsa-sha256" },
    ]);
  });
});
