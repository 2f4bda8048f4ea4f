/**
 * Follow-ups over D1: everything the rules read about a user's applications in one batch, the
 * writes a refresh plans (src/core/follow-ups/refresh.ts), and `refreshFollowUps`, which runs the
 * two. Idempotent: a refresh run twice at the same `now` writes nothing the second time.
 */
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { Db } from "./client.ts";
import { applications, events, followUps, inboundMessages, interviews } from "./schema.ts";
import type { ApplicationStatus } from "../core/applications/status.ts";
import type { FollowUpWrite, StoredFollowUp } from "../core/follow-ups/sync.ts";
import { type UserRecords, planRefresh, type RefreshPlan } from "../core/follow-ups/refresh.ts";
import type { FollowUpPlan } from "../core/follow-ups/rules.ts";
import type { UserRow } from "./users.ts";
import { toApplicationRecord, toInterviewRecord } from "./applications.ts";

/**
 * Everything the rules need for a user's applications, in a fixed number of queries however
 * many applications there are. `applicationId` narrows it to one application.
 */
export async function loadUserRecords(db: Db, userId: number, applicationId?: number): Promise<UserRecords> {
  return toUserRecords(await db.batch(userRecordsReads(db, userId, applicationId)));
}

/** The reads behind `UserRecords`, to put in a batch with other statements (one round trip). */
export function userRecordsReads(db: Db, userId: number, applicationId?: number) {
  const appFilter = and(eq(applications.userId, userId), isNull(applications.archivedAt), applicationId === undefined ? undefined : eq(applications.id, applicationId));
  return [
    db.select().from(applications).where(appFilter).orderBy(asc(applications.id)),
    db
      .select({ interview: interviews, subject: inboundMessages.subject })
      .from(interviews)
      .innerJoin(applications, eq(interviews.applicationId, applications.id))
      .leftJoin(inboundMessages, eq(interviews.sourceMessageId, inboundMessages.id))
      .where(appFilter),
    db
      .select({ applicationId: events.applicationId, type: events.type, payload: events.payload, at: events.at, undoneAt: events.undoneAt })
      .from(events)
      .where(applicationId === undefined ? eq(events.userId, userId) : and(eq(events.userId, userId), eq(events.applicationId, applicationId)))
      .orderBy(asc(events.id)),
    db
      .select()
      .from(followUps)
      .where(applicationId === undefined ? eq(followUps.userId, userId) : and(eq(followUps.userId, userId), eq(followUps.applicationId, applicationId))),
  ] as const;
}

export type UserRecordsRows = BatchResponse<ReturnType<typeof userRecordsReads>>;

/** The rows of `userRecordsReads` as the core reads them. */
export function toUserRecords([apps, interviewRows, eventRows, followUpRows]: UserRecordsRows): UserRecords {
  return {
    applications: apps.map(toApplicationRecord),
    interviews: interviewRows.map(({ interview, subject }) => toInterviewRecord(interview, subject ?? null)),
    events: eventRows.map((e) => ({
      applicationId: e.applicationId,
      type: e.type,
      payload: (e.payload as Record<string, unknown>) ?? {},
      at: e.at.getTime(),
      undoneAt: e.undoneAt?.getTime() ?? null,
    })),
    followUps: followUpRows.map(toFollowUpRecord),
  };
}

/** A follow-up row as the core reads it (the rules' stored follow-up, and what a command changes). */
export function toFollowUpRecord(f: typeof followUps.$inferSelect) {
  return {
    id: f.id,
    applicationId: f.applicationId,
    key: f.key,
    rule: f.rule,
    state: f.state,
    dueAt: f.dueAt.getTime(),
    latestAt: f.latestAt?.getTime() ?? null,
    recipients: (f.recipients as StoredFollowUp["recipients"]) ?? [],
    subject: f.subject,
    body: f.body,
    placeholders: (f.placeholders as string[]) ?? [],
    sentAt: f.sentAt?.getTime() ?? null,
    snoozedUntil: f.snoozedUntil?.getTime() ?? null,
  };
}

/** The statements that apply reconciled follow-up writes (for one batch with other work). */
export function followUpStatements(db: Db, userId: number, applicationId: number, writes: readonly FollowUpWrite[], now: Date): BatchItem<"sqlite">[] {
  return writes.map((write) => {
    if (write.op === "cancel") return db.update(followUps).set({ state: "cancelled", updatedAt: now }).where(eq(followUps.id, write.id));
    const f = write.fields;
    const values = {
      key: f.key,
      rule: f.rule,
      dueAt: new Date(f.dueAt),
      latestAt: f.latestAt === null ? null : new Date(f.latestAt),
      recipients: f.recipients,
      subject: f.subject,
      body: f.body,
      placeholders: f.placeholders,
      updatedAt: now,
    };
    if (write.op === "update") {
      return db
        .update(followUps)
        .set(write.revive ? { ...values, state: "pending" } : values)
        .where(eq(followUps.id, write.id));
    }
    return db
      .insert(followUps)
      .values({ ...values, userId, applicationId, state: "pending", createdAt: now })
      .onConflictDoNothing();
  });
}

/**
 * Statements that change an application's status and record it as an undoable event. Both
 * apply only while the status is still `from`, the event first: a batch that runs twice (a
 * retry after a lost response) records the change once.
 */
export function statusChangeStatements(db: Db, userId: number, applicationId: number, from: ApplicationStatus, to: ApplicationStatus, now: Date, because: string): BatchItem<"sqlite">[] {
  const stillFrom = and(eq(applications.id, applicationId), eq(applications.status, from));
  return [
    db.insert(events).select(
      // Every column of `events`, in order, as INSERT … SELECT needs them.
      db
        .select({
          id: sql<number>`NULL`.as("id"),
          userId: sql<number>`${userId}`.as("user_id"),
          applicationId: applications.id,
          inboundMessageId: sql<number | null>`NULL`.as("inbound_message_id"),
          type: sql<string>`'status_changed'`.as("type"),
          payload: sql<string>`${JSON.stringify({ from, to, because })}`.as("payload"),
          inverse: sql<string>`${JSON.stringify({ op: "set_status", status: from })}`.as("inverse"),
          at: sql<number>`${now.getTime()}`.as("at"),
          undoneAt: sql<number | null>`NULL`.as("undone_at"),
        })
        .from(applications)
        .where(stillFrom),
    ),
    db.update(applications).set({ status: to, updatedAt: now }).where(stillFrom),
  ];
}

export interface RefreshResult {
  records: UserRecords;
  plans: Map<number, FollowUpPlan>;
}

/** A refresh's writes, as statements for one batch (alone, or ahead of other work). */
export function refreshStatements(db: Db, userId: number, refresh: RefreshPlan, now: Date): BatchItem<"sqlite">[] {
  return refresh.changes.flatMap(({ applicationId, writes, statusChange }) => [
    ...followUpStatements(db, userId, applicationId, writes, now),
    ...(statusChange ? statusChangeStatements(db, userId, applicationId, statusChange.from, statusChange.to, now, "time passed") : []),
  ]);
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
