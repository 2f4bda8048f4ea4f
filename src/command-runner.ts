/**
 * Runs the owner's commands, wherever they were given: in a reply to the assistant's mail
 * (src/email/commands.ts) or on the private page (src/http/dashboard-actions.ts). Both build
 * `Command`s and a `CommandTarget`, and this one path plans them (src/core/commands/plan.ts),
 * applies the changes with their events and inverses in one batch against the inbound row that
 * carried them, refreshes follow-ups, and writes the answer: the same "Done: …" lines whichever
 * way the command came. `sendAnswer` mails it.
 *
 * Every change is an event with its inverse, recorded against its inbound row (a reply, or a
 * page action's row), so `undo` — a reply or the page's button — reverses the last change
 * exactly, whichever way that change was made.
 */
import { describeCommands, type Command } from "./core/commands/parse.ts";
import { labelOf, onlyEndsSessions, planCommands, type CommandTarget, type LinkRequest, type PlannedChange } from "./core/commands/plan.ts";
import { describeDay, describeFollowUpKind, describeStatus } from "./core/applications/words.ts";
import { findDigestShowing, type DigestSchedule } from "./core/digest/schedule.ts";
import { parseSettings } from "./core/follow-ups/settings.ts";
import { renderPlainTextHtml } from "./core/mail/html.ts";
import type { UserPreferences } from "./core/applications/inverse.ts";
import { changeStatements, effectStatements, findLastChange, loadCommandState, undoStatements } from "./db/commands.ts";
import { describeUndoableChange } from "./core/commands/history-words.ts";
import { findPreviousCommand, getInbound, markInbound, recordOutbound, type InboundRow, type OutboundKind } from "./db/messages.ts";
import { runBatch } from "./db/client.ts";
import { addressGenerationsOf, GENERATION_COLUMNS, type UserRow } from "./db/users.ts";
import { refreshFollowUps } from "./db/follow-ups.ts";
import { createLoginLink, LOGIN_LINK_TTL_MS } from "./db/sessions.ts";
import type { Deps } from "./deps.ts";
import { calendarFeedUrlFor, classifySendError, forwardingAddressFor, isSafeMessageId, replyAddressFor } from "./mailer.ts";

/** The numbered applications of a `list` answer, kept with the mail so a reply's numbers find them. */
export type ListItems = Extract<CommandTarget, { kind: "list" }>["items"];

/** Where the commands were given: it changes only how the answer says to undo. */
export type CommandChannel = "reply" | "page";

export interface CommandAnswer {
  /** The state the inbound row was left in. */
  state: "understood" | "not_understood";
  /** Whether anything was changed or undone: a change is always confirmed by mail. */
  changed: boolean;
  subject: string;
  text: string;
  items?: ListItems;
  /** Links the answer holds that the assistant made (a login link, the calendar's address): links in its HTML too. */
  ownLinks?: string[];
}

const UNDO_HINTS: Readonly<Record<CommandChannel, { afterChange: string; afterUndo: string; again: string }>> = {
  reply: {
    afterChange: 'Changed your mind? Reply "undo".',
    afterUndo: 'Reply "undo" again to undo the change before it.',
    again: 'To undo that, reply "undo" again.',
  },
  page: {
    afterChange: 'Changed your mind? Use Undo, or reply "undo".',
    afterUndo: 'Use Undo again, or reply "undo", to undo the change before it.',
    again: 'To undo that, use Undo again, or reply "undo".',
  },
};

/**
 * Plans `commands` against `target`, applies them, and returns the answer to give. The inbound
 * row is marked handled in the same batch as the changes (see `markHandled`); when nothing
 * changes, it is marked before the caller answers.
 */
