/**
 * The only SQL. Each function takes the drizzle handle and returns domain-shaped data. A
 * multi-statement unit of work goes through one `db.batch()` (a D1 batch is one transaction;
 * D1 rejects BEGIN), and every write is idempotent under retry (unique keys, ON CONFLICT).
 */
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client.ts";
import { applications, digests, events, followUps, inboundMessages, interviews, outboundMessages, rawChunks, users } from "./schema.ts";
import type { ApplicationSnapshot, FilingPlan, InterviewFields } from "../core/filing.ts";
import type { ApplicationStatus } from "../core/application-status.ts";
import { companyKey, roleKey } from "../core/filing.ts";
import type { PromisedTimeline, Understanding } from "../core/understanding.ts";
import type { ApplicationRecord, EventRecord, InterviewRecord } from "../core/history.ts";
import type { FollowUpWrite, StoredFollowUp } from "../core/follow-up-sync.ts";

export type UserRow = typeof users.$inferSelect;
export type InboundRow = typeof inboundMessages.$inferSelect;
export type InboundState = InboundRow["state"];

/** An application row as the core reads it. */
function toApplicationRecord(a: typeof applications.$inferSelect): ApplicationRecord {
  return {
    id: a.id,
    company: a.company,
    role: a.role,
    status: a.status,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    language: a.language,
    noCalls: a.noCalls,
    notes: (a.notes as string[]) ?? [],
    promisedTimeline: (a.promisedTimeline as PromisedTimeline | null) ?? null,
  };
}

/** The owner's row, created from the deployment's settings on first use. */
export async function ensureOwner(db: Db, owner: { email: string; timeZone: string; country: string | null }, now: Date): Promise<UserRow> {
  const [inserted] = await db
    .insert(users)
    .values({ email: owner.email, timeZone: owner.timeZone, country: owner.country, createdAt: now })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (inserted) return inserted;
  const [existing] = await db.select().from(users).where(eq(users.email, owner.email));
  if (!existing) throw new Error("owner row vanished between insert and select");
  return existing;
}

export interface NewInbound {
  userId: number;
  receivedAt: Date;
  envelopeFrom: string;
  envelopeTo: string;
  rawSha256: string;
  rawSize: number;
  channel: "forward" | "command";
  outerMessageId: string | null;
  subject: string | null;
  compressedChunks: Uint8Array[];
}

/**
 * Keeps a message whole: the row and all its compressed chunks in one batch, so there is never
 * a message row without its bytes. The same bytes delivered again return the existing row.
 */
export async function storeInbound(db: Db, message: NewInbound): Promise<{ row: InboundRow; duplicate: boolean }> {
  const existing = await findInboundBySha(db, message.userId, message.rawSha256);
  if (existing) return { row: existing, duplicate: true };
  const idOf = sql`(SELECT id FROM inbound_messages WHERE user_id = ${message.userId} AND raw_sha256 = ${message.rawSha256})`;
  const chunkInserts = message.compressedChunks.map((bytes, seq) =>
    db.insert(rawChunks).values({ messageId: idOf, seq, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }).onConflictDoNothing(),
  );
  await db.batch([
    db
      .insert(inboundMessages)
      .values({
        userId: message.userId,
        receivedAt: message.receivedAt,
        envelopeFrom: message.envelopeFrom,
        envelopeTo: message.envelopeTo,
        rawSha256: message.rawSha256,
        rawSize: message.rawSize,
        chunkCount: message.compressedChunks.length,
        channel: message.channel,
        outerMessageId: message.outerMessageId,
        subject: message.subject,
      })
      .onConflictDoNothing(),
    ...chunkInserts,
  ]);
  const row = await findInboundBySha(db, message.userId, message.rawSha256);
  if (!row) throw new Error("inbound row missing after insert");
  return { row, duplicate: false };
}

async function findInboundBySha(db: Db, userId: number, sha: string): Promise<InboundRow | null> {
  const [row] = await db
    .select()
    .from(inboundMessages)
    .where(and(eq(inboundMessages.userId, userId), eq(inboundMessages.rawSha256, sha)));
  return row ?? null;
}

export async function getInbound(db: Db, id: number): Promise<InboundRow | null> {
  const [row] = await db.select().from(inboundMessages).where(eq(inboundMessages.id, id));
  return row ?? null;
}

