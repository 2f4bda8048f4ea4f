/**
 * Replies from the owner to the assistant's digests and confirmations: authenticate → parse →
 * plan → apply in one batch → refresh follow-ups → confirm by email.
 *
 * A command counts only when it arrives at the assistant's token address (the Reply-To of the
 * assistant's own mail), the token is valid for the owner, and both the envelope sender and the
 * From header are the owner. Anything else changes nothing; the owner is told. The same reply
 * delivered twice (same Message-ID) is applied once. Every change is an event with its
 * inverse, so `undo` is exact. A reply some mail app sent to the plain address instead
 * (`handleOwnMailReply`) is read the same way once its signature proved it the owner's.
 */
import type { Email } from "postal-mime";
import { canonicalAddress, addressesIn } from "../core/mail/gate.ts";
import { parseMime } from "../core/mail/parse.ts";
import { replyTextFromHtml } from "../core/commands/reply-html.ts";
import { describeCommands, parseReply, type ReplyProblem } from "../core/commands/parse.ts";
import { describeFollowUpKind, describeStatus, labelOf, planCommands, type CommandTarget, type LinkRequest, type PlannedChange } from "../core/commands/plan.ts";
import { findOwnMailSign, referencedMessageIds } from "../core/commands/own-mail.ts";
import { describeDay } from "../core/commands/day-words.ts";
import { findDigestShowing, isDigestAhead, type DigestSchedule } from "../core/digest/schedule.ts";
import type { ConfirmationOutcome } from "../core/filing/confirmation.ts";
import type { Understanding } from "../core/understanding/types.ts";
import { parseSettings } from "../core/follow-ups/settings.ts";
import { toLocalDate } from "../core/time/business-days.ts";
import { renderPlainTextHtml } from "../core/mail/html.ts";
import type { UserPreferences } from "../core/applications/inverse.ts";
import { changeStatements, effectStatements, findLastChange, loadCommandState, undoStatements, type UndoableChange } from "../db/commands.ts";
import {
  countOutboundSince,
  findAppliedCommand,
  findOutboundByMessageId,
  findPreviousCommand,
  getInbound,
  isAnyOurMessage,
  markInbound,
  recordOutbound,
  type InboundRow,
} from "../db/messages.ts";
import { getDigestByLocalDate, getDigestByMessageId } from "../db/digest.ts";
import { runBatch } from "../db/client.ts";
import { addressGenerationsOf, GENERATION_COLUMNS, type UserRow } from "../db/users.ts";
import { refreshFollowUps } from "../db/follow-ups.ts";
import type { Deps } from "../deps.ts";
import { calendarFeedUrlFor, classifySendError, forwardingAddressFor, isSafeMessageId, replyAddressFor } from "../mailer.ts";
import { createLoginLink, LOGIN_LINK_TTL_MS } from "../db/sessions.ts";

const DIGEST_SUBJECT_DATE = /\bDigest (\d{4}-\d{2}-\d{2})\b/i;

type Authentication = { ok: true } | { ok: false; why: string };

/**
 * The reply token was verified before the reply was read (src/email/receive.ts): it proves the
 * reply answers mail the assistant sent. The sender must still be the owner, in the envelope
 * and in the one From header.
 */
function authenticate(deps: Deps, envelopeFrom: string, email: Email): Authentication {
  const owners = new Set(deps.config.ownerEmails.map(canonicalAddress));
  const fromHeaders = email.headers.filter((h) => h.key === "from");
  // Distinct addresses, as in the gate: a display name repeating the address is one sender.
  const headerFrom = fromHeaders.length === 1 ? [...new Set(addressesIn(fromHeaders[0]!.value))] : [];
  if (!owners.has(canonicalAddress(envelopeFrom)) || headerFrom.length !== 1 || !owners.has(headerFrom[0]!)) {
    return { ok: false, why: "its sender is not one of your addresses" };
  }
  return { ok: true };
}

