/**
 * Who may use the HTTP side. Everything but GET /health, the calendar feed and the private
 * page needs:
 *
 * 1. the API_TOKEN bearer token, always; and
 * 2. when Access is configured (ACCESS_TEAM_DOMAIN and ACCESS_AUD), a valid Cloudflare Access
 *    JWT in `Cf-Access-Jwt-Assertion` as well (src/http/access-jwt.ts).
 *
 * The private page (src/http/session.ts) needs its session instead of the token, and the same
 * Access JWT when Access is configured (`requireAccess`): one `AccessGate` checks both, with
 * one cache of the team's keys.
 *
 * Both, not either: Access says a person passed the team's login policy, the token says the
 * caller holds this deployment's own secret. An Access policy that is too broad (any email
 * with a one-time PIN) or a leaked token alone then gets nothing. Scripts keep working: they
 * pass Access with a service token (CF-Access-Client-Id/-Secret, for which Access issues the
 * same JWT) and send the bearer token as before. Half a configuration (one of the two Access
 * settings) refuses every request rather than silently running without Access.
 *
 * The Authorization header is read by hono's bearerAuth, which takes only RFC 6750 token
 * characters ([A-Za-z0-9._~+/-]+=*) after "Bearer " (any case). An API_TOKEN outside that set
 * could never be presented, so it refuses every request (503) instead of locking the API out
 * silently. The token is compared as SHA-256 digests with crypto.subtle.timingSafeEqual: both
 * sides are 32 bytes whatever was sent, so neither the length nor the first differing
 * character of the token shows in the time taken. Tokens are never logged or echoed.
 */
import type { MiddlewareHandler } from "hono";
import { bearerAuth } from "hono/bearer-auth";
import { HTTPException } from "hono/http-exception";
import { parseConfig } from "../config.ts";
import { createJwksSource, verifyAccessJwt, type JwksFetcher, type JwksSource } from "./access-jwt.ts";
import type { AccessVars, AppEnv } from "./env.ts";

type AccessSettings = { kind: "off" } | { kind: "on"; teamDomain: string; audience: string } | { kind: "invalid"; problem: string };

const TEAM_DOMAIN = /^https:\/\/[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i;

function readAccessSettings(vars: AccessVars): AccessSettings {
  const teamDomain = (vars.ACCESS_TEAM_DOMAIN ?? "").trim().replace(/\/+$/, "");
  const audience = (vars.ACCESS_AUD ?? "").trim();
  if (teamDomain === "" && audience === "") return { kind: "off" };
  if (teamDomain === "" || audience === "") return { kind: "invalid", problem: "set both ACCESS_TEAM_DOMAIN and ACCESS_AUD, or neither" };
  if (!TEAM_DOMAIN.test(teamDomain)) return { kind: "invalid", problem: "ACCESS_TEAM_DOMAIN must look like https://<team>.cloudflareaccess.com" };
  return { kind: "on", teamDomain, audience };
}

/** Where Access puts its JWT on every request it lets through. */
const ACCESS_JWT_HEADER = "cf-access-jwt-assertion";

export interface AuthOptions {
  /** Fetches the team's signing keys; the global fetch in production. */
  fetchJwks: JwksFetcher;
}

/** Cloudflare Access for one app: refuses a request without a valid Access JWT when Access is configured. */
export interface AccessGate {
  /**
   * Resolves when Access is off or `jwt` (the request's `Cf-Access-Jwt-Assertion`) is valid;
   * throws the refusal otherwise (401, 403, or 503).
   */
  check(vars: AccessVars, jwt: string | undefined): Promise<void>;
}

export function createAccessGate(options: AuthOptions): AccessGate {
  // One key cache per team domain, kept for the isolate's life.
  const sources = new Map<string, JwksSource>();

  const requireAccessJwt = async (jwt: string | undefined, teamDomain: string, audience: string): Promise<void> => {
    if (!jwt) throw new HTTPException(401, { message: "a Cloudflare Access token is required" });
    let keys = sources.get(teamDomain);
    if (!keys) {
      keys = createJwksSource(teamDomain, options.fetchJwks);
      sources.set(teamDomain, keys);
    }
    const verified = await verifyAccessJwt(jwt, { teamDomain, audience, nowMs: Date.now(), keys });
    if (!verified.ok) {
      console.error(JSON.stringify({ event: "access_denied", ...verified.error }));
      if (verified.error.reason === "keys_unavailable") throw new HTTPException(503, { message: "cannot verify the Access token right now" });
      throw new HTTPException(403, { message: "forbidden" });
    }
  };

  return {
    async check(vars, jwt) {
      const access = readAccessSettings(vars);
      if (access.kind === "invalid") {
        console.error(JSON.stringify({ event: "access_misconfigured", problem: access.problem }));
        throw new HTTPException(503, { message: "Access is half configured; every request is refused" });
      }
      if (access.kind === "on") await requireAccessJwt(jwt, access.teamDomain, access.audience);
    },
  };
}

/** The Access JWT alone (when Access is configured): for the private page, whose session stands in for the token. */
export function requireAccess<E extends { Bindings: AccessVars }>(gate: AccessGate): MiddlewareHandler<E> {
  return async (c, next) => {
    await gate.check(c.env, c.req.header(ACCESS_JWT_HEADER));
    await next();
  };
}

/** The API_TOKEN bearer token, and the Access JWT when Access is configured. */
export function requireAuth(gate: AccessGate): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = parseConfig(c.env).apiToken;
    if (!token) throw new HTTPException(503, { message: "API_TOKEN is not set; the API is disabled" });
    if (!BEARER_TOKEN.test(token)) throw new HTTPException(503, { message: "API_TOKEN may hold only letters, digits and . _ ~ + / - (then any '='); the API is disabled" });
    // Half a configuration is the deployment's fault: refused before any token is compared.
    if (readAccessSettings(c.env).kind === "invalid") await gate.check(c.env, undefined);

    // bearerAuth skips verifyToken when the header is missing or malformed; comparing the empty
    // token there keeps one comparison per request, so every refusal costs the same work.
    const refuseUncompared = {
      ...REFUSAL,
      message: async () => {
        await isSameSecret("", token);
        return REFUSAL.message();
      },
    };
    const requireToken = bearerAuth<AppEnv>({
      verifyToken: (presented) => isSameSecret(presented, token),
      noAuthenticationHeader: refuseUncompared,
      invalidAuthenticationHeader: refuseUncompared,
      invalidToken: REFUSAL,
    });
    return requireToken(c, async () => {
      await gate.check(c.env, c.req.header(ACCESS_JWT_HEADER));
      await next();
    });
  };
}

/** Every refusal of the bearer token alike: bearerAuth would answer a malformed header with 400 and vary the challenge. */
const REFUSAL = {
  wwwAuthenticateHeader: 'Bearer realm="api"',
  message: () => new Response("unauthorized", { status: 401 }),
};

/** What bearerAuth accepts as a token (RFC 6750 b64token); any other API_TOKEN could never match. */
const BEARER_TOKEN = /^[A-Za-z0-9._~+/-]+=*$/;

async function isSameSecret(presented: string, expected: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([
    crypto.subtle.digest("SHA-256", encoder.encode(presented)),
    crypto.subtle.digest("SHA-256", encoder.encode(expected)),
  ]);
  return crypto.subtle.timingSafeEqual(a, b);
}
