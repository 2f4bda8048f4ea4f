/**
 * Application and interview rows as the core reads them, and the owner's applications with
 * their interviews (the HTTP API).
 */
import { asc, eq, isNull } from "drizzle-orm";
import type { Db } from "./client.ts";
import { applications, interviews } from "./schema.ts";
import type { PromisedTimeline } from "../core/understanding/types.ts";
import { pickApplicationRecord, type ApplicationRecord, type InterviewRecord } from "../core/applications/records.ts";

/** An application row as the core reads it (its JSON columns typed). */
export function toApplicationRecord(a: typeof applications.$inferSelect): ApplicationRecord {
  return pickApplicationRecord({
    ...a,
    notes: (a.notes as string[]) ?? [],
    promisedTimeline: (a.promisedTimeline as PromisedTimeline | null) ?? null,
  });
}

/** An interview row as the core reads it; `subject` is that of the message that created it. */
export function toInterviewRecord(i: typeof interviews.$inferSelect, subject: string | null): InterviewRecord & { applicationId: number } {
  return {
    id: i.id,
    applicationId: i.applicationId,
    startAt: i.startAt?.getTime() ?? null,
    startLocal: i.startLocal,
    timeZone: i.timeZone,
    durationMin: i.durationMin,
    interviewers: (i.interviewers as InterviewRecord["interviewers"]) ?? [],
    status: i.status,
    subject,
    format: i.format,
    meetingUrl: i.meetingUrl,
  };
}

export async function listApplicationsWithInterviews(db: Db) {
  const visible = isNull(applications.archivedAt);
  const [apps, rows] = await db.batch([
    db.select().from(applications).where(visible).orderBy(asc(applications.id)),
    db.select({ interview: interviews }).from(interviews).innerJoin(applications, eq(interviews.applicationId, applications.id)).where(visible).orderBy(asc(interviews.startAt)),
  ]);
  const byApplication = Map.groupBy(
    rows.map((r) => r.interview),
    (interview) => interview.applicationId,
  );
  return apps.map((a) => ({ ...a, interviews: byApplication.get(a.id) ?? [] }));
}
