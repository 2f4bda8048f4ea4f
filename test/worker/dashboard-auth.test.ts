/**
 * The private page's doors, through the real fetch and email handlers and real D1: the one-time
 * login link (a scanner's GET uses nothing up; wrong, expired and reused links all get one
 * neutral answer), the session cookie and its flags, the logged-out page, CSRF (the form token
 * and the Origin check), `logout` by reply and on the page, another user's session, Cloudflare
 * Access; and that the page's actions are the reply commands: the same confirmation by mail, an
 * `undo` that works across both.
 */
import { env } from "cloudflare:workers";
import { createExecutionContext, createScheduledController } from "cloudflare:test";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import worker from "../../src/index.ts";
import { createApp } from "../../src/http/app.ts";
import { createDb } from "../../src/db/client.ts";
import { createLoginLink } from "../../src/db/sessions.ts";
import { ensureOwner } from "../../src/db/users.ts";
import { forwardingAddress, replyAddress } from "../helpers/addresses.ts";
import { eml, gmailForward } from "../helpers/eml.ts";
import { makeEmail } from "../helpers/email-message.ts";
import { clearAll, seedUser } from "../helpers/seed.ts";
import { recordSendEmail, type SendEmailRecorder } from "../helpers/send-email-recorder.ts";

const OWNER = "me@example.com";
/** PUBLIC_URL in vitest.config.ts: the page's own origin. */
const ORIGIN = "https://assistant.example.com";
const COMPANY = "Quillfeather Systems";

let mail: SendEmailRecorder;

beforeEach(async () => {
  await clearAll(env.DB);
  await env.DB.batch([env.DB.prepare("DELETE FROM sessions"), env.DB.prepare("DELETE FROM login_links")]);
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-03-02T18:00:00Z"));
  mail = recordSendEmail(env.EMAIL);
});
afterEach(() => vi.useRealTimers());

// ── Helpers ─────────────────────────────────────────────────────────────────────────────────

interface Sent {
  method?: string;
  cookie?: string | null;
  form?: Record<string, string>;
  headers?: Record<string, string>;
}

/** A request as a browser on the page's own origin sends it (Origin on every POST). */
function browserRequest(path: string, { method = "GET", cookie = null, form, headers = {} }: Sent = {}): Request {
  const all: Record<string, string> = { ...headers };
  if (cookie) all.cookie = cookie;
  if (method === "POST") {
    all.origin ??= ORIGIN;
    all["content-type"] ??= "application/x-www-form-urlencoded";
  }
  const body = method === "POST" ? new URLSearchParams(form ?? {}).toString() : undefined;
  return new Request(`${ORIGIN}${path}`, { method, headers: all, body, redirect: "manual" });
}

function call(request: Request, vars: Record<string, string> = {}): Promise<Response> {
  return Promise.resolve(worker.fetch!(request as Request<unknown, IncomingRequestCfProperties>, { ...env, EMAIL: mail.binding, ...vars }, createExecutionContext()));
}

function send(path: string, sent: Sent = {}, vars: Record<string, string> = {}): Promise<Response> {
  return call(browserRequest(path, sent), vars);
}

/** The `name=value` of each Set-Cookie, keyed by name, with its attributes. */
function cookiesOf(response: Response): Map<string, { value: string; attributes: string[] }> {
  const cookies = new Map<string, { value: string; attributes: string[] }>();
  for (const line of response.headers.getSetCookie()) {
    const [pair, ...attributes] = line.split(";").map((part) => part.trim());
    const eq = pair!.indexOf("=");
    cookies.set(pair!.slice(0, eq), { value: pair!.slice(eq + 1), attributes });
  }
  return cookies;
}

async function ownerId(): Promise<number> {
  return (await ensureOwner(createDb(env.DB), { email: OWNER, timeZone: "America/Los_Angeles", country: null }, new Date("2026-01-01T00:00:00Z"))).id;
}

