/**
 * The applications as they were before a message was filed, from what they are now and the
 * changes that filing recorded: each change's inverse (../applications/inverse.ts), newest
 * first, applied to the snapshots as `undo` applies it to the database. Pure. A message read
 * again (src/db/refiling.ts) is planned against these, so its new filing is the one a fresh
 * filing of it would have made.
 */
import type { Inverse } from "../applications/inverse.ts";
import type { ApplicationSnapshot } from "./plan.ts";

export interface RecordedChange {
  applicationId: number | null;
  inverse: Inverse | null;
}

export interface FilingToTakeBack {
  /** The changes the filing recorded, newest first. */
  changes: readonly RecordedChange[];
  /** The application the filing created: it did not exist before. */
  createdApplicationId: number | null;
  /** The interviews the filing added: they did not exist before. */
  insertedInterviewIds: readonly number[];
}

export function beforeFiling(apps: readonly ApplicationSnapshot[], filing: FilingToTakeBack): ApplicationSnapshot[] {
  const inserted = new Set(filing.insertedInterviewIds);
  const before = apps
    .filter((app) => app.id !== filing.createdApplicationId)
    .map((app) => ({ ...app, interviews: app.interviews.filter((i) => !inserted.has(i.id)).map((i) => ({ ...i })) }));
  const byId = new Map(before.map((app) => [app.id, app]));
  for (const { applicationId, inverse } of filing.changes) {
    const app = applicationId === null ? undefined : byId.get(applicationId);
    if (app && inverse) takeBack(app, inverse);
  }
  return before;
}

function takeBack(app: ApplicationSnapshot, inverse: Inverse): void {
  switch (inverse.op) {
    case "set_status":
      app.status = inverse.status;
      return;
    case "set_details": {
      const { company, role, contactName, contactEmail, language, noCalls } = inverse.details;
      if (company !== undefined) app.company = company;
      if (role !== undefined) app.role = role;
      if (contactName !== undefined) app.contactName = contactName;
      if (contactEmail !== undefined) app.contactEmail = contactEmail;
      if (language !== undefined) app.language = language;
      if (noCalls !== undefined) app.noCalls = noCalls;
      return;
    }
    case "set_timeline":
      app.promisedTimeline = inverse.timeline;
      return;
    case "remove_note":
      app.notes = app.notes.filter((note) => note !== inverse.note);
      return;
    case "set_interview_start": {
      const interview = app.interviews.find((i) => i.id === inverse.interviewId);
      if (interview) Object.assign(interview, { startAt: inverse.startAt, startLocal: inverse.startLocal, status: "scheduled" });
      return;
    }
    case "set_interview_status": {
      const interview = app.interviews.find((i) => i.id === inverse.interviewId);
      if (interview) interview.status = inverse.status;
      return;
    }
    default:
      // The created application and the inserted interviews are already left out; a filing
      // records no other change.
      return;
  }
}
