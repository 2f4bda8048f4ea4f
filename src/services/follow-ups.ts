/**
 * Keeps the stored follow-ups in step with the rules: loads an application's history (or all
 * of a user's), runs the pure rules engine at `now`, and writes the reconciled follow-ups and
 * any status the passage of time implies (waiting after the last interview, gone quiet under
 * R7) in one batch. Idempotent: running it twice at the same `now` writes nothing the second
 * time.
 */
import type { Db } from "../db/client.ts";
import { followUpStatements, loadUserRecords, runBatch, statusChangeStatements, type UserRecords, type UserRow } from "../db/queries.ts";
import { planFollowUps, type FollowUpPlan } from "../core/follow-up-rules.ts";
import { reconcileFollowUps } from "../core/follow-up-sync.ts";
import { buildHistory } from "../core/history.ts";
import { parseSettings } from "../core/settings.ts";
import type { ApplicationStatus } from "../core/application-status.ts";
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
  const scheduled = interviews.filter((i) => i.status === "scheduled" && i.startAt !== null);
  if (current === "interviewing" && scheduled.length > 0 && scheduled.every((i) => (i.startAt ?? 0) + (i.durationMin ?? 60) * 60_000 <= now)) {
    return "waiting";
  }
  return null;
}

export async function refreshFollowUps(db: Db, user: UserRow, now: Date, applicationId?: number): Promise<RefreshResult> {
  const records = await loadUserRecords(db, user.id, applicationId);
  const context = { timeZone: user.timeZone, country: user.country, settings: parseSettings(user.settings) };
  const plans = new Map<number, FollowUpPlan>();
  const statements: BatchItem<"sqlite">[] = [];
  const interviewsOf = groupBy(records.interviews, (i) => i.applicationId);
  const eventsOf = groupBy(records.events, (e) => e.applicationId);
  const followUpsOf = groupBy(records.followUps, (f) => f.applicationId);
  for (const app of records.applications) {
    const interviews = interviewsOf.get(app.id) ?? [];
    const plan = planFollowUps(buildHistory(app, interviews, eventsOf.get(app.id) ?? []), context, now.getTime());
    plans.set(app.id, plan);
    const writes = reconcileFollowUps(plan, followUpsOf.get(app.id) ?? []);
    statements.push(...followUpStatements(db, user.id, app.id, writes, now));
    const status = impliedStatus(app.status, plan, interviews, now.getTime());
    if (status && status !== app.status) statements.push(...statusChangeStatements(db, user.id, app.id, app.status, status, now, "time passed"));
  }
  await runBatch(db, statements);
  return { records: statements.length > 0 ? await loadUserRecords(db, user.id, applicationId) : records, plans };
}

export function groupBy<T, K>(items: readonly T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}
