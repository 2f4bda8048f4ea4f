/**
 * Keeps the stored follow-ups in step with the rules: loads an application's history (or all
 * of a user's), runs the pure rules engine at `now`, and writes the reconciled follow-ups and
 * any status the passage of time implies (waiting after the last interview, gone quiet under
 * R7) in one batch. Idempotent: running it twice at the same `now` writes nothing the second
 * time.
 */
import type { Db } from "../db/client.ts";
import {
  followUpStatements,
  loadUserRecords,
  statusChangeStatements,
  toUserRecords,
  userRecordsReads,
  type UserRecords,
  type UserRecordsRows,
  type UserRow,
} from "../db/queries.ts";
import { planFollowUps, type FollowUpPlan } from "../core/follow-ups/rules.ts";
import { findPlannedFollowUp, reconcileFollowUps, reconcileShownText, type FollowUpWrite, type StoredFollowUp } from "../core/follow-ups/sync.ts";
import { buildHistory } from "../core/follow-ups/history.ts";
import { parseSettings } from "../core/follow-ups/settings.ts";
import { groupBy } from "../core/group-by.ts";
import type { ApplicationStatus } from "../core/applications/status.ts";
import type { BatchItem } from "drizzle-orm/batch";

const OPEN: readonly ApplicationStatus[] = ["applied", "interviewing", "waiting"];

export interface RefreshResult {
  records: UserRecords;
  plans: Map<number, FollowUpPlan>;
}

/** The status the passage of time implies, or null to keep the current one. */
function impliedStatus(current: ApplicationStatus, plan: FollowUpPlan, interviews: UserRecords["interviews"], now: number): ApplicationStatus | null {
  if (!OPEN.includes(current)) return null;
  if (plan.goneQuiet) return "gone_quiet";
  if (current !== "interviewing") return null;
  const scheduled = interviews.filter((i) => i.status === "scheduled" && i.startAt !== null);
  return scheduled.length > 0 && scheduled.every((i) => (i.startAt ?? 0) + (i.durationMin ?? 60) * 60_000 <= now) ? "waiting" : null;
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

/**
 * Runs the rules over a user's records at `now`. Pure: the records are read beforehand, and
 * the result is written with `refreshStatements`. Each application's interviews, events and
 * follow-ups are looked up in maps, so the work grows with the records, not their square.
 */
export function planRefresh(records: UserRecords, user: Pick<UserRow, "timeZone" | "country" | "settings">, now: number): RefreshPlan {
  const context = { timeZone: user.timeZone, country: user.country, settings: parseSettings(user.settings) };
  const plans = new Map<number, FollowUpPlan>();
  const changes: ApplicationRefresh[] = [];
  const interviewsOf = groupBy(records.interviews, (i) => i.applicationId);
  const eventsOf = groupBy(records.events, (e) => e.applicationId);
  const followUpsOf = groupBy(records.followUps, (f) => f.applicationId);
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

/** A refresh's writes, as statements for one batch (alone, or ahead of other work). */
export function refreshStatements(db: Db, userId: number, refresh: RefreshPlan, now: Date): BatchItem<"sqlite">[] {
  return refresh.changes.flatMap(({ applicationId, writes, statusChange }) => [
    ...followUpStatements(db, userId, applicationId, writes, now),
    ...(statusChange ? statusChangeStatements(db, userId, applicationId, statusChange.from, statusChange.to, now, "time passed") : []),
  ]);
}

/**
 * The records as they will be once `refreshStatements` has run, for planning from them in
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

export async function refreshFollowUps(db: Db, user: UserRow, now: Date, applicationId?: number): Promise<RefreshResult> {
  const records = await loadUserRecords(db, user.id, applicationId);
  const refresh = planRefresh(records, user, now.getTime());
  const statements = refreshStatements(db, user.id, refresh, now);
  if (statements.length === 0) return { records, plans: refresh.plans };
  // The writes, then the records as written: one round trip and one transaction.
  const reads = userRecordsReads(db, user.id, applicationId);
  const batch: BatchItem<"sqlite">[] = [...statements, ...reads];
  const results = await db.batch(batch as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return { records: toUserRecords(results.slice(-reads.length) as unknown as UserRecordsRows), plans: refresh.plans };
}
