/**
 * The private page end to end, in Debian's headless Chromium against the worker under
 * `wrangler dev` (scripts/local-worker.mjs, as `npm run demo` runs it), with PUBLIC_URL set to
 * the worker's own http://127.0.0.1:<port> (Chromium treats it as a secure context, so the
 * __Host- cookie works as on https).
 *
 * The story: the owner forwards the sample emails (examples/, dated so that their "today" is
 * the business day before today, so the interview is over and its thank-you is due), replies
 * "dashboard" to the welcome mail and takes the one-time link from the mail the worker sent.
 * In the browser: the link's page, "Log in", the board; a card moved to rejected and Undo; a
 * draft marked sent; each action confirmed by mail as a reply is. Then the page at 390 px and
 * 1280 px: nothing scrolls sideways, the page's own CSP refuses nothing it needs, and the
 * screenshots go to test-artifacts/; with UPDATE_SCREENSHOTS=1 also to docs/screenshots/, the
 * README's images (kept in the repository, so an ordinary run leaves them alone). One worker and
 * one browser for the whole file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import PostalMime, { type Email } from "postal-mime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addBusinessDays, loadExamples, localDateOf, ownerReply, readVars } from "../../scripts/examples.mjs";
import { LocalWorker } from "../../scripts/local-worker.mjs";
import { CHROMIUM_ARGS, findChromium } from "../helpers/chromium.ts";

const ROOT = path.join(import.meta.dirname, "..", "..");
const ARTIFACTS_DIR = path.join(ROOT, "test-artifacts");
const SCREENSHOTS_DIR = path.join(ROOT, "docs", "screenshots");
const UPDATE_SCREENSHOTS = process.env.UPDATE_SCREENSHOTS === "1";
const HEIGHT_PX = 900;
/** Starting wrangler dev (with its bundle) and filing three emails takes up to a minute or two on a busy machine. */
const SETUP_TIMEOUT_MS = 180_000;

/** The examples' companies: the application that goes nowhere, and the interview whose thank-you is due. */
const REJECTED_COMPANY = "Bramblecone Games";
const THANKED_COMPANY = "Saltmarsh Robotics";

