/**
 * Files an understood email under the right application. Pure: takes the user's applications
 * as they are and returns a plan of changes, which the filing steps (file.ts) have a store
 * write as one step. Every change carries its inverse so it can be shown and undone.
 *
 * Matching, strongest first: the calendar UID of a known interview; the same company (legal
 * suffixes ignored: "Acme" = "Acme, Inc.") with the same or an unknown role; the same contact
 * address with a compatible role. Two different roles at one company stay two applications.
 */
import type { Understanding, PromisedTimeline } from "../understanding/types.ts";
import type { ApplicationStatus } from "../applications/status.ts";
import type { ApplicationRecord } from "../applications/records.ts";
import { companyKey, roleKey } from "../applications/keys.ts";
import type { ApplicationDetails, Inverse } from "../applications/inverse.ts";

export interface InterviewSnapshot {
  id: number;
  calendarUid: string | null;
  startAt: number | null;
  startLocal: string | null;
  status: "scheduled" | "cancelled";
}

export interface ApplicationSnapshot extends ApplicationRecord {
  interviews: InterviewSnapshot[];
}

/** An interview as the plan writes it. */
export interface InterviewFields {
  calendarUid: string | null;
  startAt: number | null;
  startLocal: string | null;
  timeZone: string | null;
  durationMin: number | null;
  format: "phone" | "video" | "onsite" | null;
  meetingUrl: string | null;
  interviewers: { name: string | null; email: string | null }[];
}

/**
 * What a move changes: the new slot, and only the details the new email states. A reschedule
 * that does not repeat the link, length or interviewers keeps the ones already known.
 */
export function movedInterviewFields(fields: InterviewFields): Partial<InterviewFields> {
  const changed: Partial<InterviewFields> = { startAt: fields.startAt, startLocal: fields.startLocal };
  if (fields.calendarUid !== null) changed.calendarUid = fields.calendarUid;
  if (fields.timeZone !== null) changed.timeZone = fields.timeZone;
  if (fields.durationMin !== null) changed.durationMin = fields.durationMin;
  if (fields.format !== null) changed.format = fields.format;
  if (fields.meetingUrl !== null) changed.meetingUrl = fields.meetingUrl;
  if (fields.interviewers.length > 0) changed.interviewers = fields.interviewers;
  return changed;
}

export type InterviewOp =
  | { op: "insert"; fields: InterviewFields }
  | { op: "move"; interviewId: number; fields: InterviewFields; previous: { startAt: number | null; startLocal: string | null } }
  | { op: "cancel"; interviewId: number };

export interface PlannedEvent {
  type:
    | "application_created"
    | "status_changed"
    | "interview_scheduled"
    | "interview_moved"
    | "interview_cancelled"
    | "timeline_promised"
    | "details_updated"
    | "note_added"
    | "email_filed";
  payload: Record<string, unknown>;
  inverse: Inverse | null;
}

export type FilingPlan =
  | { action: "skip"; reason: "not_job_related" | "nothing_to_file" }
  | {
      action: "file";
      target: { kind: "new" } | { kind: "existing"; applicationId: number };
      /** Full details for a new application; only the changed fields for an existing one. */
      details: Partial<ApplicationDetails>;
      status: ApplicationStatus | null;
      timeline: PromisedTimeline | null;
      note: string | null;
      interviewOps: InterviewOp[];
      events: PlannedEvent[];
    };

/** The fields of the application a "new" filing plan creates (the D1 and in-memory stores share it). */
export function newApplicationFields(plan: Extract<FilingPlan, { action: "file" }>): Omit<ApplicationRecord, "id"> {
  const d = plan.details;
  return {
    company: d.company ?? null,
    role: d.role ?? null,
    status: plan.status ?? "applied",
    contactName: d.contactName ?? null,
    contactEmail: d.contactEmail ?? null,
    language: d.language ?? "en",
    noCalls: d.noCalls ?? false,
    promisedTimeline: plan.timeline,
    notes: plan.note ? [plan.note] : [],
  };
}

