/**
 * Recorded changes (the `events` table) in the owner's words: one line per event for an
 * application's timeline, and what `undo` would reverse. Pure: the owner's time zone is an
 * argument. Every value taken from an email (subjects, notes, names) is untrusted text: the
 * caller shows it as text, never as markup.
 */
import { formatInstant } from "../time/format.ts";
import type { ApplicationStatus } from "../applications/status.ts";
import { APPLICATION_STATUSES } from "../applications/status.ts";
import { toLocalDate } from "../time/business-days.ts";
import { describeDay, describeEmailKind, describeFollowUpKind } from "../applications/words.ts";

export interface RecordedEvent {
  type: string;
  payload: Record<string, unknown>;
  /**
   * For a details change, the values it replaced (its inverse's), when known: a value set to
   * what it already was is a confirmation, not a change.
   */
  replaced?: Record<string, unknown> | null;
}

/** Why a status changed, when it was not an email that said so. */
const STATUS_REASONS: Readonly<Record<string, string>> = {
  command: "you said so",
  page: "you said so",
  "time passed": "as time passed",
};

/** Where a status change put the application, in the owner's words. */
const MARKED_AS: Readonly<Record<ApplicationStatus, string>> = {
  applied: "Marked as applied",
  interviewing: "Marked as interviewing",
  waiting: "Marked as waiting for their answer",
  offer: "Marked as an offer",
  rejected: "Marked as rejected",
  withdrawn: "Marked as withdrawn",
  gone_quiet: "Marked as gone quiet",
};

/** The changes time makes (src/core/follow-ups/refresh.ts), said as what happened rather than as a status. */
const AS_TIME_PASSED: Readonly<Partial<Record<ApplicationStatus, string>>> = {
  waiting: "Interview done: now waiting for their answer",
  gone_quiet: "No answer after your follow-ups: marked as gone quiet",
};

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);
const quoted = (value: string) => `"${value}"`;
const capitalize = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);

function toStatus(value: unknown): ApplicationStatus | null {
  if (typeof value !== "string") return null;
  if (value === "other_candidate_chosen") return "rejected";
  return (APPLICATION_STATUSES as readonly string[]).includes(value) ? (value as ApplicationStatus) : null;
}

function describeStatusChange(payload: Record<string, unknown>): string {
  const to = toStatus(payload.to);
  if (to === null) return "Status changed";
  if (payload.because === "time passed" && AS_TIME_PASSED[to]) return AS_TIME_PASSED[to];
  const reason = typeof payload.because === "string" ? (Object.hasOwn(STATUS_REASONS, payload.because) ? STATUS_REASONS[payload.because]! : "their email said so") : null;
  return reason ? `${MARKED_AS[to]} (${reason})` : MARKED_AS[to];
}

/**
 * "Mon 7 Dec 2026, 10:30" for a local time an email gave without a zone ("2026-12-07T10:30"),
 * in the words the page and the digest write days in.
 */
export function describeLocalDateTime(local: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(local.trim());
  return match ? `${describeDay(match[1]!)}, ${match[2]}` : local;
}

/** An interview's time as the events record it: an instant (epoch ms) or a local time the email gave without a zone. */
function describeSlot(value: unknown, timeZone: string): string {
  if (typeof value === "number" && Number.isFinite(value)) return formatInstant(value, timeZone);
  const local = text(value);
  return local ? `${describeLocalDateTime(local)} (local time)` : "a time not known";
}

/** A date the owner gave as "2026-03-20", in the page's words; anything else as given. */
function describeGivenDay(value: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? describeDay(value) : value;
}

/**
 * A details change: the values set, and apart from them the values set to what they already
 * were (an owner confirming a detail that was read unsure), when the replaced values are known.
 */
function describeDetails(payload: Record<string, unknown>, replaced: Record<string, unknown> | null | undefined): string {
  const company = text(payload.company);
  const role = text(payload.role);
  const [contactName, contactEmail] = [text(payload.contactName), text(payload.contactEmail)];
  const details = [
    { name: "company", keys: ["company"], value: company, words: company && quoted(company) },
    { name: "role", keys: ["role"], value: role, words: role && quoted(role) },
    { name: "contact", keys: ["contactName", "contactEmail"], value: contactName && contactEmail ? `${contactName} <${contactEmail}>` : (contactName ?? contactEmail), words: null },
  ].flatMap(({ name, keys, value, words }) =>
    value === null ? [] : [{ name, value, words: `${name} ${words ?? value}`, same: replaced != null && keys.every((key) => text(payload[key]) === text(replaced[key])) }],
  );
  const updated = details.filter((d) => !d.same).map((d) => d.words);
  const confirmed = details.filter((d) => d.same);
  if (payload.noCalls === true) updated.push("no phone calls");
  const confirmedWords = confirmed.map((d) => d.words).join(", ");
  if (updated.length > 0) return `Details updated: ${updated.join(", ")}${confirmed.length > 0 ? `; confirmed: ${confirmedWords}` : ""}`;
  if (confirmed.length === 1) return `${capitalize(confirmed[0]!.name)} confirmed: ${confirmed[0]!.value}`;
  return confirmed.length > 0 ? `Details confirmed: ${confirmedWords}` : "Details updated";
}

