/**
 * Filing a kept message again with an improved reader (src/http/reread.ts). The message's
 * earlier filing is read here; the filing store (src/db/filing.ts) then plans the new reading
 * against the applications as they were before it (src/core/filing/unfile.ts) and writes, in
 * the one batch of the filing, the statements below that take the earlier filing back, as
 * `undo` would, followed by the new filing. Either the message ends as a fresh filing of it
 * would have left it, or nothing changes.
 *
 * An earlier filing is taken back only while it is the latest change to the applications it
 * touched: a later message or command may have built on it (moved its interview, sent its
 * follow-up), and the owner may have undone it. Such a message is left as it is.
 */
import { and, desc, eq, gt, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client.ts";
import { applications, events, followUps, inboundMessages, interviews } from "./schema.ts";
import { inverseStatements } from "./commands.ts";
import type { InboundRow, InboundState } from "./messages.ts";
import type { Inverse } from "../core/applications/inverse.ts";
import type { FilingToTakeBack, RecordedChange } from "../core/filing/unfile.ts";

type Statement = BatchItem<"sqlite">;

/** A change the earlier filing recorded: an event row. */
export interface FiledChange extends RecordedChange {
  id: number;
  inboundMessageId: number | null;
}

export interface EarlierFiling extends FilingToTakeBack {
  messageId: number;
  /** Newest first. */
  changes: readonly FiledChange[];
  /** The message as it was read: the new filing applies only while it still reads so. */
  state: InboundState;
  parserVersion: number | null;
  /** The applications the earlier filing changed, other than the one it created. */
  touchedApplicationIds: number[];
  /** Other messages that point at the application it created (repeats of the same original). */
  pointingMessageIds: number[];
}

/** The message's earlier filing, or why it is not taken back. */
export async function readEarlierFiling(db: Db, row: InboundRow): Promise<{ filing: EarlierFiling } | { kept: string }> {
  const [changes, created, inserted] = await db.batch([
    db
      .select({ id: events.id, applicationId: events.applicationId, inboundMessageId: events.inboundMessageId, inverse: events.inverse, undoneAt: events.undoneAt })
      .from(events)
      .where(eq(events.inboundMessageId, row.id))
      .orderBy(desc(events.id)),
    db.select({ id: applications.id }).from(applications).where(eq(applications.sourceMessageId, row.id)),
    db.select({ id: interviews.id }).from(interviews).where(eq(interviews.sourceMessageId, row.id)),
  ]);
  if (changes.some((change) => change.undoneAt !== null)) return { kept: "its filing was undone" };
  const createdApplicationId = created[0]?.id ?? null;
  const applicationIds = [...new Set([...changes.map((c) => c.applicationId), createdApplicationId].filter((id): id is number => id !== null))];
  const newest = changes[0]?.id ?? 0;
  const [later, pointing] = await db.batch([
    db
      .select({ id: events.id })
      .from(events)
      .where(
        and(
          applicationIds.length > 0 ? inArray(events.applicationId, applicationIds) : sql`0`,
          gt(events.id, newest),
          isNull(events.undoneAt),
          or(isNull(events.inboundMessageId), ne(events.inboundMessageId, row.id)),
        ),
      )
      .limit(1),
    db
      .select({ id: inboundMessages.id })
      .from(inboundMessages)
      .where(and(createdApplicationId === null ? sql`0` : eq(inboundMessages.applicationId, createdApplicationId), ne(inboundMessages.id, row.id))),
  ]);
  if (later.length > 0) return { kept: "later changes to its application build on its filing" };
  return {
    filing: {
      messageId: row.id,
      state: row.state,
      parserVersion: row.parserVersion,
      changes: changes.map((change) => ({ id: change.id, applicationId: change.applicationId, inboundMessageId: change.inboundMessageId, inverse: change.inverse as Inverse | null })),
      createdApplicationId,
      insertedInterviewIds: inserted.map((i) => i.id),
      touchedApplicationIds: applicationIds.filter((id) => id !== createdApplicationId),
      pointingMessageIds: pointing.map((m) => m.id),
    },
  };
}

/**
 * The batch's first statement: unless the message still reads as it was read (no other
 * re-read got there first), it sets the state to NULL, which fails NOT NULL and rolls the
 * whole batch back.
 */
export function stillAsReadGuard(db: Db, filing: EarlierFiling): Statement {
  const version = filing.parserVersion === null ? sql`${inboundMessages.parserVersion} IS NULL` : sql`${inboundMessages.parserVersion} = ${filing.parserVersion}`;
  return db
    .update(inboundMessages)
    .set({ state: sql`CASE WHEN ${inboundMessages.state} = ${filing.state} AND ${version} THEN ${inboundMessages.state} END` })
    .where(eq(inboundMessages.id, filing.messageId));
}

/** Whether the message still reads as it was read: a failed batch that leaves it so failed for another reason. */
export function readsAsBefore(filing: EarlierFiling, row: InboundRow | null): boolean {
  return row !== null && row.state === filing.state && row.parserVersion === filing.parserVersion;
}

/**
 * Takes the earlier filing back: every change's inverse, newest first, its events and the
 * interviews it added. The application it created is kept when the new filing creates one again
 * (the same row, written over by the filing; the follow-ups planned from the earlier reading
 * and never shown go), and deleted otherwise, with what hangs on it.
 */
export function takeBackStatements(db: Db, userId: number, filing: EarlierFiling, now: Date, keepCreated: boolean): Statement[] {
  const statements: Statement[] = [];
  for (const change of filing.changes) {
    // The created application is kept or deleted below, never archived.
    if (change.inverse && change.inverse.op !== "archive_application") statements.push(...inverseStatements(db, userId, change.inverse, change, now));
  }
  statements.push(
    db.delete(events).where(eq(events.inboundMessageId, filing.messageId)),
    db.delete(interviews).where(eq(interviews.sourceMessageId, filing.messageId)),
  );
  const created = filing.createdApplicationId;
  if (created !== null && keepCreated) statements.push(db.delete(followUps).where(and(eq(followUps.applicationId, created), eq(followUps.state, "pending"))));
  if (created !== null && !keepCreated) {
    statements.push(
      db.update(inboundMessages).set({ applicationId: null }).where(eq(inboundMessages.applicationId, created)),
      db.delete(followUps).where(eq(followUps.applicationId, created)),
      db.delete(interviews).where(eq(interviews.applicationId, created)),
      db.delete(events).where(eq(events.applicationId, created)),
      db.delete(applications).where(eq(applications.id, created)),
    );
  }
  return statements;
}

/** After the new filing: the repeats of the same original point where the message now does. */
export function repointStatements(db: Db, filing: EarlierFiling, keptCreated: boolean): Statement[] {
  if (filing.createdApplicationId === null || keptCreated || filing.pointingMessageIds.length === 0) return [];
  return [
    db
      .update(inboundMessages)
      .set({ applicationId: sql`(SELECT application_id FROM inbound_messages WHERE id = ${filing.messageId})` })
      .where(inArray(inboundMessages.id, filing.pointingMessageIds)),
  ];
}
