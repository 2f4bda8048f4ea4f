/**
 * Replies from the owner to the assistant's digests and confirmations: authenticate → parse →
 * plan → apply in one batch → refresh follow-ups → confirm by email.
 *
 * A command counts only when it arrives at the assistant's token address (the Reply-To of the
 * assistant's own mail), the token is valid for the owner, and both the envelope sender and the
 * From header are the owner. Anything else changes nothing; the owner is told. The same reply
 * delivered twice (same Message-ID) is applied once. Every change is an event with its
 * inverse, so `undo` is exact.
 */
import type { Email } from "postal-mime";
import { canonicalAddress, addressesIn } from "../core/mail/gate.ts";
import { parseMime } from "../core/mail/parse.ts";
import { htmlToText } from "../core/mail/html-to-text.ts";
import { describeCommands, parseReply } from "../core/commands/parse.ts";
import { labelOf, planCommands, type CommandTarget, type PlannedChange } from "../core/commands/plan.ts";
import { verifyReplyToken } from "../core/commands/reply-token.ts";
import { toLocalDate } from "../core/time/business-days.ts";
import { formatInstant } from "../core/time/format.ts";
import { renderPlainTextHtml } from "../core/mail/html.ts";
import type { UserPreferences } from "../core/applications/inverse.ts";
import { changeStatements, effectStatements, findLastChange, undoStatements } from "../db/commands.ts";
import { findAppliedCommand, getInbound, markInbound, recordOutbound, findOutboundByMessageId, type InboundRow } from "../db/messages.ts";
import { getDigestByLocalDate, getDigestByMessageId } from "../db/digest.ts";
import { loadCommandState } from "../db/commands.ts";
import { runBatch } from "../db/client.ts";
import type { UserRow } from "../db/users.ts";
import { refreshFollowUps } from "../db/follow-ups.ts";
import type { Deps } from "../deps.ts";
import { isSafeMessageId, replyAddressFor } from "../mailer.ts";

const DIGEST_SUBJECT_DATE = /\bDigest (\d{4}-\d{2}-\d{2})\b/i;

type Authentication = { ok: true } | { ok: false; why: string };

