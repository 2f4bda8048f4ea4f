/**
 * Cloudflare Access JWTs (the `Cf-Access-Jwt-Assertion` header Access adds to every request it
 * lets through): RS256 signature against the team's published keys, matched by `kid`; `exp` and
 * `nbf`; `iss` equal to the team domain; `aud` containing this application's AUD tag. The
 * audience check matters: without it, a token Access issued for any other application of the
 * same team would pass (reliability.md F29).
 *
 * No clock of its own (`nowMs` is a parameter) and no network of its own: keys come from a
 * `JwksSource`, which fetches `<team>/cdn-cgi/access/certs` through an injected fetcher and
 * keeps the keys for a while. Access rotates its signing key every six weeks, the old one
 * staying valid for seven days, so an unknown `kid` triggers one fresh fetch (at most every
 * REFETCH_INTERVAL_MS, so tokens with made-up kids cannot make us fetch on every request).
 *
 * Not hono/jwk: in hono 4.13 it accepts a token without `exp`, allows no clock skew, fetches
 * `jwks_uri` with the global fetch on every request (no cache), and reads the header only as
 * "Bearer <jwt>", so Access's bare token is refused.
 */
import { err, ok, type Result } from "../core/result.ts";

export interface AccessClaims {
  sub: string | null;
  email: string | null;
  exp: number;
}

export type AccessJwtRejection =
  | { reason: "malformed" }
  | { reason: "unsupported_alg"; alg: string }
  | { reason: "unknown_kid" }
  | { reason: "bad_signature" }
  | { reason: "wrong_issuer" }
  | { reason: "wrong_audience" }
  | { reason: "expired" }
  | { reason: "not_yet_valid" }
  | { reason: "keys_unavailable"; detail: string };

export interface AccessJwtOptions {
  /** "https://<team>.cloudflareaccess.com", without a trailing slash: the expected `iss`. */
  teamDomain: string;
  /** The application's AUD tag. */
  audience: string;
  nowMs: number;
  keys: JwksSource;
}

/** Real tokens are about 1 kB; anything far larger is not one, and is not worth decoding. */
const MAX_TOKEN_CHARS = 8 * 1024;
/** Tolerance for the clocks of the Access edge and this isolate. */
const CLOCK_SKEW_S = 30;

export async function verifyAccessJwt(token: string, options: AccessJwtOptions): Promise<Result<AccessClaims, AccessJwtRejection>> {
  if (token.length > MAX_TOKEN_CHARS) return err({ reason: "malformed" });
  const parts = token.split(".");
  if (parts.length !== 3) return err({ reason: "malformed" });
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJsonPart(headerPart);
  const payload = decodeJsonPart(payloadPart);
  const signature = decodeBase64Url(signaturePart);
  if (!header || !payload || !signature) return err({ reason: "malformed" });
  // Only RS256, the algorithm Access signs with: "none" and HMAC algorithms are refused outright.
  if (header.alg !== "RS256") return err({ reason: "unsupported_alg", alg: String(header.alg) });
  if (typeof header.kid !== "string" || header.kid === "") return err({ reason: "unknown_kid" });

  const found = await options.keys.keyFor(header.kid, options.nowMs);
  if (!found.ok) return found;
  if (found.value === null) return err({ reason: "unknown_kid" });
  const signed = new TextEncoder().encode(`${headerPart}.${payloadPart}`);
  if (!(await crypto.subtle.verify("RSASSA-PKCS1-v1_5", found.value, signature, signed))) return err({ reason: "bad_signature" });

  const nowS = options.nowMs / 1000;
  if (payload.iss !== options.teamDomain) return err({ reason: "wrong_issuer" });
  const audiences = typeof payload.aud === "string" ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : [];
  if (!audiences.includes(options.audience)) return err({ reason: "wrong_audience" });
  if (typeof payload.exp !== "number" || !Number.isFinite(payload.exp) || nowS >= payload.exp + CLOCK_SKEW_S) return err({ reason: "expired" });
  if (payload.nbf !== undefined && (typeof payload.nbf !== "number" || nowS < payload.nbf - CLOCK_SKEW_S)) return err({ reason: "not_yet_valid" });
  return ok({
    sub: typeof payload.sub === "string" ? payload.sub : null,
    email: typeof payload.email === "string" ? payload.email : null,
    exp: payload.exp,
  });
}

