/**
 * What a reply can change (its state, read in one batch), the statements of its changes, their
 * undo, and forgetting. Each function returns statements, so a whole reply (or a whole undo) is
 * one D1 batch: all of it or none.
 */
import { and, asc, eq, inArray, isNull, sql, desc, isNotNull } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "./client.ts";
import { applications, digests, events, followUps, inboundMessages, interviews, loginLinks, outboundMessages, sessions, users } from "./schema.ts";
import { companyKey, roleKey } from "../core/applications/keys.ts";
import type { Effect, PlannedChange } from "../core/commands/plan.ts";
import type { ApplicationDetails, Inverse, UserPreferences } from "../core/applications/inverse.ts";
import { toApplicationRecord, toInterviewRecord } from "./applications.ts";
import { toFollowUpRecord } from "./follow-ups.ts";
import { GENERATION_COLUMNS } from "./users.ts";

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
    followUps: followUpRows.map(toFollowUpRecord),
    interviews: interviewRows.map(({ interview }) => toInterviewRecord(interview, null)),
  };
}

type Statement = BatchItem<"sqlite">;

function detailsSet(details: Partial<ApplicationDetails>, now: Date) {
  const set: Partial<typeof applications.$inferInsert> = { updatedAt: now };
  if (details.company !== undefined) (set.company = details.company), (set.companyKey = companyKey(details.company));
  if (details.role !== undefined) (set.role = details.role), (set.roleKey = roleKey(details.role));
  if (details.contactName !== undefined) set.contactName = details.contactName;
  if (details.contactEmail !== undefined) set.contactEmail = details.contactEmail;
  if (details.language !== undefined) set.language = details.language;
  if (details.noCalls !== undefined) set.noCalls = details.noCalls;
  return set;
}

function userSet(preferences: UserPreferences) {
  return { timeZone: preferences.timeZone, country: preferences.country, paused: preferences.paused, settings: preferences.settings };
}

/** Deletes applications and everything about them: events, drafts, interviews, the kept mail. */
function forgetApplicationsStatements(db: Db, userId: number, ids: number[]): Statement[] {
  const messagesOf = db.select({ id: inboundMessages.id }).from(inboundMessages).where(inArray(inboundMessages.applicationId, ids));
  return [
    db.delete(events).where(and(eq(events.userId, userId), inArray(events.applicationId, ids))),
    db.delete(followUps).where(inArray(followUps.applicationId, ids)),
    db.delete(interviews).where(inArray(interviews.applicationId, ids)),
    db.delete(outboundMessages).where(inArray(outboundMessages.inReplyTo, messagesOf)),
    db.update(events).set({ inboundMessageId: null }).where(inArray(events.inboundMessageId, messagesOf)),
    db.update(applications).set({ sourceMessageId: null }).where(inArray(applications.id, ids)),
    db.delete(inboundMessages).where(inArray(inboundMessages.applicationId, ids)),
    db.delete(applications).where(and(eq(applications.userId, userId), inArray(applications.id, ids))),
  ];
}

/** Deletes everything stored for the user except the user's own settings. */
export function forgetAllStatements(db: Db, userId: number): Statement[] {
  const appsOf = db.select({ id: applications.id }).from(applications).where(eq(applications.userId, userId));
  return [
    db.delete(events).where(eq(events.userId, userId)),
    db.delete(followUps).where(eq(followUps.userId, userId)),
    db.delete(digests).where(eq(digests.userId, userId)),
    db.delete(outboundMessages).where(eq(outboundMessages.userId, userId)),
    db.delete(interviews).where(inArray(interviews.applicationId, appsOf)),
    db.update(applications).set({ sourceMessageId: null }).where(eq(applications.userId, userId)),
    db.update(inboundMessages).set({ applicationId: null }).where(eq(inboundMessages.userId, userId)),
    db.delete(applications).where(eq(applications.userId, userId)),
    db.delete(inboundMessages).where(eq(inboundMessages.userId, userId)),
  ];
}

/**
 * Every change of an interview's time or status raises its SEQUENCE, an undo too (it is a new
 * version to the calendar, never the old one back), so calendars replace the event.
 */
