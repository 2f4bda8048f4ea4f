/**
 * The filing tables (applications, interviews, events, filed messages) as plain data, and a
 * `FilingStore` over them, for running the worker's filing without D1: the `plan` CLI
 * (src/cli/plan.ts) and unit tests. The steps of filing are shared (file.ts); what is kept here
 * is only what SQL does in D1. Pure: no I/O, no clock; every instant is an argument, and every
 * write returns new tables (the old ones are left as they were).
 *
 * The writes do what the D1 store's do: `applyFilingPlanInMemory` is src/db/filing.ts
 * `applyFilingPlan` (which fields a new or an existing application takes, one interview per
 * message, a move re-schedules, every planned event recorded with its inverse), and
 * `changeApplicationStatus` is `statusChangeStatements`. The reads give what
 * `loadApplicationSnapshots` and `loadUserRecords` give: an interview's subject is the subject
 * of the message that created it. Both stores pass the same tests (test/unit/filing and
 * test/worker/filing-store.test.ts).
 */
import type { ApplicationStatus } from "../applications/status.ts";
import type { ApplicationSnapshot, FilingPlan, InterviewFields } from "./plan.ts";
import { movedInterviewFields, newApplicationFields } from "./plan.ts";
import type { FilingStore, MessageUpdate } from "./file.ts";
import { pickApplicationRecord, type ApplicationRecord, type EventRecord, type InterviewRecord } from "../applications/records.ts";
import type { Inverse } from "../applications/inverse.ts";