async function resolveTarget(deps: Deps, user: UserRow, email: Email): Promise<CommandTarget> {
  const inReplyTo = email.inReplyTo?.trim() ?? null;
  if (isSafeMessageId(inReplyTo)) {
    const digest = await getDigestByMessageId(deps.db, user.id, inReplyTo);
    if (digest) return { kind: "digest", localDate: digest.localDate, items: (digest.items as CommandTargetItems) ?? [] };
    const outbound = await findOutboundByMessageId(deps.db, user.id, inReplyTo);
    if (outbound?.items) return { kind: "list", items: outbound.items as ListItems };
    if (outbound?.kind === "confirmation" && outbound.inReplyTo !== null) {
      const inbound = await getInbound(deps.db, outbound.inReplyTo);
      return { kind: "confirmation", inboundId: outbound.inReplyTo, applicationId: inbound?.applicationId ?? null };
    }
  }
  // The digest's one-tap command links start a new email whose subject names the digest.
  const dated = DIGEST_SUBJECT_DATE.exec(email.subject ?? "");
  if (dated) {
    const digest = await getDigestByLocalDate(deps.db, user.id, dated[1]!);
    if (digest) return { kind: "digest", localDate: digest.localDate, items: (digest.items as CommandTargetItems) ?? [] };
  }
  return { kind: "none" };
}

type CommandTargetItems = Extract<CommandTarget, { kind: "digest" }>["items"];
type ListItems = Extract<CommandTarget, { kind: "list" }>["items"];

function replyText(email: Email): string {
  if (email.text && email.text.trim()) return email.text;
  return email.html ? replyTextFromHtml(email.html) : "";
}

/**
 * A message to the plain address (or the private forwarding address) that replies to or quotes
 * the assistant's own mail: some mail apps reply to the From, not the Reply-To. It is never
 * filed. Signed by the owner's provider (`authenticated`), it is a command reply; otherwise
 * anyone could have sent it, so nothing is read from it and the owner is told how to reply.
 * Null when the message is not about our mail (or cannot be parsed): the caller files it.
 */
export async function handleOwnMailReply(
  deps: Deps,
  user: UserRow,
  row: InboundRow,
  raw: Uint8Array,
  envelope: { from: string; authenticated: boolean },
): Promise<InboundRow["state"] | null> {
  const parsed = await parseMime(raw);
  if (!parsed.ok) return null;
  const referencesOurMessage = await isAnyOurMessage(deps.db, user.id, referencedMessageIds(parsed.value));
  const sign = findOwnMailSign({ email: parsed.value, raw, referencesOurMessage });
  if (sign === null) return null;
  if (envelope.authenticated) {
    await markInbound(deps.db, row.id, { state: "stored", channel: "command" });
    return handleCommandReply(deps, user, { ...row, channel: "command" }, raw, envelope);
  }
  await markInbound(deps.db, row.id, { state: "ignored", problem: `a reply to the assistant's own mail (${sign}) at the forwarding address: not filed` });
  if (await mayTellRefusal(deps, user)) {
    const text = [
      "A message that replies to one of my emails came to your private forwarding address, so I did not file it and nothing changed.",
      "",
      "To give a command, reply to a digest or a confirmation: the reply goes to its own reply address.",
      "",
      describeCommands(),
    ].join("\n");
    await answer(deps, user, row, "How to reply", text, "refusal");
  }
  return "ignored";
}