const raisedSequence = sql`${interviews.sequence} + 1`;

export function effectStatements(db: Db, userId: number, effect: Effect, now: Date): Statement[] {
  switch (effect.op) {
    case "set_follow_up":
      return [
        db
          .update(followUps)
          .set({
            state: effect.state,
            sentAt: effect.sentAt === null ? null : new Date(effect.sentAt),
            snoozedUntil: effect.snoozedUntil === null ? null : new Date(effect.snoozedUntil),
            updatedAt: now,
          })
          .where(and(eq(followUps.id, effect.followUpId), eq(followUps.userId, userId))),
      ];
    case "set_status":
      return [db.update(applications).set({ status: effect.status, updatedAt: now }).where(and(eq(applications.id, effect.applicationId), eq(applications.userId, userId)))];
    case "set_timeline":
      return [db.update(applications).set({ promisedTimeline: effect.timeline, updatedAt: now }).where(and(eq(applications.id, effect.applicationId), eq(applications.userId, userId)))];
    case "set_details":
      return [db.update(applications).set(detailsSet(effect.details, now)).where(and(eq(applications.id, effect.applicationId), eq(applications.userId, userId)))];
    case "set_interview_start":
      return [
        db
          .update(interviews)
          .set({ startAt: effect.startAt === null ? null : new Date(effect.startAt), startLocal: effect.startLocal, timeZone: effect.timeZone, status: "scheduled", sequence: raisedSequence })
          .where(eq(interviews.id, effect.interviewId)),
      ];
    case "set_user":
      return [db.update(users).set(userSet(effect.preferences)).where(eq(users.id, userId))];
    case "set_message_state":
      return [db.update(inboundMessages).set({ state: effect.state }).where(and(eq(inboundMessages.id, effect.inboundId), eq(inboundMessages.userId, userId)))];
    case "archive_application":
      return [db.update(applications).set({ archivedAt: now, updatedAt: now }).where(and(eq(applications.id, effect.applicationId), eq(applications.userId, userId)))];
    case "forget_applications":
      return forgetApplicationsStatements(db, userId, effect.applicationIds);
    case "forget_all":
      return forgetAllStatements(db, userId);
    case "set_address_generation":
      return [
        db
          .update(users)
          .set({ [GENERATION_COLUMNS[effect.address]]: effect.generation })
          .where(eq(users.id, userId)),
      ];
    case "revoke_sessions":
      return [
        db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt))),
        db.update(loginLinks).set({ usedAt: now }).where(and(eq(loginLinks.userId, userId), isNull(loginLinks.usedAt))),
      ];
  }
}

/** A reply's changes, their events and the reply's own state, as one batch. */
export function changeStatements(db: Db, userId: number, inboundId: number, changes: readonly PlannedChange[], now: Date): Statement[] {
  const statements: Statement[] = [];
  for (const change of changes) {
    const forgets = change.effects.some((e) => e.op === "forget_all" || e.op === "forget_applications");
    statements.push(...change.effects.flatMap((effect) => effectStatements(db, userId, effect, now)));
    statements.push(
      db.insert(events).values({
        userId,
        applicationId: forgets ? null : change.applicationId,
        inboundMessageId: change.effects.some((e) => e.op === "forget_all") ? null : inboundId,
        type: change.event.type,
        payload: change.event.payload,
        inverse: change.event.inverse,
        at: now,
      }),
    );
  }
  return statements;
}

