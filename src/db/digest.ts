/**
 * The digest's rows: who is due, the claim of a (user, local date) digest with everything it
 * needs in one batch, and its outcome.
 */
import { and, asc, eq, gte, inArray, isNull, lt, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client.ts";
import { digests, events, followUps, inboundMessages, interviews, users } from "./schema.ts";
import type { UserRecords } from "../core/follow-ups/refresh.ts";
import type { DigestItemKey } from "../core/digest/compose.ts";
import { DETAIL_EVENT_TYPES, toDetailSource, type DetailSource } from "../core/digest/doubts.ts";
import { weekStartOf } from "../core/digest/look-back.ts";
import { CONFIDENT_FIELDS, type ConfidentField } from "../core/understanding/types.ts";
import type { UserRow } from "./users.ts";
import { userRecordsReads, toUserRecords } from "./follow-ups.ts";

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
  /** The events that set each application's company, contact and interview times, with where each came from. */
  detailSources: DetailSource[];
  /** No digest was sent yet this week (Monday on, in the user's zone): this one carries the weekly look back. */
  firstOfWeek: boolean;
}

/** Events that set a detail a draft relies on (src/core/digest/doubts.ts). */

/**
 * Claims the user's digest for a local date and reads everything the digest needs, in one
 * batch (one round trip, one transaction). The claim is a new row, or a failed one with
 * attempts left, and it is "sending" at once: the job writes nothing between this batch and
 * the send, so there is no gap for a lease to cover. A digest in "sending" is never
 * reclaimed: the send API has no idempotency key, so at most once wins over at least once.
 * Null when the digest is sent, being sent, or out of attempts; the reads are then unused.
 * Whether it is the week's first is read in the same transaction as the claim, so a retried
 * tick (which finds the digest sent and claims nothing) never repeats the weekly look back.
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
    db
      .select({
        applicationId: events.applicationId,
        type: events.type,
        payload: events.payload,
        channel: inboundMessages.channel,
        confidence: sql<string | null>`json_extract(${inboundMessages.understanding}, '$.confidence')`,
        // A new interview's event does not name it: the interview is the one its email created.
        createdInterviewId: interviews.id,
      })
      .from(events)
      .leftJoin(inboundMessages, eq(events.inboundMessageId, inboundMessages.id))
      .leftJoin(interviews, and(eq(events.type, "interview_scheduled"), eq(interviews.sourceMessageId, events.inboundMessageId)))
      .where(and(eq(events.userId, userId), isNull(events.undoneAt), inArray(events.type, [...DETAIL_EVENT_TYPES])))
      .orderBy(asc(events.id)),
    db
      .select({ localDate: digests.localDate })
      .from(digests)
      .where(and(eq(digests.userId, userId), gte(digests.localDate, weekStartOf(localDate)), lt(digests.localDate, localDate), eq(digests.status, "sent")))
      .limit(1),
  ]);
  const claim = inserted[0] ?? reclaimed[0];
  if (!claim) return null;
  const [apps, interviewRows, eventRows, followUpRows, undelivered, sourceRows, sentThisWeek] = reads;
  return {
    claim,
    records: toUserRecords([apps, interviewRows, eventRows, followUpRows]),
    undelivered,
    detailSources: sourceRows.flatMap((row) => toDetailSource({ ...row, payload: (row.payload as Record<string, unknown> | null) ?? {} }) ?? []),
    firstOfWeek: sentThisWeek.length === 0,
  };
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

export type DigestOutcome =
  | { status: "sent"; messageId: string; subject: string; items: readonly DigestItemKey[]; reportedDigestIds: readonly number[]; at: Date }
  | { status: "failed"; error: string }
  /**
   * A send error no retry heals (an unverified destination, say): failed with no attempts left
   * (`maxAttempts`, the claim's own limit), so no tick claims it again. Like any failed digest,
   * the next digest that goes out reports it undelivered.
   */
  | { status: "refused"; error: string; maxAttempts: number }
  | { status: "empty" };

/**
 * The statements that record a claimed digest's outcome, for one batch after the follow-up
 * writes. A sent digest stores its items as `[{number, followUpId, applicationId}]` (what the
 * commands read), each follow-up found by application and key inside the batch, and marks
 * those drafts shown.
 */
export function digestOutcomeStatements(db: Db, claim: DigestClaim, outcome: DigestOutcome): BatchItem<"sqlite">[] {
  if (outcome.status === "failed") return [db.update(digests).set({ status: "failed", error: outcome.error.slice(0, 500) }).where(eq(digests.id, claim.id))];
  if (outcome.status === "refused") {
    return [db.update(digests).set({ status: "failed", attempts: sql`max(${digests.attempts}, ${outcome.maxAttempts})`, error: outcome.error.slice(0, 500) }).where(eq(digests.id, claim.id))];
  }
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