async function newLink(userId?: number): Promise<string> {
  return createLoginLink(createDb(env.DB), userId ?? (await ownerId()), new Date());
}

/** Opens the link and presses "Log in": the session cookie as the browser would send it back. */
async function logIn(secret?: string): Promise<string> {
  const link = secret ?? (await newLink());
  expect((await send(`/login/${link}`)).status).toBe(200);
  const posted = await send("/login", { method: "POST", form: { secret: link } });
  expect(posted.status).toBe(303);
  expect(posted.headers.get("location")).toBe("/dashboard");
  const session = cookiesOf(posted).get("__Host-session");
  expect(session?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
  return `__Host-session=${session!.value}`;
}

/** The page with the session; its CSRF token read from a form, as the browser would post it back. */
async function openPage(cookie: string, path = "/dashboard"): Promise<{ response: Response; html: string; csrf: string }> {
  const response = await send(path, { cookie });
  const html = await response.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  return { response, html, csrf };
}

/** After an action: the redirect's notice cookie sent back with the session, as the browser follows the 303. */
async function follow(cookie: string, action: Response): Promise<{ html: string; notice: string }> {
  expect(action.status).toBe(303);
  expect(action.headers.get("location")).toBe("/dashboard");
  const notice = cookiesOf(action).get("__Host-notice");
  const { html } = await openPage(notice ? `${cookie}; __Host-notice=${notice.value}` : cookie);
  return { html, notice: decodeHtml(/<div class="notice"[^>]*>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? "") };
}

/** A page without its CSP nonce, which is new in every answer. */
function withoutNonce(html: string): string {
  return html.replace(/nonce="[^"]+"/g, 'nonce="N"');
}

function decodeHtml(fragment: string): string {
  return fragment.replace(/<[^>]+>/g, "").replaceAll("&quot;", '"').replaceAll("&#39;", "'").replaceAll("&gt;", ">").replaceAll("&lt;", "<").replaceAll("&amp;", "&");
}

async function rows<T>(query: string): Promise<T[]> {
  return (await env.DB.prepare(query).all<T>()).results;
}

/** One invitation filed and its thank-you draft shown in the digest of Wednesday 4 March. */
async function setUpOneDraft(): Promise<{ applicationId: number; followUpId: number }> {
  const { message } = makeEmail({ from: OWNER, to: await forwardingAddress() }, gmailForward({ outerId: "<fwd-1@example.com>" }));
  await worker.email(message, { ...env, EMAIL: mail.binding });
  await worker.scheduled(createScheduledController({ cron: "*/15 * * * *", scheduledTime: Date.parse("2026-03-04T15:00:00Z") }), { ...env, EMAIL: mail.binding });
  vi.setSystemTime(new Date("2026-03-04T16:00:00Z"));
  const [app] = await rows<{ id: number }>("SELECT id FROM applications");
  const [draft] = await rows<{ id: number }>("SELECT id FROM follow_ups WHERE rule = 'R1'");
  return { applicationId: app!.id, followUpId: draft!.id };
}

async function reply(body: string): Promise<string> {
  const before = mail.raws.length;
  const to = await replyAddress();
  const { message } = makeEmail({ from: OWNER, to }, eml({ from: `Me <${OWNER}>`, to, subject: "Re: Done", body }));
  await worker.email(message, { ...env, EMAIL: mail.binding });
  expect(mail.raws.length).toBe(before + 1);
  return (await mail.parsed(before)).text ?? "";
}

async function applicationStatus(): Promise<string> {
  return (await rows<{ status: string }>("SELECT status FROM applications"))[0]!.status;
}

// ── The link ────────────────────────────────────────────────────────────────────────────────

describe("the one-time link", () => {
  it("opening it (a mail scanner's GET) uses nothing up and reads the same for a good link and a bad one", async () => {
    const link = await newLink();
    const good = await send(`/login/${link}`);
    const goodHtml = await good.text();
    const bad = await (await send(`/login/${"x".repeat(43)}`)).text();
    expect(good.status).toBe(200);
    expect(goodHtml).toContain("Log in to your follow-up assistant");
    expect(goodHtml).toMatch(/<form method="post" action="\/login">/);
    expect(withoutNonce(goodHtml.replace(link, "SECRET"))).toBe(withoutNonce(bad.replace("x".repeat(43), "SECRET")));
    for (let i = 0; i < 3; i++) await send(`/login/${link}`);
    expect(await rows("SELECT id FROM login_links WHERE used_at IS NOT NULL")).toEqual([]);
    expect(cookiesOf(good).size).toBe(0);
    // The person's press of "Log in" still works after the scanner's visits.
    await logIn(link);
  });

  it("a wrong, an expired and a reused link get one neutral answer and no cookie", async () => {
    const used = await newLink();
    await logIn(used);
    const expiring = await newLink();
    vi.setSystemTime(new Date(Date.now() + 15 * 60_000 + 1));
    const answers = [];
    for (const secret of ["A".repeat(43), expiring, used, "not-a-secret"]) {
      const response = await send("/login", { method: "POST", form: { secret } });
      answers.push({ status: response.status, cookies: cookiesOf(response).size, html: withoutNonce(await response.text()) });
    }
    expect(answers.map((a) => [a.status, a.cookies])).toEqual([[403, 0], [403, 0], [403, 0], [403, 0]]);
    expect(new Set(answers.map((a) => a.html)).size).toBe(1);
    expect(answers[0]!.html).toContain("This link has expired or was used");
    expect(decodeHtml(answers[0]!.html)).toContain('This link has expired or was used. Reply "dashboard" to any email from your assistant for a new one');
  });

  it("works within its 15 minutes, once", async () => {
    const link = await newLink();
    vi.setSystemTime(new Date(Date.now() + 15 * 60_000 - 1));
    await logIn(link);
    expect((await send("/login", { method: "POST", form: { secret: link } })).status).toBe(403);
  });

  it("a reply \"dashboard\" mails a link that logs in", async () => {
    await setUpOneDraft();
    const answer = await reply("dashboard");
    const link = /Log in to your private page: https:\/\/assistant\.example\.com\/login\/([A-Za-z0-9_-]{43})/.exec(answer)?.[1];
    expect(link).toBeDefined();
    // The assistant's own link is a link in the HTML part as well.
    expect((await mail.parsed(mail.raws.length - 1)).html).toContain(`<a href="https://assistant.example.com/login/${link}">`);
    const { response, html } = await openPage(await logIn(link));
    expect(response.status).toBe(200);
    expect(html).toContain(COMPANY);
  });

  it("refuses a login posted from another site", async () => {
    const link = await newLink();
    const response = await send("/login", { method: "POST", form: { secret: link }, headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" } });
    expect(response.status).toBe(403);
    expect(cookiesOf(response).size).toBe(0);
    expect(await rows("SELECT id FROM login_links WHERE used_at IS NOT NULL")).toEqual([]);
  });
});

// ── The session ─────────────────────────────────────────────────────────────────────────────

describe("the session", () => {
  it("its cookie is __Host-session; HttpOnly; Secure; SameSite=Strict; Path=/, about 30 days, and only its hash is stored", async () => {
    const link = await newLink();
    const posted = await send("/login", { method: "POST", form: { secret: link } });
    const cookie = cookiesOf(posted).get("__Host-session")!;
    expect(cookie.attributes.sort()).toEqual(["HttpOnly", "Max-Age=2592000", "Path=/", "SameSite=Strict", "Secure"]);
    const stored = await rows<{ secret_hash: string }>("SELECT secret_hash FROM sessions");
    expect(stored).toHaveLength(1);
    expect(stored[0]!.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.secret_hash).not.toContain(cookie.value);
  });

  it("without a session every page and action goes to the logged-out page, which shows no data", async () => {
    const { applicationId, followUpId } = await setUpOneDraft();
    for (const [path, method] of [
      ["/dashboard", "GET"],
      [`/dashboard/applications/${applicationId}`, "GET"],
      ["/dashboard?status=waiting", "GET"],
      [`/dashboard/follow-ups/${followUpId}/sent`, "POST"],
      [`/dashboard/applications/${applicationId}/status`, "POST"],
      ["/dashboard/undo", "POST"],
      ["/logout", "POST"],
    ] as const) {
      for (const cookie of [null, `__Host-session=${"A".repeat(43)}`, "__Host-session=garbage"]) {
        const response = await send(path, { method, cookie, form: { status: "rejected", csrf: "x" } });
        expect(response.status, `${method} ${path}`).toBe(303);
        expect(response.headers.get("location")).toBe("/logged-out");
        expect(await response.text()).not.toContain(COMPANY);
      }
    }
    const loggedOut = await send("/logged-out");
    const html = await loggedOut.text();
    expect(loggedOut.status).toBe(200);
    expect(decodeHtml(html)).toContain('Reply "dashboard" to any email from your assistant');
    expect(html).not.toContain(COMPANY);
    expect(await applicationStatus()).not.toBe("rejected");
  });

  it("the page is not cached, has its own CSP and cannot be framed", async () => {
    await setUpOneDraft();
    const { response, html } = await openPage(await logIn());
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const csp = response.headers.get("content-security-policy") ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("img-src 'self' data:");
    expect(csp).not.toContain("unsafe-inline");
    expect(html).toContain(`<style nonce="${nonce}">`);
    for (const path of ["/login/x", "/logged-out"]) {
      const page = await send(path);
      expect(page.headers.get("cache-control")).toBe("no-store");
      expect(page.headers.get("content-security-policy")).toContain("form-action 'self'");
    }
    // The API keeps its own policy.
    expect((await send("/health")).headers.get("content-security-policy")).toContain("form-action 'none'");
  });

  it("ends after 30 days without a visit; a visit extends it", async () => {
    const cookie = await logIn();
    vi.setSystemTime(new Date(Date.now() + 29 * 24 * 3600_000));
    const visit = await send("/dashboard", { cookie });
    expect(visit.status).toBe(200);
    expect(cookiesOf(visit).get("__Host-session")?.attributes).toContain("Max-Age=2592000");
    vi.setSystemTime(new Date(Date.now() + 29 * 24 * 3600_000));
    expect((await send("/dashboard", { cookie })).status).toBe(200);
    vi.setSystemTime(new Date(Date.now() + 30 * 24 * 3600_000 + 1));
    const expired = await send("/dashboard", { cookie });
    expect(expired.status).toBe(303);
    expect(expired.headers.get("location")).toBe("/logged-out");
    expect(cookiesOf(expired).get("__Host-session")?.attributes).toContain("Max-Age=0");
  });

  it('"logout" by reply ends every session and voids unused links', async () => {
    await setUpOneDraft();
    const first = await logIn();
    const second = await logIn();
    const unused = await newLink();
    expect((await send("/dashboard", { cookie: first })).status).toBe(200);
    const answer = await reply("logout");
    expect(answer).toContain("logged out of your private page everywhere");
    expect(answer).toContain('Logging out is not undone by "undo": reply "dashboard" for a new link to log in.');
    expect(answer).not.toContain("Changed your mind?");
    for (const cookie of [first, second]) expect((await send("/dashboard", { cookie })).headers.get("location")).toBe("/logged-out");
    expect((await send("/login", { method: "POST", form: { secret: unused } })).status).toBe(403);
  });

  it("the page's Log out ends this browser's session only", async () => {
    const first = await logIn();
    const second = await logIn();
    const { csrf } = await openPage(first);
    const out = await send("/logout", { method: "POST", cookie: first, form: { csrf } });
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/logged-out");
    expect(cookiesOf(out).get("__Host-session")?.attributes).toContain("Max-Age=0");
    expect((await send("/dashboard", { cookie: first })).status).toBe(303);
    expect((await send("/dashboard", { cookie: second })).status).toBe(200);
  });

  it("another user's session sees and changes nothing of the owner's", async () => {
    const { applicationId, followUpId } = await setUpOneDraft();
    const other = await seedUser(env.DB, { email: "berlin@example.com", timeZone: "Europe/Berlin" });
    const cookie = await logIn(await newLink(other.id));
    const { html, csrf } = await openPage(cookie);
    expect(html).not.toContain(COMPANY);
    expect((await send(`/dashboard/applications/${applicationId}`, { cookie })).status).toBe(404);
    const status = await follow(cookie, await send(`/dashboard/applications/${applicationId}/status`, { method: "POST", cookie, form: { csrf, status: "rejected" } }));
    expect(status.notice).toContain("Nothing changed");
    const sent = await follow(cookie, await send(`/dashboard/follow-ups/${followUpId}/sent`, { method: "POST", cookie, form: { csrf } }));
    expect(sent.notice).toContain("Nothing changed");
    expect(await applicationStatus()).toBe("waiting");
    expect(await rows("SELECT id FROM follow_ups WHERE state = 'sent'")).toEqual([]);
  });
});

// ── CSRF ────────────────────────────────────────────────────────────────────────────────────

describe("CSRF", () => {
  it("a POST without the form's token, or with another session's, is refused (403) and changes nothing", async () => {
    const { applicationId } = await setUpOneDraft();
    const cookie = await logIn();
    const { csrf: othersToken } = await openPage(await logIn());
    const { csrf } = await openPage(cookie);
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(othersToken).not.toBe(csrf);
    const forms: Record<string, string>[] = [{ status: "rejected" }, { status: "rejected", csrf: "" }, { status: "rejected", csrf: othersToken }, { status: "rejected", csrf: `${csrf}x` }];
    for (const form of forms) {
      const response = await send(`/dashboard/applications/${applicationId}/status`, { method: "POST", cookie, form });
      expect(response.status).toBe(403);
    }
    expect((await send("/dashboard/undo", { method: "POST", cookie, form: {} })).status).toBe(403);
    expect((await send("/logout", { method: "POST", cookie, form: {} })).status).toBe(403);
    expect(await applicationStatus()).toBe("waiting");
    expect(await rows("SELECT id FROM inbound_messages WHERE channel = 'page'")).toEqual([]);
    expect((await send("/dashboard", { cookie })).status).toBe(200);
  });

  it("a cross-site POST is refused (403) even with the session and the token", async () => {
    const { applicationId } = await setUpOneDraft();
    const cookie = await logIn();
    const { csrf } = await openPage(cookie);
    const crossSite: Record<string, string>[] = [{ origin: "https://evil.example" }, { origin: "null" }, { origin: "https://evil.example", "sec-fetch-site": "cross-site" }];
    for (const headers of crossSite) {
      const response = await send(`/dashboard/applications/${applicationId}/status`, { method: "POST", cookie, form: { csrf, status: "rejected" }, headers });
      expect(response.status).toBe(403);
    }
    expect(await applicationStatus()).toBe("waiting");
  });
});

// ── The actions are the reply commands ──────────────────────────────────────────────────────

describe("actions on the page", () => {
  it("a status change is confirmed as a reply's is, by mail and on the page, and a reply \"undo\" reverses it", async () => {
    const { applicationId } = await setUpOneDraft();
    const cookie = await logIn();
    const { csrf } = await openPage(cookie);
    const before = mail.raws.length;
    const { notice } = await follow(cookie, await send(`/dashboard/applications/${applicationId}/status`, { method: "POST", cookie, form: { csrf, status: "rejected" } }));
    expect(await applicationStatus()).toBe("rejected");
    expect(mail.raws.length).toBe(before + 1);
    const confirmation = await mail.parsed(before);
    expect(confirmation.subject).toBe("Done");
    const text = (confirmation.text ?? "").trimEnd();
    expect(text).toContain(`${COMPANY} (Senior Backend Engineer): status waiting → rejected`);
    expect(text).toContain('Changed your mind? Use Undo, or reply "undo".');
    expect(notice.trim()).toBe(text.replace(/\r\n/g, "\n"));

    const undone = await reply("undo");
    expect(undone).toContain(`Undid: rejected — ${COMPANY} (Senior Backend Engineer): status waiting → rejected`);
    expect(await applicationStatus()).toBe("waiting");
  });

  it('a reply "undo" after a reply not understood and then a page action undoes the page action', async () => {
    const { applicationId } = await setUpOneDraft();
    expect(await reply("dnoe 1")).toContain("Nothing changed");
    const cookie = await logIn();
    const { csrf } = await openPage(cookie);
    await follow(cookie, await send(`/dashboard/applications/${applicationId}/status`, { method: "POST", cookie, form: { csrf, status: "offer" } }));
    expect(await applicationStatus()).toBe("offer");
    expect(await reply("undo")).toContain(`Undid: offer — ${COMPANY}`);
    expect(await applicationStatus()).toBe("waiting");
  });

  it("mark sent and the page's Undo; a second post of the same form changes nothing", async () => {
    const { followUpId } = await setUpOneDraft();
    const cookie = await logIn();
    const { csrf } = await openPage(cookie);
    const sent = await follow(cookie, await send(`/dashboard/follow-ups/${followUpId}/sent`, { method: "POST", cookie, form: { csrf } }));
    expect(sent.notice).toContain("thank-you note marked sent");
    expect(await rows<{ state: string }>(`SELECT state FROM follow_ups WHERE id = ${followUpId}`)).toEqual([{ state: "sent" }]);
    const again = await follow(cookie, await send(`/dashboard/follow-ups/${followUpId}/sent`, { method: "POST", cookie, form: { csrf } }));
    expect(again.notice).toContain("Nothing changed: that draft is already marked sent.");
    expect(await rows("SELECT id FROM events WHERE type = 'follow_up_sent'")).toHaveLength(1);

    const mailsBefore = mail.raws.length;
    const undo = await follow(cookie, await send("/dashboard/undo", { method: "POST", cookie, form: { csrf } }));
    expect(undo.notice).toContain("Undid: done — ");
    expect(mail.raws.length).toBe(mailsBefore + 1);
    expect((await mail.parsed(mailsBefore)).subject).toBe("Undone");
    expect(await rows<{ state: string }>(`SELECT state FROM follow_ups WHERE id = ${followUpId}`)).not.toEqual([{ state: "sent" }]);
  });

  it("settings go through the reply parser: changed fields only, and its explanations when a value is wrong", async () => {
    await setUpOneDraft();
    const cookie = await logIn();
    const { csrf } = await openPage(cookie);
    const base = { csrf, timezone: "America/Los_Angeles", digest_time: "07:00", country: "", signature: "" };
    const wrong = await follow(cookie, await send("/dashboard/settings", { method: "POST", cookie, form: { ...base, timezone: "Mars/Olympus" } }));
    expect(wrong.notice).toContain('"Mars/Olympus" is not a time zone I know.');
    const same = await follow(cookie, await send("/dashboard/settings", { method: "POST", cookie, form: base }));
    expect(same.notice).toContain("Nothing changed: the settings are as they were.");
    const mailsBefore = mail.raws.length;
    const changed = await follow(cookie, await send("/dashboard/settings", { method: "POST", cookie, form: { ...base, digest_time: "07:30", country: "de", signature: "Robin Ellery", paused: "on" } }));
    expect(changed.notice).toContain("digest time set to 07:30");
    expect(changed.notice).toContain("public holidays of DE are skipped");
    expect(changed.notice).toContain('drafts now end with "Robin Ellery"');
    expect(changed.notice).toContain("digests paused");
    expect(mail.raws.length).toBe(mailsBefore + 1);
    const [user] = await rows<{ country: string; paused: number; settings: string }>(`SELECT country, paused, settings FROM users WHERE email = '${OWNER}'`);
    expect(user!.country).toBe("DE");
    expect(user!.paused).toBe(1);
    expect(JSON.parse(user!.settings)).toMatchObject({ digestHour: 7, digestMinute: 30, signature: "Robin Ellery" });
  });
});

// ── Cloudflare Access ───────────────────────────────────────────────────────────────────────

describe("Cloudflare Access, when configured", () => {
  const TEAM = "https://acme-jobs.cloudflareaccess.com";
  const AUD = "4714c1358e65fe4b408ad6d432a5f878f08194bdb4752441fd56faefa9b2b6f2";
  let key: SigningKey;

  beforeAll(async () => {
    key = await makeKey("team-key-1");
  });

  it("the page, the link and the login are refused without a valid Access JWT, even with a session", async () => {
    await setUpOneDraft();
    const cookie = await logIn();
    const link = await newLink();
    const app = createApp({ fetchJwks: async () => Response.json({ keys: [key.publicJwk] }) });
    const vars = { ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD };
    const fetchApp = (request: Request) => Promise.resolve(app.fetch(request, { ...env, EMAIL: mail.binding, ...vars }, createExecutionContext()));
    const nowS = Math.floor(Date.now() / 1000);
    const valid = await sign(key, { iss: TEAM, aud: [AUD], sub: "owner", iat: nowS - 10, exp: nowS + 600 });
    const otherAudience = await sign(key, { iss: TEAM, aud: ["another-app"], sub: "owner", iat: nowS - 10, exp: nowS + 600 });

    for (const [jwt, status] of [[null, 401], [otherAudience, 403], ["garbage", 403]] as const) {
      const headers: Record<string, string> = jwt === null ? {} : { "cf-access-jwt-assertion": jwt };
      const page = await fetchApp(browserRequest("/dashboard", { cookie, headers }));
      expect(page.status).toBe(status);
      expect(await page.text()).not.toContain(COMPANY);
      expect((await fetchApp(browserRequest(`/login/${link}`, { headers }))).status).toBe(status);
      expect((await fetchApp(browserRequest("/login", { method: "POST", form: { secret: link }, headers }))).status).toBe(status);
    }
    expect(await rows("SELECT id FROM login_links WHERE used_at IS NULL")).toHaveLength(1);
    const page = await fetchApp(browserRequest("/dashboard", { cookie, headers: { "cf-access-jwt-assertion": valid } }));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(COMPANY);
  });
});

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JsonWebKey & { kid: string };
}

async function makeKey(kid: string): Promise<SigningKey> {
  const pair = (await crypto.subtle.generateKey({ name: "RSASSA-PKCS1-v1_5", modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" }, true, ["sign", "verify"])) as CryptoKeyPair;
  const jwk = (await crypto.subtle.exportKey("jwk", pair.publicKey)) as JsonWebKey;
  return { kid, privateKey: pair.privateKey, publicJwk: { kty: "RSA", n: jwk.n, e: jwk.e, alg: "RS256", use: "sig", kid } };
}

async function sign(signing: SigningKey, payload: Record<string, unknown>): Promise<string> {
  const unsigned = `${encodePart({ alg: "RS256", kid: signing.kid, typ: "JWT" })}.${encodePart(payload)}`;
  const signature = await crypto.subtle.sign("RSASSA-PKCS1-v1_5", signing.privateKey, new TextEncoder().encode(unsigned));
  return `${unsigned}.${base64Url(new Uint8Array(signature))}`;
}

function encodePart(value: Record<string, unknown>): string {
  return base64Url(new TextEncoder().encode(JSON.stringify(value)));
}

function base64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