export async function runCommands(deps: Deps, user: UserRow, row: InboundRow, commands: readonly Command[], target: CommandTarget, channel: CommandChannel): Promise<CommandAnswer> {
  const { db } = deps;
  const hints = UNDO_HINTS[channel];
  const state = await loadCommandState(db, user.id);
  const preferences: UserPreferences = { timeZone: user.timeZone, country: user.country, paused: user.paused, settings: (user.settings as Record<string, unknown>) ?? {} };
  const plan = planCommands({
    commands,
    target,
    apps: state.apps,
    followUps: state.followUps,
    interviews: state.interviews,
    user: preferences,
    addressGenerations: addressGenerationsOf(user),
    now: deps.now.getTime(),
  });

  switch (plan.kind) {
    case "help":
      await markInbound(db, row.id, { state: "understood" });
      return { state: "understood", changed: false, subject: "How to reply", text: describeCommands() };
    case "list": {
      // Read before the row is marked handled: a failed read leaves it to the retry.
      const overview = await describeOpenApplications(deps, user);
      await markInbound(db, row.id, { state: "understood" });
      return { state: "understood", changed: false, subject: "Your open applications", text: overview.text, items: overview.items };
    }
    case "links": {
      const { lines, urls } = await describeLinks(deps, user, plan.links);
      await markInbound(db, row.id, { state: "understood" });
      return { state: "understood", changed: false, subject: plan.links.includes("dashboard") ? "Your link to log in" : "Your calendar", text: lines.join("\n"), ownLinks: urls };
    }
    case "problems":
      await markInbound(db, row.id, { state: "not_understood", problem: plan.problems.join("; ") });
      return { state: "not_understood", changed: false, subject: "Nothing changed", text: ["Nothing changed:", ...plan.problems.map((p) => `  - ${p}`)].join("\n") };
    case "undo": {
      const last = await findLastChange(db, user.id, row.id);
      if (!last) {
        await markInbound(db, row.id, { state: "understood" });
        return { state: "understood", changed: false, subject: "Nothing to undo", text: "There is no change left to undo." };
      }
      const source = await getInbound(db, last.inboundMessageId);
      const undone = describeUndoableChange(last.payloads, source);
      // A reply "undo" just after a reply that changed nothing most likely means that one, so
      // the change before it is named, not reversed silently. The page's Undo button says what
      // it means.
      const previous = channel === "reply" ? await findPreviousCommand(db, user.id, row.id) : null;
      if (previous?.state === "not_understood" && previous.id !== last.inboundMessageId) {
        await markInbound(db, row.id, { state: "understood" });
        const text = [
          "Nothing changed. Your last reply was not understood, so it changed nothing and there is nothing of it to undo.",
          "",
          "The last change still in force is:",
          ...undone.map((line) => `  - ${line}`),
          "",
          hints.again,
        ].join("\n");
        return { state: "understood", changed: false, subject: "Nothing undone", text };
      }
      await runBatch(db, [...(await undoStatements(db, user.id, last, deps.now)), ...markHandled(deps, user, row)]);
      await refreshAfterChange(deps, user, row);
      const head = undone.length === 1 ? [`Undid: ${undone[0]}`] : ["Undid:", ...undone.map((line) => `  - ${line}`)];
      return { state: "understood", changed: true, subject: "Undone", text: [...head, "", hints.afterUndo].join("\n") };
    }
    case "changes": {
      await runBatch(db, [...changeStatements(db, user.id, row.id, plan.changes, deps.now), ...markHandled(deps, user, row)]);
      const updatedUser = applyPreferences(user, plan.changes);
      const refreshed = await refreshAfterChange(deps, updatedUser, row);
      const lines = ["Done:", ...plan.changes.map((c) => `  - ${c.summary}`)];
      const next = refreshed ? nextDates(plan.changes, refreshed.records, state.apps, scheduleOf(updatedUser), deps.now.getTime()) : [];
      if (next.length > 0) lines.push("", "What happens next:", ...next);
      if (updatedUser.forwardingGeneration !== user.forwardingGeneration) {
        lines.push("", `Your new private forwarding address: ${await forwardingAddressFor(deps.config, updatedUser)}`, "Put it in your mailbox's forwarding rule; mail to the old one is refused.");
      }
      const links: LinkRequest[] = updatedUser.calendarGeneration !== user.calendarGeneration ? [...new Set([...plan.links, "calendar" as const])] : plan.links;
      const asked = links.length > 0 ? await describeLinks(deps, updatedUser, links) : { lines: [], urls: [] };
      if (asked.lines.length > 0) lines.push("", ...asked.lines);
      // Sessions ended stay ended (an undo bringing a lost device's session back would defeat the point).
      lines.push("", plan.irreversible ? "Deleting cannot be undone." : onlyEndsSessions(plan.changes) ? 'Logging out is not undone by "undo": reply "dashboard" for a new link to log in.' : hints.afterChange);
      return { state: "understood", changed: plan.changes.length > 0, subject: "Done", text: lines.join("\n"), ownLinks: asked.urls };
    }
  }
}

