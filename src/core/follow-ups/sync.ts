/**
 * Reconciles the rules engine's plan with the stored follow-ups. Pure. Recomputing the same
 * plan twice yields no writes (idempotent); a row the user acted on (sent, skipped) is never
 * rewritten; a pending row the plan no longer contains is cancelled (R11, a rejection, a
 * cancelled interview), and revived if a later plan brings its key back.
 *
 * A row is written with its draft's text whenever it is inserted, revived or rescheduled. A
 * draft whose text alone changed (a new note, a corrected name) is brought up to date when the
 * digest shows it (`reconcileShownText`): the digest is the only reader of a stored text, and
 * drafting every open follow-up each morning to compare texts would cost more than the rules.
 */
import type { FollowUpPlan, PlannedFollowUp } from "./rules.ts";
import type { Recipient } from "./spec.ts";

export type FollowUpState = "pending" | "shown" | "sent" | "skipped" | "cancelled";

export interface StoredFollowUp {
  id: number;
  key: string;
  rule: string;
  state: FollowUpState;
  dueAt: number;
  latestAt: number | null;
  recipients: readonly { name: string | null; email: string | null }[];
  subject: string;
  body: string;
  placeholders: readonly string[];
}

export interface FollowUpFields {
  key: string;
  rule: string;
  dueAt: number;
  latestAt: number | null;
  recipients: { name: string | null; email: string | null }[];
  subject: string;
  body: string;
  placeholders: string[];
}

export type FollowUpWrite =
  | { op: "insert"; fields: FollowUpFields }
  | { op: "update"; id: number; fields: FollowUpFields; revive: boolean }
  | { op: "cancel"; id: number };

function fieldsOf(planned: PlannedFollowUp): FollowUpFields {
  return {
    key: planned.key,
    rule: planned.rule,
    dueAt: planned.dueAt,
    latestAt: planned.latestAt,
    recipients: planned.to.map((r) => ({ name: r.name, email: r.email })),
    subject: planned.subject,
    body: planned.body,
    placeholders: [...planned.placeholders],
  };
}

/** When, how and to whom: what the rules decide apart from the draft's text. */
function scheduleDiffers(row: StoredFollowUp, planned: PlannedFollowUp): boolean {
  return row.rule !== planned.rule || row.dueAt !== planned.dueAt || row.latestAt !== planned.latestAt || !sameRecipients(row.recipients, planned.to);
}

function textDiffers(row: StoredFollowUp, planned: PlannedFollowUp): boolean {
  return row.subject !== planned.subject || row.body !== planned.body || !sameStrings(row.placeholders, planned.placeholders);
}

/**
 * Rows and planned follow-ups are matched by key with a scan rather than maps: an application
 * has a handful of each, and this runs for every open application each morning.
 */
export function reconcileFollowUps(plan: FollowUpPlan, stored: readonly StoredFollowUp[]): FollowUpWrite[] {
  const writes: FollowUpWrite[] = [];
  for (const followUp of plan.followUps) {
    const row = stored.find((r) => r.key === followUp.key);
    if (!row) writes.push({ op: "insert", fields: fieldsOf(followUp) });
    else if (row.state === "cancelled") writes.push({ op: "update", id: row.id, fields: fieldsOf(followUp), revive: true });
    else if ((row.state === "pending" || row.state === "shown") && scheduleDiffers(row, followUp)) writes.push({ op: "update", id: row.id, fields: fieldsOf(followUp), revive: false });
  }
  for (const row of stored) {
    if ((row.state === "pending" || row.state === "shown") && !plan.followUps.some((f) => f.key === row.key)) writes.push({ op: "cancel", id: row.id });
  }
  return writes;
}

/**
 * The write that brings a row about to be shown up to date with its draft, or null when it
 * already is: the update `reconcileFollowUps` leaves to the moment a text is read.
 */
export function reconcileShownText(planned: PlannedFollowUp, row: StoredFollowUp): FollowUpWrite | null {
  if (row.state !== "pending" && row.state !== "shown") return null;
  return textDiffers(row, planned) ? { op: "update", id: row.id, fields: fieldsOf(planned), revive: false } : null;
}

/** The planned follow-up a stored row stands for, if the application's plan still has its key. */
export function findPlannedFollowUp(plans: ReadonlyMap<number, FollowUpPlan>, row: { applicationId: number; key: string }): PlannedFollowUp | undefined {
  return plans.get(row.applicationId)?.followUps.find((f) => f.key === row.key);
}

/** Element by element, as a comparison of the stored JSON with the planned list would decide. */
function sameRecipients(stored: StoredFollowUp["recipients"], planned: readonly Recipient[]): boolean {
  if (stored.length !== planned.length) return false;
  for (let i = 0; i < stored.length; i++) {
    const a = stored[i];
    const b = planned[i];
    if (a === undefined || b === undefined || a.name !== b.name || a.email !== b.email || Object.keys(a).length !== 2) return false;
  }
  return true;
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}