function describeFollowUpEvent(event: RecordedEvent, timeZone: string): string {
  const Kind = capitalize(describeFollowUpKind(typeof event.payload.rule === "string" ? event.payload.rule : ""));
  switch (event.type) {
    case "follow_up_sent":
      return `${Kind} marked sent`;
    case "follow_up_skipped":
      return `${Kind} skipped`;
    default: {
      const until = event.payload.until;
      return typeof until === "number" && Number.isFinite(until) ? `${Kind} snoozed to ${describeDay(toLocalDate(until, timeZone))}` : `${Kind} snoozed`;
    }
  }
}

/** One line for an event: what happened, with the values it recorded. */
export function describeEvent(event: RecordedEvent, timeZone: string): string {
  const p = event.payload;
  switch (event.type) {
    case "application_created": {
      const subject = text(p.subject);
      return subject ? `Application filed from the email ${quoted(subject)}` : "Application filed";
    }
    case "email_filed": {
      const kind = typeof p.kind === "string" ? describeEmailKind(p.kind) : "an email";
      const subject = text(p.subject);
      return `Email filed: ${kind}${subject ? ` (${quoted(subject)})` : ""}`;
    }
    case "status_changed":
      return describeStatusChange(p);
    case "interview_scheduled":
      return p.reinstated === true ? "Interview back on" : `Interview scheduled for ${describeSlot(p.startAt ?? p.startLocal, timeZone)}`;
    case "interview_moved":
      return `Interview moved from ${describeSlot(p.from, timeZone)} to ${describeSlot(p.to, timeZone)}`;
    case "interview_cancelled":
      return typeof p.startAt === "number" ? `Interview cancelled (it was set for ${describeSlot(p.startAt, timeZone)})` : "Interview cancelled";
    case "timeline_promised": {
      const timeline = p.timeline as { text?: unknown } | null | undefined;
      const promise = text(timeline?.text);
      return promise ? `They said when they would reply: ${quoted(promise)}` : "They said when they would reply";
    }
    case "note_added": {
      const note = text(p.note);
      return note ? `Your note: ${quoted(note)}` : "Your note added";
    }
    case "details_updated":
      return describeDetails(p, event.replaced);
    case "follow_up_sent":
    case "follow_up_skipped":
    case "follow_up_snoozed":
      return describeFollowUpEvent(event, timeZone);
    case "employer_replied":
      return "You noted that they replied: follow-ups paused";
    case "user_reopened":
      return "Reopened";
    case "offer_elsewhere": {
      const deadline = text(p.deadline);
      return deadline ? `You noted an offer elsewhere (deadline ${describeGivenDay(deadline)})` : "You noted an offer elsewhere";
    }
    case "message_ignored":
      return "An email marked as not about a job";
    default: {
      const summary = text(p.summary);
      return summary ? capitalize(summary) : "A change was recorded";
    }
  }
}

/** Where the changes of one undoable step came from: the message (a forward, a reply, a page action) that made them. */
export interface ChangeSource {
  channel: string;
  subject: string | null;
}

/** A command's change keeps the command as typed and what it did (src/core/commands/plan.ts). */
function isCommandChange(payload: Record<string, unknown>): payload is { said: string; summary: string } {
  return typeof payload.said === "string" && typeof payload.summary === "string";
}

/**
 * What `undo` would reverse, as its answer by mail names it: each command as typed with what it
 * did, or the message whose changes they were. `payloads` are the events' of that one step, oldest first.
 */
export function describeUndoableChange(payloads: readonly Record<string, unknown>[], source: ChangeSource | null): string[] {
  const said = payloads.flatMap((p) => (isCommandChange(p) ? [`${p.said} — ${p.summary}`] : []));
  return said.length > 0 ? [...new Set(said)] : [describeChangeSource(source)];
}

/**
 * The events of an undoable step that commands made, which the private page names one by one in
 * its timeline's words (a command as typed means nothing there: the 2 of "snooze 2 2026-12-11"
 * points into a digest). None for a forward's filing: its message names it.
 */
export function commandChangesOf<E extends RecordedEvent>(events: readonly E[]): E[] {
  return events.filter((e) => isCommandChange(e.payload));
}

/** A step named by the message that made it: a forward, a reply or a page action. */
export function describeChangeSource(source: ChangeSource | null): string {
  if (source?.channel === "command") return `your reply ${quoted(source.subject ?? "")}`;
  if (source?.channel === "page") return `your change ${quoted(source.subject ?? "")} on your private page`;
  return `the filing of ${quoted(source?.subject ?? "a forwarded email")}`;
}
