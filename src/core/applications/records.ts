/**
 * An application, its interviews and its events as stored (in D1 or in memory), in the shape
 * every stage reads them. Plain data.
 */
import type { ApplicationStatus } from "./status.ts";
import type { PromisedTimeline } from "../understanding/types.ts";

export interface ApplicationRecord {
  id: number;
  company: string | null;
  role: string | null;
  status: ApplicationStatus;
  contactName: string | null;
  contactEmail: string | null;
  language: string;
  noCalls: boolean;
  notes: readonly string[];
  promisedTimeline: PromisedTimeline | null;
}

/** The length assumed for an interview whose email gave none: when it ends, for its thank-you and for what lists it. */
export const ASSUMED_INTERVIEW_MIN = 60;

export interface InterviewRecord {
  id: number;
  startAt: number | null;
  startLocal: string | null;
  timeZone: string | null;
  durationMin: number | null;
  interviewers: readonly { name: string | null; email: string | null }[];
  status: "scheduled" | "cancelled";
  subject: string | null;
  format: "phone" | "video" | "onsite" | null;
  meetingUrl: string | null;
}

export interface EventRecord {
  type: string;
  payload: Record<string, unknown>;
  at: number;
  undoneAt: number | null;
}

/** The fields of an application the core reads, picked from a stored row (in D1 or in memory). */
export function pickApplicationRecord(a: ApplicationRecord): ApplicationRecord {
  return {
    id: a.id,
    company: a.company,
    role: a.role,
    status: a.status,
    contactName: a.contactName,
    contactEmail: a.contactEmail,
    language: a.language,
    noCalls: a.noCalls,
    notes: [...a.notes],
    promisedTimeline: a.promisedTimeline,
  };
}
