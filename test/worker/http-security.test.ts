/**
 * The HTTP side's defences (reliability.md T10, T14, items 51-55) through the real fetch
 * handler in workerd: bearer token, Cloudflare Access JWT, CSRF, security headers and the
 * workers.dev switch. Access keys are the one boundary that cannot run locally: each test
 * makes an RSA key pair with WebCrypto and serves its JWKS from a stub fetcher, so the real
 * signature check runs against real keys.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { createApp } from "../../src/http/app.ts";
import wranglerToml from "../../wrangler.toml?raw";
import { clearAll, seedUser } from "../helpers/seed.ts";

const TOKEN = "test-api-token";
const TEAM = "https://acme-jobs.cloudflareaccess.com";
const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";
const ORIGIN = "https://assistant.acme-jobs.example";

const bearer = { authorization: `Bearer ${TOKEN}` };

function get(path: string, headers: Record<string, string> = {}, method = "GET", body?: string): Request {
  return new Request(`${ORIGIN}${path}`, { method, headers, body });
}

function call(request: Request, vars: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(worker.fetch!(request as Request<unknown, IncomingRequestCfProperties>, { ...env, ...vars }, createExecutionContext()));
}

afterEach(() => vi.restoreAllMocks());

describe("bearer token (item 54, T14)", () => {
  it("leaves only GET /health public", async () => {
    const health = await call(get("/health"));
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ ok: true });
    for (const [path, method] of [["/api/applications", "GET"], ["/api/messages/1", "GET"], ["/api/messages/1/raw", "GET"], ["/api/messages/reread", "POST"], ["/", "GET"], ["/admin", "GET"], ["/health", "POST"]] as const) {
      const res = await call(get(path, {}, method));
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.headers.get("www-authenticate")).toBe('Bearer realm="api"');
    }
  });

  it("refuses a token of the wrong length and a wrong token of the right length, and accepts the right one: 401 / 401 / 200", async () => {
    const wrongLength = await call(get("/api/applications", { authorization: `Bearer ${TOKEN}x` }));
    const wrongValue = await call(get("/api/applications", { authorization: `Bearer ${TOKEN.slice(0, -1)}X` }));
    const right = await call(get("/api/applications", bearer));
    expect([wrongLength.status, wrongValue.status, right.status]).toEqual([401, 401, 200]);
    expect(await right.json()).toEqual(expect.any(Array));
  });

  it("refuses other schemes and a token split over spaces, and accepts any case of 'Bearer'", async () => {
    const statuses = [];
    for (const authorization of [`Basic ${btoa(`x:${TOKEN}`)}`, TOKEN, `Bearer`, `Bearer ${TOKEN} extra`, `Token ${TOKEN}`, `bearer ${TOKEN}`, `BEARER  ${TOKEN}`]) {
      statuses.push((await call(get("/api/applications", { authorization }))).status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 200, 200]);
  });

  it("compares fixed-length digests in constant time, whatever the length of what was sent", async () => {
    const compare = vi.spyOn(crypto.subtle, "timingSafeEqual");
    for (const sent of ["", "x", TOKEN.slice(0, 3), `${TOKEN}${"y".repeat(500)}`, TOKEN]) {
      await call(get("/api/applications", { authorization: `Bearer ${sent}` }));
    }
    // One comparison per request (the empty token included), always of two 32-byte SHA-256 digests.
    expect(compare).toHaveBeenCalledTimes(5);
    for (const [a, b] of compare.mock.calls) expect([byteLength(a), byteLength(b)]).toEqual([32, 32]);
    expect(compare.mock.results.map((r) => r.value)).toEqual([false, false, false, false, true]);
  });

  it("never echoes the token it was sent", async () => {
    const secretGuess = "guess-9f8e7d6c5b4a";
    const res = await call(get("/api/applications", { authorization: `Bearer ${secretGuess}` }));
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain(secretGuess);
  });

  it("answers a missing header, a malformed one and a wrong token alike: 401, one challenge, one body", async () => {
    const answers = [];
    const refused: Record<string, string>[] = [{}, { authorization: "Bearer" }, { authorization: `Bearer ${TOKEN} extra` }, { authorization: `Basic ${btoa(`x:${TOKEN}`)}` }, { authorization: "Bearer wrong-token" }];
    for (const headers of refused) {
      const res = await call(get("/api/applications", headers));
      answers.push([res.status, res.headers.get("www-authenticate"), await res.text()]);
    }
    expect(answers).toEqual(answers.map(() => [401, 'Bearer realm="api"', "unauthorized"]));
  });

  it("turns the API off when API_TOKEN holds characters no bearer token can (RFC 6750)", async () => {
    const res = await call(get("/api/applications", { authorization: "Bearer pass word!" }), { API_TOKEN: "pass word!" });
    expect(res.status).toBe(503);
    expect(await res.text()).not.toContain("pass word!");
  });

  it("turns the API off when API_TOKEN is not set", async () => {
    const res = await call(get("/api/applications", bearer), { API_TOKEN: "" });
    expect(res.status).toBe(503);
    expect((await call(get("/health"), { API_TOKEN: "" })).status).toBe(200);
  });
});

describe("security headers on every response (T10)", () => {
  const EXPECTED = {
    "content-security-policy": "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cross-origin-resource-policy": "same-origin",
  };

  it.each([
    ["the health check (200)", () => get("/health"), {}, 200],
    ["an API answer (200)", () => get("/api/applications", bearer), {}, 200],
    ["a missing token (401)", () => get("/api/applications"), {}, 401],
    ["a cross-site form post (403)", () => get("/api/messages/reread", { ...bearer, origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" }, "POST", "a=1"), {}, 403],
    ["an unknown message (404)", () => get("/api/messages/987654", bearer), {}, 404],
    ["a message id that is not one (404)", () => get("/api/messages/abc", bearer), {}, 404],
    ["a broken configuration (500)", () => get("/api/applications", bearer), { OWNER_TIMEZONE: "Mars/Olympus" }, 500],
  ] as const)("%s", async (_name, request, vars, status) => {
    const res = await call(request(), vars);
    expect(res.status).toBe(status);
    const headers = Object.fromEntries(Object.keys(EXPECTED).map((name) => [name, res.headers.get(name)]));
    expect(headers).toEqual(EXPECTED);
  });

  it("says nothing about the failure beyond a generic error on a 500", async () => {
    const res = await call(get("/api/applications", bearer), { OWNER_TIMEZONE: "Mars/Olympus" });
    expect(await res.json()).toEqual({ error: "internal_error" });
  });
});

describe("message ids: canonical decimal integers only", () => {
  it("serves a message at its one URL; 0x1, 1e0, 01, +1 and other spellings of the same number are 404", async () => {
    await clearAll(env.DB);
    const user = await seedUser(env.DB, { email: "me@example.com", timeZone: "Europe/Berlin" });
    const row = await env.DB.prepare(
      "INSERT INTO inbound_messages (user_id, received_at, envelope_from, envelope_to, raw_sha256, raw_size, chunk_count, channel, state) VALUES (?, 0, 'me@example.com', 'assistant@example.com', 'abc', 1, 0, 'forward', 'stored') RETURNING id",
    )
      .bind(user.id)
      .first<{ id: number }>();
    const id = row!.id;
    expect((await call(get(`/api/messages/${id}`, bearer))).status).toBe(200);

    const aliases = [`0x${id.toString(16)}`, `${id}e0`, `0${id}`, `+${id}`, `${id}.0`, `${id}.`, `%20${id}`, `${id}%00`, `0b${id.toString(2)}`, `${id}n`, "0", "-1", "9".repeat(16), "Infinity"];
    for (const alias of aliases) {
      for (const [path, method] of [[`/api/messages/${alias}`, "GET"], [`/api/messages/${alias}/raw`, "GET"], [`/api/messages/${alias}/reread`, "POST"]] as const) {
        const res = await call(get(path, bearer, method));
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(await res.text(), `${method} ${path}`).toBe("no such message");
      }
    }
  });
});

describe("CSRF on mutating routes (item 55)", () => {
  it("refuses a cross-site form post with 403, even with the right token", async () => {
    const crossSite: Record<string, string>[] = [
      { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
      { origin: "null", "content-type": "multipart/form-data; boundary=x" },
      { "sec-fetch-site": "cross-site", "content-type": "text/plain" },
      { "sec-fetch-site": "same-site", origin: "https://other.acme-jobs.example", "content-type": "application/x-www-form-urlencoded" },
    ];
    for (const headers of crossSite) {
      const res = await call(get("/api/messages/987654/reread", { ...bearer, ...headers }, "POST", "x=1"));
      expect(res.status, JSON.stringify(headers)).toBe(403);
      expect(await res.text()).toBe("Forbidden");
    }
  });

  it("lets a same-origin browser post and a script's post (no Origin, no Sec-Fetch-Site) through to the route", async () => {
    const allowed: Record<string, string>[] = [
      { origin: ORIGIN, "content-type": "application/x-www-form-urlencoded" },
      { "sec-fetch-site": "same-origin", "content-type": "text/plain" },
      {},
    ];
    for (const headers of allowed) {
      const res = await call(get("/api/messages/987654/reread", { ...bearer, ...headers }, "POST"));
      expect(res.status, JSON.stringify(headers)).toBe(404);
    }
  });
});

describe("workers.dev and preview hostnames (item 53)", () => {
  it("turns both off in wrangler.toml", () => {
    const settings = [...wranglerToml.matchAll(/^\s*(workers_dev|preview_urls)\s*=\s*(\S+)/gm)].map((m) => [m[1], m[2]]);
    expect(settings).toEqual([
      ["workers_dev", "false"],
      ["preview_urls", "false"],
    ]);
    // Top-level keys: both come before the first [table].
    const firstTable = wranglerToml.search(/^\[/m);
    expect(wranglerToml.indexOf("workers_dev")).toBeLessThan(firstTable);
    expect(wranglerToml.indexOf("preview_urls")).toBeLessThan(firstTable);
  });

  it("serves nothing on a workers.dev or preview hostname, even with the right token", async () => {
    for (const host of ["followup-assistant.someone.workers.dev", "a1b2c3d4-followup-assistant.someone.workers.dev", "WORKERS.DEV"]) {
      for (const path of ["/health", "/api/applications"]) {
        const res = await call(new Request(`https://${host}${path}`, { headers: bearer }));
        expect(res.status, `${host}${path}`).toBe(404);
        expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      }
    }
  });
});

describe("Cloudflare Access JWT (items 51, 52, T14)", () => {
  let teamKey: SigningKey;
  let otherKey: SigningKey;
  let rotatedKey: SigningKey;

  beforeAll(async () => {
    [teamKey, otherKey, rotatedKey] = await Promise.all([makeKey("team-key-1"), makeKey("other-team-key"), makeKey("team-key-2")]);
  });

  /** An app whose JWKS fetch is a stub serving `keys`, counting its calls. */
  function accessApp(keys: () => SigningKey[], status = 200) {
    const fetched: string[] = [];
    const app = createApp({
      fetchJwks: async (url) => {
        fetched.push(url);
        return Response.json({ keys: keys().map((k) => k.publicJwk), public_cert: { kid: "ignored", cert: "-----BEGIN CERTIFICATE-----" } }, { status });
      },
    });
    const send = async (headers: Record<string, string>, vars: Record<string, string> = {}) =>
      app.fetch(get("/api/applications", headers), { ...env, ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD, ...vars }, createExecutionContext());
    return { send, fetched };
  }

  const now = () => Math.floor(Date.now() / 1000);
  const claims = (overrides: Record<string, unknown> = {}) => ({
    iss: TEAM, aud: [AUD], sub: "7335d417-61da-459d-899c-0a01c76a2f94", email: "owner@acme-jobs.example", iat: now() - 10, nbf: now() - 10, exp: now() + 600, type: "app",
    ...overrides,
  });

  it("accepts a valid Access JWT together with the bearer token, and fetches the team's certs once", async () => {
    const { send, fetched } = accessApp(() => [teamKey]);
    const jwt = await sign(teamKey, claims());
    for (let i = 0; i < 3; i++) expect((await send({ ...bearer, "cf-access-jwt-assertion": jwt })).status).toBe(200);
    expect(fetched).toEqual([`${TEAM}/cdn-cgi/access/certs`]);
  });

  it("refuses a request without Cf-Access-Jwt-Assertion (401), even with the bearer token (item 51)", async () => {
    const { send, fetched } = accessApp(() => [teamKey]);
    const res = await send(bearer);
    expect(res.status).toBe(401);
    expect(fetched).toEqual([]);
  });

  it("refuses a valid Access JWT without the bearer token (401)", async () => {
    const { send } = accessApp(() => [teamKey]);
    expect((await send({ "cf-access-jwt-assertion": await sign(teamKey, claims()) })).status).toBe(401);
  });

  it("refuses a token the team signed for another application's AUD (403, item 52)", async () => {
    const { send } = accessApp(() => [teamKey]);
    const res = await send({ ...bearer, "cf-access-jwt-assertion": await sign(teamKey, claims({ aud: ["0ther-application-aud"] })) });
    expect(res.status).toBe(403);
    // The audience may also be a single string.
    expect((await send({ ...bearer, "cf-access-jwt-assertion": await sign(teamKey, claims({ aud: AUD })) })).status).toBe(200);
  });

  it.each([
    ["from another team (iss)", () => claims({ iss: "https://other-team.cloudflareaccess.com" })],
    ["expired", () => claims({ exp: now() - 120 })],
    ["without exp", () => ({ ...claims(), exp: undefined })],
    ["not valid yet (nbf)", () => claims({ nbf: now() + 600 })],
  ])("refuses a correctly signed token %s (403)", async (_name, payload) => {
    const { send } = accessApp(() => [teamKey]);
    expect((await send({ ...bearer, "cf-access-jwt-assertion": await sign(teamKey, payload()) })).status).toBe(403);
  });

  it("refuses alg none, an HMAC algorithm, a wrong kid, a foreign key, a changed payload and garbage (403)", async () => {
    const { send } = accessApp(() => [teamKey]);
    const valid = await sign(teamKey, claims());
    const [, payload] = valid.split(".");
    const forged = [
      `${encodePart({ alg: "none", typ: "JWT", kid: teamKey.kid })}.${payload}.`,
      `${encodePart({ alg: "HS256", typ: "JWT", kid: teamKey.kid })}.${payload}.${valid.split(".")[2]}`,
      await sign(otherKey, claims()),
      await sign({ ...otherKey, kid: teamKey.kid }, claims()),
      valid.replace(`.${payload}.`, `.${encodePart(claims({ email: "attacker@evil.example" }))}.`),
      "not-a-jwt",
      `${valid}.extra`,
      "a".repeat(9000),
    ];
    const statuses = [];
    for (const jwt of forged) statuses.push((await send({ ...bearer, "cf-access-jwt-assertion": jwt })).status);
    expect(statuses).toEqual(forged.map(() => 403));
    expect((await send({ ...bearer, "cf-access-jwt-assertion": valid })).status).toBe(200);
  });

  it("follows a key rotation: an unknown kid fetches the certs again, at most every 30 seconds", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-02T09:00:00Z"));
    try {
      let published = [teamKey];
      const { send, fetched } = accessApp(() => published);
      expect((await send({ ...bearer, "cf-access-jwt-assertion": await sign(teamKey, claims()) })).status).toBe(200);
      published = [teamKey, rotatedKey];
      // Within 30 s of the last fetch, an unknown kid is refused without fetching again...
      vi.setSystemTime(new Date("2026-03-02T09:00:20Z"));
      expect((await send({ ...bearer, "cf-access-jwt-assertion": await sign(rotatedKey, claims()) })).status).toBe(403);
      expect(fetched).toHaveLength(1);
      // ...after that, it fetches the certs again and finds the new key.
      vi.setSystemTime(new Date("2026-03-02T09:00:31Z"));
      expect((await send({ ...bearer, "cf-access-jwt-assertion": await sign(rotatedKey, claims()) })).status).toBe(200);
      expect(fetched).toHaveLength(2);
      // A made-up kid right after does not fetch again; the old key still works.
      expect((await send({ ...bearer, "cf-access-jwt-assertion": await sign({ ...otherKey, kid: "made-up" }, claims()) })).status).toBe(403);
      expect((await send({ ...bearer, "cf-access-jwt-assertion": await sign(teamKey, claims()) })).status).toBe(200);
      expect(fetched).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("fetches the certs again once the cached keys are an hour old", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-03-02T09:00:00Z"));
    try {
      const { send, fetched } = accessApp(() => [teamKey]);
      expect((await send({ ...bearer, "cf-access-jwt-assertion": await sign(teamKey, claims()) })).status).toBe(200);
      vi.setSystemTime(new Date("2026-03-02T09:59:59Z"));
      expect((await send({ ...bearer, "cf-access-jwt-assertion": await sign(teamKey, claims()) })).status).toBe(200);
      expect(fetched).toHaveLength(1);
      vi.setSystemTime(new Date("2026-03-02T10:00:00Z"));
      expect((await send({ ...bearer, "cf-access-jwt-assertion": await sign(teamKey, claims()) })).status).toBe(200);
      expect(fetched).toHaveLength(2);
    } finally {
      vi.useRealTimers();
    }
  });

  it("fails closed with 503 when the certs cannot be fetched", async () => {
    const { send } = accessApp(() => [teamKey], 500);
    expect((await send({ ...bearer, "cf-access-jwt-assertion": await sign(teamKey, claims()) })).status).toBe(503);
  });

  it("refuses every request when only one of the two Access settings is set (503)", async () => {
    const { send } = accessApp(() => [teamKey]);
    const jwt = await sign(teamKey, claims());
    expect((await send({ ...bearer, "cf-access-jwt-assertion": jwt }, { ACCESS_AUD: "" })).status).toBe(503);
    expect((await send({ ...bearer, "cf-access-jwt-assertion": jwt }, { ACCESS_TEAM_DOMAIN: "" })).status).toBe(503);
    expect((await send({ ...bearer, "cf-access-jwt-assertion": jwt }, { ACCESS_TEAM_DOMAIN: "acme-jobs.cloudflareaccess.com" })).status).toBe(503);
  });

  it("keeps /health public and refuses a workers.dev host with Access on too", async () => {
    const { send } = accessApp(() => [teamKey]);
    const app = createApp({ fetchJwks: async () => Response.json({ keys: [] }) });
    const vars = { ...env, ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD };
    expect((await app.fetch(get("/health"), vars, createExecutionContext())).status).toBe(200);
    const jwt = await sign(teamKey, claims());
    expect((await app.fetch(new Request("https://x.someone.workers.dev/api/applications", { headers: { ...bearer, "cf-access-jwt-assertion": jwt } }), vars, createExecutionContext())).status).toBe(404);
    expect((await send({ ...bearer, "cf-access-jwt-assertion": jwt })).status).toBe(200);
  });
});

// ── Keys and tokens ─────────────────────────────────────────────────────────────────────

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JsonWebKey & { kid: string };
}

async function makeKey(kid: string): Promise<SigningKey> {
  const pair = (await crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey;
  return { kid, privateKey: pair.privateKey, publicJwk: { kty: "RSA", n: jwk.n, e: jwk.e, alg: "RS256", use: "sig", kid } };
}

async function sign(key: SigningKey, payload: Record<string, unknown>): Promise<string> {
  const unsigned = `${encodePart({ alg: "RS256", kid: key.kid, typ: "JWT" })}.${encodePart(payload)}`;
  const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", key.privateKey, new TextEncoder().encode(unsigned));
  return `${unsigned}.${base64Url(new Uint8Array(signature))}`;
}

function encodePart(value: Record<string, unknown>): string {
  return base64Url(new TextEncoder().encode(JSON.stringify(value)));
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function byteLength(value: unknown): number {
  return value instanceof ArrayBuffer || ArrayBuffer.isView(value) ? value.byteLength : -1;
}
