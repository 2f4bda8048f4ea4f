/**
 * Kept messages and the mail the assistant sent: a message and its raw bytes stored whole, its
 * state, and what was answered to it.
 */
import { and, asc, desc, eq, gte, inArray, lt, sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { digests, inboundMessages, outboundMessages, rawChunks } from "./schema.ts";
import type { Understanding } from "../core/understanding/types.ts";

export type InboundRow = typeof inboundMessages.$inferSelect;

export type InboundState = InboundRow["state"];

export interface NewInbound {
  userId: number;
  receivedAt: Date;
  envelopeFrom: string;
  envelopeTo: string;
  rawSha256: string;
  rawSize: number;
  channel: InboundRow["channel"];
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

export async function markInbound(
  db: Db,
  id: number,
  update: {
    state: InboundState;
    understanding?: Understanding | null;
    problem?: string | null;
    originalMessageId?: string | null;
    applicationId?: number | null;
    parserVersion?: number;
    /** A message to the plain address found to be a reply to our own mail becomes a command. */
    channel?: "forward" | "command";
  },
): Promise<void> {
  await db.update(inboundMessages).set(update).where(eq(inboundMessages.id, id));
}

/** Whether a confirmation (or other reply) was already sent for this inbound message. */
export type OutboundKind = (typeof outboundMessages.$inferSelect)["kind"];

export async function hasOutboundFor(db: Db, inboundId: number, kind: OutboundKind): Promise<boolean> {
  const [row] = await db
    .select({ id: outboundMessages.id })
    .from(outboundMessages)
    .where(and(eq(outboundMessages.inReplyTo, inboundId), eq(outboundMessages.kind, kind)));
  return row !== undefined;
}

export async function recordOutbound(
  db: Db,
  row: { userId: number; kind: OutboundKind; messageId: string; inReplyTo: number | null; subject: string; sentAt: Date; items?: readonly { number: number; applicationId: number }[] },
): Promise<void> {
  await db.insert(outboundMessages).values(row).onConflictDoNothing();
}

/** How many messages of a kind went to the user since `since`. */
export async function countOutboundSince(db: Db, userId: number, kind: OutboundKind, since: Date): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)` })
    .from(outboundMessages)
    .where(and(eq(outboundMessages.userId, userId), eq(outboundMessages.kind, kind), gte(outboundMessages.sentAt, since)));
  return row?.n ?? 0;
}

export async function findOutboundByMessageId(db: Db, userId: number, messageId: string) {
  const [row] = await db
    .select()
    .from(outboundMessages)
    .where(and(eq(outboundMessages.userId, userId), eq(outboundMessages.messageId, messageId)));
  return row ?? null;
}

/** Whether any of these Message-IDs is one of the assistant's messages to the user (a digest, a confirmation, an answer). */
export async function isAnyOurMessage(db: Db, userId: number, messageIds: readonly string[]): Promise<boolean> {
  if (messageIds.length === 0) return false;
  const [outbound, digest] = await db.batch([
    db.select({ id: outboundMessages.id }).from(outboundMessages).where(and(eq(outboundMessages.userId, userId), inArray(outboundMessages.messageId, [...messageIds]))).limit(1),
    db.select({ id: digests.id }).from(digests).where(and(eq(digests.userId, userId), inArray(digests.messageId, [...messageIds]))).limit(1),
  ]);
  return outbound.length > 0 || digest.length > 0;
}

/** The command (a reply or a page action) received last before `beforeId`: `undo` must not reach past a reply that changed nothing. */
export async function findPreviousCommand(db: Db, userId: number, beforeId: number): Promise<InboundRow | null> {
  const [row] = await db
    .select()
    .from(inboundMessages)
    .where(and(eq(inboundMessages.userId, userId), inArray(inboundMessages.channel, ["command", "page"]), lt(inboundMessages.id, beforeId)))
    .orderBy(desc(inboundMessages.id))
    .limit(1);
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
