/**
 * What the calendar shows, read from D1: the user a calendar token still names (its generation
 * is the current one), the interviews and follow-ups of the feed's span in one batch, and the
 * interview a forward just scheduled or moved (for the invite attached to its confirmation).
 */
import { and, desc, eq, gte, inArray, isNull, lt, notInArray, or, sql } from "drizzle-orm";
import type { Db } from "./client.ts";
import { applications, events, followUps, interviews, users } from "./schema.ts";
import type { UserRow } from "./users.ts";
import type { CalendarFollowUp, CalendarInterview, CalendarPerson } from "../core/calendar/events.ts";
import { FEED_PAST_DAYS, MAX_FEED_FOLLOW_UPS, MAX_FEED_INTERVIEWS } from "../core/calendar/feed.ts";
import type { FiledInterview } from "../core/calendar/offer.ts";
import { DAY_MS } from "../core/time/civil-dates.ts";
import { CLOSED_STATUSES } from "../core/applications/status.ts";

/** The user whose calendar token this is, or null when there is none or the token's generation was replaced (`new calendar link`). */
export async function findCalendarOwner(db: Db, claims: { userId: number; generation: number }): Promise<UserRow | null> {
  const [row] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, claims.userId), eq(users.calendarGeneration, claims.generation)));
  return row ?? null;
}

type InterviewRow = typeof interviews.$inferSelect;

function toCalendarInterview(i: InterviewRow, app: { company: string | null; role: string | null }): CalendarInterview {
  return {
    id: i.id,
    company: app.company,
    role: app.role,
    startAt: i.startAt?.getTime() ?? null,
    startLocal: i.startLocal,
    timeZone: i.timeZone,
    durationMin: i.durationMin,
    format: i.format,
    meetingUrl: i.meetingUrl,
    interviewers: (i.interviewers as CalendarPerson[] | null) ?? [],
    status: i.status,
    sequence: i.sequence,
  };
}

/**
 * The feed's interviews and follow-ups: scheduled interviews of visible applications from
 * FEED_PAST_DAYS ago on (and those known only by a naive local time), follow-ups still to send
 * due in that span; each read capped, the latest kept. The core applies the exact span. An
 * application that ended (an offer, a rejection, a withdrawal) keeps its past interviews, but
 * those still ahead leave the calendar: they are not expected to take place.
 */
export async function loadCalendarFeed(db: Db, userId: number, now: Date): Promise<{ interviews: CalendarInterview[]; followUps: CalendarFollowUp[] }> {
  const since = new Date(now.getTime() - FEED_PAST_DAYS * DAY_MS);
  const visible = and(eq(applications.userId, userId), isNull(applications.archivedAt));
  const interviewColumns = { interview: interviews, company: applications.company, role: applications.role };
  const open = notInArray(applications.status, [...CLOSED_STATUSES]);
  const [timed, naive, followUpRows] = await db.batch([
    db
      .select(interviewColumns)
      .from(interviews)
      .innerJoin(applications, eq(interviews.applicationId, applications.id))
      .where(and(visible, eq(interviews.status, "scheduled"), gte(interviews.startAt, since), or(open, lt(interviews.startAt, now))))
      .orderBy(desc(interviews.startAt))
      .limit(MAX_FEED_INTERVIEWS),
    db
      .select(interviewColumns)
      .from(interviews)
      .innerJoin(applications, eq(interviews.applicationId, applications.id))
      .where(and(visible, open, eq(interviews.status, "scheduled"), isNull(interviews.startAt)))
      .orderBy(desc(interviews.id))
      .limit(MAX_FEED_INTERVIEWS),
    db
      .select({ followUp: followUps, company: applications.company, role: applications.role })
      .from(followUps)
      .innerJoin(applications, eq(followUps.applicationId, applications.id))
      .where(and(visible, eq(followUps.userId, userId), inArray(followUps.state, ["pending", "shown"]), or(gte(followUps.dueAt, since), gte(followUps.snoozedUntil, since))))
      .orderBy(desc(followUps.dueAt))
      .limit(MAX_FEED_FOLLOW_UPS),
  ]);
  return {
    interviews: [...timed, ...naive].map((r) => toCalendarInterview(r.interview, r)),
    followUps: followUpRows.map(({ followUp: f, company, role }) => ({
      id: f.id,
      rule: f.rule,
      dueAt: f.dueAt.getTime(),
      snoozedUntil: f.snoozedUntil?.getTime() ?? null,
      updatedAt: f.updatedAt.getTime(),
      recipients: (f.recipients as CalendarPerson[] | null) ?? [],
      company,
      role,
    })),
  };
}

/**
 * The interview a filed forward scheduled (inserted from it) or moved (its `interview_moved`
 * event), as it now stands; null when the forward left no interview of a visible application.
 */
export async function loadFiledInterview(db: Db, userId: number, inboundId: number): Promise<FiledInterview | null> {
  const moved = db
    .select({ id: sql<number>`json_extract(${events.payload}, '$.interviewId')` })
    .from(events)
    .where(and(eq(events.userId, userId), eq(events.inboundMessageId, inboundId), eq(events.type, "interview_moved"), isNull(events.undoneAt)));
  const [row] = await db
    .select({ interview: interviews, company: applications.company, role: applications.role })
    .from(interviews)
    .innerJoin(applications, eq(interviews.applicationId, applications.id))
    .where(and(eq(applications.userId, userId), isNull(applications.archivedAt), or(eq(interviews.sourceMessageId, inboundId), inArray(interviews.id, moved))))
    .orderBy(desc(interviews.id))
    .limit(1);
  return row ? { interview: toCalendarInterview(row.interview, row), moved: row.interview.sourceMessageId !== inboundId } : null;
}