export interface MemoryApplication extends ApplicationRecord {
  sourceMessageId: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface MemoryInterview extends InterviewFields {
  id: number;
  applicationId: number;
  status: "scheduled" | "cancelled";
  sourceMessageId: number;
  createdAt: number;
  /** `interviews.sequence`: raised by every move and cancellation. */
  sequence: number;
}

export interface MemoryEvent extends EventRecord {
  id: number;
  applicationId: number | null;
  inboundMessageId: number | null;
  inverse: Inverse | null;
}

/** An inbound message as far as filing cares: its outer subject and what became of it. */
export interface MemoryMessage {
  id: number;
  /** The forward's own Subject header, as `inbound_messages.subject`. */
  subject: string | null;
  state: "stored" | "understood" | "not_understood" | "ignored";
  originalMessageId: string | null;
  applicationId: number | null;
}

export interface FilingMemory {
  applications: readonly MemoryApplication[];
  interviews: readonly MemoryInterview[];
  events: readonly MemoryEvent[];
  messages: readonly MemoryMessage[];
}

export const EMPTY_FILING_MEMORY: FilingMemory = { applications: [], interviews: [], events: [], messages: [] };

/** What the rules read (`loadUserRecords`): the applications with their interviews and events. */
export interface MemoryRecords {
  applications: ApplicationRecord[];
  interviews: (InterviewRecord & { applicationId: number })[];
  events: (EventRecord & { applicationId: number | null })[];
}

const nextId = (rows: readonly { id: number }[]) => rows.reduce((max, r) => Math.max(max, r.id), 0) + 1;

/** Keeps a message before it is read, as `storeInbound` does; returns its id. */
export function storeMessage(memory: FilingMemory, subject: string | null): { memory: FilingMemory; messageId: number } {
  const messageId = nextId(memory.messages);
  const message: MemoryMessage = { id: messageId, subject, state: "stored", originalMessageId: null, applicationId: null };
  return { memory: { ...memory, messages: [...memory.messages, message] }, messageId };
}

/** Records what became of a message that was not filed (`markInbound`). */
export function markMessage(memory: FilingMemory, messageId: number, update: Pick<MessageUpdate, "state" | "originalMessageId" | "applicationId">): FilingMemory {
  const { state, originalMessageId, applicationId } = update;
  return { ...memory, messages: memory.messages.map((m) => (m.id === messageId ? { ...m, state, originalMessageId, applicationId } : m)) };
}

/** An earlier message that carried the same original and was filed (`findFiledOriginal`). */
export function findFiledOriginal(memory: FilingMemory, originalMessageId: string, exceptId: number): MemoryMessage | null {
  return memory.messages.find((m) => m.id !== exceptId && m.originalMessageId === originalMessageId && m.state === "understood") ?? null;
}

/** The applications with their interviews, as the filing core reads them. */
export function listApplicationSnapshots(memory: FilingMemory): ApplicationSnapshot[] {
  return memory.applications.map((a) => ({
    ...pickApplicationRecord(a),
    interviews: memory.interviews
      .filter((i) => i.applicationId === a.id)
      .map((i) => ({ id: i.id, calendarUid: i.calendarUid, startAt: i.startAt, startLocal: i.startLocal, status: i.status })),
  }));
}

/**
 * Writes a filing plan and marks the message understood, as one step (the batch in
 * `applyFilingPlan`). `at` is when the message arrived: the events' time.
 */
export function applyFilingPlanInMemory(
  memory: FilingMemory,
  input: { messageId: number; plan: Extract<FilingPlan, { action: "file" }>; originalMessageId: string | null; at: number },
): { memory: FilingMemory; applicationId: number } {
  const { messageId, plan, at } = input;
  let applications = [...memory.applications];
  let interviews = [...memory.interviews];
  const events = [...memory.events];
  let applicationId: number;

  if (plan.target.kind === "new") {
    // The SQL finds a new application by the message that created it, so a retry adds none.
    const existing = applications.find((a) => a.sourceMessageId === messageId);
    applicationId = existing?.id ?? nextId(applications);
    if (!existing) {
      applications.push({ id: applicationId, ...newApplicationFields(plan), sourceMessageId: messageId, createdAt: at, updatedAt: at });
    }
  } else {
    applicationId = plan.target.applicationId;
    const d = plan.details;
    applications = applications.map((a) => {
      if (a.id !== applicationId) return a;
      const next: MemoryApplication = { ...a, updatedAt: at };
      if (d.company !== undefined) next.company = d.company;
      if (d.role !== undefined) next.role = d.role;
      if (d.contactEmail !== undefined) (next.contactEmail = d.contactEmail), (next.contactName = d.contactName ?? null);
      if (d.noCalls !== undefined) next.noCalls = d.noCalls;
      if (plan.status) next.status = plan.status;
      if (plan.timeline) next.promisedTimeline = plan.timeline;
      if (plan.note) next.notes = [...a.notes, plan.note];
      return next;
    });
  }

  for (const op of plan.interviewOps) {
    if (op.op === "insert") {
      // One interview per message (a unique index in D1): a second insert is ignored.
      if (interviews.some((i) => i.sourceMessageId === messageId)) continue;
      interviews.push({ ...op.fields, id: nextId(interviews), applicationId, status: "scheduled", sourceMessageId: messageId, createdAt: at, sequence: 0 });
    } else if (op.op === "move") {
      interviews = interviews.map((i) => (i.id === op.interviewId ? { ...i, ...movedInterviewFields(op.fields), status: "scheduled", sequence: i.sequence + 1 } : i));
    } else {
      interviews = interviews.map((i) => (i.id === op.interviewId ? { ...i, status: "cancelled", sequence: i.sequence + 1 } : i));
    }
  }

  for (const event of plan.events) {
    events.push({
      id: nextId(events),
      applicationId,
      inboundMessageId: messageId,
      type: event.type,
      payload: event.payload,
      inverse: event.inverse,
      at,
      undoneAt: null,
    });
  }
  const messages = memory.messages.map((m) =>
    m.id === messageId ? { ...m, state: "understood" as const, originalMessageId: input.originalMessageId, applicationId } : m,
  );
  return { memory: { applications, interviews, events, messages }, applicationId };
}

/** A status change the passage of time implies, recorded as an undoable event (`statusChangeStatements`). */
export function changeApplicationStatus(
  memory: FilingMemory,
  change: { applicationId: number; from: ApplicationStatus; to: ApplicationStatus; at: number; because: string },
): FilingMemory {
  const { applicationId, from, to, at, because } = change;
  return {
    ...memory,
    applications: memory.applications.map((a) => (a.id === applicationId ? { ...a, status: to, updatedAt: at } : a)),
    events: [
      ...memory.events,
      {
        id: nextId(memory.events),
        applicationId,
        inboundMessageId: null,
        type: "status_changed",
        payload: { from, to, because },
        inverse: { op: "set_status", status: from },
        at,
        undoneAt: null,
      },
    ],
  };
}

/** All applications' records, or one application's, events oldest first (`loadUserRecords`). */
export function loadRecords(memory: FilingMemory, applicationId?: number): MemoryRecords {
  const wanted = (id: number | null) => applicationId === undefined || id === applicationId;
  const subjectOf = (messageId: number) => memory.messages.find((m) => m.id === messageId)?.subject ?? null;
  return {
    applications: memory.applications.filter((a) => wanted(a.id)).map(pickApplicationRecord),
    interviews: memory.interviews
      .filter((i) => wanted(i.applicationId))
      .map((i) => ({
        id: i.id,
        applicationId: i.applicationId,
        startAt: i.startAt,
        startLocal: i.startLocal,
        timeZone: i.timeZone,
        durationMin: i.durationMin,
        interviewers: i.interviewers,
        status: i.status,
        subject: subjectOf(i.sourceMessageId),
        format: i.format,
        meetingUrl: i.meetingUrl,
      })),
    events: memory.events
      .filter((e) => wanted(e.applicationId))
      .map((e) => ({ applicationId: e.applicationId, type: e.type, payload: e.payload, at: e.at, undoneAt: e.undoneAt })),
  };
}

/** A `FilingStore` over memory; `memory` is the tables after the writes so far. */
export function createMemoryFilingStore(initial: FilingMemory): FilingStore & { readonly memory: FilingMemory } {
  let memory = initial;
  return {
    get memory() {
      return memory;
    },
    findFiledOriginal: async (originalMessageId, exceptMessageId) => {
      const earlier = findFiledOriginal(memory, originalMessageId, exceptMessageId);
      return earlier ? { id: earlier.id, applicationId: earlier.applicationId } : null;
    },
    // Memory is small: every application is a candidate, and planFiling picks as in D1.
    loadApplicationSnapshots: async () => listApplicationSnapshots(memory),
    markMessage: async (messageId, update) => {
      memory = markMessage(memory, messageId, update);
    },
    applyFilingPlan: async (write) => {
      const filed = applyFilingPlanInMemory(memory, write);
      memory = filed.memory;
      return { applicationId: filed.applicationId };
    },
  };
}
