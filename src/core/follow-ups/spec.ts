/**
 * What every rule family (R1–R11) hands back before drafting: a follow-up's timing, recipients
 * and the facts its draft is written from. Plain data; the drafts are written later, when read
 * (src/core/follow-ups/rules.ts).
 */
import type { LocalDate } from "../time/business-days.ts";
import type { DraftKind } from "./drafts.ts";

export const FOLLOW_UP_RULES = ["R1", "R3", "R4", "R5", "R6", "R8", "R9", "R10"] as const;
export type FollowUpRule = (typeof FOLLOW_UP_RULES)[number];

export interface Recipient {
  name: string | null;
  email: string;
}

/** What a planned follow-up needs before it gets its draft. */
export interface Spec {
  key: string;
  rule: FollowUpRule;
  interviewId: number | null;
  dueAt: number;
  latestAt: number | null;
  to: Recipient[];
  greetName: string | null;
  kind: DraftKind;
  draftDate: LocalDate | null;
  subject: string | null;
  deadline?: LocalDate | null;
  update?: string | null;
  /** C9: interviewers named without an address, for a thank-you the coordinator passes on. */
  interviewerNames?: readonly string[];
  reason: string;
}
