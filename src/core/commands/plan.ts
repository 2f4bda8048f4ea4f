/**
 * Turns parsed reply commands into changes, each with the event that records it and the
 * inverse that undoes it exactly. Pure: the adapter (src/email/commands.ts) loads the state,
 * applies the effects in one batch, and answers the owner.
 *
 * Numbers refer to the message replied to: a digest's numbered drafts, or the single
 * application a confirmation is about. A bare `done`/`rejected`/… applies only when that
 * message had exactly one item; otherwise nothing changes and the choices are listed.
 */
import { atLocalTime, toLocalDate } from "../time/business-days.ts";
import type { Command } from "./parse.ts";
import { companyKey } from "../applications/keys.ts";
import type { ApplicationStatus } from "../applications/status.ts";
import type { ApplicationDetails, FollowUpStateValue, Inverse, UserPreferences } from "../applications/inverse.ts";
import { parseSettings } from "../follow-ups/settings.ts";
import type { PromisedTimeline } from "../understanding/types.ts";
import type { ApplicationRecord } from "../applications/records.ts";

export type CommandTarget =
  | { kind: "digest"; localDate: string; items: readonly { number: number; followUpId: number; applicationId: number }[] }
  | { kind: "confirmation"; inboundId: number; applicationId: number | null }
  | { kind: "none" };

/** An application as a command sees it. */
export type AppView = ApplicationRecord;

export interface FollowUpView {
  id: number;
  applicationId: number;
  key: string;
  rule: string;
  state: FollowUpStateValue;
  sentAt: number | null;
  snoozedUntil: number | null;
}

export interface InterviewView {
  id: number;
  applicationId: number;
  startAt: number | null;
  startLocal: string | null;
  timeZone: string | null;
  status: "scheduled" | "cancelled";
}

export type Effect =
  | { op: "set_follow_up"; followUpId: number; state: FollowUpStateValue; sentAt: number | null; snoozedUntil: number | null }
  | { op: "set_status"; applicationId: number; status: ApplicationStatus }
  | { op: "set_timeline"; applicationId: number; timeline: PromisedTimeline | null }
  | { op: "set_details"; applicationId: number; details: Partial<ApplicationDetails> }
  | { op: "set_interview_start"; interviewId: number; startAt: number | null; startLocal: string | null; timeZone: string | null }
  | { op: "set_user"; preferences: UserPreferences }
  | { op: "set_message_state"; inboundId: number; state: "understood" | "not_understood" | "ignored" }
  | { op: "archive_application"; applicationId: number }
  | { op: "forget_applications"; applicationIds: number[] }
  | { op: "forget_all" };

export interface PlannedChange {
  applicationId: number | null;
  event: { type: string; payload: Record<string, unknown>; inverse: Inverse | null };
  effects: Effect[];
  /** One line for the confirmation, e.g. "Acme (Backend Engineer): marked as sent". */
  summary: string;
}

export interface CommandInput {
  commands: readonly Command[];
  target: CommandTarget;
  apps: readonly AppView[];
  followUps: readonly FollowUpView[];
  interviews: readonly InterviewView[];
  user: UserPreferences;
  now: number;
}

export type CommandPlan =
  | { kind: "changes"; changes: PlannedChange[]; irreversible: boolean }
  | { kind: "undo" }
  | { kind: "list" }
  | { kind: "help" }
  | { kind: "problems"; problems: string[] };

export function labelOf(app: Pick<AppView, "company" | "role"> | undefined): string {
  if (!app) return "an application";
  if (app.company && app.role) return `${app.company} (${app.role})`;
  return app.company ?? app.role ?? "an application";
}

const STATUS_COMMANDS = { rejected: "rejected", offer: "offer", withdraw: "withdrawn" } as const;

