/** Seeders for worker tests: rows as the filing would have written them. */
import { createDb } from "../../src/db/client.ts";
import { applications, events, interviews, users } from "../../src/db/schema.ts";

export async function seedUser(d1: D1Database, fields: { email: string; timeZone: string; country?: string | null; settings?: Record<string, unknown> }) {
  const [row] = await createDb(d1)
    .insert(users)
    .values({ email: fields.email, timeZone: fields.timeZone, country: fields.country ?? null, settings: fields.settings ?? {}, createdAt: new Date("2026-01-01T00:00:00Z") })
    .returning();
  return row!;
}

/** An application with one held or upcoming interview, and the events its filing records. */
export async function seedInterviewedApplication(
  d1: D1Database,
  fields: { userId: number; company: string; role: string; contact: { name: string; email: string }; startAt: string; timeZone: string; durationMin?: number },
) {
  const db = createDb(d1);
  const at = new Date(Date.parse(fields.startAt) - 3 * 24 * 3600_000);
  const [app] = await db
    .insert(applications)
    .values({
      userId: fields.userId,
      company: fields.company,
      companyKey: fields.company.toLowerCase(),
      role: fields.role,
      roleKey: fields.role.toLowerCase(),
      status: "interviewing",
      contactName: fields.contact.name,
      contactEmail: fields.contact.email,
      createdAt: at,
      updatedAt: at,
    })
    .returning();
  await db.insert(interviews).values({
    applicationId: app!.id,
    startAt: new Date(fields.startAt),
    timeZone: fields.timeZone,
    durationMin: fields.durationMin ?? 45,
    format: "video",
    meetingUrl: "https://meet.google.com/abc-defg-hij",
    interviewers: [fields.contact],
    status: "scheduled",
    createdAt: at,
  });
  await db.insert(events).values([
    { userId: fields.userId, applicationId: app!.id, type: "application_created", payload: { company: fields.company, sentAt: at.getTime() }, inverse: { op: "archive_application" }, at },
    { userId: fields.userId, applicationId: app!.id, type: "email_filed", payload: { kind: "invitation", subject: `Interview: ${fields.role}`, sentAt: at.getTime() }, inverse: null, at },
  ]);
  return app!;
}

export async function clearAll(d1: D1Database) {
  await d1.batch(["events", "follow_ups", "digests", "interviews", "outbound_messages", "raw_chunks"].map((t) => d1.prepare(`DELETE FROM ${t}`)));
  await d1.prepare("UPDATE inbound_messages SET application_id = NULL").run();
  await d1.batch(["applications", "inbound_messages", "users"].map((t) => d1.prepare(`DELETE FROM ${t}`)));
}
