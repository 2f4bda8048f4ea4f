/**
 * Replies from the owner to the assistant's digests and confirmations: authenticate → parse →
 * find the message replied to → run the commands (src/command-runner.ts: plan, apply in one
 * batch, refresh follow-ups, word the answer; the private page runs its actions there too) →
 * confirm by email.
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
import type { CommandTarget } from "../core/commands/plan.ts";
import { findOwnMailSign, referencedMessageIds } from "../core/commands/own-mail.ts";
import { ASSUMED_INTERVIEW_MIN } from "../core/applications/records.ts";
import { describeDay } from "../core/applications/words.ts";
import { findDigestShowing, isDigestAhead } from "../core/digest/schedule.ts";
import type { ConfirmationOutcome } from "../core/filing/confirmation.ts";
import type { Understanding } from "../core/understanding/types.ts";
import { toLocalDate } from "../core/time/business-days.ts";
import { MINUTE_MS } from "../core/time/civil-dates.ts";
import { countOutboundSince, findAppliedCommand, findOutboundByMessageId, getInbound, isAnyOurMessage, markInbound, type InboundRow } from "../db/messages.ts";
import { getDigestByLocalDate, getDigestByMessageId } from "../db/digest.ts";
import type { UserRow } from "../db/users.ts";
import type { Deps } from "../deps.ts";
import { isSafeMessageId } from "../mailer.ts";
import { runCommands, scheduleOf, sendAnswer, type ListItems } from "../command-runner.ts";

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
    await sendAnswer(deps, user, row, "How to reply", text, "refusal");
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
      await sendAnswer(deps, user, row, "Your reply could not be read", "I could not read your reply, so nothing changed. Please reply again in plain text, one command per line.", "refusal");
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
      await sendAnswer(
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
    await sendAnswer(deps, user, row, "Nothing changed: I did not understand your reply", describeProblems(reply.problems));
    return "not_understood";
  }

  const target = await resolveTarget(deps, user, email);
  const result = await runCommands(deps, user, row, reply.commands, target, "reply");
  await sendAnswer(deps, user, row, result.subject, result.text, "notice", result.items, result.ownLinks);
  return result.state;
}

/**
 * The digests a filing confirmation names: the one that will show the first follow-up, and the
 * one of the interview's day if it is still to go out, written as the digest writes dates.
 */
export function describeConfirmationDigests(user: UserRow, understanding: Understanding | null, outcome: ConfirmationOutcome, now: number): { nextFollowUp: string | null; interview: string | null; interviewOver: boolean } {
  const schedule = scheduleOf(user);
  const next = outcome.kind === "filed" ? outcome.nextFollowUp : null;
  const nextDay = next ? findDigestShowing({ dueAt: next.dueAt, snoozedUntil: null }, now, schedule) : null;
  const start = understanding?.start ? Date.parse(understanding.start) : Number.NaN;
  const interviewDay = Number.isFinite(start) ? toLocalDate(start, user.timeZone) : (understanding?.startLocal?.slice(0, 10) ?? null);
  return {
    nextFollowUp: nextDay === null ? null : describeDay(nextDay),
    interview: interviewDay !== null && isDigestAhead(interviewDay, now, schedule) ? describeDay(interviewDay) : null,
    interviewOver: Number.isFinite(start) && start + (understanding?.durationMin ?? ASSUMED_INTERVIEW_MIN) * MINUTE_MS <= now,
  };
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