/**
 * Marks the row handled in the same batch as its changes. Were it a separate write, a fault
 * between the two would leave a reply "stored" with its changes applied, and the sender's retry
 * would apply them again (a second event; a second undo undoing one change too many).
 */
function markHandled(deps: Deps, user: UserRow, row: InboundRow) {
  return effectStatements(deps.db, user.id, { op: "set_message_state", inboundId: row.id, state: "understood" }, deps.now);
}

/**
 * Recomputes follow-ups after a change that is already committed. A failure is logged, not
 * thrown: the row is marked handled, so a retry would do nothing, and the next digest
 * recomputes follow-ups anyway. Null when it failed.
 */
async function refreshAfterChange(deps: Deps, user: UserRow, row: InboundRow): Promise<Awaited<ReturnType<typeof refreshFollowUps>> | null> {
  try {
    return await refreshFollowUps(deps.db, user, deps.now);
  } catch (error) {
    console.error(JSON.stringify({ event: "follow_up_refresh_failed", inboundId: row.id, error: error instanceof Error ? error.message : String(error) }));
    return null;
  }
}

function applyPreferences(user: UserRow, changes: readonly PlannedChange[]): UserRow {
  let updated = user;
  for (const change of changes) {
    for (const effect of change.effects) {
      if (effect.op === "set_user") updated = { ...updated, timeZone: effect.preferences.timeZone, country: effect.preferences.country, paused: effect.preferences.paused, settings: effect.preferences.settings };
      if (effect.op === "set_address_generation") updated = { ...updated, [GENERATION_COLUMNS[effect.address]]: effect.generation };
    }
  }
  return updated;
}

type StoredRecords = Awaited<ReturnType<typeof refreshFollowUps>>["records"];

export function scheduleOf(user: UserRow): DigestSchedule {
  return { timeZone: user.timeZone, settings: parseSettings(user.settings), paused: user.paused };
}

/**
 * An application's next draft, and the digest that will show it: the stored drafts as the
 * change left them (snoozes included), dated by the digest's own rules, so the answer, `list`
 * and the digest name the same day.
 */
function nextDraftOf(records: StoredRecords, applicationId: number, schedule: DigestSchedule, now: number): { kind: string; day: string | null } | null {
  const waiting = records.followUps.filter((f) => f.applicationId === applicationId && (f.state === "pending" || f.state === "shown"));
  const dated = waiting.map((f) => ({ f, day: findDigestShowing(f, now, schedule) })).sort((a, b) => (a.day ?? "9999").localeCompare(b.day ?? "9999") || a.f.dueAt - b.f.dueAt);
  const first = dated[0];
  return first ? { kind: describeFollowUpKind(first.f.rule), day: first.day } : null;
}

function describeNextDraft(next: { kind: string; day: string | null }): string {
  return next.day === null ? `the ${next.kind}, in your first digest after you resume them` : `the ${next.kind}, in your digest on ${describeDay(next.day)}`;
}

function nextDates(changes: readonly PlannedChange[], records: StoredRecords, apps: readonly { id: number; company: string | null; role: string | null }[], schedule: DigestSchedule, now: number): string[] {
  const ids = [...new Set(changes.map((c) => c.applicationId).filter((id): id is number => id !== null))];
  return ids.map((id) => {
    const next = nextDraftOf(records, id, schedule, now);
    const label = labelOf(apps.find((a) => a.id === id));
    return next ? `  - ${label}: next, ${describeNextDraft(next)}` : `  - ${label}: nothing more planned`;
  });
}