const FREEMAIL = new Set(["gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "yahoo.com", "icloud.com", "me.com", "proton.me", "protonmail.com", "gmx.de", "web.de", "live.com", "aol.com"]);

function contactDomain(email: string | null): string | null {
  const domain = email?.split("@")[1]?.toLowerCase() ?? null;
  return domain && !FREEMAIL.has(domain) ? domain : null;
}

const rolesCompatible = (a: string | null, b: string | null) => a === null || b === null || a === b;

/**
 * What `matchApplication` can match on, so the store loads only those applications: the cost of
 * filing an email does not grow with the number of applications a user has.
 */
export interface FilingKeys {
  companyKey: string | null;
  contactEmail: string | null;
  contactDomain: string | null;
  calendarUid: string | null;
}

export function filingKeys(u: Understanding): FilingKeys {
  const email = u.contact?.email?.toLowerCase() ?? null;
  return { companyKey: companyKey(u.company), contactEmail: email, contactDomain: contactDomain(email), calendarUid: u.calendar?.uid ?? null };
}

/** The application this understanding belongs to, or null for a new one. */
export function matchApplication(apps: readonly ApplicationSnapshot[], u: Understanding): ApplicationSnapshot | null {
  const uid = u.calendar?.uid ?? null;
  if (uid) {
    const byUid = apps.find((a) => a.interviews.some((i) => i.calendarUid === uid));
    if (byUid) return byUid;
  }
  const role = roleKey(u.role);
  const pickCompatible = (candidates: ApplicationSnapshot[]): ApplicationSnapshot | null => {
    const sameRole = candidates.filter((a) => role !== null && roleKey(a.role) === role);
    if (sameRole.length > 0) return newest(sameRole);
    const compatible = candidates.filter((a) => rolesCompatible(roleKey(a.role), role));
    // An email without a role matches only when the company has a single open application.
    if (role === null && compatible.length > 1) {
      const open = compatible.filter((a) => !["rejected", "withdrawn"].includes(a.status));
      return open.length === 1 ? open[0]! : null;
    }
    return compatible.length > 0 ? newest(compatible) : null;
  };

  const company = companyKey(u.company);
  if (company) {
    return pickCompatible(apps.filter((a) => companyKey(a.company) === company));
  }
  const email = u.contact?.email?.toLowerCase() ?? null;
  if (email) {
    const byContact = pickCompatible(apps.filter((a) => a.contactEmail?.toLowerCase() === email));
    if (byContact) return byContact;
  }
  const domain = contactDomain(email);
  if (domain) {
    return pickCompatible(apps.filter((a) => contactDomain(a.contactEmail) === domain));
  }
  return null;
}

function newest(apps: ApplicationSnapshot[]): ApplicationSnapshot {
  return apps.reduce((best, a) => (a.id > best.id ? a : best));
}

function interviewFields(u: Understanding): InterviewFields | null {
  const startAt = u.start ? Date.parse(u.start) : null;
  if (startAt === null && u.startLocal === null) return null;
  return {
    calendarUid: u.calendar?.uid ?? null,
    startAt: startAt !== null && Number.isFinite(startAt) ? startAt : null,
    startLocal: u.startLocal,
    timeZone: u.tz,
    durationMin: u.durationMin,
    format: u.format,
    meetingUrl: u.meetingUrl,
    interviewers: u.interviewers,
  };
}

const sameSlot = (i: InterviewSnapshot, f: InterviewFields) =>
  (f.startAt !== null && i.startAt === f.startAt) || (f.startAt === null && f.startLocal !== null && i.startLocal === f.startLocal);

function findInterview(app: ApplicationSnapshot | null, u: Understanding, fields: InterviewFields | null, previous: number | null): InterviewSnapshot | null {
  if (!app) return null;
  const uid = u.calendar?.uid ?? null;
  if (uid) {
    const byUid = app.interviews.find((i) => i.calendarUid === uid);
    if (byUid) return byUid;
  }
  if (previous !== null) {
    const byPrevious = app.interviews.find((i) => i.startAt === previous);
    if (byPrevious) return byPrevious;
  }
  if (fields) {
    const bySlot = app.interviews.find((i) => sameSlot(i, fields));
    if (bySlot) return bySlot;
  }
  return null;
}

function latestScheduled(app: ApplicationSnapshot | null): InterviewSnapshot | null {
  const scheduled = app?.interviews.filter((i) => i.status === "scheduled") ?? [];
  return scheduled.length > 0 ? scheduled.reduce((a, b) => ((b.startAt ?? 0) > (a.startAt ?? 0) ? b : a)) : null;
}

const TERMINAL: readonly ApplicationStatus[] = ["offer", "rejected", "withdrawn"];

function nextStatus(current: ApplicationStatus | null, u: Understanding): ApplicationStatus | null {
  switch (u.kind) {
    case "rejection":
      return "rejected";
    case "offer":
      return "offer";
    case "invitation":
    case "scheduling_confirmation":
    case "next_round":
    case "reschedule":
      return current !== null && TERMINAL.includes(current) ? current : "interviewing";
    case "cancellation":
    case "generic":
      return current ?? "applied";
  }
}

export interface FilingInput {
  apps: readonly ApplicationSnapshot[];
  understanding: Understanding;
  /** The owner's note on the forward (C3 material), already trimmed. */
  note: string | null;
  originalSubject: string | null;
  /** When the employer sent the original (epoch ms), when known: the rules count from it. */
  sentAt: number | null;
}

export function planFiling({ apps, understanding: u, note, originalSubject, sentAt }: FilingInput): FilingPlan {
  if (!u.isJobRelated) return { action: "skip", reason: "not_job_related" };
  const app = matchApplication(apps, u);
  const events: PlannedEvent[] = [];
  const fields = interviewFields(u);

  const details: ApplicationDetails = {
    company: u.company,
    role: u.role,
    contactName: u.contact?.name ?? null,
    contactEmail: u.contact?.email ?? null,
    language: u.language === "other" ? "en" : u.language,
    noCalls: u.noCalls,
  };
  let changedDetails: Partial<ApplicationDetails> = details;
  if (app) {
    changedDetails = {};
    const previous: Partial<ApplicationDetails> = {};
    // Fill what was unknown; a later email's contact replaces the earlier one (people hand over).
    if (details.company && !app.company) (changedDetails.company = details.company), (previous.company = app.company);
    if (details.role && !app.role) (changedDetails.role = details.role), (previous.role = app.role);
    if (details.contactEmail && details.contactEmail.toLowerCase() !== app.contactEmail?.toLowerCase()) {
      changedDetails.contactEmail = details.contactEmail;
      changedDetails.contactName = details.contactName;
      previous.contactEmail = app.contactEmail;
      previous.contactName = app.contactName;
    }
    if (details.noCalls) {
      changedDetails.noCalls = true;
      previous.noCalls = app.noCalls;
    }
    if (Object.keys(changedDetails).length > 0) {
      events.push({ type: "details_updated", payload: { ...changedDetails }, inverse: { op: "set_details", details: previous } });
    }
  } else {
    events.push({
      type: "application_created",
      payload: { company: details.company, role: details.role, subject: originalSubject, sentAt },
      inverse: { op: "archive_application" },
    });
  }

  const current = app?.status ?? null;
  const status = nextStatus(current, u);
  if (status !== null && status !== current) {
    events.push({
      type: "status_changed",
      payload: { from: current, to: status, because: u.kind, subject: originalSubject, sentAt },
      inverse: current === null ? null : { op: "set_status", status: current },
    });
  }

  const interviewOps: InterviewOp[] = [];
  const previousStart = u.previousStart ? Date.parse(u.previousStart) : null;
  if (u.kind === "cancellation") {
    const target = findInterview(app, u, fields, previousStart) ?? (u.calendar?.uid ? null : latestScheduled(app));
    if (target && target.status === "scheduled") {
      interviewOps.push({ op: "cancel", interviewId: target.id });
      events.push({
        type: "interview_cancelled",
        payload: { interviewId: target.id, startAt: target.startAt },
        inverse: { op: "set_interview_status", interviewId: target.id, status: "scheduled" },
      });
    }
  } else if (fields && u.kind !== "rejection" && u.kind !== "offer") {
    const existing =
      u.kind === "reschedule"
        ? (findInterview(app, u, null, previousStart) ?? latestScheduled(app))
        : findInterview(app, u, fields, null);
    if (existing && sameSlot(existing, fields) && existing.status === "scheduled") {
      // Already known at this time: a reminder or the same invite again.
    } else if (existing) {
      interviewOps.push({ op: "move", interviewId: existing.id, fields, previous: { startAt: existing.startAt, startLocal: existing.startLocal } });
      events.push({
        type: "interview_moved",
        payload: { interviewId: existing.id, from: existing.startAt ?? existing.startLocal, to: fields.startAt ?? fields.startLocal },
        inverse: { op: "set_interview_start", interviewId: existing.id, startAt: existing.startAt, startLocal: existing.startLocal },
      });
      if (existing.status === "cancelled") {
        events.push({
          type: "interview_scheduled",
          payload: { interviewId: existing.id, reinstated: true },
          inverse: { op: "set_interview_status", interviewId: existing.id, status: "cancelled" },
        });
      }
    } else {
      interviewOps.push({ op: "insert", fields });
      events.push({
        type: "interview_scheduled",
        payload: { startAt: fields.startAt, startLocal: fields.startLocal, timeZone: fields.timeZone },
        inverse: { op: "delete_interview_from_message" },
      });
    }
  }

  const timeline = u.promisedTimeline;
  if (timeline && JSON.stringify(timeline) !== JSON.stringify(app?.promisedTimeline ?? null)) {
    events.push({ type: "timeline_promised", payload: { timeline, sentAt }, inverse: { op: "set_timeline", timeline: app?.promisedTimeline ?? null } });
  }
  const trimmedNote = note?.trim() || null;
  if (trimmedNote && !app?.notes.includes(trimmedNote)) {
    events.push({ type: "note_added", payload: { note: trimmedNote }, inverse: { op: "remove_note", note: trimmedNote } });
  }
  // C9: how its writer addressed the candidate, for the drafts to that person (src/core/follow-ups/reader.ts).
  const addressing = u.addressing ? { addressing: u.addressing } : {};
  events.push({ type: "email_filed", payload: { kind: u.kind, subject: originalSubject, sentAt, ...addressing }, inverse: null });

  return {
    action: "file",
    target: app ? { kind: "existing", applicationId: app.id } : { kind: "new" },
    details: changedDetails,
    status: status !== current ? status : null,
    timeline: timeline && events.some((e) => e.type === "timeline_promised") ? timeline : null,
    note: trimmedNote && events.some((e) => e.type === "note_added") ? trimmedNote : null,
    interviewOps,
    events,
  };
}
