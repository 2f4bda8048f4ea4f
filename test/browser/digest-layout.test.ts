/**
 * The digest's HTML in a real browser engine: Debian's headless Chromium, driven by
 * playwright-core, at a phone width (390 px) and a desktop width (1280 px). Checks that the key
 * texts are visible (tomorrow's interviews, a draft to check and the weekly look back included),
 * that nothing scrolls sideways, that the page loads nothing and runs no
 * script, and that the links survive HTML parsing. Screenshots go to test-artifacts/ (git-ignored)
 * for a person to look at. Install the browser with `bash scripts/ensure-chromium.sh`.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import type { DigestContent } from "../../src/core/digest/content.ts";
import { renderDigest } from "../../src/core/digest/render.ts";
import { renderPlainTextHtml } from "../../src/core/mail/html.ts";
import { decodeMailto } from "../helpers/decode-mailto.ts";
import { CHROMIUM_ARGS, findChromium } from "../helpers/chromium.ts";

const ARTIFACTS_DIR = path.join(import.meta.dirname, "..", "..", "test-artifacts");
const WIDTHS_PX = [390, 1280] as const;
const HEIGHT_PX = 900;

const REPLY = "assistant+b7q2x9@relay.example";
const LONG_TOKEN = "k".repeat(40) + "Zq9".repeat(60);
const LONG_BODY = [
  "Hi Øystein,",
  "",
  ...Array.from(
    { length: 12 },
    (_, i) => `Paragraph ${i + 1}: thank you again for walking me through how the routing service handles regional failover. `.repeat(2),
  ),
  "",
  "Best regards,",
  "Ana María Núñez",
].join("\n");

const CONTENT: DigestContent = {
  moreDrafts: 0,
  localDate: "2026-03-03",
  timeZone: "Europe/Madrid",
  interviews: [
    {
      startAt: Date.UTC(2026, 2, 3, 15, 30),
      startLocal: null,
      timeZone: "America/Los_Angeles",
      durationMin: 60,
      company: "Brightfjord Logistics",
      role: "Senior Platform Engineer",
      interviewers: [
        { name: "Øystein Dahl", email: "oystein.dahl@brightfjord.example" },
        { name: "李娜", email: "li.na@brightfjord.example" },
      ],
      format: "video",
      meetingUrl: `https://video.brightfjord.example/meeting/join?id=8841-2209-77&token=${LONG_TOKEN}&utm_source=calendar-invite-long-parameter`,
    },
  ],
  upcoming: [
    {
      startAt: Date.UTC(2026, 2, 4, 17, 0),
      startLocal: null,
      timeZone: "America/Argentina/Buenos_Aires",
      durationMin: 45,
      company: "Compañía Sudamericana de Logística Integral",
      role: "Principal Site Reliability Engineer, Payments Platform",
      interviewers: [],
      format: "video",
      meetingUrl: `https://acme.zoom.us/j/81234567890?pwd=${LONG_TOKEN}`,
    },
  ],
  upcomingUntil: "2026-03-04",
  drafts: [
    {
      number: 1,
      rule: "R1",
      company: "Lumen Robotics",
      role: "Backend Engineer",
      to: [{ name: "Zoë Brandt", email: "zoe.brandt@lumen-robotics-engineering-department.example" }],
      subject: "Thank you: Backend Engineer interview on Monday",
      body: "Hi Zoë,\n\nThank you for Monday's conversation about the fleet scheduler. I enjoyed [one point you discussed].\n\nBest,\nAna María",
      placeholders: ["[one point you discussed]"],
      dueAt: Date.UTC(2026, 2, 2, 15, 0),
      late: true,
      checks: [],
    },
    {
      number: 2,
      rule: "R4",
      company: "Orchard Pay",
      role: "Data Analyst",
      to: [
        { name: "Priya Natarajan", email: "priya@orchardpay.example" },
        { name: "Jonas Weiß", email: null },
      ],
      subject: "Checking in: Data Analyst role",
      body: `Hi Priya,\n\nI hope your week is going well. The case study link again, in case it helps: https://portfolio.example/case-studies/${LONG_TOKEN}\n\nBest,\nAna María`,
      placeholders: [],
      dueAt: Date.UTC(2026, 2, 3, 8, 0),
      late: false,
      checks: [
        {
          detail: "contact",
          shown: "Priya Natarajan <priya.natarajan.recruiting-operations@orchardpay-international.example>",
          reply: "contact: Priya Natarajan <priya.natarajan.recruiting-operations@orchardpay-international.example>",
        },
        { detail: "time", shown: "Mon 23 Feb 2026, 10:00 New York time (16:00 your time)", reply: "time: 2026-02-23 10:00 America/New_York" },
      ],
    },
    {
      number: 3,
      rule: "R1",
      company: "Brightfjord Logistics",
      role: "Senior Platform Engineer",
      to: [{ name: "Øystein Dahl", email: "oystein.dahl@brightfjord.example" }],
      subject: "Thank you for the failover deep dive",
      body: LONG_BODY,
      placeholders: [],
      dueAt: Date.UTC(2026, 2, 3, 16, 0),
      late: false,
      checks: [],
    },
    {
      number: 4,
      rule: "R8",
      company: "Kestrel Health",
      role: null,
      to: [],
      subject: "Thank you for letting me know",
      body: "Hello,\n\nThank you for your time and for letting me know. [Your name]",
      placeholders: ["[Your name]"],
      dueAt: Date.UTC(2026, 2, 3, 8, 0),
      late: false,
      checks: [],
    },
  ],
  waiting: [{ company: "Nordlicht Systeme GmbH", role: "Site Reliability Engineer", nextCheck: "2026-03-10", promisedBy: "2026-03-06" }],
  goneQuiet: [{ company: "Tidewater Analytics", role: "ML Engineer", lastHeard: "2026-01-20", suggestion: "Consider moving on; it stays on file if they write." }],
  undelivered: ["2026-03-02"],
  lookBack: {
    firstDay: "2026-02-24",
    lastDay: "2026-03-02",
    week: { applications: 3, interviews: 2, answers: 4, medianDaysToAnswer: 5.5, offers: 0, rejections: 1, goneQuiet: 1, followUpsSent: 6 },
    total: { applications: 41, interviews: 12, answers: 19, medianDaysToAnswer: 7.2, offers: 1, rejections: 9, goneQuiet: 4, followUpsSent: 57 },
  },
  replyAddress: REPLY,
};

describe("digest HTML in headless Chromium", () => {
  const digest = renderDigest(CONTENT);
  let launched: Promise<BrowserContext> | null = null;
  let userDataDir: string | null = null;

  /**
   * Started by the first test rather than in beforeAll, so a missing Chromium fails each test
   * with the reason instead of marking them skipped.
   */
  function openBrowser(): Promise<BrowserContext> {
    if (launched === null) {
      const executablePath = findChromium();
      userDataDir = mkdtempSync(path.join(tmpdir(), "digest-chromium-"));
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      launched = chromium.launchPersistentContext(userDataDir, {
        executablePath,
        headless: true,
        args: CHROMIUM_ARGS,
        viewport: { width: WIDTHS_PX[0], height: HEIGHT_PX },
      });
    }
    return launched;
  }

  afterAll(async () => {
    if (launched !== null) await (await launched).close();
    if (userDataDir !== null) rmSync(userDataDir, { recursive: true, force: true });
  });

  for (const width of WIDTHS_PX) {
    it(`reads at ${width} px: key texts visible, no horizontal scroll, nothing loaded or run`, async () => {
      const page = await (await openBrowser()).newPage();
      const requests: string[] = [];
      page.on("request", (request) => requests.push(request.url()));
      try {
        await page.setViewportSize({ width, height: HEIGHT_PX });
        await page.setContent(digest.html, { waitUntil: "load" });

        for (const text of [
          "Your digest for Tuesday 3 March 2026",
          "Today's interviews",
          "Tomorrow's interviews",
          "Compañía Sudamericana de Logística Integral, Principal Site Reliability Engineer, Payments Platform",
          "Send today",
          "Check before sending:",
          'Is the contact "Priya Natarajan',
          "1. Thank-you note: Lumen Robotics, Backend Engineer",
          "3. Thank-you note: Brightfjord Logistics, Senior Platform Engineer",
          "4. Reply to their decision: Kestrel Health",
          "Waiting on them",
          "Gone quiet",
          "Looking back",
          "The past week, Tue 24 Feb to Mon 2 Mar:",
          "19 answers from employers; a typical wait of 7 days",
          "How to reply",
        ]) {
          expect(await isTextVisible(page, text), text).toBe(true);
        }
        expect(await isTextVisible(page, "Øystein Dahl <oystein.dahl@brightfjord.example>, 李娜 <li.na@brightfjord.example>")).toBe(true);
        expect(await page.getByText("LATE", { exact: true }).isVisible()).toBe(true);
        expect(await page.getByText("CHECK BEFORE SENDING", { exact: true }).isVisible()).toBe(true);
        expect(await page.getByText("No address known for Jonas Weiß: add it in your mail app.").isVisible()).toBe(true);

        const scrollWidth = Number(await page.evaluate("document.documentElement.scrollWidth"));
        const innerWidth = Number(await page.evaluate("window.innerWidth"));
        expect(innerWidth).toBe(width);
        expect(scrollWidth).toBeLessThanOrEqual(innerWidth);

        expect(await page.evaluate("document.scripts.length")).toBe(0);
        expect(requests.filter((url) => !url.startsWith("about:") && !url.startsWith("data:"))).toEqual([]);

        await page.screenshot({ path: path.join(ARTIFACTS_DIR, `digest-${width}px.png`), fullPage: true });
      } finally {
        await page.close();
      }
    });
  }

  it("keeps the links intact through HTML parsing: the draft opens pre-filled, the long one falls back to its subject", async () => {
    const page = await (await openBrowser()).newPage();
    try {
      await page.setContent(digest.html, { waitUntil: "load" });
      const openLinks = page.getByRole("link", { name: /^Open (it ready to send|it to fill in and send|it to check and send|with recipient and subject)$/ });
      const hrefs = await Promise.all((await openLinks.all()).map((link) => link.getAttribute("href")));
      expect(hrefs.map((href) => decodeMailto(href!))).toEqual([
        { to: ["zoe.brandt@lumen-robotics-engineering-department.example"], fields: { subject: CONTENT.drafts[0]!.subject, body: crlf(CONTENT.drafts[0]!.body) } },
        { to: ["priya@orchardpay.example"], fields: { subject: CONTENT.drafts[1]!.subject, body: crlf(CONTENT.drafts[1]!.body) } },
        { to: ["oystein.dahl@brightfjord.example"], fields: { subject: CONTENT.drafts[2]!.subject } },
        { to: [], fields: { subject: CONTENT.drafts[3]!.subject, body: crlf(CONTENT.drafts[3]!.body) } },
      ]);
      const markSent = await page.getByRole("link", { name: "Mark 2 as sent" }).getAttribute("href");
      expect(decodeMailto(markSent!)).toEqual({ to: [REPLY], fields: { subject: "Digest 2026-03-03: done 2", body: "done 2" } });
      expect(await page.getByRole("link", { name: "Open it to check and send" }).count()).toBe(1);
      // Tomorrow's interview links only its join link on a known meeting host.
      expect(await page.getByRole("link", { name: `https://acme.zoom.us/j/81234567890?pwd=${LONG_TOKEN}` }).count()).toBe(1);
    } finally {
      await page.close();
    }
  });
});

