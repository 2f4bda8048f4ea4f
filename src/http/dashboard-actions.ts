/**
 * The private page behind its session: the page itself, and its actions, which are the reply
 * commands by other means. Each action builds the `Command` a reply would hold (a bare "done",
 * "rejected", "timezone Europe/Berlin", …) with a one-item target naming the draft or the
 * application the button belongs to, keeps the action as an inbound row of channel "page"
 * (src/db/page-actions.ts), and runs it through src/command-runner.ts, as a reply is run: the
 * same plan, the same batch with its events and inverses, the same confirmation. The owner gets
 * the confirmation by mail, as after a reply, and the page shows its lines once (`notice`);
 * Undo (the page's, or a reply "undo") reverses the change like a reply's.
 *
 * What is checked here before anything is kept: that the draft or application is the owner's
 * and visible, and that the action would change something (a draft already sent, or a status
 * the application already has, answers "Nothing changed" without a second event, so a form
 * posted twice is not undone twice).
 *
 * Settings go through the reply parser itself: the form's changed fields become the lines a
 * reply would hold ("timezone Europe/Berlin", "digest 07:30", …), so the page accepts exactly
 * what a reply accepts, with the same explanations when it does not.
 *
 * Every answer is 303 → /dashboard (or → /logged-out for "Log out"), so reloading the page
 * never posts again.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import * as z from "zod/mini";
import { describeCommand, parseReply, type Command } from "../core/commands/parse.ts";
import type { CommandTarget } from "../core/commands/plan.ts";
import { parseSettings } from "../core/follow-ups/settings.ts";
import { toLocalDate } from "../core/time/business-days.ts";
import { runCommands, sendAnswer } from "../command-runner.ts";
import { loadCommandState } from "../db/commands.ts";
import { loadDashboard, type DashboardView } from "../db/dashboard.ts";
import { storePageAction } from "../db/page-actions.ts";
import { revokeSession } from "../db/sessions.ts";
import { calendarFeedUrlFor } from "../mailer.ts";
import { parseDashboardView, renderDashboard } from "./dashboard/page.tsx";
import { clearSessionCookie, LOGGED_OUT_PATH, nonceOf, requireCsrfToken, requireSession, setNotice, takeNotice, type PageEnv } from "./session.ts";

const DASHBOARD_PATH = "/dashboard";

/** An id as the page writes it; anything else names nothing. */
const Id = z.pipe(z.string().check(z.regex(/^[1-9][0-9]{0,14}$/)), z.transform(Number));

/** The status form's choices, and the command each is. */
const STATUS_COMMANDS = {
  rejected: { kind: "rejected", items: [], company: null },
  offer: { kind: "offer", items: [], company: null },
  withdrawn: { kind: "withdraw", items: [], company: null },
  heard_back: { kind: "heard_back", items: [], company: null },
} as const satisfies Record<string, Command>;
type StatusChoice = keyof typeof STATUS_COMMANDS;

function isStatusChoice(value: unknown): value is StatusChoice {
  return typeof value === "string" && Object.hasOwn(STATUS_COMMANDS, value);
}

type PageContext = Context<PageEnv>;

/** Back to the page, with a notice for it to show once. */
function backWith(c: PageContext, notice: readonly string[]) {
  setNotice(c, notice);
  return c.redirect(DASHBOARD_PATH, 303);
}

function nothingChanged(c: PageContext, why: string) {
  return backWith(c, [`Nothing changed: ${why}`]);
}

/**
 * Keeps the action, runs its commands as a reply's would be, and mails the confirmation when it
 * changed something; the page shows the same lines.
 */
async function runFromPage(c: PageContext, commands: readonly Command[], target: CommandTarget) {
  const deps = c.get("deps");
  const { user } = c.get("session");
  const row = await storePageAction(deps.db, user, commands.map(describeCommand).join("; "), deps.now);
  const answer = await runCommands(deps, user, row, commands, target, "page");
  if (answer.changed) await sendAnswer(deps, user, row, answer.subject, answer.text);
  return backWith(c, answer.text.split("\n"));
}

/** The draft's follow-up, when it is the owner's and its application visible. */
async function findDraft(c: PageContext) {
  const id = Id.safeParse(c.req.param("id"));
  if (!id.success) return null;
  const state = await loadCommandState(c.get("deps").db, c.get("session").user.id);
  const followUp = state.followUps.find((f) => f.id === id.data);
  return followUp && state.apps.some((a) => a.id === followUp.applicationId) ? followUp : null;
}

async function draftAction(c: PageContext, command: Command) {
  const followUp = await findDraft(c);
  if (followUp === null) return nothingChanged(c, "that draft is no longer there. The page below is up to date.");
  if (followUp.state !== "pending" && followUp.state !== "shown") return nothingChanged(c, `that draft is already ${followUp.state === "sent" ? "marked sent" : followUp.state}.`);
  const today = toLocalDate(c.get("deps").now.getTime(), c.get("session").user.timeZone);
  return runFromPage(c, [command], { kind: "digest", localDate: today, items: [{ number: 1, followUpId: followUp.id, applicationId: followUp.applicationId }] });
}

