/**
 * Reconciles the rules engine's plan with the stored follow-ups. Pure. Recomputing the same
 * plan twice yields no writes (idempotent); a row the user acted on (sent, skipped) is never
 * rewritten; a pending row the plan no longer contains is cancelled (R11, a rejection, a
 * cancelled interview), and revived if a later plan brings its key back.
 */
import type { FollowUpPlan, PlannedFollowUp } from "./follow-up-rules.ts";

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

function differs(row: StoredFollowUp, fields: FollowUpFields): boolean {
  return (
    row.rule !== fields.rule ||
    row.dueAt !== fields.dueAt ||
    row.latestAt !== fields.latestAt ||
    row.subject !== fields.subject ||
    row.body !== fields.body ||
    JSON.stringify(row.recipients) !== JSON.stringify(fields.recipients) ||
    JSON.stringify(row.placeholders) !== JSON.stringify(fields.placeholders)
  );
}

export function reconcileFollowUps(plan: FollowUpPlan, stored: readonly StoredFollowUp[]): FollowUpWrite[] {
  const byKey = new Map(stored.map((row) => [row.key, row]));
  const planned = new Set<string>();
  const writes: FollowUpWrite[] = [];
  for (const followUp of plan.followUps) {
    planned.add(followUp.key);
    const fields = fieldsOf(followUp);
    const row = byKey.get(followUp.key);
    if (!row) writes.push({ op: "insert", fields });
    else if (row.state === "cancelled") writes.push({ op: "update", id: row.id, fields, revive: true });
    else if ((row.state === "pending" || row.state === "shown") && differs(row, fields)) writes.push({ op: "update", id: row.id, fields, revive: false });
  }
  for (const row of stored) {
    if ((row.state === "pending" || row.state === "shown") && !planned.has(row.key)) writes.push({ op: "cancel", id: row.id });
  }
  return writes;
}