export async function listInboundIds(db: Db, userId: number, channel: "forward" | "command"): Promise<number[]> {
  const rows = await db
    .select({ id: inboundMessages.id })
    .from(inboundMessages)
    .where(and(eq(inboundMessages.userId, userId), eq(inboundMessages.channel, channel)))
    .orderBy(asc(inboundMessages.id));
  return rows.map((r) => r.id);
}

/** The compressed chunks of a kept message, in order. */
export async function loadRawChunks(db: Db, messageId: number): Promise<Uint8Array[]> {
  const rows = await db.select({ bytes: rawChunks.bytes }).from(rawChunks).where(eq(rawChunks.messageId, messageId)).orderBy(asc(rawChunks.seq));
  return rows.map((r) => new Uint8Array(r.bytes));
}

/** An earlier message that carried the same original (the same recruiter mail forwarded again). */
export async function findFiledOriginal(db: Db, userId: number, originalMessageId: string, exceptId: number): Promise<InboundRow | null> {
  const rows = await db
    .select()
    .from(inboundMessages)
    .where(and(eq(inboundMessages.userId, userId), eq(inboundMessages.originalMessageId, originalMessageId)))
    .orderBy(asc(inboundMessages.id));
  return rows.find((r) => r.id !== exceptId && (r.state === "understood" || r.state === "not_understood")) ?? null;
}

export async function markInbound(
  db: Db,
  id: number,
  update: { state: InboundState; understanding?: Understanding | null; problem?: string | null; originalMessageId?: string | null; applicationId?: number | null; parserVersion?: number },
): Promise<void> {
  await db.update(inboundMessages).set(update).where(eq(inboundMessages.id, id));
}

/** The user's applications with their interviews, as the filing core reads them. */
export async function loadApplicationSnapshots(db: Db, userId: number): Promise<ApplicationSnapshot[]> {
  const apps = await db
    .select()
    .from(applications)
    .where(and(eq(applications.userId, userId), isNull(applications.archivedAt)))
    .orderBy(asc(applications.id));
  if (apps.length === 0) return [];
  const rows = await db
    .select()
    .from(interviews)
    .where(
      inArray(
        interviews.applicationId,
        db.select({ id: applications.id }).from(applications).where(eq(applications.userId, userId)),
      ),
    );
  return apps.map((a) => ({
    ...toApplicationRecord(a),
    interviews: rows
      .filter((i) => i.applicationId === a.id)
      .map((i) => ({ id: i.id, calendarUid: i.calendarUid, startAt: i.startAt?.getTime() ?? null, startLocal: i.startLocal, status: i.status })),
  }));
}

function interviewValues(fields: InterviewFields) {
  return {
    calendarUid: fields.calendarUid,
    startAt: fields.startAt === null ? null : new Date(fields.startAt),
    startLocal: fields.startLocal,
    timeZone: fields.timeZone,
    durationMin: fields.durationMin,
    format: fields.format,
    meetingUrl: fields.meetingUrl,
    interviewers: fields.interviewers,
  };
}

/**
 * Writes a filing plan and marks the message understood, all in one batch: either the whole
 * filing is there or none of it. A new application is found by the message that created it,
 * so the batch needs no id from a previous round trip and a retry inserts nothing twice.
 */
