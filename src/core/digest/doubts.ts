/**
 * Which details behind an application's drafts the assistant was not sure of: a company,
 * contact or interview time read from a forwarded email with a confidence below SURE_SCORE
 * (src/core/understanding/types.ts), and not set by the owner since (a reply `company: …`,
 * `contact: …` or `time: …`, which records its own event). A draft that relies on one is not
 * ready: the digest says what to check and the reply that settles it. Pure.
 *
 * Each detail is judged by the latest event that set it, so a later email that changes it is
 * judged by its own reading, an owner's reply settles it, and an `undo` of that reply (its event
 * undone, so not among the sources) brings the doubt back.
 */
import { SURE_SCORE, type ConfidentField } from "../understanding/types.ts";

/** The details a draft relies on that a reading can doubt. */
export type DoubtedDetail = "company" | "contact" | "time";

/**
 * An event that set a company, contact or interview time (`application_created`,
 * `details_updated`, `interview_scheduled`, `interview_moved`), not undone, with where it came
 * from. In the order the events were recorded.
 */
export interface DetailSource {
  applicationId: number;
  /** The interview whose time it set, for the interview events. */
  interviewId: number | null;
  type: string;
  payload: Record<string, unknown>;
  /** "email": read from a forwarded email; "owner": set by the owner (a reply, the private page). */
  setBy: "email" | "owner";
  /** How sure the reading of that email was, per field; null when it recorded none. */
  confidence: Partial<Record<ConfidentField, { score: number }>> | null;
}

export interface ApplicationDoubts {
  company: boolean;
  contact: boolean;
  /** Interviews whose time is in doubt. */
  times: ReadonlySet<number>;
}

/** The doubts of each application that has any. */
export function findDoubts(sources: readonly DetailSource[]): Map<number, ApplicationDoubts> {
  const company = new Map<number, DetailSource>();
  const contact = new Map<number, DetailSource>();
  const time = new Map<number, DetailSource>();
  for (const source of sources) {
    const { payload } = source;
    if (source.type === "application_created" || source.type === "details_updated") {
      if (typeof payload.company === "string") company.set(source.applicationId, source);
      // A new application takes its contact from the email that created it; the event does not repeat it.
      if (source.type === "application_created" || "contactEmail" in payload || "contactName" in payload) contact.set(source.applicationId, source);
    } else if ((source.type === "interview_scheduled" && payload.reinstated !== true) || source.type === "interview_moved") {
      if (source.interviewId !== null) time.set(source.interviewId, source);
    }
  }
  const doubts = new Map<number, { company: boolean; contact: boolean; times: Set<number> }>();
  const doubtsOf = (applicationId: number) => {
    let found = doubts.get(applicationId);
    if (!found) doubts.set(applicationId, (found = { company: false, contact: false, times: new Set() }));
    return found;
  };
  for (const [applicationId, source] of company) if (isUnsure(source, ["company"])) doubtsOf(applicationId).company = true;
  for (const [applicationId, source] of contact) if (isUnsure(source, ["contact"])) doubtsOf(applicationId).contact = true;
  // A time read in a guessed zone is only as sure as the zone.
  for (const [interviewId, source] of time) if (isUnsure(source, ["start", "tz"])) doubtsOf(source.applicationId).times.add(interviewId);
  return doubts;
}

function isUnsure(source: DetailSource, fields: readonly ConfidentField[]): boolean {
  return source.setBy === "email" && fields.some((field) => (source.confidence?.[field]?.score ?? 1) < SURE_SCORE);
}
