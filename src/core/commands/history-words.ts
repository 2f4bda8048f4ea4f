/**
 * Recorded changes (the `events` table) in the owner's words: one line per event for an
 * application's timeline, and what `undo` would reverse. Pure: the owner's time zone is an
 * argument. Every value taken from an email (subjects, notes, names) is untrusted text: the
 * caller shows it as text, never as markup.
 */
import { formatInstant } from "../time/format.ts";
import type { ApplicationStatus } from "../applications/status.ts";
import { APPLICATION_STATUSES } from "../applications/status.ts";
import { describeDay } from "./day-words.ts";
import { toLocalDate } from "../time/business-days.ts";
import { describeFollowUpKind, describeStatus } from "./plan.ts";

export interface RecordedEvent {
  type: string;
  payload: Record<string, unknown>;
}

/** What kind of email a filing recorded, as the confirmation calls it. */
const EMAIL_KIND_WORDS: Readonly<Record<string, string>> = {
  invitation: "an interview invitation",
  scheduling_confirmation: "an interview confirmation",
  reschedule: "a rescheduled interview",
  cancellation: "a cancelled interview",
  rejection: "a rejection",
  offer: "an offer",
  next_round: "an invitation to the next round",
  generic: "an update about your application",
};

/** Why a status changed, when it was not an email that said so. */
const STATUS_REASONS: Readonly<Record<string, string>> = {
  command: "you said so",
  page: "you said so",
  "time passed": "time passed",
};

const text = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);
const quoted = (value: string) => `"${value}"`;

function statusWords(value: unknown): string | null {
  if (typeof value !== "string") return null;
  if (value === "other_candidate_chosen") return "rejected";
  return (APPLICATION_STATUSES as readonly string[]).includes(value) ? describeStatus(value as ApplicationStatus) : null;
}

/** An interview's time as the events record it: an instant (epoch ms) or a local time the email gave without a zone. */
function describeSlot(value: unknown, timeZone: string): string {
  if (typeof value === "number" && Number.isFinite(value)) return formatInstant(value, timeZone);
  const local = text(value);
  return local ? `${local.replace("T", " ").slice(0, 16)} (local time)` : "a time not known";
}

function describeDetails(payload: Record<string, unknown>): string {
  const parts: string[] = [];
  const company = text(payload.company);
  const role = text(payload.role);
  if (company) parts.push(`company ${quoted(company)}`);
  if (role) parts.push(`role ${quoted(role)}`);
  const contact = [text(payload.contactName), text(payload.contactEmail)].filter((part): part is string => part !== null);
  if (contact.length > 0) parts.push(`contact ${contact.join(" ")}`);
  if (payload.noCalls === true) parts.push("no phone calls");
  return parts.length > 0 ? `Details updated: ${parts.join(", ")}` : "Details updated";
}

function describeFollowUpEvent(event: RecordedEvent, timeZone: string): string {
  const kind = describeFollowUpKind(typeof event.payload.rule === "string" ? event.payload.rule : "");
  const Kind = kind.charAt(0).toUpperCase() + kind.slice(1);
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
      const kind = (typeof p.kind === "string" ? EMAIL_KIND_WORDS[p.kind] : undefined) ?? "an email";
      const subject = text(p.subject);
      return `Email filed: ${kind}${subject ? ` (${quoted(subject)})` : ""}`;
    }
    case "status_changed": {
      const to = statusWords(p.to) ?? "changed";
      const from = statusWords(p.from);
      const reason = typeof p.because === "string" ? (STATUS_REASONS[p.because] ?? "their email said so") : null;
      const change = from ? `Status ${from} → ${to}` : `Status set to ${to}`;
      return reason ? `${change} (${reason})` : change;
    }
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
      return describeDetails(p);
    case "follow_up_sent":
    case "follow_up_skipped":
    case "follow_up_snoozed":
      return describeFollowUpEvent(event, timeZone);
    case "employer_replied":
      return "You noted that they replied";
    case "user_reopened":
      return "Reopened";
    case "offer_elsewhere": {
      const deadline = text(p.deadline);
      return deadline ? `You noted an offer elsewhere (deadline ${deadline})` : "You noted an offer elsewhere";
    }
    case "message_ignored":
      return "An email marked as not about a job";
    default: {
      const summary = text(p.summary);
      return summary ?? "A change was recorded";
    }
  }
}

/** Where the changes of one undoable step came from: the message (a forward, a reply, a page action) that made them. */
export interface ChangeSource {
  channel: string;
  subject: string | null;
}

/**
 * What `undo` would reverse, as its answer names it: each command with what it did, or the
 * forward whose filing it was. `payloads` are the events' of that one step, oldest first.
 */
export function describeUndoableChange(payloads: readonly Record<string, unknown>[], source: ChangeSource | null): string[] {
  const said = payloads.flatMap((p) => (typeof p.said === "string" && typeof p.summary === "string" ? [`${p.said} — ${p.summary}`] : []));
  if (said.length > 0) return [...new Set(said)];
  if (source?.channel === "command") return [`your reply ${quoted(source.subject ?? "")}`];
  if (source?.channel === "page") return [`your change ${quoted(source.subject ?? "")} on your private page`];
  return [`the filing of ${quoted(source?.subject ?? "a forwarded email")}`];
}
