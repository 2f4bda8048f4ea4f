/**
 * Logging in to the private page with the one-time link a `dashboard` reply mails.
 *
 * Mail scanners (Safe Links, Gmail's link checks) open links before people do, so opening the
 * link changes nothing: GET /login/<secret> shows a page of this site with a "Log in" button,
 * and does not even look the secret up, so the page reads the same for a good link and a bad
 * one and a scanner learns nothing. The button posts the secret to POST /login, which uses the
 * link up (once, within its 15 minutes) and starts a session. Landing on a page of this site
 * first also matters for the cookie: a SameSite=Strict cookie set by a redirect that followed a
 * click in a mail app would not be sent on that first navigation; after the post from this
 * site's own page, it is.
 *
 * A wrong, expired or used link gets one neutral answer. GET /logged-out explains how to get a
 * link; it is where every request without a session ends up.
 */
import { Hono, type Context } from "hono";
import { html } from "hono/html";
import { consumeLoginLink, createSession, SECRET_SHAPE } from "../db/sessions.ts";
import { getUser } from "../db/users.ts";
import { depsFor } from "../deps.ts";
import type { AppEnv } from "./env.ts";
import { nonceOf, setSessionCookie } from "./session.ts";

const HOW_TO_GET_A_LINK = 'Reply "dashboard" to any email from your assistant (a digest or a confirmation): you will get a link that works once, within 15 minutes.';

/** Every page's frame: this site's own small stylesheet under the answer's nonce, nothing loaded from elsewhere. */
function renderPage(c: Context, title: string, body: ReturnType<typeof html>) {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<style nonce="${nonceOf(c)}">
body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; padding: 2rem 1rem; color: #1f2328; background: #f6f8fa; }
main { max-width: 28rem; margin: 0 auto; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 1.5rem; overflow-wrap: anywhere; }
h1 { font-size: 1.25rem; margin: 0 0 1rem; }
button { font: inherit; font-weight: 600; color: #fff; background: #1f6feb; border: 0; border-radius: 6px; padding: 0.6rem 1.2rem; cursor: pointer; }
button:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
</style>
</head>
<body>
<main>
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
}

export const loginPages = new Hono<AppEnv>()
  .get("/login/:secret", (c) => {
    // Only the shape is checked, and only to leave anything else out of the page: a secret of
    // the right shape is shown back whatever it is, so this page says nothing of its validity.
    const secret = c.req.param("secret");
    const carried = SECRET_SHAPE.test(secret) ? secret : "";
    return c.html(
      renderPage(
        c,
        "Log in to your follow-up assistant",
        html`<p>This link logs this browser in to your private page. It works once, within 15 minutes of being sent.</p>
<form method="post" action="/login">
<input type="hidden" name="secret" value="${carried}">
<button type="submit">Log in</button>
</form>`,
      ),
    );
  })
  .post("/login", async (c) => {
    const deps = depsFor(c.env);
    const form = await c.req.parseBody();
    const secret = typeof form.secret === "string" && SECRET_SHAPE.test(form.secret) ? form.secret : null;
    const userId = secret === null ? null : await consumeLoginLink(deps.db, secret, deps.now);
    const user = userId === null ? null : await getUser(deps.db, userId);
    if (user === null) {
      return c.html(
        renderPage(c, "Log in to your follow-up assistant", html`<p>This link has expired or was used. Reply "dashboard" to any email from your assistant for a new one.</p>`),
        403,
      );
    }
    setSessionCookie(c, await createSession(deps.db, user.id, deps.now));
    return c.redirect("/dashboard", 303);
  })
  .get("/logged-out", (c) =>
    c.html(
      renderPage(
        c,
        "You are logged out",
        html`<p>To see your private page, log in with a new link.</p>
<p>${HOW_TO_GET_A_LINK}</p>
<p>To log out every browser at once, reply "logout".</p>`,
      ),
    ),
  );