/** Fetches `url` and returns the response; in production the global fetch, in tests a stub. */
export type JwksFetcher = (url: string) => Promise<Response>;

export interface JwksSource {
  /** The verification key for `kid`, null when the team publishes no such key. */
  keyFor(kid: string, nowMs: number): Promise<Result<CryptoKey | null, AccessJwtRejection>>;
}

/** Keys are reused this long before the certs are fetched again. */
const KEYS_TTL_MS = 60 * 60 * 1000;
/** An unknown kid refetches the certs at most this often. */
const REFETCH_INTERVAL_MS = 30 * 1000;

/** The keys published at `<teamDomain>/cdn-cgi/access/certs`, cached in this isolate. */
export function createJwksSource(teamDomain: string, fetcher: JwksFetcher): JwksSource {
  const url = `${teamDomain}/cdn-cgi/access/certs`;
  let keys = new Map<string, CryptoKey>();
  let fetchedAtMs = Number.NEGATIVE_INFINITY;
  // Concurrent requests share one fetch.
  let inFlight: Promise<Result<null, AccessJwtRejection>> | null = null;

  const fetchKeys = async (nowMs: number): Promise<Result<null, AccessJwtRejection>> => {
    try {
      const response = await fetcher(url);
      if (!response.ok) return err({ reason: "keys_unavailable", detail: `certs answered ${response.status}` });
      keys = await importKeys(await response.json());
      fetchedAtMs = nowMs;
      return ok(null);
    } catch (error) {
      return err({ reason: "keys_unavailable", detail: error instanceof Error ? error.message : String(error) });
    }
  };
  const refresh = (nowMs: number): Promise<Result<null, AccessJwtRejection>> => {
    inFlight ??= fetchKeys(nowMs).finally(() => {
      inFlight = null;
    });
    return inFlight;
  };

  return {
    async keyFor(kid, nowMs) {
      const stale = nowMs - fetchedAtMs >= KEYS_TTL_MS;
      const missing = !keys.has(kid) && nowMs - fetchedAtMs >= REFETCH_INTERVAL_MS;
      if (stale || missing) {
        const refreshed = await refresh(nowMs);
        // Keys fetched earlier stay usable while the certs endpoint is briefly unreachable.
        if (!refreshed.ok && !keys.has(kid)) return refreshed;
      }
      return ok(keys.get(kid) ?? null);
    },
  };
}

interface Jwk {
  kid?: unknown;
  kty?: unknown;
  alg?: unknown;
  use?: unknown;
  n?: unknown;
  e?: unknown;
}

async function importKeys(body: unknown): Promise<Map<string, CryptoKey>> {
  const list = typeof body === "object" && body !== null && Array.isArray((body as { keys?: unknown }).keys) ? ((body as { keys: Jwk[] }).keys) : [];
  const keys = new Map<string, CryptoKey>();
  for (const jwk of list) {
    if (typeof jwk.kid !== "string" || jwk.kty !== "RSA" || typeof jwk.n !== "string" || typeof jwk.e !== "string") continue;
    if ((jwk.alg !== undefined && jwk.alg !== "RS256") || (jwk.use !== undefined && jwk.use !== "sig")) continue;
    try {
      const key = await crypto.subtle.importKey("jwk", { kty: "RSA", n: jwk.n, e: jwk.e, alg: "RS256", ext: true }, { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" }, false, ["verify"]);
      keys.set(jwk.kid, key);
    } catch {
      // A key this runtime cannot import is skipped; tokens signed with it fail as unknown_kid.
    }
  }
  return keys;
}

function decodeJsonPart(part: string): Record<string, unknown> | null {
  const bytes = decodeBase64Url(part);
  if (!bytes) return null;
  try {
    const value: unknown = JSON.parse(new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes));
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function decodeBase64Url(part: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) return null;
  try {
    const base64 = part.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (part.length % 4)) % 4);
    return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}