describe("the private page in headless Chromium", () => {
  const vars = readVars();
  let worker: LocalWorker;
  let browser: BrowserContext | null = null;
  let userDataDir: string | null = null;
  let loginLink = "";
  /** What Chromium reported about the page: CSP refusals and script errors. */
  const pageProblems: string[] = [];

  /** The one email the worker sends for `request`, parsed. */
  async function mailFor(request: () => Promise<Response>, count = 1): Promise<Email[]> {
    const before = worker.sentMail.length;
    const response = await request();
    expect(response.ok, await response.text()).toBe(true);
    const paths = await worker.waitForMail(before, count);
    return Promise.all(paths.map((file) => PostalMime.parse(readFileSync(file))));
  }

  beforeAll(async () => {
    worker = new LocalWorker({ tempPrefix: "dashboard-browser-", serveBuilt: true, ownPublicUrl: true, vars: { OWNER_COUNTRY: "" } });
    worker.migrate();
    await worker.start();
    const storyToday = addBusinessDays(localDateOf(Date.now(), vars.timeZone), -1);
    const { forwarding } = await worker.addresses();
    let welcome: Email | null = null;
    for (const [i, example] of loadExamples(vars, storyToday).entries()) {
      // The first accepted email also brings the welcome mail.
      const sent = await mailFor(() => worker.sendEmail(vars.owner, forwarding, example.raw), i === 0 ? 2 : 1);
      welcome ??= sent.find((mail) => mail.subject?.startsWith("Welcome")) ?? null;
    }
    expect(welcome).not.toBeNull();
    const { replyTo, raw } = ownerReply(vars, welcome!, "dashboard");
    const [answer] = await mailFor(() => worker.sendEmail(vars.owner, replyTo, raw));
    expect(answer!.subject).toBe("Your link to log in");
    loginLink = new RegExp(`Log in to your private page: (${worker.base}/login/[A-Za-z0-9_-]{43})`).exec(answer!.text ?? "")?.[1] ?? "";
    expect(loginLink).not.toBe("");

    userDataDir = mkdtempSync(path.join(tmpdir(), "dashboard-chromium-"));
    browser = await chromium.launchPersistentContext(userDataDir, { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS, viewport: { width: 1280, height: HEIGHT_PX } });
  }, SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    if (userDataDir !== null) rmSync(userDataDir, { recursive: true, force: true });
    await worker?.close();
  }, SETUP_TIMEOUT_MS);

  /** The browser's one tab, kept across the tests as a person keeps it. */
  let tab: Page | null = null;
  async function page(): Promise<Page> {
    if (tab === null) {
      tab = browser!.pages()[0] ?? (await browser!.newPage());
      tab.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) pageProblems.push(message.text());
      });
      tab.on("pageerror", (error) => pageProblems.push(error.message));
    }
    return tab;
  }

  function notice(p: Page) {
    return p.locator("main .notice");
  }

  function card(p: Page, company: string) {
    return p.locator("#applications article.item").filter({ has: p.getByRole("link", { name: company, exact: true }) });
  }

  it("logs in with the link from the mail: a page of the site first, then Log in, then the board", async () => {
    const p = await page();
    await p.goto(loginLink);
    expect(await p.title()).toBe("Log in to your follow-up assistant");
    // Opening the link sets nothing: the person's press of the button does.
    expect((await browser!.cookies()).map((c) => c.name)).toEqual([]);
    await p.getByRole("button", { name: "Log in" }).click();
    await p.waitForURL(`${worker.base}/dashboard`);
    await expect.poll(() => p.getByRole("heading", { name: "Your job search", level: 1 }).isVisible()).toBe(true);
    for (const company of [REJECTED_COMPANY, THANKED_COMPANY]) expect(await card(p, company).count(), company).toBe(1);
    const [session] = await browser!.cookies();
    expect(session).toMatchObject({ name: "__Host-session", httpOnly: true, secure: true, sameSite: "Strict", path: "/" });
    // The link worked once: a second press of Log in (the page still in history) is refused.
    await p.goBack();
    await p.getByRole("button", { name: "Log in" }).click();
    expect(await p.textContent("main")).toContain("This link has expired or was used.");
    await p.goto(`${worker.base}/dashboard`);
  });

  it("moves a card to rejected, confirmed by mail and on the page, and Undo moves it back", async () => {
    const p = await page();
    const rejectedColumn = p.locator('section[aria-labelledby="column-rejected"]');
    expect(await rejectedColumn.getByRole("link", { name: REJECTED_COMPANY, exact: true }).count()).toBe(0);

    const before = worker.sentMail.length;
    await card(p, REJECTED_COMPANY).locator('select[name="status"]').selectOption("rejected");
    await card(p, REJECTED_COMPANY).getByRole("button", { name: /^Save/ }).click();
    await p.waitForURL(`${worker.base}/dashboard`);
    const done = await notice(p).innerText();
    expect(done).toMatch(new RegExp(`^Done:\\n  - ${REJECTED_COMPANY} \\(.+\\): status .+ → rejected`));
    expect(done).toContain('Changed your mind? Use Undo, or reply "undo".');
    expect(await rejectedColumn.getByRole("link", { name: REJECTED_COMPANY, exact: true }).count()).toBe(1);
    const [confirmation] = await Promise.all((await worker.waitForMail(before, 1)).map((file) => PostalMime.parse(readFileSync(file))));
    expect(confirmation!.subject).toBe("Done");
    expect((confirmation!.text ?? "").trim().replace(/\r\n/g, "\n")).toBe(done.trim());

    // The page names the change in its own words, not as the command the form sent.
    expect(await p.locator("form.undo p").innerText()).toMatch(new RegExp(`^Undo reverses the latest change to ${REJECTED_COMPANY} \\(.+\\): Marked as rejected \\(you said so\\)$`));
    await p.getByRole("button", { name: "Undo", exact: true }).click();
    await p.waitForURL(`${worker.base}/dashboard`);
    expect(await notice(p).innerText()).toMatch(new RegExp(`^Undid: rejected — ${REJECTED_COMPANY} \\(.+\\): status .+ → rejected`));
    expect(await rejectedColumn.getByRole("link", { name: REJECTED_COMPANY, exact: true }).count()).toBe(0);
    expect(await card(p, REJECTED_COMPANY).count()).toBe(1);
  });

  it("marks a draft sent: it leaves the drafts to send", async () => {
    const p = await page();
    const markSent = p.locator("#send").getByRole("button", { name: new RegExp(`^Mark sent: Thank-you note: ${THANKED_COMPANY}`) });
    expect(await markSent.count()).toBe(1);
    await markSent.click();
    await p.waitForURL(`${worker.base}/dashboard`);
    expect(await notice(p).innerText()).toMatch(new RegExp(`^Done:\\n  - ${THANKED_COMPANY} \\(.+\\): thank-you note marked sent`));
    expect(await markSent.count()).toBe(0);
  });

  for (const width of [390, 1280] as const) {
    it(`reads at ${width} px without sideways scrolling; the screenshot is kept`, async () => {
      const p = await page();
      await p.setViewportSize({ width, height: HEIGHT_PX });
      await p.goto(`${worker.base}/dashboard`);
      await expect.poll(() => p.getByRole("heading", { name: "Your job search", level: 1 }).isVisible()).toBe(true);
      const innerWidth = Number(await p.evaluate("window.innerWidth"));
      expect(innerWidth).toBe(width);
      expect(Number(await p.evaluate("document.documentElement.scrollWidth"))).toBeLessThanOrEqual(innerWidth);
      // The page's own style sheet applied under the CSP: the body is not the browser's default serif.
      expect(String(await p.evaluate("getComputedStyle(document.body).fontFamily"))).toContain("system-ui");
      expect(pageProblems).toEqual([]);
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      await p.screenshot({ path: path.join(ARTIFACTS_DIR, `dashboard-${width}px.png`), fullPage: true });
      if (UPDATE_SCREENSHOTS) {
        mkdirSync(SCREENSHOTS_DIR, { recursive: true });
        await p.screenshot({ path: path.join(SCREENSHOTS_DIR, `dashboard-${width}.png`) });
      }
    });
  }

  it("shows the calendar's address with how to subscribe, which serves the feed", async () => {
    const p = await page();
    await p.setViewportSize({ width: 390, height: HEIGHT_PX });
    await p.goto(`${worker.base}/dashboard`);
    const calendar = p.locator("details", { has: p.locator("summary", { hasText: "Your interview calendar" }) });
    await calendar.locator("summary").click();
    const address = await p.locator("#calendar-url").inputValue();
    expect(address).toMatch(/\/cal\/[a-z2-7]{40}\.ics$/);
    const feed = await fetch(address);
    expect(feed.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(await feed.text()).toContain("BEGIN:VEVENT");
    mkdirSync(ARTIFACTS_DIR, { recursive: true });
    await calendar.screenshot({ path: path.join(ARTIFACTS_DIR, "dashboard-calendar.png") });
    if (UPDATE_SCREENSHOTS) await calendar.screenshot({ path: path.join(SCREENSHOTS_DIR, "calendar.png") });
  });
});

