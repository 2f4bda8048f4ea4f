/**
 * A refresh of a user's follow-ups, planned: the rules over every application at `now`, the
 * stored follow-ups reconciled with them, and any status the passage of time implies (waiting
 * after the last interview, gone quiet under R7). Pure: no I/O, no clock; the records are read
 * beforehand and the result is written by the caller (src/db/follow-ups.ts).
 */
import type { ApplicationRecord, EventRecord, InterviewRecord } from "../applications/records.ts";
import type { ApplicationStatus } from "../applications/status.ts";
import { buildHistory } from "./history.ts";
import { planFollowUps, type FollowUpPlan } from "./rules.ts";
import { parseSettings } from "./settings.ts";
import { findPlannedFollowUp, reconcileFollowUps, reconcileShownText, type FollowUpWrite, type StoredFollowUp } from "./sync.ts";

const OPEN: readonly ApplicationStatus[] = ["applied", "interviewing", "waiting"];

/** A user's applications with their interviews, events and stored follow-ups, as the rules read them. */
export interface UserRecords {
  applications: ApplicationRecord[];
  interviews: (InterviewRecord & { applicationId: number })[];
  events: (EventRecord & { applicationId: number | null })[];
  followUps: (StoredFollowUp & { applicationId: number; snoozedUntil: number | null })[];
}

/** Who the rules plan for; `settings` is the stored JSON, parsed here. */
export interface RefreshUser {
  timeZone: string;
  country: string | null;
  settings: unknown;
}

/** What a refresh changes for one application. */
export interface ApplicationRefresh {
  applicationId: number;
  writes: FollowUpWrite[];
  /** The status the passage of time implies, when it differs from the stored one. */
  statusChange: { from: ApplicationStatus; to: ApplicationStatus } | null;
}

export interface RefreshPlan {
  plans: Map<number, FollowUpPlan>;
  /** Only the applications with something to write. */
  changes: ApplicationRefresh[];
}

/** The status the passage of time implies, or null to keep the current one. */
function impliedStatus(current: ApplicationStatus, plan: FollowUpPlan, interviews: UserRecords["interviews"], now: number): ApplicationStatus | null {
  if (!OPEN.includes(current)) return null;
  if (plan.goneQuiet) return "gone_quiet";
  if (current !== "interviewing") return null;
  const scheduled = interviews.filter((i) => i.status === "scheduled" && i.startAt !== null);
  return scheduled.length > 0 && scheduled.every((i) => (i.startAt ?? 0) + (i.durationMin ?? 60) * 60_000 <= now) ? "waiting" : null;
}

/**
 * Runs the rules over a user's records at `now`. Each application's interviews, events and
 * follow-ups are looked up in maps, so the work grows with the records, not their square.
 */
export function planRefresh(records: UserRecords, user: RefreshUser, now: number): RefreshPlan {
  const context = { timeZone: user.timeZone, country: user.country, settings: parseSettings(user.settings) };
  const plans = new Map<number, FollowUpPlan>();
  const changes: ApplicationRefresh[] = [];
  const interviewsOf = Map.groupBy(records.interviews, (i) => i.applicationId);
  const eventsOf = Map.groupBy(records.events, (e) => e.applicationId);
  const followUpsOf = Map.groupBy(records.followUps, (f) => f.applicationId);
  for (const app of records.applications) {
    const interviews = interviewsOf.get(app.id) ?? [];
    const plan = planFollowUps(buildHistory(app, interviews, eventsOf.get(app.id) ?? []), context, now);
    plans.set(app.id, plan);
    const writes = reconcileFollowUps(plan, followUpsOf.get(app.id) ?? []);
    const status = impliedStatus(app.status, plan, interviews, now);
    const statusChange = status && status !== app.status ? { from: app.status, to: status } : null;
    if (writes.length > 0 || statusChange) changes.push({ applicationId: app.id, writes, statusChange });
  }
  return { plans, changes };
}

/**
 * The refresh with the text updates of the follow-ups about to be shown: the rows
 * `reconcileFollowUps` left with an out-of-date draft (src/core/follow-ups/sync.ts), so what is
 * stored is what the digest shows. `shown` are rows of the records as the refresh leaves them.
 */
export function addShownTextUpdates(refresh: RefreshPlan, shown: readonly (StoredFollowUp & { applicationId: number })[]): RefreshPlan {
  let changes = refresh.changes;
  for (const row of shown) {
    const planned = findPlannedFollowUp(refresh.plans, row);
    const write = planned && reconcileShownText(planned, row);
    if (!write) continue;
    const change = changes.find((c) => c.applicationId === row.applicationId);
    changes = change
      ? changes.map((c) => (c === change ? { ...c, writes: [...c.writes, write] } : c))
      : [...changes, { applicationId: row.applicationId, writes: [write], statusChange: null }];
  }
  return { plans: refresh.plans, changes };
}

/**
 * The records as they will be once `refreshStatements` (src/db/follow-ups.ts) has run, for planning from them in
 * the same round trip that writes them: statuses changed, follow-ups inserted, updated,
 * revived or cancelled exactly as those statements do. An inserted follow-up gets the next id
 * after the stored ones, in the order the statements insert it, so it sorts as it will once
 * written; the database may give it another, so find it by application and key.
 */
export function recordsAfterRefresh(records: UserRecords, refresh: RefreshPlan): UserRecords {
  const statusOf = new Map<number, ApplicationStatus>();
  const updates = new Map<number, FollowUpWrite>();
  const inserted: UserRecords["followUps"] = [];
  let nextId = records.followUps.reduce((max, f) => Math.max(max, f.id), 0) + 1;
  for (const { applicationId, writes, statusChange } of refresh.changes) {
    if (statusChange) statusOf.set(applicationId, statusChange.to);
    for (const write of writes) {
      if (write.op === "insert") inserted.push({ ...write.fields, id: nextId++, applicationId, state: "pending", snoozedUntil: null });
      else updates.set(write.id, write);
    }
  }
  const followUps = records.followUps.map((row) => {
    const write = updates.get(row.id);
    if (!write || write.op === "insert") return row;
    if (write.op === "cancel") return { ...row, state: "cancelled" as const };
    return { ...row, ...write.fields, state: write.revive ? ("pending" as const) : row.state };
  });
  return {
    ...records,
    applications: records.applications.map((app) => {
      const status = statusOf.get(app.id);
      return status ? { ...app, status } : app;
    }),
    followUps: [...followUps, ...inserted],
  };
}