export function inverseStatements(db: Db, userId: number, inverse: Inverse, event: { applicationId: number | null; inboundMessageId: number | null }, now: Date): Statement[] {
  const appId = event.applicationId;
  switch (inverse.op) {
    case "archive_application":
    case "unarchive_application":
      return appId === null ? [] : [db.update(applications).set({ archivedAt: inverse.op === "archive_application" ? now : null, updatedAt: now }).where(eq(applications.id, appId))];
    case "set_status":
      return appId === null ? [] : effectStatements(db, userId, { op: "set_status", applicationId: appId, status: inverse.status }, now);
    case "delete_interview_from_message":
      return event.inboundMessageId === null ? [] : [db.delete(interviews).where(eq(interviews.sourceMessageId, event.inboundMessageId))];
    case "set_interview_start":
      // A filed reschedule's inverse names no zone: the zone stays as it is rather than being cleared.
      return [
        db
          .update(interviews)
          .set({
            startAt: inverse.startAt === null ? null : new Date(inverse.startAt),
            startLocal: inverse.startLocal,
            ...(inverse.timeZone === undefined ? {} : { timeZone: inverse.timeZone }),
            status: "scheduled",
            sequence: raisedSequence,
          })
          .where(eq(interviews.id, inverse.interviewId)),
      ];
    case "set_interview_status":
      return [db.update(interviews).set({ status: inverse.status, sequence: raisedSequence }).where(eq(interviews.id, inverse.interviewId))];
    case "set_timeline":
      return appId === null ? [] : effectStatements(db, userId, { op: "set_timeline", applicationId: appId, timeline: inverse.timeline }, now);
    case "set_details":
      return appId === null ? [] : effectStatements(db, userId, { op: "set_details", applicationId: appId, details: inverse.details }, now);
    case "remove_note":
      return appId === null
        ? []
        : [
            db
              .update(applications)
              .set({ notes: sql`(SELECT json_group_array(value) FROM json_each(${applications.notes}) WHERE value <> ${inverse.note})` })
              .where(eq(applications.id, appId)),
          ];
    case "set_follow_up":
      return effectStatements(db, userId, { op: "set_follow_up", followUpId: inverse.followUpId, state: inverse.state, sentAt: inverse.sentAt, snoozedUntil: inverse.snoozedUntil }, now);
    case "set_user":
      return effectStatements(db, userId, { op: "set_user", preferences: inverse.preferences }, now);
    case "set_message_state":
      return effectStatements(db, userId, { op: "set_message_state", inboundId: inverse.inboundId, state: inverse.state }, now);
    case "set_address_generation":
      return effectStatements(db, userId, inverse, now);
  }
}

export interface UndoableChange {
  inboundMessageId: number;
  eventIds: number[];
  types: string[];
  /** The events' payloads, oldest first: a command's carry what was said and its summary, for the answer to `undo`. */
  payloads: Record<string, unknown>[];
  applicationIds: number[];
}

/** The most recent message (forward or command) whose changes are still in force. */
export async function findLastChange(db: Db, userId: number, exceptInboundId: number): Promise<UndoableChange | null> {
  const [latest] = await db
    .select({ inboundMessageId: events.inboundMessageId })
    .from(events)
    .where(and(eq(events.userId, userId), isNull(events.undoneAt), isNotNull(events.inboundMessageId), sql`${events.inboundMessageId} <> ${exceptInboundId}`))
    .orderBy(desc(events.id))
    .limit(1);
  if (!latest?.inboundMessageId) return null;
  const rows = await db
    .select({ id: events.id, type: events.type, applicationId: events.applicationId, payload: events.payload })
    .from(events)
    .where(and(eq(events.userId, userId), eq(events.inboundMessageId, latest.inboundMessageId), isNull(events.undoneAt)))
    .orderBy(desc(events.id));
  return {
    inboundMessageId: latest.inboundMessageId,
    eventIds: rows.map((r) => r.id),
    types: rows.map((r) => r.type),
    payloads: rows.map((r) => (r.payload ?? {}) as Record<string, unknown>).reverse(),
    applicationIds: [...new Set(rows.map((r) => r.applicationId).filter((id): id is number => id !== null))],
  };
}

/** Reverses a change: every inverse, newest first, and marks its events undone. */
export async function undoStatements(db: Db, userId: number, change: UndoableChange, now: Date): Promise<Statement[]> {
  const rows = await db.select().from(events).where(inArray(events.id, change.eventIds)).orderBy(desc(events.id));
  const statements: Statement[] = [];
  for (const row of rows) {
    if (row.inverse) statements.push(...inverseStatements(db, userId, row.inverse as Inverse, row, now));
  }
  statements.push(db.update(events).set({ undoneAt: now }).where(inArray(events.id, change.eventIds)));
  return statements;
}