/** Links a recruiter could write, in every place of a digest that shows their text. */
const HOSTILE_CONTENT: DigestContent = {
  ...CONTENT,
  interviews: [
    { ...CONTENT.interviews[0]!, meetingUrl: "https://acme.zoom.us/j/81234567890?pwd=abc", interviewers: [{ name: "Eve \u202egpj.exe\u202c", email: "eve@evil.example" }] },
    { ...CONTENT.interviews[0]!, company: "www.evil.example", meetingUrl: "https://zoom.us.evil.example/j/1" },
  ],
  upcoming: [{ ...CONTENT.upcoming[0]!, company: "evil.example", meetingUrl: "https://zoom.us.evil.example/j/2" }],
  drafts: [{ ...CONTENT.drafts[1]!, number: 1, body: "Hi,\n\nSee https://evil.example/login and javascript:alert(1)//https://evil.example/x before Friday.\n\nBest" }],
  waiting: [{ company: "evil.example", role: null, nextCheck: null, promisedBy: "check http://evil.example/status or mail hr@evil.example" }],
};

/** Every anchor's href, and every text node outside an anchor in which a mail app could find a link. */
async function readLinks(page: Page): Promise<{ hrefs: string[]; linkableText: string[] }> {
  return (await page.evaluate(`(() => {
    const hrefs = [...document.querySelectorAll("a")].map((a) => a.getAttribute("href"));
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const linkableText = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement.closest("a") && /\\S[.:@]\\S/.test(node.data)) linkableText.push(node.data);
    }
    return { hrefs, linkableText };
  })()`)) as { hrefs: string[]; linkableText: string[] };
}

