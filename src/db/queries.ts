/**
 * The only SQL. Each function takes the drizzle handle and returns domain-shaped data. A
 * multi-statement unit of work goes through one `db.batch()` (a D1 batch is one transaction;
 * D1 rejects BEGIN), and every write is idempotent under retry (unique keys, ON CONFLICT).
 */
import { and, asc, eq, gte, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { Db } from "./client.ts";
import { applications, digests, events, followUps, inboundMessages, interviews, outboundMessages, rawChunks, users } from "./schema.ts";
import type { ApplicationSnapshot, FilingKeys, FilingPlan, InterviewFields } from "../core/filing/plan.ts";
import type { ApplicationStatus } from "../core/applications/status.ts";
import { movedInterviewFields, newApplicationFields } from "../core/filing/plan.ts";
import { companyKey, roleKey } from "../core/applications/keys.ts";
import type { PromisedTimeline, Understanding } from "../core/understanding/types.ts";
import { pickApplicationRecord, type ApplicationRecord, type EventRecord, type InterviewRecord } from "../core/applications/records.ts";
import { groupBy } from "../core/group-by.ts";
import type { FollowUpWrite, StoredFollowUp } from "../core/follow-ups/sync.ts";

export type UserRow = typeof users.$inferSelect;
export type InboundRow = typeof inboundMessages.$inferSelect;
export type InboundState = InboundRow["state"];

/** An application row as the core reads it (its JSON columns typed). */
function toApplicationRecord(a: typeof applications.$inferSelect): ApplicationRecord {
  return pickApplicationRecord({
    ...a,
    notes: (a.notes as string[]) ?? [],
    promisedTimeline: (a.promisedTimeline as PromisedTimeline | null) ?? null,
  });
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
/**
 * The user's applications an email could belong to (src/core/filing/plan.ts `filingKeys`), with their
 * interviews, in one round trip and indexed lookups, however many applications the user has.
 */
export async function loadApplicationSnapshots(db: Db, userId: number, keys: FilingKeys): Promise<ApplicationSnapshot[]> {
  const matches = [
    keys.companyKey === null ? undefined : eq(applications.companyKey, keys.companyKey),
    keys.contactEmail === null ? undefined : sql`lower(${applications.contactEmail}) = ${keys.contactEmail}`,
    keys.contactDomain === null ? undefined : sql`lower(substr(${applications.contactEmail}, instr(${applications.contactEmail}, '@') + 1)) = ${keys.contactDomain}`,
    keys.calendarUid === null
      ? undefined
      : inArray(applications.id, db.select({ id: interviews.applicationId }).from(interviews).where(eq(interviews.calendarUid, keys.calendarUid))),
  ].filter((condition) => condition !== undefined);
  if (matches.length === 0) return [];
  const candidates = and(eq(applications.userId, userId), isNull(applications.archivedAt), or(...matches));
  const [apps, rows] = await db.batch([
    db.select().from(applications).where(candidates).orderBy(asc(applications.id)),
    db
      .select({ interview: interviews })
      .from(interviews)
      .innerJoin(applications, eq(interviews.applicationId, applications.id))
      .where(candidates),
  ]);
  return apps.map((a) => ({
    ...toApplicationRecord(a),
    interviews: rows
      .filter(({ interview: i }) => i.applicationId === a.id)
      .map(({ interview: i }) => ({ id: i.id, calendarUid: i.calendarUid, startAt: i.startAt?.getTime() ?? null, startLocal: i.startLocal, status: i.status })),
  }));
}

function interviewChanges(fields: Partial<InterviewFields>): Partial<typeof interviews.$inferInsert> {
  const { startAt, ...rest } = fields;
  return startAt === undefined ? rest : { ...rest, startAt: startAt === null ? null : new Date(startAt) };
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
  // Guard: the same message delivered twice at once is read twice, but filed once. Unless the
  // message is still waiting to be filed, this sets its state to NULL, which fails NOT NULL
  // ("NOT NULL constraint failed: inbound_messages.state") and rolls the whole batch back.
  const statements: BatchItem<"sqlite">[] = [
    db
      .update(inboundMessages)
      .set({ state: sql`CASE WHEN ${inboundMessages.state} IN ('stored', 'not_understood') THEN ${inboundMessages.state} END` })
      .where(eq(inboundMessages.id, messageId)),
  ];

  if (plan.target.kind === "new") {
    const fields = newApplicationFields(plan);
    statements.push(
      db
        .insert(applications)
        .values({
          userId,
          ...fields,
          companyKey: companyKey(fields.company),
          roleKey: roleKey(fields.role),
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
      statements.push(db.update(interviews).set({ ...interviewChanges(movedInterviewFields(op.fields)), status: "scheduled" }).where(eq(interviews.id, op.interviewId)));
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
  const visible = isNull(applications.archivedAt);
  const [apps, rows] = await db.batch([
    db.select().from(applications).where(visible).orderBy(asc(applications.id)),
    db.select({ interview: interviews }).from(interviews).innerJoin(applications, eq(interviews.applicationId, applications.id)).where(visible).orderBy(asc(interviews.startAt)),
  ]);
  const byApplication = groupBy(
    rows.map((r) => r.interview),
    (interview) => interview.applicationId,
  );
  return apps.map((a) => ({ ...a, interviews: byApplication.get(a.id) ?? [] }));
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

export interface DigestState {
  userId: number;
  localDate: string;
  status: (typeof digests.$inferSelect)["status"];
  attempts: number;
}

/**
 * Every user with their digests from `sinceLocalDate` on, in one round trip: all a tick needs
 * to tell who is due and whose digest is already done, so a tick with nothing to send makes
 * no other query.
 */
export async function loadDigestRoster(db: Db, sinceLocalDate: string): Promise<{ users: UserRow[]; digests: DigestState[] }> {
  const [userRows, digestRows] = await db.batch([
    db.select().from(users).orderBy(asc(users.id)),
    db
      .select({ userId: digests.userId, localDate: digests.localDate, status: digests.status, attempts: digests.attempts })
      .from(digests)
      // Through the (user_id, local_date) index: a range per user, however long the history.
      .where(and(inArray(digests.userId, db.select({ id: users.id }).from(users)), gte(digests.localDate, sinceLocalDate))),
  ]);
  return { users: userRows, digests: digestRows };
}

export interface DigestClaim {
  id: number;
  claimedAt: Date;
  attempts: number;
}

export interface ClaimedDigest {
  claim: DigestClaim;
  records: UserRecords;
  /** Earlier digests that never went out (failed, or stuck while sending) and were not yet reported. */
  undelivered: { id: number; localDate: string }[];
}

/**
 * Claims the user's digest for a local date and reads everything the digest needs, in one
 * batch (one round trip, one transaction). The claim is a new row, or a failed one with
 * attempts left, and it is "sending" at once: the job writes nothing between this batch and
 * the send, so there is no gap for a lease to cover. A digest in "sending" is never
 * reclaimed: the send API has no idempotency key, so at most once wins over at least once.
 * Null when the digest is sent, being sent, or out of attempts; the reads are then unused.
 */
export async function claimDigest(db: Db, userId: number, localDate: string, now: Date, maxAttempts: number): Promise<ClaimedDigest | null> {
  const claimed = { id: digests.id, claimedAt: digests.claimedAt, attempts: digests.attempts };
  const [inserted, reclaimed, ...reads] = await db.batch([
    db.insert(digests).values({ userId, localDate, status: "sending", claimedAt: now, leaseUntil: now, attempts: 1 }).onConflictDoNothing().returning(claimed),
    // After the insert: a row it just wrote is "sending", so this cannot take it twice.
    db
      .update(digests)
      .set({ status: "sending", claimedAt: now, leaseUntil: now, attempts: sql`${digests.attempts} + 1`, error: null })
      .where(and(eq(digests.userId, userId), eq(digests.localDate, localDate), eq(digests.status, "failed"), lt(digests.attempts, maxAttempts)))
      .returning(claimed),
    ...userRecordsReads(db, userId),
    db
      .select({ id: digests.id, localDate: digests.localDate })
      .from(digests)
      .where(and(eq(digests.userId, userId), lt(digests.localDate, localDate), inArray(digests.status, ["failed", "sending", "claimed"]), isNull(digests.reportedAt)))
      .orderBy(asc(digests.localDate)),
  ]);
  const claim = inserted[0] ?? reclaimed[0];
  if (!claim) return null;
  const [apps, interviewRows, eventRows, followUpRows, undelivered] = reads;
  return { claim, records: toUserRecords([apps, interviewRows, eventRows, followUpRows]), undelivered };
}

/**
 * After a claim batch that failed in transit: if it landed anyway (a lost response), the
 * digest sits in "sending" with nothing sent and would never be retried. Marks our claim
 * failed, so the next tick sends it.
 */
export async function releaseLostClaim(db: Db, userId: number, localDate: string, claimedAt: Date, error: string): Promise<void> {
  await db
    .update(digests)
    .set({ status: "failed", error: error.slice(0, 500) })
    .where(and(eq(digests.userId, userId), eq(digests.localDate, localDate), eq(digests.status, "sending"), eq(digests.claimedAt, claimedAt)));
}

/**
 * A numbered digest item, by its follow-up's stable key: a follow-up first written in the same
 * batch as the outcome has no id until the batch runs.
 */
export interface DigestItemKey {
  number: number;
  applicationId: number;
  followUpKey: string;
}

export type DigestOutcome =
  | { status: "sent"; messageId: string; subject: string; items: readonly DigestItemKey[]; reportedDigestIds: readonly number[]; at: Date }
  | { status: "failed"; error: string }
  | { status: "empty" };

/**
 * The statements that record a claimed digest's outcome, for one batch after the follow-up
 * writes. A sent digest stores its items as `[{number, followUpId, applicationId}]` (what the
 * commands read), each follow-up found by application and key inside the batch, and marks
 * those drafts shown.
 */
export function digestOutcomeStatements(db: Db, claim: DigestClaim, outcome: DigestOutcome): BatchItem<"sqlite">[] {
  if (outcome.status === "failed") return [db.update(digests).set({ status: "failed", error: outcome.error.slice(0, 500) }).where(eq(digests.id, claim.id))];
  if (outcome.status === "empty") return [db.update(digests).set({ status: "empty" }).where(eq(digests.id, claim.id))];
  const items = JSON.stringify(outcome.items);
  const statements: BatchItem<"sqlite">[] = [
    db
      .update(digests)
      .set({
        status: "sent",
        messageId: outcome.messageId,
        subject: outcome.subject,
        sentAt: outcome.at,
        error: null,
        // json_each, the left side of a LEFT JOIN, stays the outer loop: the array keeps the items' order.
        items: sql`(SELECT json_group_array(json_object('number', json_extract(item.value, '$.number'), 'followUpId', f.id, 'applicationId', f.application_id)) FILTER (WHERE f.id IS NOT NULL)
          FROM json_each(${items}) AS item
          LEFT JOIN ${followUps} AS f ON f.application_id = json_extract(item.value, '$.applicationId') AND f.key = json_extract(item.value, '$.followUpKey'))`,
      })
      .where(eq(digests.id, claim.id)),
  ];
  if (outcome.items.length > 0) {
    statements.push(
      db
        .update(followUps)
        .set({ state: "shown", updatedAt: outcome.at })
        .where(
          and(
            eq(followUps.state, "pending"),
            sql`${followUps.id} IN (SELECT f.id FROM json_each(${items}) AS item
              JOIN ${followUps} AS f ON f.application_id = json_extract(item.value, '$.applicationId') AND f.key = json_extract(item.value, '$.followUpKey'))`,
          ),
        ),
    );
  }
  if (outcome.reportedDigestIds.length > 0) {
    statements.push(db.update(digests).set({ reportedAt: outcome.at }).where(inArray(digests.id, [...outcome.reportedDigestIds])));
  }
  return statements;
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

export async function saveUserSettings(db: Db, userId: number, settings: Record<string, unknown>): Promise<void> {
  await db.update(users).set({ settings }).where(eq(users.id, userId));
}
