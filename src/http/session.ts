/**
 * The private page's sessions, its CSRF token, its one-time notices and its headers.
 *
 * Session: a random secret in the cookie `__Host-session` (HttpOnly; Secure; SameSite=Strict;
 * Path=/; no Domain, which the __Host- prefix makes the browser enforce), only its SHA-256 kept
 * in D1 (src/db/sessions.ts). A request opens the session when the cookie's secret names one
 * that is neither revoked nor expired and whose user still exists; anything else is sent to the
 * logged-out page, which shows no data. A visit extends the session (sliding, at most one write
 * an hour). `logout` by reply revokes every session; the page's "Log out" revokes its own.
 *
 * CSRF, three locks on every POST: the cookie is SameSite=Strict, so another site's form or
 * fetch never carries it; hono's Origin check (src/http/app.ts) refuses a cross-site POST; and
 * each form carries `csrf`, an HMAC of the session's secret, which only a page rendered for this
 * session holds. A POST without it, or with another, is refused (403) before anything changes.
 *
 * Headers of every page: its own CSP (nothing loads but this site's images and the page's own
 * nonce-tagged style or script; forms post only here; no framing; no <base>), no caching, no
 * referrer, no indexing.
 */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { HTTPException } from "hono/http-exception";
import { NONCE, secureHeaders } from "hono/secure-headers";
import { findActiveSession, SECRET_SHAPE, SESSION_TOUCH_INTERVAL_MS, SESSION_TTL_MS, touchSession, type ActiveSession } from "../db/sessions.ts";
import { depsFor, type Deps } from "../deps.ts";
import type { AppEnv } from "./env.ts";

export type PageEnv = {
  Bindings: AppEnv["Bindings"];
  Variables: {
    deps: Deps;
    session: ActiveSession;
    /** The value every form of this session's pages carries as `csrf`. */
    csrfToken: string;
  };
};

/** The page's paths: their answers get the page's headers, not the API's. */
const PAGE_PATHS = ["/login", "/logged-out", "/dashboard", "/logout"];

export function isPagePath(path: string): boolean {
  return PAGE_PATHS.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
}

/** Where a request without a session is sent: a page that explains how to get a login link. */
export const LOGGED_OUT_PATH = "/logged-out";

const SESSION_COOKIE = "session";
const NOTICE_COOKIE = "notice";
/** A notice is read by the redirect that follows its action, a moment later. */
const NOTICE_MAX_AGE_S = 60;
/** Browsers keep cookies up to 4 KB; a notice longer than this is cut, the mail has it whole. */
const MAX_NOTICE_COOKIE_CHARS = 3000;

const secureHeadersOfPages = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'none'"],
    styleSrc: [NONCE],
    scriptSrc: [NONCE],
    imgSrc: ["'self'", "data:"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    baseUri: ["'none'"],
  },
  xFrameOptions: "DENY",
  referrerPolicy: "no-referrer",
  crossOriginResourcePolicy: "same-origin",
});

/** The page's security headers, and Cache-Control: no-store on every answer (redirects and refusals too). */
export const pageHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await secureHeadersOfPages(c, next);
  c.res.headers.set("Cache-Control", "no-store");
  c.res.headers.set("X-Robots-Tag", "noindex, nofollow");
};

/** The CSP nonce of this answer: an inline <style> or <script> runs only with it. */
export function nonceOf(c: Context): string {
  const nonce = c.get("secureHeadersNonce");
  if (nonce === undefined) throw new Error("the page's headers middleware did not run");
  return nonce;
}

/** Sets the session cookie (a new session, or an extended one). */
export function setSessionCookie(c: Context, secret: string): void {
  setCookie(c, SESSION_COOKIE, secret, { prefix: "host", httpOnly: true, secure: true, sameSite: "Strict", path: "/", maxAge: SESSION_TTL_MS / 1000 });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { prefix: "host", httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
}

/**
 * Opens the session named by the cookie, or sends the browser to the logged-out page (303)
 * without reading anything else. Sets `deps`, `session` and `csrfToken` for the handlers.
 */
export const requireSession: MiddlewareHandler<PageEnv> = async (c, next) => {
  const deps = depsFor(c.env);
  const secret = getCookie(c, SESSION_COOKIE, "host");
  const session = secret !== undefined && SECRET_SHAPE.test(secret) ? await findActiveSession(deps.db, secret, deps.now) : null;
  if (secret === undefined || session === null) {
    if (secret !== undefined) clearSessionCookie(c);
    return c.redirect(LOGGED_OUT_PATH, 303);
  }
  if (deps.now.getTime() - session.lastSeenAt.getTime() >= SESSION_TOUCH_INTERVAL_MS) {
    await touchSession(deps.db, session.id, deps.now);
    setSessionCookie(c, secret);
  }
  c.set("deps", deps);
  c.set("session", session);
  c.set("csrfToken", await csrfTokenFor(secret));
  await next();
};

/** Refuses (403) a POST whose form does not carry this session's CSRF token. Runs after `requireSession`. */
export const requireCsrfToken: MiddlewareHandler<PageEnv> = async (c, next) => {
  if (c.req.method !== "POST") return next();
  const contentType = c.req.header("content-type") ?? "";
  const form = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType) ? await c.req.parseBody() : {};
  const presented = typeof form.csrf === "string" ? form.csrf : "";
  if (!(await isSameSecret(presented, c.get("csrfToken")))) throw new HTTPException(403, { message: "This form has expired. Go back, reload the page and try again." });
  await next();
};

/** HMAC-SHA256 of a fixed label under the session's secret, base64url: stable for the session, unguessable without it. */
async function csrfTokenFor(sessionSecret: string): Promise<string> {
  const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(sessionSecret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, new TextEncoder().encode("dashboard csrf")));
  return toBase64Url(mac);
}

async function isSameSecret(presented: string, expected: string): Promise<boolean> {
  const encoder = new TextEncoder();
  const [a, b] = await Promise.all([crypto.subtle.digest("SHA-256", encoder.encode(presented)), crypto.subtle.digest("SHA-256", encoder.encode(expected))]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/**
 * Keeps an action's confirmation for the page the browser is redirected to, in a short-lived
 * cookie of its own (HttpOnly, like the session's): shown once, then removed.
 */
export function setNotice(c: Context, lines: readonly string[]): void {
  let kept = [...lines];
  let value = encodeNotice(kept);
  while (value.length > MAX_NOTICE_COOKIE_CHARS && kept.length > 1) {
    kept = [...kept.slice(0, Math.max(1, kept.length - 2)), "(The email has the rest.)"];
    value = encodeNotice(kept);
  }
  setCookie(c, NOTICE_COOKIE, value, { prefix: "host", httpOnly: true, secure: true, sameSite: "Strict", path: "/", maxAge: NOTICE_MAX_AGE_S });
}

/** The notice left by the last action, if any; it is removed as it is read. */
export function takeNotice(c: Context): string[] | null {
  const value = getCookie(c, NOTICE_COOKIE, "host");
  if (value === undefined) return null;
  deleteCookie(c, NOTICE_COOKIE, { prefix: "host", httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
  try {
    const lines: unknown = JSON.parse(new TextDecoder().decode(fromBase64Url(value)));
    return Array.isArray(lines) && lines.every((line) => typeof line === "string") ? lines : null;
  } catch {
    return null;
  }
}

function encodeNotice(lines: readonly string[]): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(lines)));
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(value: string): Uint8Array {
  const base64 = value.replace(/-/g, "+").replace(/_/g, "/") + "=".repeat((4 - (value.length % 4)) % 4);
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
}