export function planCommands(input: CommandInput): CommandPlan {
  const { commands, target, now } = input;
  const kinds = new Set(commands.map((c) => c.kind));
  if (kinds.has("undo")) return { kind: "undo" };
  if (commands.length === 1 && commands[0]!.kind === "list") return { kind: "list" };
  if (commands.length === 0 || (commands.length === 1 && commands[0]!.kind === "help")) return { kind: "help" };

  const apps = new Map(input.apps.map((a) => [a.id, a]));
  const followUps = new Map(input.followUps.map((f) => [f.id, f]));
  const problems: string[] = [];
  const changes: PlannedChange[] = [];
  let irreversible = false;
  const user = input.user;
  let preferences: UserPreferences = { ...user, settings: { ...user.settings } };

  const itemCount = target.kind === "digest" ? target.items.length : target.kind === "confirmation" && target.applicationId !== null ? 1 : 0;
  const describeChoices = () =>
    target.kind === "digest"
      ? target.items.map((i) => `${i.number}. ${labelOf(apps.get(i.applicationId))}`).join("; ")
      : "none (reply to a digest or a confirmation)";

  /** The applications a command's numbers point at; a bare command needs exactly one item. */
  const resolveApplications = (items: readonly number[], word: string): number[] | null => {
    if (items.length === 0) {
      if (itemCount !== 1) {
        problems.push(`"${word}" needs a number: the message you replied to has ${itemCount === 0 ? "no numbered items" : `${itemCount} items`}. Choices: ${describeChoices()}.`);
        return null;
      }
      return [target.kind === "digest" ? target.items[0]!.applicationId : (target as { applicationId: number }).applicationId];
    }
    const ids: number[] = [];
    for (const n of items) {
      const id = target.kind === "digest" ? target.items.find((i) => i.number === n)?.applicationId : n === 1 && target.kind === "confirmation" ? target.applicationId : undefined;
      if (id === undefined || id === null) {
        problems.push(`There is no item ${n} in the message you replied to. Choices: ${describeChoices()}.`);
        return null;
      }
      ids.push(id);
    }
    return [...new Set(ids)];
  };

  /** The drafts a command's numbers point at (digest items only). */
  const resolveFollowUps = (items: readonly number[], word: string): FollowUpView[] | null => {
    if (target.kind !== "digest") {
      problems.push(`"${word}" works in reply to a digest, which numbers the drafts.`);
      return null;
    }
    const numbers = items.length > 0 ? items : target.items.length === 1 ? [1] : [];
    if (numbers.length === 0) {
      problems.push(`"${word}" needs a number: the digest has ${target.items.length} drafts. Choices: ${describeChoices()}.`);
      return null;
    }
    const found: FollowUpView[] = [];
    for (const n of numbers) {
      const item = target.items.find((i) => i.number === n);
      const followUp = item ? followUps.get(item.followUpId) : undefined;
      if (!followUp) {
        problems.push(`There is no draft ${n} in that digest. Choices: ${describeChoices()}.`);
        return null;
      }
      found.push(followUp);
    }
    return found;
  };

  const confirmationApp = (word: string): AppView | null => {
    const id = target.kind === "confirmation" ? target.applicationId : target.kind === "digest" && target.items.length === 1 ? target.items[0]!.applicationId : null;
    const app = id === null ? undefined : apps.get(id);
    if (!app) problems.push(`"${word}" corrects a confirmation: reply to the confirmation of the email it is about.`);
    return app ?? null;
  };

  const setFollowUp = (f: FollowUpView, state: FollowUpStateValue, type: string, verb: string, extra: { sentAt?: number | null; snoozedUntil?: number | null } = {}) => {
    changes.push({
      applicationId: f.applicationId,
      event: {
        type,
        payload: { followUpKey: f.key, rule: f.rule, ...(extra.snoozedUntil ? { until: extra.snoozedUntil } : {}) },
        inverse: { op: "set_follow_up", followUpId: f.id, state: f.state, sentAt: f.sentAt, snoozedUntil: f.snoozedUntil },
      },
      effects: [{ op: "set_follow_up", followUpId: f.id, state, sentAt: extra.sentAt ?? f.sentAt, snoozedUntil: extra.snoozedUntil ?? f.snoozedUntil }],
      summary: `${labelOf(apps.get(f.applicationId))}: ${f.rule} draft ${verb}`,
    });
  };

  const setStatus = (appId: number, status: ApplicationStatus) => {
    const app = apps.get(appId)!;
    if (app.status === status) return;
    changes.push({
      applicationId: appId,
      event: { type: "status_changed", payload: { from: app.status, to: status, because: "command" }, inverse: { op: "set_status", status: app.status } },
      effects: [{ op: "set_status", applicationId: appId, status }],
      summary: `${labelOf(app)}: status ${app.status} → ${status}`,
    });
  };

  const settings = parseSettings(user.settings);
  for (const command of commands) {
    switch (command.kind) {
      case "done":
        for (const f of resolveFollowUps(command.items, "done") ?? []) setFollowUp(f, "sent", "follow_up_sent", "marked as sent", { sentAt: now });
        break;
      case "skip":
        for (const f of resolveFollowUps(command.items, "skip") ?? []) setFollowUp(f, "skipped", "follow_up_skipped", "skipped");
        break;
      case "snooze":
        for (const f of resolveFollowUps([command.item], "snooze") ?? []) {
          setFollowUp(f, f.state, "follow_up_snoozed", `snoozed until ${command.until}`, { snoozedUntil: atLocalTime(command.until, settings.morningHour, user.timeZone) });
        }
        break;
      case "rejected":
      case "offer":
      case "withdraw": {
        let ids: number[] | null;
        if (command.kind === "rejected" && command.company) {
          const key = companyKey(command.company);
          const matches = input.apps.filter((a) => key !== null && companyKey(a.company) === key);
          if (matches.length !== 1) {
            problems.push(matches.length === 0 ? `No application at "${command.company}".` : `Several applications at "${command.company}": reply to the digest with its number.`);
            ids = null;
          } else ids = [matches[0]!.id];
        } else ids = resolveApplications(command.items, command.kind);
        for (const id of ids ?? []) setStatus(id, STATUS_COMMANDS[command.kind]);
        break;
      }
      case "heard_back":
        for (const id of resolveApplications(command.items, "heard back") ?? []) {
          changes.push({
            applicationId: id,
            event: { type: "employer_replied", payload: { via: "command" }, inverse: null },
            effects: [],
            summary: `${labelOf(apps.get(id))}: noted that they replied; pending nudges stop (R11)`,
          });
        }
        break;
      case "timeline":
        for (const id of resolveApplications([command.item], "timeline") ?? []) {
          const app = apps.get(id)!;
          changes.push({
            applicationId: id,
            event: { type: "timeline_promised", payload: { timeline: command.timeline, sentAt: now }, inverse: { op: "set_timeline", timeline: app.promisedTimeline } },
            effects: [{ op: "set_timeline", applicationId: id, timeline: command.timeline }],
            summary: `${labelOf(app)}: their timeline noted (${command.timeline.text})`,
          });
        }
        break;
      case "offer_elsewhere": {
        const ids = command.item === null ? input.apps.filter((a) => ["applied", "interviewing", "waiting"].includes(a.status)).map((a) => a.id) : resolveApplications([command.item], "offer elsewhere");
        for (const id of ids ?? []) {
          changes.push({
            applicationId: id,
            event: { type: "offer_elsewhere", payload: { deadline: command.deadline }, inverse: null },
            effects: [],
            summary: `${labelOf(apps.get(id))}: an earlier, polite note about your other offer (deadline ${command.deadline}) will be drafted (R10)`,
          });
        }
        break;
      }
      case "company":
      case "role":
      case "contact": {
        const app = confirmationApp(command.kind);
        if (!app) break;
        const details: Partial<ApplicationDetails> =
          command.kind === "company" ? { company: command.company } : command.kind === "role" ? { role: command.role } : { contactName: command.name, contactEmail: command.email };
        const previous = Object.fromEntries(Object.keys(details).map((k) => [k, app[k as keyof AppView]])) as Partial<ApplicationDetails>;
        changes.push({
          applicationId: app.id,
          event: { type: "details_updated", payload: { ...details }, inverse: { op: "set_details", details: previous } },
          effects: [{ op: "set_details", applicationId: app.id, details }],
          summary: `${labelOf(app)}: ${command.kind} set to ${Object.values(details).filter(Boolean).join(" ")}`,
        });
        break;
      }
      case "time": {
        const app = confirmationApp("time");
        if (!app) break;
        const interview = input.interviews
          .filter((i) => i.applicationId === app.id)
          .sort((a, b) => (b.startAt ?? 0) - (a.startAt ?? 0))[0];
        if (!interview) {
          problems.push(`${labelOf(app)} has no interview to move.`);
          break;
        }
        const date = command.date ?? (interview.startAt !== null ? toLocalDate(interview.startAt, command.timeZone) : (interview.startLocal?.slice(0, 10) ?? null));
        if (!date) {
          problems.push(`Say the date too, e.g. "time: tue 3pm PT".`);
          break;
        }
        const [hour, minute] = command.time.split(":").map(Number) as [number, number];
        const startAt = atLocalTime(date, hour, command.timeZone, minute);
        changes.push({
          applicationId: app.id,
          event: {
            type: "interview_moved",
            payload: { interviewId: interview.id, from: interview.startAt, to: startAt },
            inverse: { op: "set_interview_start", interviewId: interview.id, startAt: interview.startAt, startLocal: interview.startLocal, timeZone: interview.timeZone },
          },
          effects: [{ op: "set_interview_start", interviewId: interview.id, startAt, startLocal: null, timeZone: command.timeZone }],
          summary: `${labelOf(app)}: interview time set to ${date} ${command.time} (${command.timeZone})`,
        });
        break;
      }
      case "ignore": {
        if (target.kind !== "confirmation") {
          problems.push(`"ignore" answers a confirmation: reply to the confirmation of the email that is not about a job.`);
          break;
        }
        const effects: Effect[] = [{ op: "set_message_state", inboundId: target.inboundId, state: "ignored" }];
        if (target.applicationId !== null) effects.push({ op: "archive_application", applicationId: target.applicationId });
        changes.push({
          applicationId: target.applicationId,
          event: { type: "message_ignored", payload: { inboundId: target.inboundId }, inverse: { op: "set_message_state", inboundId: target.inboundId, state: "understood" } },
          effects,
          summary: target.applicationId !== null ? `${labelOf(apps.get(target.applicationId))}: removed (not a job email)` : "that email: ignored",
        });
        break;
      }
      case "timezone":
      case "digest_time":
      case "country":
      case "pause":
      case "resume": {
        const before = preferences;
        const after: UserPreferences = { ...before, settings: { ...before.settings } };
        let summary: string;
        if (command.kind === "timezone") (after.timeZone = command.timeZone), (summary = `time zone set to ${command.timeZone}`);
        else if (command.kind === "country") (after.country = command.country), (summary = command.country ? `public holidays of ${command.country} are skipped` : "no public holidays are skipped");
        else if (command.kind === "digest_time") {
          const [hour, minute] = command.time.split(":").map(Number) as [number, number];
          after.settings.digestHour = hour;
          after.settings.digestMinute = minute;
          summary = `digest time set to ${command.time}`;
        } else (after.paused = command.kind === "pause"), (summary = command.kind === "pause" ? "digests paused" : "digests resumed");
        preferences = after;
        changes.push({ applicationId: null, event: { type: "settings_changed", payload: { command: command.kind }, inverse: { op: "set_user", preferences: before } }, effects: [{ op: "set_user", preferences: after }], summary });
        break;
      }
      case "forget":
        for (const id of resolveApplications(command.items, "forget") ?? []) {
          irreversible = true;
          changes.push({ applicationId: null, event: { type: "forgotten", payload: { count: 1 }, inverse: null }, effects: [{ op: "forget_applications", applicationIds: [id] }], summary: `${labelOf(apps.get(id))}: deleted with everything about it` });
        }
        break;
      case "forget_all":
        irreversible = true;
        changes.push({ applicationId: null, event: { type: "forgotten", payload: { all: true }, inverse: null }, effects: [{ op: "forget_all" }], summary: "everything stored about your applications was deleted" });
        break;
      case "list":
      case "help":
      case "undo":
        break;
    }
  }
  if (problems.length > 0) return { kind: "problems", problems };
  return { kind: "changes", changes, irreversible };
}