export async function applyFilingPlan(
  db: Db,
  input: { userId: number; messageId: number; plan: Extract<FilingPlan, { action: "file" }>; understanding: Understanding; originalMessageId: string | null; parserVersion: number; at: Date },
): Promise<number> {
  const { userId, messageId, plan, at } = input;
  const appId =
    plan.target.kind === "existing" ? sql`${plan.target.applicationId}` : sql`(SELECT id FROM applications WHERE source_message_id = ${messageId})`;
  const statements: BatchItem<"sqlite">[] = [];

  if (plan.target.kind === "new") {
    const d = plan.details;
    statements.push(
      db
        .insert(applications)
        .values({
          userId,
          company: d.company ?? null,
          companyKey: companyKey(d.company ?? null),
          role: d.role ?? null,
          roleKey: roleKey(d.role ?? null),
          status: plan.status ?? "applied",
          contactName: d.contactName ?? null,
          contactEmail: d.contactEmail ?? null,
          language: d.language ?? "en",
          noCalls: d.noCalls ?? false,
          promisedTimeline: plan.timeline,
          notes: plan.note ? [plan.note] : [],
          sourceMessageId: messageId,
          createdAt: at,
          updatedAt: at,
        })
        .onConflictDoNothing(),
    );
  } else {
    const d = plan.details;
    const set: Partial<typeof applications.$inferInsert> = { updatedAt: at };
    if (d.company !== undefined) (set.company = d.company), (set.companyKey = companyKey(d.company));
    if (d.role !== undefined) (set.role = d.role), (set.roleKey = roleKey(d.role));
    if (d.contactEmail !== undefined) (set.contactEmail = d.contactEmail), (set.contactName = d.contactName ?? null);
    if (d.noCalls !== undefined) set.noCalls = d.noCalls;
    if (plan.status) set.status = plan.status;
    if (plan.timeline) set.promisedTimeline = plan.timeline;
    statements.push(db.update(applications).set(set).where(eq(applications.id, plan.target.applicationId)));
    if (plan.note) {
      statements.push(
        db
          .update(applications)
          .set({ notes: sql`json_insert(${applications.notes}, '$[#]', ${plan.note})` })
          .where(eq(applications.id, plan.target.applicationId)),
      );
    }
  }

  for (const op of plan.interviewOps) {
    if (op.op === "insert") {
      statements.push(
        db
          .insert(interviews)
          .values({ applicationId: appId, ...interviewValues(op.fields), status: "scheduled", sourceMessageId: messageId, createdAt: at })
          .onConflictDoNothing(),
      );
    } else if (op.op === "move") {
      statements.push(db.update(interviews).set({ ...interviewValues(op.fields), status: "scheduled" }).where(eq(interviews.id, op.interviewId)));
    } else {
      statements.push(db.update(interviews).set({ status: "cancelled" }).where(eq(interviews.id, op.interviewId)));
    }
  }

  for (const event of plan.events) {
    statements.push(
      db.insert(events).values({ userId, applicationId: appId, inboundMessageId: messageId, type: event.type, payload: event.payload, inverse: event.inverse, at }),
    );
  }
  statements.push(
    db
      .update(inboundMessages)
      .set({
        state: "understood",
        understanding: input.understanding,
        problem: null,
        originalMessageId: input.originalMessageId,
        applicationId: appId,
        parserVersion: input.parserVersion,
      })
      .where(eq(inboundMessages.id, messageId)),
  );
  await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  const row = await getInbound(db, messageId);
  if (row?.applicationId == null) throw new Error("filing batch left no application on the message");
  return row.applicationId;
}

/** Whether a confirmation (or other reply) was already sent for this inbound message. */
export async function hasOutboundFor(db: Db, inboundId: number, kind: "confirmation" | "notice"): Promise<boolean> {
  const [row] = await db
    .select({ id: outboundMessages.id })
    .from(outboundMessages)
    .where(and(eq(outboundMessages.inReplyTo, inboundId), eq(outboundMessages.kind, kind)));
  return row !== undefined;
}

export async function recordOutbound(
  db: Db,
  row: { userId: number; kind: "confirmation" | "digest" | "notice"; messageId: string; inReplyTo: number | null; subject: string; sentAt: Date },
): Promise<void> {
  await db.insert(outboundMessages).values(row).onConflictDoNothing();
}

export async function getApplication(db: Db, id: number) {
  const [row] = await db.select().from(applications).where(eq(applications.id, id));
  return row ?? null;
}

export async function listApplicationsWithInterviews(db: Db) {
  const apps = await db.select().from(applications).orderBy(asc(applications.id));
  const rows = await db.select().from(interviews).orderBy(asc(interviews.startAt));
  return apps.map((a) => ({ ...a, interviews: rows.filter((i) => i.applicationId === a.id) }));
}

export async function getUser(db: Db, id: number): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export interface UserRecords {
  applications: ApplicationRecord[];
  interviews: (InterviewRecord & { applicationId: number })[];
  events: (EventRecord & { applicationId: number | null })[];
  followUps: (StoredFollowUp & { applicationId: number; snoozedUntil: number | null })[];
}

/**
 * Everything the rules need for a user's applications, in a fixed number of queries however
 * many applications there are. `applicationId` narrows it to one application.
 */
