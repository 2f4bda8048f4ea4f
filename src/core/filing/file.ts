/**
 * The steps of filing one kept message, over a store: a repeat of an original already read is
 * ignored; mail about no job is kept unfiled; anything else is planned against the
 * applications it could belong to and written as one step. The worker runs these steps over
 * D1 (src/db/filing.ts) and the `plan` CLI over memory (memory-store.ts), so the two cannot
 * drift. No I/O of its own and no clock: every read and write goes through the store, and the
 * arrival time is an argument.
 */
import type { ConfirmationOutcome } from "./confirmation.ts";
import { filingKeys, planFiling, type ApplicationSnapshot, type FilingKeys, type FilingPlan } from "./plan.ts";
import type { EmailReading } from "../understanding/read.ts";
import type { Understanding } from "../understanding/types.ts";

/** The states of a kept message (`inbound_messages.state`). */
export type MessageState = "stored" | "understood" | "not_understood" | "ignored" | "failed";

export interface MessageUpdate {
  state: "not_understood" | "ignored";
  understanding: Understanding | null;
  problem: string;
  originalMessageId: string | null;
  applicationId: number | null;
}

export interface FilingWrite {
  messageId: number;
  plan: Extract<FilingPlan, { action: "file" }>;
  understanding: Understanding;
  originalMessageId: string | null;
  /** When the message arrived: the time of its events. */
  at: number;
}

/** What filing reads and writes. Every write is one all-or-nothing step. */
export interface FilingStore {
  /** An earlier message that carried the same original and was read. */
  findFiledOriginal(originalMessageId: string, exceptMessageId: number): Promise<{ id: number; applicationId: number | null } | null>;
  /** The applications an email with these keys could belong to, with their interviews. */
  loadApplicationSnapshots(keys: FilingKeys): Promise<ApplicationSnapshot[]>;
  /** Records what became of a message that was not filed. */
  markMessage(messageId: number, update: MessageUpdate): Promise<void>;
  /**
   * Writes the plan and marks the message understood. When a concurrent delivery of the same
   * message filed it first, writes nothing and returns the state that delivery left.
   */
  applyFilingPlan(write: FilingWrite): Promise<{ applicationId: number } | { filedBefore: MessageState }>;
}

export type FilingResult =
  /** Filed; the outcome still lacks the next follow-up, which the caller plans after filing. */
  | { state: "understood"; applicationId: number; plan: Extract<FilingPlan, { action: "file" }>; understanding: Understanding }
  | { state: "not_understood" | "ignored"; outcome: ConfirmationOutcome; understanding: Understanding | null }
  /** Another delivery of the same message did the work (and confirms it). */
  | { state: "filed_before"; current: MessageState };

/** What filing takes from a reading (src/core/understanding/read.ts). */
export type FilingReading = Pick<EmailReading, "understanding" | "originalMessageId" | "originalSubject" | "sentAt" | "note">;

/** Files a message that was read; a message that could not be read is marked with its problem. */
export async function fileKeptMessage(
  store: FilingStore,
  message: { id: number; fallbackSubject: string | null },
  read: { ok: true; value: FilingReading } | { ok: false; error: { problem: string } },
  at: number,
): Promise<FilingResult> {
  if (!read.ok) {
    await store.markMessage(message.id, { state: "not_understood", understanding: null, problem: read.error.problem, originalMessageId: null, applicationId: null });
    return { state: "not_understood", outcome: { kind: "not_understood", problem: read.error.problem }, understanding: null };
  }
  const { understanding, originalMessageId } = read.value;
  const earlier = originalMessageId ? await store.findFiledOriginal(originalMessageId, message.id) : null;
  if (earlier) {
    await store.markMessage(message.id, { state: "ignored", understanding, problem: `same original as message ${earlier.id}`, originalMessageId, applicationId: earlier.applicationId });
    return { state: "ignored", outcome: { kind: "duplicate", applicationId: earlier.applicationId }, understanding };
  }
  const plan = planFiling({
    apps: await store.loadApplicationSnapshots(filingKeys(understanding)),
    understanding,
    note: read.value.note,
    originalSubject: read.value.originalSubject ?? message.fallbackSubject,
    sentAt: read.value.sentAt,
  });
  if (plan.action === "skip") {
    const problem = "nothing in it is about a job application or an interview";
    await store.markMessage(message.id, { state: "not_understood", understanding, problem, originalMessageId, applicationId: null });
    return { state: "not_understood", outcome: { kind: "not_job_related" }, understanding };
  }
  const written = await store.applyFilingPlan({ messageId: message.id, plan, understanding, originalMessageId, at });
  if ("filedBefore" in written) return { state: "filed_before", current: written.filedBefore };
  return { state: "understood", applicationId: written.applicationId, plan, understanding };
}
