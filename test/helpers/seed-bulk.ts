/**
 * Seeds many active applications at once, for load tests: rows as the filing would have
 * written them, inserted in multi-row statements of at most 100 bound parameters (D1's limit)
 * and sent in batches. A quarter each: interviewed in the last days (thank-you due), applied
 * about two weeks ago (check-in due), interviewed about ten days ago (status check due), and
 * interviewing today or in the coming days. All companies and people are fictional.
 */
import { getTableColumns } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { createDb } from "../../src/db/client.ts";
import type { UserRecords } from "../../src/core/follow-ups/refresh.ts";
import { applications, events, interviews } from "../../src/db/schema.ts";

const MAX_BOUND_PARAMS = 100;
const STATEMENTS_PER_BATCH = 50;
const DAY_MS = 24 * 3600_000;

type ApplicationRow = typeof applications.$inferInsert;
type InterviewRow = typeof interviews.$inferInsert;
type EventRow = typeof events.$inferInsert;
type NonEmpty<T> = [T, ...T[]];

function chunk<T>(rows: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < rows.length; i += size) chunks.push(rows.slice(i, i + size));
  return chunks;
}

/** Rows per multi-row INSERT: drizzle writes every column of the table for every row. */
function rowsPerStatement(table: typeof applications | typeof interviews | typeof events): number {
  return Math.floor(MAX_BOUND_PARAMS / Object.keys(getTableColumns(table)).length);
}

/**
 * The shape of application `index`: its status, when it was applied for and its interview, if
 * any. Dates spread over a week, as a real list's would, so no two neighbours are identical.
 */
function applicationShape(index: number, now: number): { status: ApplicationRow["status"]; appliedAt: number; interviewAt: number | null } {
  const spread = (Math.floor(index / 4) % 7) * DAY_MS;
  switch (index % 4) {
    case 0:
      return { status: "interviewing", appliedAt: now - 20 * DAY_MS - spread, interviewAt: now - 3 * DAY_MS - spread + 3 * 3600_000 };
    case 1:
      return { status: "applied", appliedAt: now - 10 * DAY_MS - spread, interviewAt: null };
    case 2:
      return { status: "waiting", appliedAt: now - 30 * DAY_MS - spread, interviewAt: now - 8 * DAY_MS - spread + 3 * 3600_000 };
    default:
      return { status: "interviewing", appliedAt: now - 12 * DAY_MS - spread, interviewAt: now + spread + 6 * 3600_000 };
  }
}

/** One application as the filing would have written it; its interview and events belong to it. */
export interface ActiveApplication {
  application: ApplicationRow;
  interview: Omit<InterviewRow, "applicationId"> | null;
  events: Omit<EventRow, "applicationId">[];
}

/** The rows of `count` active applications, before they have ids. Pure: the benchmark builds its records from them too. */
export function activeApplications(fields: { userId: number; count: number; now: Date; timeZone: string }): ActiveApplication[] {
  return Array.from({ length: fields.count }, (_, index) => {
    const { status, appliedAt, interviewAt } = applicationShape(index, fields.now.getTime());
    const contact = { name: `Robin Vale ${index}`, email: `robin.vale.${index}@kestrel${index}.example` };
    const application: ApplicationRow = {
      userId: fields.userId,
      company: `Kestrel Works ${index}`,
      companyKey: `kestrel works ${index}`,
      role: "Backend Engineer",
      roleKey: "backend engineer",
      status,
      contactName: contact.name,
      contactEmail: contact.email,
      createdAt: new Date(appliedAt),
      updatedAt: new Date(appliedAt),
    };
    const created = {
      userId: fields.userId,
      type: "application_created",
      payload: { company: application.company, sentAt: appliedAt },
      inverse: { op: "archive_application" },
      at: new Date(appliedAt),
    };
    if (interviewAt === null) return { application, interview: null, events: [created] };
    const invitedAt = interviewAt - 5 * DAY_MS;
    return {
      application,
      interview: {
        startAt: new Date(interviewAt),
        timeZone: fields.timeZone,
        durationMin: 45,
        format: "video",
        meetingUrl: "https://meet.google.com/abc-defg-hij",
        interviewers: [contact],
        status: "scheduled",
        createdAt: new Date(invitedAt),
      },
      events: [
        created,
        { userId: fields.userId, type: "email_filed", payload: { kind: "invitation", subject: "Interview: Backend Engineer", sentAt: invitedAt }, inverse: null, at: new Date(invitedAt) },
      ],
    };
  });
}

/**
 * The same applications as the records the digest reads, before any follow-up is stored:
 * application `i` has id `i + 1`, as its interview has.
 */
export function activeUserRecords(fields: { count: number; now: Date; timeZone: string }): UserRecords {
  const rows = activeApplications({ userId: 1, ...fields });
  return {
    applications: rows.map(({ application: a }, i) => ({
      id: i + 1,
      company: a.company ?? null,
      role: a.role ?? null,
      status: a.status,
      contactName: a.contactName ?? null,
      contactEmail: a.contactEmail ?? null,
      language: "en",
      noCalls: false,
      notes: [],
      promisedTimeline: null,
    })),
    interviews: rows.flatMap(({ interview }, i) =>
      interview
        ? [
            {
              id: i + 1,
              applicationId: i + 1,
              startAt: interview.startAt?.getTime() ?? null,
              startLocal: null,
              timeZone: interview.timeZone ?? null,
              durationMin: interview.durationMin ?? null,
              interviewers: interview.interviewers as { name: string; email: string }[],
              status: interview.status,
              subject: "Interview: Backend Engineer",
              format: interview.format ?? null,
              meetingUrl: interview.meetingUrl ?? null,
            },
          ]
        : [],
    ),
    events: rows.flatMap(({ events }, i) => events.map((e) => ({ applicationId: i + 1, type: e.type, payload: e.payload as Record<string, unknown>, at: e.at.getTime(), undoneAt: null }))),
    followUps: [],
  };
}

/** Inserts `activeApplications(fields)` and returns the applications' ids, in order. */
export async function seedActiveApplications(d1: D1Database, fields: { userId: number; count: number; now: Date; timeZone: string }): Promise<number[]> {
  const db = createDb(d1);
  const rows = activeApplications(fields);
  const ids: number[] = [];
  for (const batch of chunk(chunk(rows.map((r) => r.application), rowsPerStatement(applications)), STATEMENTS_PER_BATCH)) {
    const inserts: BatchItem<"sqlite">[] = batch.map((values) => db.insert(applications).values(values).returning({ id: applications.id }));
    const results = (await db.batch(inserts as NonEmpty<BatchItem<"sqlite">>)) as unknown as { id: number }[][];
    for (const inserted of results) ids.push(...inserted.map((r) => r.id));
  }
  const interviewRows = rows.flatMap((r, i) => (r.interview ? [{ ...r.interview, applicationId: ids[i]! }] : []));
  const eventRows = rows.flatMap((r, i) => r.events.map((e) => ({ ...e, applicationId: ids[i]! })));
  const inserts: BatchItem<"sqlite">[] = [
    ...chunk(interviewRows, rowsPerStatement(interviews)).map((values) => db.insert(interviews).values(values)),
    ...chunk(eventRows, rowsPerStatement(events)).map((values) => db.insert(events).values(values)),
  ];
  for (const batch of chunk(inserts, STATEMENTS_PER_BATCH)) await db.batch(batch as NonEmpty<BatchItem<"sqlite">>);
  return ids;
}
