/**
 * The HTTP side: a public health check; the calendar feed (src/http/calendar.ts), whose token
 * in the path is its permission; the private page (src/http/login.ts,
 * src/http/dashboard-actions.ts), which needs its session (src/http/session.ts) and, when
 * Access is configured, the Access JWT; and everything else behind src/http/auth.ts (the
 * API_TOKEN bearer token, plus the Access JWT when Access is configured). Errors are converted
 * once, in onError.
 *
 * Every response, errors included, carries the security headers: for the API a CSP of
 * default-src 'none' and frame-ancestors 'none' (it serves JSON and raw mail, never a page to
 * render or frame), for the page its own CSP (src/http/session.ts); nosniff, Referrer-Policy
 * no-referrer. Mutating requests from a browser must come from the same origin (CSRF). Nothing
 * is served on *.workers.dev hostnames: wrangler.toml turns workers.dev and preview URLs off,
 * and this holds even if someone turns them back on.
 */
import { Hono, type MiddlewareHandler } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { JwksFetcher } from "./access-jwt.ts";
import { createAccessGate, requireAccess, requireAuth } from "./auth.ts";
import type { AppEnv } from "./env.ts";
import { isPagePath, pageHeaders } from "./session.ts";
import { loginPages } from "./login.ts";
import { dashboardPages, logoutPage } from "./dashboard-actions.ts";
import { messagesApi } from "./messages.ts";
import { applicationsApi } from "./applications.ts";
import { settingsApi } from "./settings.ts";
import { addressesApi } from "./addresses.ts";
import { calendarFeed } from "./calendar.ts";

export interface AppOptions {
  /** Fetches Access's signing keys: the global fetch in production, a stub in tests. */
  fetchJwks: JwksFetcher;
}

const refuseWorkersDev: MiddlewareHandler<AppEnv> = async (c, next) => {
  const host = new URL(c.req.url).hostname.toLowerCase();
  if (host === "workers.dev" || host.endsWith(".workers.dev")) return c.text("not found", 404);
  await next();
};

const sameOriginOnly = csrf();

/**
 * Hono's csrf() for requests a browser sent. A browser always sends Origin or Sec-Fetch-Site with
 * a POST, and a cross-site form post is refused (403). A request with neither header comes from
 * a script (curl), which no other site can make on the user's behalf; it still needs the token.
 */
const csrfForBrowsers: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.header("origin") === undefined && c.req.header("sec-fetch-site") === undefined) return next();
  return sameOriginOnly(c, next);
};

const apiHeaders = secureHeaders({
  contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"], baseUri: ["'none'"], formAction: ["'none'"] },
  xFrameOptions: "DENY",
  referrerPolicy: "no-referrer",
  crossOriginResourcePolicy: "same-origin",
});

/** The page's headers on the page's paths, the API's everywhere else. */
const securityHeaders: MiddlewareHandler<AppEnv> = (c, next) => (isPagePath(c.req.path) ? pageHeaders(c, next) : apiHeaders(c, next));

export function createApp(options: AppOptions) {
  const access = createAccessGate(options);
  const pageAccess = requireAccess<AppEnv>(access);
  const app = new Hono<AppEnv>()
    .use(securityHeaders)
    .use(refuseWorkersDev)
    .get("/health", (c) => c.json({ ok: true }))
    // The calendar feed: its token is the permission, as calendar apps send no credentials (src/http/calendar.ts).
    .route("/cal", calendarFeed)
    .use(csrfForBrowsers)
    // The private page: its session instead of the token, the Access JWT as for the API.
    .use((c, next) => (isPagePath(c.req.path) ? pageAccess(c, next) : next()))
    .route("/", loginPages)
    .route("/dashboard", dashboardPages)
    .route("/logout", logoutPage)
    .use(requireAuth(access))
    .route("/api/messages", messagesApi)
    .route("/api/applications", applicationsApi)
    .route("/api/settings", settingsApi)
    .route("/api/addresses", addressesApi);

  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    console.error(JSON.stringify({ event: "http_error", error: error.message }));
    return c.json({ error: "internal_error" }, 500);
  });
  return app;
}

export const app = createApp({ fetchJwks: (url) => fetch(url) });