/** The applications, numbered: the numbers work in a reply to the list as a digest's do. */
async function describeOpenApplications(deps: Deps, user: UserRow): Promise<{ text: string; items: ListItems }> {
  const { records } = await refreshFollowUps(deps.db, user, deps.now);
  if (records.applications.length === 0) return { text: "You have no applications yet. Forward an interview email to get started.", items: [] };
  const schedule = scheduleOf(user);
  const items = records.applications.map((app, index) => ({ number: index + 1, applicationId: app.id }));
  const lines = records.applications.map((app, index) => {
    const next = nextDraftOf(records, app.id, schedule, deps.now.getTime());
    return `${index + 1}. ${labelOf(app)}: ${describeStatus(app.status)}${next ? `; next, ${describeNextDraft(next)}` : ""}`;
  });
  return { text: ["Your applications:", ...lines, "", 'Reply with a number to act on one, e.g. "rejected 2", "done 1" (its next draft) or "forget 3".'].join("\n"), items };
}

const CALENDAR_HOW_TO = [
  "Subscribe to it once and your calendar shows your interviews, with reminders a day and an hour before, and the follow-ups due, each on the day its draft is in your digest:",
  "  Google Calendar: Other calendars → + → From URL",
  "  Outlook: Add calendar → Subscribe from web",
  "  Apple Calendar: File → New Calendar Subscription",
  'Anyone with this address can see your interviews and follow-ups: keep it private. Reply "new calendar link" to replace it.',
];

/**
 * The links a reply asked for. A login link is made here, at the moment it is mailed, so it
 * expires 15 minutes after the owner receives it.
 */
async function describeLinks(deps: Deps, user: UserRow, links: readonly LinkRequest[]): Promise<{ lines: string[]; urls: string[] }> {
  const { publicUrl } = deps.config;
  if (publicUrl === null) {
    return { lines: ["The calendar and the private page need this assistant's web address, and none is set up (PUBLIC_URL in the settings)."], urls: [] };
  }
  const lines: string[] = [];
  const urls: string[] = [];
  for (const link of links) {
    if (lines.length > 0) lines.push("");
    if (link === "calendar") {
      const feed = await calendarFeedUrlFor(deps.config, user);
      if (feed !== null) urls.push(feed);
      lines.push(`Your interview calendar: ${feed}`, ...CALENDAR_HOW_TO);
    } else {
      const login = `${publicUrl}/login/${await createLoginLink(deps.db, user.id, deps.now)}`;
      urls.push(login);
      lines.push(
        `Log in to your private page: ${login}`,
        `The link works once, within ${LOGIN_LINK_TTL_MS / 60_000} minutes. Reply "dashboard" for a new one, and "logout" to log out everywhere.`,
      );
    }
  }
  return { lines, urls };
}

/**
 * Mails an answer to the owner, threaded under the reply it answers when there is one, with the
 * reply address as Reply-To so the owner can answer it with more commands (or "undo"). A failed
 * send is logged, never thrown: the change it confirms is already made.
 */
export async function sendAnswer(
  deps: Deps,
  user: UserRow,
  row: InboundRow,
  subject: string,
  text: string,
  kind: OutboundKind = "notice",
  items?: ListItems,
  ownLinks: readonly string[] = [],
): Promise<void> {
  try {
    const { messageId } = await deps.mailer.send({
      to: user.email,
      subject,
      text,
      html: renderPlainTextHtml(text, new Set(ownLinks)),
      inReplyTo: isSafeMessageId(row.outerMessageId) ? row.outerMessageId : null,
      replyTo: await replyAddressFor(deps.config, user),
    });
    await recordOutbound(deps.db, { userId: user.id, kind, messageId, inReplyTo: row.id, subject, sentAt: deps.now, items });
  } catch (error) {
    const { code, permanent, message } = classifySendError(error);
    console.error(JSON.stringify({ event: "command_answer_failed", inboundId: row.id, code, permanent, error: message }));
  }
}