export async function loadUserRecords(db: Db, userId: number, applicationId?: number): Promise<UserRecords> {
  const appFilter = and(eq(applications.userId, userId), isNull(applications.archivedAt), applicationId === undefined ? undefined : eq(applications.id, applicationId));
  const [apps, interviewRows, eventRows, followUpRows] = await db.batch([
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
  ]);
  return {
    applications: apps.map(toApplicationRecord),
    interviews: interviewRows.map(({ interview: i, subject }) => ({
      id: i.id,
      applicationId: i.applicationId,
      startAt: i.startAt?.getTime() ?? null,
      startLocal: i.startLocal,
      timeZone: i.timeZone,
      durationMin: i.durationMin,
      interviewers: (i.interviewers as InterviewRecord["interviewers"]) ?? [],
      status: i.status,
      subject: subject ?? null,
      format: i.format,
      meetingUrl: i.meetingUrl,
    })),
    events: eventRows.map((e) => ({
      applicationId: e.applicationId,
      type: e.type,
      payload: (e.payload as Record<string, unknown>) ?? {},
      at: e.at.getTime(),
      undoneAt: e.undoneAt?.getTime() ?? null,
    })),
    followUps: followUpRows.map((f) => ({
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
      snoozedUntil: f.snoozedUntil?.getTime() ?? null,
    })),
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

export async function runBatch(db: Db, statements: BatchItem<"sqlite">[]): Promise<void> {
  if (statements.length === 0) return;
  await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}

/** Statements that change an application's status and record it as an undoable event. */
export function statusChangeStatements(db: Db, userId: number, applicationId: number, from: ApplicationStatus, to: ApplicationStatus, now: Date, because: string): BatchItem<"sqlite">[] {
  return [
    db.update(applications).set({ status: to, updatedAt: now }).where(eq(applications.id, applicationId)),
    db.insert(events).values({ userId, applicationId, type: "status_changed", payload: { from, to, because }, inverse: { op: "set_status", status: from }, at: now }),
  ];
}

export async function listUsers(db: Db): Promise<UserRow[]> {
  return db.select().from(users).orderBy(asc(users.id));
}

export interface DigestClaim {
  id: number;
  claimedAt: Date;
  attempts: number;
}

/**
 * Claims the user's digest for a local date: a new row, or a failed one with attempts left,
 * or a claim whose lease ran out before it started sending. A digest in "sending" is never
 * reclaimed: the send API has no idempotency key, so at most once wins over at least once.
 */
export async function claimDigest(db: Db, userId: number, localDate: string, now: Date, leaseMs: number, maxAttempts: number): Promise<DigestClaim | null> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  const [inserted] = await db
    .insert(digests)
    .values({ userId, localDate, status: "claimed", claimedAt: now, leaseUntil, attempts: 1 })
    .onConflictDoNothing()
    .returning({ id: digests.id, claimedAt: digests.claimedAt, attempts: digests.attempts });
  if (inserted) return inserted;
  const [reclaimed] = await db
    .update(digests)
    .set({ status: "claimed", claimedAt: now, leaseUntil, attempts: sql`${digests.attempts} + 1` })
    .where(
      and(
        eq(digests.userId, userId),
        eq(digests.localDate, localDate),
        or(and(eq(digests.status, "failed"), lt(digests.attempts, maxAttempts)), and(eq(digests.status, "claimed"), lte(digests.leaseUntil, now))),
      ),
    )
    .returning({ id: digests.id, claimedAt: digests.claimedAt, attempts: digests.attempts });
  return reclaimed ?? null;
}

/** Moves our claim to "sending"; false when another run took it over meanwhile. */
export async function markDigestSending(db: Db, claim: DigestClaim): Promise<boolean> {
  const rows = await db
    .update(digests)
    .set({ status: "sending" })
    .where(and(eq(digests.id, claim.id), eq(digests.status, "claimed"), eq(digests.claimedAt, claim.claimedAt)))
    .returning({ id: digests.id });
  return rows.length === 1;
}

export async function finishDigest(
  db: Db,
  claim: DigestClaim,
  outcome:
    | { status: "sent"; messageId: string; subject: string; items: unknown[]; shownFollowUpIds: number[]; reportedDigestIds: number[]; at: Date }
    | { status: "failed"; error: string }
    | { status: "empty" },
): Promise<void> {
  if (outcome.status === "failed") {
    await db.update(digests).set({ status: "failed", error: outcome.error.slice(0, 500) }).where(eq(digests.id, claim.id));
    return;
  }
  if (outcome.status === "empty") {
    await db.update(digests).set({ status: "empty" }).where(eq(digests.id, claim.id));
    return;
  }
  const statements: BatchItem<"sqlite">[] = [
    db
      .update(digests)
      .set({ status: "sent", messageId: outcome.messageId, subject: outcome.subject, items: outcome.items, sentAt: outcome.at, error: null })
      .where(eq(digests.id, claim.id)),
  ];
  if (outcome.shownFollowUpIds.length > 0) {
    statements.push(
      db
        .update(followUps)
        .set({ state: "shown", updatedAt: outcome.at })
        .where(and(inArray(followUps.id, outcome.shownFollowUpIds), eq(followUps.state, "pending"))),
    );
  }
  if (outcome.reportedDigestIds.length > 0) {
    statements.push(db.update(digests).set({ reportedAt: outcome.at }).where(inArray(digests.id, outcome.reportedDigestIds)));
  }
  await runBatch(db, statements);
}

/** Earlier digests that never went out (failed, or stuck while sending) and were not yet reported. */
export async function listUndeliveredDigests(db: Db, userId: number, beforeDate: string): Promise<{ id: number; localDate: string }[]> {
  return db
    .select({ id: digests.id, localDate: digests.localDate })
    .from(digests)
    .where(and(eq(digests.userId, userId), lt(digests.localDate, beforeDate), inArray(digests.status, ["failed", "sending", "claimed"]), isNull(digests.reportedAt)))
    .orderBy(asc(digests.localDate));
}

export async function getDigestByMessageId(db: Db, userId: number, messageId: string) {
  const [row] = await db.select().from(digests).where(and(eq(digests.userId, userId), eq(digests.messageId, messageId)));
  return row ?? null;
}

export async function getDigestByLocalDate(db: Db, userId: number, localDate: string) {
  const [row] = await db
    .select()
    .from(digests)
    .where(and(eq(digests.userId, userId), eq(digests.localDate, localDate), eq(digests.status, "sent")));
  return row ?? null;
}

export async function findOutboundByMessageId(db: Db, userId: number, messageId: string) {
  const [row] = await db
    .select()
    .from(outboundMessages)
    .where(and(eq(outboundMessages.userId, userId), eq(outboundMessages.messageId, messageId)));
  return row ?? null;
}

/** A command reply with this Message-ID that was already handled (a redelivery with other bytes). */
export async function findAppliedCommand(db: Db, userId: number, outerMessageId: string, exceptId: number): Promise<boolean> {
  const rows = await db
    .select({ id: inboundMessages.id })
    .from(inboundMessages)
    .where(
      and(
        eq(inboundMessages.userId, userId),
        eq(inboundMessages.channel, "command"),
        eq(inboundMessages.outerMessageId, outerMessageId),
        inArray(inboundMessages.state, ["understood", "not_understood"]),
      ),
    );
  return rows.some((r) => r.id !== exceptId);
}

/** What a command reply can change: the user's visible applications, their drafts and interviews. */
export async function loadCommandState(db: Db, userId: number) {
  const visible = and(eq(applications.userId, userId), isNull(applications.archivedAt));
  const [apps, followUpRows, interviewRows] = await db.batch([
    db.select().from(applications).where(visible).orderBy(asc(applications.id)),
    db.select().from(followUps).where(eq(followUps.userId, userId)),
    db
      .select({ interview: interviews })
      .from(interviews)
      .innerJoin(applications, eq(interviews.applicationId, applications.id))
      .where(visible),
  ]);
  return {
    apps: apps.map(toApplicationRecord),
    followUps: followUpRows.map((f) => ({
      id: f.id,
      applicationId: f.applicationId,
      key: f.key,
      rule: f.rule,
      state: f.state,
      sentAt: f.sentAt?.getTime() ?? null,
      snoozedUntil: f.snoozedUntil?.getTime() ?? null,
    })),
    interviews: interviewRows.map(({ interview: i }) => ({
      id: i.id,
      applicationId: i.applicationId,
      startAt: i.startAt?.getTime() ?? null,
      startLocal: i.startLocal,
      timeZone: i.timeZone,
      status: i.status,
    })),
  };
}