async function authenticate(deps: Deps, user: UserRow, envelopeFrom: string, recipientTag: string | null, email: Email): Promise<Authentication> {
  if (!recipientTag) return { ok: false, why: "it was not sent to the assistant's reply address" };
  const userId = await verifyReplyToken(deps.config.replyTokenSecret, recipientTag);
  if (userId !== user.id) return { ok: false, why: "the reply address it was sent to is not valid" };
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

function replyText(email: Email): string {
  if (email.text && email.text.trim()) return email.text;
  return email.html ? htmlToText(email.html).text : "";
}

export async function handleCommandReply(
  deps: Deps,
  user: UserRow,
  row: InboundRow,
  raw: Uint8Array,
  envelope: { from: string; recipientTag: string | null },
): Promise<InboundRow["state"]> {
  const { db } = deps;
  const parsed = await parseMime(raw);
  if (!parsed.ok) {
    await markInbound(db, row.id, { state: "not_understood", problem: "the reply could not be parsed" });
    await answer(deps, user, row, "Your reply could not be read", "I could not read your reply, so nothing changed. Please reply again in plain text, one command per line.");
    return "not_understood";
  }
  const email = parsed.value;
  const auth = await authenticate(deps, user, envelope.from, envelope.recipientTag, email);
  if (!auth.ok) {
    await markInbound(db, row.id, { state: "ignored", problem: `command not accepted: ${auth.why}` });
    await answer(
      deps,
      user,
      row,
      "A reply was not accepted",
      `A message to the assistant was not accepted as a command because ${auth.why}. Nothing changed.\n\nCommands work when you reply to a digest or a confirmation from your own address (the reply goes to its special reply address).`,
    );
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
    const lines = reply.problems.map((p) => `  "${p.line}": ${p.message}`);
    await answer(deps, user, row, "Nothing changed: I did not understand your reply", ["I did not understand these lines, so nothing changed:", ...lines, "", describeCommands()].join("\n"));
    return "not_understood";
  }

  const target = await resolveTarget(deps, user, email);
  const state = await loadCommandState(db, user.id);
  const preferences: UserPreferences = { timeZone: user.timeZone, country: user.country, paused: user.paused, settings: (user.settings as Record<string, unknown>) ?? {} };
  const plan = planCommands({ commands: reply.commands, target, apps: state.apps, followUps: state.followUps, interviews: state.interviews, user: preferences, now: deps.now.getTime() });

  switch (plan.kind) {
    case "help":
      await markInbound(db, row.id, { state: "understood" });
      await answer(deps, user, row, "How to reply", describeCommands());
      return "understood";
    case "list": {
      // Read before the reply is marked handled: a failed read leaves it to the retry.
      const overview = await describeOpenApplications(deps, user);
      await markInbound(db, row.id, { state: "understood" });
      await answer(deps, user, row, "Your open applications", overview);
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
      await runBatch(db, [...(await undoStatements(db, user.id, last, deps.now)), ...markHandled(deps, user, row)]);
      await refreshAfterChange(deps, user, row);
      const what = source?.channel === "command" ? `your reply "${source.subject ?? ""}"` : `the filing of "${source?.subject ?? "a forwarded email"}"`;
      await answer(deps, user, row, "Undone", `I undid the last change: ${what} (${last.types.filter((t) => t !== "email_filed").join(", ") || "recorded email"}).\n\nReply "undo" again to undo the change before it.`);
      return "understood";
    }
    case "changes": {
      await runBatch(db, [...changeStatements(db, user.id, row.id, plan.changes, deps.now), ...markHandled(deps, user, row)]);
      const updatedUser = applyPreferences(user, plan.changes);
      const plans = await refreshAfterChange(deps, updatedUser, row);
      const lines = ["Done:", ...plan.changes.map((c) => `  - ${c.summary}`)];
      const next = plans ? nextDates(plan.changes, plans, state.apps, updatedUser.timeZone) : [];
      if (next.length > 0) lines.push("", "What happens next:", ...next);
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
async function refreshAfterChange(deps: Deps, user: UserRow, row: InboundRow): Promise<Awaited<ReturnType<typeof refreshFollowUps>>["plans"] | null> {
  try {
    return (await refreshFollowUps(deps.db, user, deps.now)).plans;
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
    }
  }
  return updated;
}

function nextDates(changes: readonly PlannedChange[], plans: Awaited<ReturnType<typeof refreshFollowUps>>["plans"], apps: readonly { id: number; company: string | null; role: string | null }[], timeZone: string): string[] {
  const ids = [...new Set(changes.map((c) => c.applicationId).filter((id): id is number => id !== null))];
  return ids.map((id) => {
    const next = plans.get(id)?.followUps[0];
    const label = labelOf(apps.find((a) => a.id === id));
    return next ? `  - ${label}: next, ${next.rule} draft in your digest for ${formatInstant(next.dueAt, timeZone)}` : `  - ${label}: nothing more planned`;
  });
}

async function describeOpenApplications(deps: Deps, user: UserRow): Promise<string> {
  const { records, plans } = await refreshFollowUps(deps.db, user, deps.now);
  if (records.applications.length === 0) return "You have no applications yet. Forward an interview email to get started.";
  const lines = records.applications.map((app) => {
    const next = plans.get(app.id)?.followUps[0];
    return `- ${labelOf(app)}: ${app.status.replace("_", " ")}${next ? `; next ${next.rule} on ${formatInstant(next.dueAt, user.timeZone)}` : ""}`;
  });
  return ["Your applications:", ...lines].join("\n");
}

async function answer(deps: Deps, user: UserRow, row: InboundRow, subject: string, text: string): Promise<void> {
  try {
    const { messageId } = await deps.mailer.send({
      to: user.email,
      subject,
      text,
      html: renderPlainTextHtml(text),
      inReplyTo: isSafeMessageId(row.outerMessageId) ? row.outerMessageId : null,
      replyTo: await replyAddressFor(deps.config, user.id),
    });
    await recordOutbound(deps.db, { userId: user.id, kind: "notice", messageId, inReplyTo: row.id, subject, sentAt: deps.now });
  } catch (error) {
    console.error(JSON.stringify({ event: "command_answer_failed", inboundId: row.id, error: error instanceof Error ? error.message : String(error) }));
  }
}

