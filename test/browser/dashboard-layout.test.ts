/**
 * The private page's HTML in a real browser engine: Debian's headless Chromium, driven by
 * playwright-core, at a phone width (390 px) and a desktop width (1280 px), for the overview,
 * one board column and one application's page, rendered from fixture data
 * (test/unit/dashboard/fixture.ts) with long names, links and addresses. Checks that nothing
 * scrolls sideways, that axe-core (node_modules/axe-core) finds no serious or critical
 * violation, that the page loads nothing, and that it works without JavaScript. Screenshots go
 * to test-artifacts/ (git-ignored) for a person to look at. The login and the actions are
 * tested end to end in test/browser/dashboard.test.ts.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { buildDashboard, type DashboardData, type DashboardInput, type DashboardView } from "../../src/db/dashboard.ts";
import { renderDashboard } from "../../src/http/dashboard/page.tsx";
import { searchInput } from "../unit/dashboard/fixture.ts";
import { CHROMIUM_ARGS, findChromium } from "../helpers/chromium.ts";

const ROOT = path.join(import.meta.dirname, "..", "..");
const ARTIFACTS_DIR = path.join(ROOT, "test-artifacts");
const AXE_PATH = path.join(ROOT, "node_modules", "axe-core", "axe.min.js");
const WIDTHS_PX = [390, 1280] as const;
const HEIGHT_PX = 900;

const LONG_COMPANY = "Compañía Sudamericana de Logística Integral y Transportes Multimodales S.A.";
const LONG_ROLE = "Principal Site Reliability Engineer, Payments Platform (Remote, EMEA)";
const LONG_URL = `https://video.brightfjord.example/meeting/join?id=8841-2209-77&token=${"k".repeat(40)}${"Zq9".repeat(60)}`;
const LONG_ADDRESS = "oystein.dahl.senior.engineering.manager@brightfjord-logistics-platform-division.example";

const OPTIONS = {
  csrfToken: "q3W9xk2bVb0nS1l8a6PpR4tY7uH2eJ5cD0fG3hK6mN9",
  notice: ["Done:", `  - ${LONG_COMPANY} (${LONG_ROLE}): status waiting → rejected`, "", 'Changed your mind? Use Undo, or reply "undo".'],
  calendarUrl: "https://assistant.example.com/calendar/0123456789abcdef0123456789abcdef0123456789abcdef.ics",
  nonce: "t3stn0nc3",
};

/** A search of 60 applications where the first interviewing one has every long value at once. */
function longValuesInput(view: DashboardView): { input: DashboardInput; applicationId: number } {
  const input = searchInput(60, view);
  const { records } = input;
  const target = records.applications.find((a) => a.status === "interviewing")!;
  return {
    applicationId: target.id,
    input: {
      ...input,
      records: {
        ...records,
        applications: records.applications.map((a) =>
          a.id === target.id ? { ...a, company: LONG_COMPANY, role: LONG_ROLE, contactEmail: LONG_ADDRESS, notes: ["Ask about the on-call rotation and the failover drills"] } : a,
        ),
        interviews: records.interviews.map((i) =>
          i.applicationId === target.id ? { ...i, meetingUrl: LONG_URL, timeZone: "America/Los_Angeles", interviewers: [{ name: "Øystein Dahl", email: LONG_ADDRESS }, { name: "李娜", email: "li.na@brightfjord.example" }] } : i,
        ),
      },
    },
  };
}

function pageData(view: DashboardView): DashboardData {
  const { input } = longValuesInput(view);
  const data = buildDashboard(input);
  if (!data) throw new Error("no such page in the fixture");
  return data;
}

const TARGET_ID = longValuesInput({ kind: "overview" }).applicationId;
const PAGES: readonly { name: string; view: DashboardView; headings: string[]; texts: string[] }[] = [
  {
    name: "overview",
    view: { kind: "overview" },
    headings: ["Your job search", "Follow-ups to send", "Upcoming interviews", "Applications", "Latest changes", "How the search is going", "Settings"],
    texts: [LONG_COMPANY, "status waiting → rejected"],
  },
  { name: "column", view: { kind: "status", status: "rejected", page: 1 }, headings: ["Rejected: 24 applications"], texts: ["Back to the overview"] },
  { name: "application", view: { kind: "application", applicationId: TARGET_ID }, headings: [`${LONG_COMPANY} (${LONG_ROLE})`, "Interviews", "Timeline"], texts: [LONG_URL, LONG_ADDRESS] },
];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