async function renderView(c: PageContext, view: DashboardView | null) {
  const deps = c.get("deps");
  const { user } = c.get("session");
  const data = view === null ? null : await loadDashboard(deps.db, user, deps.now, view);
  if (data === null) throw new HTTPException(404, { message: "There is no such page. Go back to /dashboard." });
  const html = renderDashboard(data, { csrfToken: c.get("csrfToken"), notice: takeNotice(c), calendarUrl: await calendarFeedUrlFor(deps.config, user), nonce: nonceOf(c) });
  return c.html(html);
}

export const dashboardPages = new Hono<PageEnv>()
  .use(requireSession)
  .use(requireCsrfToken)
  .get("/", (c) => renderView(c, parseDashboardView({ status: c.req.query("status"), page: c.req.query("page") })))
  .get("/applications/:id", (c) => renderView(c, parseDashboardView({}, c.req.param("id"))))
  .post("/follow-ups/:id/sent", (c) => draftAction(c, { kind: "done", items: [] }))
  .post("/follow-ups/:id/skip", (c) => draftAction(c, { kind: "skip", items: [] }))
  .post("/applications/:id/status", async (c) => {
    const form = await c.req.parseBody();
    const choice = form.status;
    if (!isStatusChoice(choice)) return nothingChanged(c, "choose one of the statuses offered.");
    const id = Id.safeParse(c.req.param("id"));
    const deps = c.get("deps");
    const state = await loadCommandState(deps.db, c.get("session").user.id);
    const app = id.success ? state.apps.find((a) => a.id === id.data) : undefined;
    if (!app) return nothingChanged(c, "that application is no longer there. The page below is up to date.");
    if (choice !== "heard_back" && app.status === choice) return nothingChanged(c, `it is already ${choice}.`);
    return runFromPage(c, [STATUS_COMMANDS[choice]], { kind: "list", items: [{ number: 1, applicationId: app.id }] });
  })
  .post("/undo", (c) => runFromPage(c, [{ kind: "undo" }], { kind: "none" }))
  .post("/settings", async (c) => {
    const form = await c.req.parseBody();
    const { user } = c.get("session");
    const lines = settingsLines(user, {
      timeZone: typeof form.timezone === "string" ? form.timezone : null,
      digestTime: typeof form.digest_time === "string" ? form.digest_time : null,
      country: typeof form.country === "string" ? form.country : null,
      signature: typeof form.signature === "string" ? form.signature : null,
      paused: form.paused === "on",
    });
    if (lines.length === 0) return nothingChanged(c, "the settings are as they were.");
    const today = toLocalDate(c.get("deps").now.getTime(), user.timeZone);
    const parsed = parseReply(lines.join("\n"), { today, timeZone: user.timeZone });
    if (parsed.problems.length > 0) return backWith(c, ["Nothing changed:", ...parsed.problems.map((p) => `  - ${p.message}`)]);
    return runFromPage(c, parsed.commands, { kind: "none" });
  });

interface SettingsForm {
  timeZone: string | null;
  digestTime: string | null;
  country: string | null;
  signature: string | null;
  paused: boolean;
}

/**
 * The reply lines that would make the settings what the form says: one per field that differs
 * from what is stored. A field the form left out, or an empty signature, changes nothing.
 */
function settingsLines(user: PageEnv["Variables"]["session"]["user"], form: SettingsForm): string[] {
  const stored = parseSettings(user.settings);
  const lines: string[] = [];
  const timeZone = oneLine(form.timeZone);
  if (timeZone !== "" && timeZone !== user.timeZone) lines.push(`timezone ${timeZone}`);
  const digestTime = oneLine(form.digestTime);
  const storedTime = `${String(stored.digestHour).padStart(2, "0")}:${String(stored.digestMinute).padStart(2, "0")}`;
  if (digestTime !== "" && digestTime.padStart(5, "0") !== storedTime) lines.push(`digest ${digestTime}`);
  if (form.country !== null) {
    const country = oneLine(form.country).toUpperCase();
    if (country !== (user.country ?? "")) lines.push(`country ${country === "" ? "none" : country}`);
  }
  const signature = oneLine(form.signature);
  if (signature !== "" && signature !== stored.signature) lines.push(`signature: ${signature}`);
  if (form.paused !== user.paused) lines.push(form.paused ? "pause" : "resume");
  return lines;
}

/** A form field as one line of a reply: controls and line breaks become spaces. */
function oneLine(value: string | null): string {
  return (value ?? "").replace(/[\p{Cc}\u2028\u2029]+/gu, " ").replace(/\s+/g, " ").trim();
}

/** POST /logout: ends this browser's session; `logout` by reply ends every one. */
export const logoutPage = new Hono<PageEnv>()
  .use(requireSession)
  .use(requireCsrfToken)
  .post("/", async (c) => {
    const deps = c.get("deps");
    await revokeSession(deps.db, c.get("session").id, deps.now);
    clearSessionCookie(c);
    return c.redirect(LOGGED_OUT_PATH, 303);
  });
