/**
 * Filing over D1: the store the filing steps (src/core/filing/file.ts) run over (which
 * applications an email could belong to, the write of a filing plan in one batch), and
 * `fileKeptRaw`, which reads a kept message, files it and brings its follow-ups up to date, on
 * arrival (src/email/receive.ts) and when kept mail is read again (src/http/reread.ts). Read
 * again, a message's earlier filing (src/db/refiling.ts) is taken back in the same batch that
 * writes the new one. D1 errors propagate: the caller decides whether to retry.
 */
import { and, asc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client.ts";
import { applications, events, inboundMessages, interviews } from "./schema.ts";
import { toApplicationRecord } from "./applications.ts";
import { getInbound, markInbound, type InboundRow } from "./messages.ts";
import type { FilingStore } from "../core/filing/file.ts";
import { movedInterviewFields, newApplicationFields, type ApplicationSnapshot, type FilingKeys, type FilingPlan, type InterviewFields } from "../core/filing/plan.ts";
import { companyKey, roleKey } from "../core/applications/keys.ts";
import type { Understanding } from "../core/understanding/types.ts";
import { fileKeptMessage } from "../core/filing/file.ts";
import { describeFilingChange, type ConfirmationOutcome } from "../core/filing/confirmation.ts";
import { MAX_PARSE_BYTES } from "../core/mail/limits.ts";
import { PARSER_VERSION, readEmail } from "../core/understanding/read.ts";
import type { UserRow } from "./users.ts";
import { refreshFollowUps } from "./follow-ups.ts";
import { readsAsBefore, repointStatements, stillAsReadGuard, takeBackStatements, type EarlierFiling } from "./refiling.ts";
import { beforeFiling } from "../core/filing/unfile.ts";

const MIB = 1024 * 1024;

export interface KeptMessageFiling {
  state: InboundRow["state"];
  /** What the confirmation tells; null when another delivery of the same message filed it (and confirms it). */
  outcome: ConfirmationOutcome | null;
  understanding: Understanding | null;
  /** The original's subject, else the forward's own. */
  originalSubject: string | null;
}

export interface FilingOptions {
  ownerAddresses: readonly string[];
  now: Date;
  /** When the message arrived, the time of its events: `now` on arrival, the message's own time when it is read again. */
  at?: Date;
  /** Read again: the message's earlier filing, taken back in the batch that files it anew. */
  earlier?: EarlierFiling;
}

/** Reads a kept message and files it; a message that cannot be read is kept with the reason. */
export async function fileKeptRaw(db: Db, user: UserRow, row: InboundRow, raw: Uint8Array, options: FilingOptions): Promise<KeptMessageFiling> {
  const store = createD1FilingStore(db, user.id, PARSER_VERSION, options.earlier ? { filing: options.earlier, now: options.now } : undefined);
  if (raw.byteLength > MAX_PARSE_BYTES) {
    const problem = `larger than the ${MAX_PARSE_BYTES / MIB} MiB read automatically`;
    await store.markMessage(row.id, { state: "not_understood", understanding: null, problem, originalMessageId: null, applicationId: null });
    return { state: "not_understood", outcome: { kind: "too_large_to_read", rawSize: raw.byteLength }, understanding: null, originalSubject: row.subject };
  }
  const read = await readEmail(raw, { ownerAddresses: options.ownerAddresses });
  if (!read.ok && read.error.error !== null) console.error(JSON.stringify({ event: "understand_failed", error: read.error.error }));
  const originalSubject = (read.ok ? read.value.originalSubject : null) ?? row.subject;
  const result = await fileKeptMessage(store, { id: row.id, fallbackSubject: row.subject }, read, (options.at ?? options.now).getTime());
  switch (result.state) {
    case "filed_before":
      return { state: result.current, outcome: null, understanding: null, originalSubject };
    case "not_understood":
    case "ignored":
      return { state: result.state, outcome: result.outcome, understanding: result.understanding, originalSubject };
    case "understood":
      return {
        state: "understood",
        outcome: {
          kind: "filed",
          applicationId: result.applicationId,
          isNew: result.plan.target.kind === "new",
          nextFollowUp: await nextFollowUpAfterFiling(db, user, result.applicationId, options.now),
          changes: result.plan.events.filter((e) => e.type !== "email_filed" && e.type !== "application_created").map(describeFilingChange),
        },
        understanding: result.understanding,
        originalSubject,
      };
  }
}

/** Recomputes the application's follow-ups; the first one planned is told in the confirmation. */
async function nextFollowUpAfterFiling(db: Db, user: UserRow, applicationId: number, now: Date): Promise<{ rule: string; dueAt: number } | null> {
  try {
    const { plans } = await refreshFollowUps(db, user, now, applicationId);
    const next = plans.get(applicationId)?.followUps[0];
    return next ? { rule: next.rule, dueAt: next.dueAt } : null;
  } catch (error) {
    // The filing is complete; the next digest recomputes follow-ups anyway.
    console.error(JSON.stringify({ event: "follow_up_refresh_failed", applicationId, error: error instanceof Error ? error.message : String(error) }));
    return null;
  }
}

/** A message read again: its earlier filing, and the time of the re-read (of the statements that take it back). */
export interface Refiling {
  filing: EarlierFiling;
  now: Date;
}

/**
 * The user's filing over D1; what it writes on a message records the reader's version. With
 * `refiling`, it plans against the applications as they were before the message's earlier
 * filing, and every write takes that filing back first, in the same batch.
 */
export function createD1FilingStore(db: Db, userId: number, parserVersion: number, refiling?: Refiling): FilingStore {
  return {
    async findFiledOriginal(originalMessageId, exceptMessageId) {
      const row = await findFiledOriginal(db, userId, originalMessageId, exceptMessageId);
      return row ? { id: row.id, applicationId: row.applicationId } : null;
    },
    async loadApplicationSnapshots(keys) {
      if (!refiling) return loadApplicationSnapshots(db, userId, keys);
      // The applications the earlier filing changed may match only as they were before it.
      return beforeFiling(await loadApplicationSnapshots(db, userId, keys, refiling.filing.touchedApplicationIds), refiling.filing);
    },
    async markMessage(messageId, update) {
      if (!refiling) return markInbound(db, messageId, { ...update, parserVersion });
      const { filing, now } = refiling;
      await db.batch([
        stillAsReadGuard(db, filing),
        ...takeBackStatements(db, userId, filing, now, false),
        db.update(inboundMessages).set({ ...update, parserVersion }).where(eq(inboundMessages.id, messageId)),
      ]);
    },
    async applyFilingPlan(write) {
      try {
        return { applicationId: await applyFilingPlan(db, { userId, ...write, at: new Date(write.at), parserVersion, refiling }) };
      } catch (error) {
        // A concurrent delivery of the same bytes filed it first (the batch's guard refused
        // this one): that delivery confirms; this one is told what it left. Read again, the
        // guard refuses only when another re-read changed the message first.
        const current = await getInbound(db, write.messageId);
        if (refiling ? !readsAsBefore(refiling.filing, current) : current && current.state !== "stored") return { filedBefore: current?.state ?? "stored" };
        throw error;
      }
    },
  };
}

/** An earlier message that carried the same original (the same recruiter mail forwarded again). */
async function findFiledOriginal(db: Db, userId: number, originalMessageId: string, exceptId: number): Promise<InboundRow | null> {
  const rows = await db
    .select()
    .from(inboundMessages)
    .where(and(eq(inboundMessages.userId, userId), eq(inboundMessages.originalMessageId, originalMessageId)))
    .orderBy(asc(inboundMessages.id));
  // One that was not filed does not count: the owner may forward it again with a line saying what it is.
  return rows.find((r) => r.id !== exceptId && r.state === "understood") ?? null;
}

/**
 * The user's applications an email could belong to (src/core/filing/plan.ts `filingKeys`), and
 * those of `alsoIds`, with their interviews, in one round trip and indexed lookups, however many
 * applications the user has.
 */
async function loadApplicationSnapshots(db: Db, userId: number, keys: FilingKeys, alsoIds: readonly number[] = []): Promise<ApplicationSnapshot[]> {
  const matches = [
    alsoIds.length === 0 ? undefined : inArray(applications.id, [...alsoIds]),
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

/** A move or a cancellation raises the interview's SEQUENCE, so calendars replace the event (src/core/calendar/feed.ts). */
const raisedSequence = sql`${interviews.sequence} + 1`;

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
async function applyFilingPlan(
  db: Db,
  input: { userId: number; messageId: number; plan: Extract<FilingPlan, { action: "file" }>; understanding: Understanding; originalMessageId: string | null; parserVersion: number; at: Date; refiling?: Refiling },
): Promise<number> {
  const { userId, messageId, plan, at, refiling } = input;
  // Read again: the application the earlier filing created is this filing's new one again (the same row).
  const reusesCreated = refiling !== undefined && refiling.filing.createdApplicationId !== null && plan.target.kind === "new";
  const appId =
    plan.target.kind === "existing" ? sql`${plan.target.applicationId}` : sql`(SELECT id FROM applications WHERE source_message_id = ${messageId})`;
  // Guard: the same message delivered twice at once is read twice, but filed once. Unless the
  // message is still waiting to be filed, this sets its state to NULL, which fails NOT NULL
  // ("NOT NULL constraint failed: inbound_messages.state") and rolls the whole batch back.
  const statements: BatchItem<"sqlite">[] = refiling
    ? [stillAsReadGuard(db, refiling.filing), ...takeBackStatements(db, userId, refiling.filing, refiling.now, reusesCreated)]
    : [
        db
          .update(inboundMessages)
          .set({ state: sql`CASE WHEN ${inboundMessages.state} IN ('stored', 'not_understood') THEN ${inboundMessages.state} END` })
          .where(eq(inboundMessages.id, messageId)),
      ];

  if (plan.target.kind === "new") {
    const fields = newApplicationFields(plan);
    const values = { ...fields, companyKey: companyKey(fields.company), roleKey: roleKey(fields.role), createdAt: at, updatedAt: at };
    const insert = db.insert(applications).values({ userId, ...values, sourceMessageId: messageId });
    statements.push(reusesCreated ? insert.onConflictDoUpdate({ target: applications.sourceMessageId, set: { ...values, archivedAt: null } }) : insert.onConflictDoNothing());
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
      statements.push(
        db
          .update(interviews)
          .set({ ...interviewChanges(movedInterviewFields(op.fields)), status: "scheduled", sequence: raisedSequence })
          .where(eq(interviews.id, op.interviewId)),
      );
    } else {
      statements.push(db.update(interviews).set({ status: "cancelled", sequence: raisedSequence }).where(eq(interviews.id, op.interviewId)));
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
    ...(refiling ? repointStatements(db, refiling.filing, reusesCreated) : []),
  );
  await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  const row = await getInbound(db, messageId);
  if (row?.applicationId == null) throw new Error("filing batch left no application on the message");
  return row.applicationId;
}