describe("recruiter links in headless Chromium", () => {
  let launched: Promise<BrowserContext> | null = null;
  let userDataDir: string | null = null;

  function openBrowser(): Promise<BrowserContext> {
    if (launched === null) {
      userDataDir = mkdtempSync(path.join(tmpdir(), "links-chromium-"));
      launched = chromium.launchPersistentContext(userDataDir, { executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
    }
    return launched;
  }

  afterAll(async () => {
    if (launched !== null) await (await launched).close();
    if (userDataDir !== null) rmSync(userDataDir, { recursive: true, force: true });
  });

  it("the digest has no anchor but the known meeting link and its own mailto: links, and no text a mail app could link", async () => {
    const page = await (await openBrowser()).newPage();
    try {
      await page.setContent(renderDigest(HOSTILE_CONTENT).html, { waitUntil: "load" });
      const { hrefs, linkableText } = await readLinks(page);
      expect(hrefs.filter((href) => !href.startsWith("mailto:"))).toEqual(["https://acme.zoom.us/j/81234567890?pwd=abc"]);
      expect(linkableText).toEqual([]);
      // Shown, readable and copyable as the recruiter wrote it.
      const body = String(await page.evaluate("document.body.innerText"));
      for (const text of ["See https://evil.example/login and javascript:alert(1)//https://evil.example/x before Friday.", "https://zoom.us.evil.example/j/1", "www.evil.example", "check http://evil.example/status or mail hr@evil.example", "Eve gpj.exe <eve@evil.example>"]) {
        expect(body, text).toContain(text);
      }
      expect(body).not.toMatch(/[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/);
    } finally {
      await page.close();
    }
  });

  it("a confirmation has no anchor but the known meeting link, and no text a mail app could link", async () => {
    const page = await (await openBrowser()).newPage();
    try {
      const text = [
        "Contact:   Dana \u202egpj.exe\u202c Whitcombe <dana@quillfeather.example>",
        "Join:      https://meet.google.com/abc-defg-hij",
        'They said: "We will reply within a week, details at javascript:alert(document.domain)//https://evil.example/next."',
      ].join("\n");
      await page.setContent(renderPlainTextHtml(text), { waitUntil: "load" });
      const { hrefs, linkableText } = await readLinks(page);
      expect(hrefs).toEqual(["https://meet.google.com/abc-defg-hij"]);
      expect(linkableText).toEqual([]);
      expect(String(await page.evaluate("document.body.innerText"))).toBe(text.replace(/[\u202c\u202e]/g, ""));
    } finally {
      await page.close();
    }
  });
});

async function isTextVisible(page: Page, text: string): Promise<boolean> {
  const matches = page.getByText(text, { exact: false });
  return (await matches.count()) > 0 && (await matches.first().isVisible());
}

function crlf(text: string): string {
  return text.replaceAll("\n", "\r\n");
}