describe("the private page in headless Chromium", () => {
  let launched: Promise<Browser> | null = null;

  /** Started by the first test rather than in beforeAll, so a missing Chromium fails each test with the reason. */
  function openBrowser(): Promise<Browser> {
    if (launched === null) {
      mkdirSync(ARTIFACTS_DIR, { recursive: true });
      launched = chromium.launch({ executablePath: findChromium(), headless: true, args: CHROMIUM_ARGS });
    }
    return launched;
  }

  afterAll(async () => {
    if (launched !== null) await (await launched).close();
  });

  async function openPage(html: string, width: number, javaScriptEnabled = true): Promise<{ page: Page; requests: string[]; close: () => Promise<void> }> {
    const context = await (await openBrowser()).newContext({ viewport: { width, height: HEIGHT_PX }, javaScriptEnabled });
    const page = await context.newPage();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(request.url()));
    await page.setContent(html, { waitUntil: "load" });
    return { page, requests, close: () => context.close() };
  }

  for (const { name, view, headings, texts } of PAGES) {
    for (const width of WIDTHS_PX) {
      it(`${name} at ${width} px: readable, no sideways scroll, nothing loaded, no serious accessibility violation`, async () => {
        const { page, requests, close } = await openPage(renderDashboard(pageData(view), OPTIONS), width);
        try {
          for (const heading of headings) expect(await page.getByRole("heading", { name: heading, exact: true }).isVisible(), heading).toBe(true);
          for (const text of texts) expect(await page.getByText(text, { exact: false }).first().isVisible(), text).toBe(true);
          const scrollWidth = Number(await page.evaluate("document.documentElement.scrollWidth"));
          expect(Number(await page.evaluate("window.innerWidth"))).toBe(width);
          expect(scrollWidth).toBeLessThanOrEqual(width);
          expect(requests.filter((url) => !url.startsWith("about:") && !url.startsWith("data:"))).toEqual([]);

          await page.screenshot({ path: path.join(ARTIFACTS_DIR, `dashboard-${name}-${width}.png`), fullPage: true });

          expect(await seriousViolations(page)).toEqual([]);
        } finally {
          await close();
        }
      });
    }
  }

  it("the accessibility check does find a serious violation: a status choice without its label", async () => {
    const html = renderDashboard(pageData({ kind: "application", applicationId: TARGET_ID }), OPTIONS);
    const unlabelled = html.replace(`<label for="status-${TARGET_ID}">Change status</label>`, "");
    expect(unlabelled).not.toBe(html);
    const { page, close } = await openPage(unlabelled, 390);
    try {
      expect((await seriousViolations(page)).join("\n")).toContain(`select-name (critical)`);
    } finally {
      await close();
    }
  });

  it("on a phone the board's columns stack, one above the other, and each card fits the screen", async () => {
    const { page, close } = await openPage(renderDashboard(pageData({ kind: "overview" }), OPTIONS), 390);
    try {
      const columns = page.locator(".board > section");
      expect(await columns.count()).toBe(7);
      const boxes = await Promise.all([0, 1, 2].map(async (i) => (await columns.nth(i).boundingBox())!));
      expect(boxes[1]!.y).toBeGreaterThan(boxes[0]!.y + boxes[0]!.height - 1);
      expect(boxes[1]!.x).toBe(boxes[0]!.x);
      for (const box of boxes) expect(box.x + box.width).toBeLessThanOrEqual(390);
    } finally {
      await close();
    }
  });

  it("works without JavaScript: the drafts are selectable text, every action a form, and the Copy buttons stay hidden", async () => {
    const html = renderDashboard(pageData({ kind: "overview" }), OPTIONS);
    const withoutScript = await openPage(html, 390, false);
    try {
      const { page } = withoutScript;
      const text = page.locator("textarea[readonly]").first();
      expect(await text.isVisible()).toBe(true);
      expect(await text.inputValue()).toMatch(/\S/);
      expect(await page.getByRole("button", { name: "Copy text" }).first().isVisible()).toBe(false);
      expect(await page.getByRole("button", { name: /^Mark sent/ }).first().isVisible()).toBe(true);
      expect(await page.getByRole("button", { name: "Undo", exact: true }).isVisible()).toBe(true);
      expect(await page.getByRole("link", { name: "Open in mail" }).first().getAttribute("href")).toMatch(/^mailto:/);
    } finally {
      await withoutScript.close();
    }
    const withScript = await openPage(html, 390, true);
    try {
      expect(await withScript.page.getByRole("button", { name: "Copy text" }).first().isVisible()).toBe(true);
    } finally {
      await withScript.close();
    }
  });

  it("shows a visible outline on the focused control", async () => {
    const { page, close } = await openPage(renderDashboard(pageData({ kind: "overview" }), OPTIONS), 1280);
    try {
      await page.keyboard.press("Tab");
      await page.keyboard.press("Tab");
      const outline = String(await page.evaluate("getComputedStyle(document.activeElement).outlineStyle + ' ' + getComputedStyle(document.activeElement).outlineWidth"));
      expect(outline).toBe("solid 3px");
    } finally {
      await close();
    }
  });
});

/** axe-core's serious and critical violations on the page, one line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = (await page.evaluate("axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations)")) as AxeViolation[];
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