export async function handleCommandReply(
  deps: Deps,
  user: UserRow,
  row: InboundRow,
  raw: Uint8Array,
  envelope: { from: string },
): Promise<InboundRow["state"]> {
  const { db } = deps;
  const parsed = await parseMime(raw);
  if (!parsed.ok) {
    await markInbound(db, row.id, { state: "not_understood", problem: "the reply could not be parsed" });
    if (await mayTellRefusal(deps, user)) {
      await answer(deps, user, row, "Your reply could not be read", "I could not read your reply, so nothing changed. Please reply again in plain text, one command per line.", "refusal");
    }
    return "not_understood";
  }
  const email = parsed.value;
  const auth = authenticate(deps, envelope.from, email);
  if (!auth.ok) {
    await markInbound(db, row.id, { state: "ignored", problem: `command not accepted: ${auth.why}` });
    // Told to the owner, never to the sender, and only a few times a day: a flood of refused
    // replies must not become a flood of mail.
    if (await mayTellRefusal(deps, user)) {
      await answer(
        deps,
        user,
        row,
        "A reply was not accepted",
        `A message to the assistant was not accepted as a command because ${auth.why}. Nothing changed.\n\nCommands work when you reply to a digest or a confirmation from your own address (the reply goes to its special reply address).`,
        "refusal",
      );
    }
    return "ignored";
  }
  if (row.outerMessageId && (await findAppliedCommand(db, user.id, row.outerMessageId, row.id))) {
    await markInbound(db, row.id, { state: "ignored", problem: "the same reply was already applied" });
    return "ignored";
  }

  const today = toLocalDate(deps.now.getTime(), user.timeZone);
  const reply = parseReply(replyText(email), { today, timeZone: user.timeZone });
  if (reply.problems.length > 0) {
    await markInbound(db, row.id, { state: "not_understood", problem: reply.problems.map((p) => p.message).join("; ") });
    await answer(deps, user, row, "Nothing changed: I did not understand your reply", describeProblems(reply.problems));
    return "not_understood";
  }

  const target = await resolveTarget(deps, user, email);
  const state = await loadCommandState(db, user.id);
  const preferences: UserPreferences = { timeZone: user.timeZone, country: user.country, paused: user.paused, settings: (user.settings as Record<string, unknown>) ?? {} };
  const plan = planCommands({
    commands: reply.commands,
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
      await answer(deps, user, row, "How to reply", describeCommands());
      return "understood";
    case "list": {
      // Read before the reply is marked handled: a failed read leaves it to the retry.
      const overview = await describeOpenApplications(deps, user);
      await markInbound(db, row.id, { state: "understood" });
      await answer(deps, user, row, "Your open applications", overview.text, "notice", overview.items);
      return "understood";
    }
    case "links": {
      const lines = await describeLinks(deps, user, plan.links);
      await markInbound(db, row.id, { state: "understood" });
      await answer(deps, user, row, plan.links.includes("dashboard") ? "Your link to log in" : "Your calendar", lines.join("\n"));
      return "understood";
    }
    case "problems":
      await markInbound(db, row.id, { state: "not_understood", problem: plan.problems.join("; ") });
      await answer(deps, user, row, "Nothing changed", ["Nothing changed:", ...plan.problems.map((p) => `  - ${p}`)].join("\n"));
      return "not_understood";
    case "undo": {
      const last = await findLastChange(db, user.id, row.id);
      if (!last) {
        await markInbound(db, row.id, { state: "understood" });
        await answer(deps, user, row, "Nothing to undo", "There is no change left to undo.");
        return "understood";
      }
      const source = await getInbound(db, last.inboundMessageId);
      const undone = describeUndoable(last, source);
      // The reply just before changed nothing: "undo" most likely means that one, so the change
      // before it is named, not reversed silently.
      const previous = await findPreviousCommand(db, user.id, row.id);
      if (previous?.state === "not_understood" && previous.id !== last.inboundMessageId) {
        await markInbound(db, row.id, { state: "understood" });
        const text = [
          "Nothing changed. Your last reply was not understood, so it changed nothing and there is nothing of it to undo.",
          "",
          "The last change still in force is:",
          ...undone.map((line) => `  - ${line}`),
          "",
          'To undo that, reply "undo" again.',
        ].join("\n");
        await answer(deps, user, row, "Nothing undone", text);
        return "understood";
      }
      await runBatch(db, [...(await undoStatements(db, user.id, last, deps.now)), ...markHandled(deps, user, row)]);
      await refreshAfterChange(deps, user, row);
      const head = undone.length === 1 ? [`Undid: ${undone[0]}`] : ["Undid:", ...undone.map((line) => `  - ${line}`)];
      await answer(deps, user, row, "Undone", [...head, "", 'Reply "undo" again to undo the change before it.'].join("\n"));
      return "understood";
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
      if (links.length > 0) lines.push("", ...(await describeLinks(deps, updatedUser, links)));
      lines.push("", plan.irreversible ? "Deleting cannot be undone." : 'Changed your mind? Reply "undo".');
      await answer(deps, user, row, "Done", lines.join("\n"));
      return "understood";
    }
  }
}

/**
 * Marks the reply handled in the same batch as its changes. Were it a separate write, a fault
 * between the two would leave the reply "stored" with its changes applied, and the sender's
 * retry would apply them again (a second event; a second undo undoing one change too many).
 */
function markHandled(deps: Deps, user: UserRow, row: InboundRow) {
  return effectStatements(deps.db, user.id, { op: "set_message_state", inboundId: row.id, state: "understood" }, deps.now);
}

/**
 * Recomputes follow-ups after a change that is already committed. A failure is logged, not
 * thrown: the reply is marked handled, so a retry would do nothing, and the next digest
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

function scheduleOf(user: UserRow): DigestSchedule {
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

/**
 * The digests a filing confirmation names: the one that will show the first follow-up, and the
 * one of the interview's day if it is still to go out, written as the digest writes dates.
 */
export function describeConfirmationDigests(user: UserRow, understanding: Understanding | null, outcome: ConfirmationOutcome, now: number): { nextFollowUp: string | null; interview: string | null } {
  const schedule = scheduleOf(user);
  const next = outcome.kind === "filed" ? outcome.nextFollowUp : null;
  const nextDay = next ? findDigestShowing({ dueAt: next.dueAt, snoozedUntil: null }, now, schedule) : null;
  const start = understanding?.start ? Date.parse(understanding.start) : Number.NaN;
  const interviewDay = Number.isFinite(start) ? toLocalDate(start, user.timeZone) : (understanding?.startLocal?.slice(0, 10) ?? null);
  return {
    nextFollowUp: nextDay === null ? null : describeDay(nextDay),
    interview: interviewDay !== null && isDigestAhead(interviewDay, now, schedule) ? describeDay(interviewDay) : null,
  };
}

/** What a change was, as `undo` names it: the commands and what each did, or the forward it filed. */
function describeUndoable(change: UndoableChange, source: InboundRow | null): string[] {
  const said = change.payloads.flatMap((p) => (typeof p.said === "string" && typeof p.summary === "string" ? [`${p.said} — ${p.summary}`] : []));
  if (said.length > 0) return [...new Set(said)];
  return [source?.channel === "command" ? `your reply "${source.subject ?? ""}"` : `the filing of "${source?.subject ?? "a forwarded email"}"`];
}

const CALENDAR_HOW_TO = [
  "Subscribe to it once and your interviews appear in your calendar, with reminders a day and an hour before:",
  "  Google Calendar: Other calendars → + → From URL",
  "  Outlook: Add calendar → Subscribe from web",
  "  Apple Calendar: File → New Calendar Subscription",
  'Anyone with this address can see your interviews: keep it private. Reply "new calendar link" to replace it.',
];

/**
 * The links a reply asked for. A login link is made here, at the moment it is mailed, so it
 * expires 15 minutes after the owner receives it.
 */
async function describeLinks(deps: Deps, user: UserRow, links: readonly LinkRequest[]): Promise<string[]> {
  if (deps.config.publicUrl === null) {
    return ["The calendar and the private page need this assistant's web address, and none is set up (PUBLIC_URL in the settings)."];
  }
  const lines: string[] = [];
  for (const link of links) {
    if (lines.length > 0) lines.push("");
    if (link === "calendar") {
      lines.push(`Your interview calendar: ${await calendarFeedUrlFor(deps.config, user)}`, ...CALENDAR_HOW_TO);
    } else {
      const secret = await createLoginLink(deps.db, user.id, deps.now);
      lines.push(
        `Log in to your private page: ${deps.config.publicUrl}/login/${secret}`,
        `The link works once, within ${LOGIN_LINK_TTL_MS / 60_000} minutes. Reply "dashboard" for a new one, and "logout" to log out everywhere.`,
      );
    }
  }
  return lines;
}

/** Each line not understood, quoted, with what was expected and the closest commands. */
function describeProblems(problems: readonly ReplyProblem[]): string {
  const lines: string[] = [];
  for (const problem of problems) {
    lines.push(`Nothing changed. I did not understand: "${problem.line}"`, `  ${problem.message}`);
    if (problem.closest.length > 0) lines.push("  Closest commands:", ...problem.closest.map((help) => `    ${help}`));
    lines.push("");
  }
  lines.push('Reply "help" for every command. If one line is not understood, nothing in the reply is changed.');
  return lines.join("\n");
}

/** Notices of refused replies per owner and day: enough to notice a problem, too few to flood. */
const MAX_REFUSAL_NOTICES_PER_DAY = 3;
const REFUSAL_WINDOW_MS = 24 * 60 * 60 * 1000;

async function mayTellRefusal(deps: Deps, user: UserRow): Promise<boolean> {
  return (await countOutboundSince(deps.db, user.id, "refusal", new Date(deps.now.getTime() - REFUSAL_WINDOW_MS))) < MAX_REFUSAL_NOTICES_PER_DAY;
}

async function answer(deps: Deps, user: UserRow, row: InboundRow, subject: string, text: string, kind: "notice" | "refusal" = "notice", items?: ListItems): Promise<void> {
  try {
    const { messageId } = await deps.mailer.send({
      to: user.email,
      subject,
      text,
      html: renderPlainTextHtml(text),
      inReplyTo: isSafeMessageId(row.outerMessageId) ? row.outerMessageId : null,
      replyTo: await replyAddressFor(deps.config, user),
    });
    await recordOutbound(deps.db, { userId: user.id, kind, messageId, inReplyTo: row.id, subject, sentAt: deps.now, items });
  } catch (error) {
    const { code, permanent, message } = classifySendError(error);
    console.error(JSON.stringify({ event: "command_answer_failed", inboundId: row.id, code, permanent, error: message }));
  }
}

