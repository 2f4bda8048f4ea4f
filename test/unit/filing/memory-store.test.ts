import { describe, expect, it } from "vitest";
import { planFiling, type FilingPlan, type InterviewFields } from "../../../src/core/filing/plan.ts";
import {
  applyFilingPlanInMemory,
  changeApplicationStatus,
  createMemoryFilingStore,
  EMPTY_FILING_MEMORY,
  type FilingMemory,
  findFiledOriginal,
  listApplicationSnapshots,
  loadRecords,
  markMessage,
  storeMessage,
} from "../../../src/core/filing/memory-store.ts";
import { understanding } from "../../helpers/understanding-builder.ts";
import { filingStoreContract } from "../../helpers/filing-store-contract.ts";

const MAR_2 = Date.parse("2026-03-02T17:02:00Z");
const MAR_9 = Date.parse("2026-03-09T16:00:00Z");
const START = Date.parse("2026-03-12T22:30:00Z");

describe("a new application", () => {
  it("takes the plan's details, status, timeline and note, and records every event at arrival", () => {
    const { memory, messageId } = storeMessage(EMPTY_FILING_MEMORY, "Fwd: Interview at Saltmarsh Bakery");
    const plan = filePlan(
      planFiling({
        apps: [],
        understanding: understanding({
          company: "Saltmarsh Bakery",
          role: "Pastry Chef",
          contact: { name: "Ruth Allard", email: "ruth@saltmarsh.example" },
          start: "2026-03-12T14:30:00-08:00",
          tz: "America/Los_Angeles",
          durationMin: 30,
          noCalls: true,
          promisedTimeline: { amount: 5, unit: "business_days", text: "within 5 business days", by: "2026-03-09" },
        }),
        note: "They bake with rye.",
        originalSubject: "Interview at Saltmarsh Bakery",
        sentAt: MAR_2,
      }),
    );

    const filed = applyFilingPlanInMemory(memory, { messageId, plan, originalMessageId: "<orig-1@saltmarsh.example>", at: MAR_2 });

    expect(filed.applicationId).toBe(1);
    expect(filed.memory.applications).toEqual([
      {
        id: 1,
        company: "Saltmarsh Bakery",
        role: "Pastry Chef",
        status: "interviewing",
        contactName: "Ruth Allard",
        contactEmail: "ruth@saltmarsh.example",
        language: "en",
        noCalls: true,
        promisedTimeline: { amount: 5, unit: "business_days", text: "within 5 business days", by: "2026-03-09" },
        notes: ["They bake with rye."],
        sourceMessageId: messageId,
        createdAt: MAR_2,
        updatedAt: MAR_2,
      },
    ]);
    expect(filed.memory.interviews).toMatchObject([{ id: 1, applicationId: 1, startAt: START, timeZone: "America/Los_Angeles", durationMin: 30, status: "scheduled", sourceMessageId: messageId }]);
    expect(filed.memory.events.map((e) => [e.type, e.applicationId, e.inboundMessageId, e.at])).toEqual([
      ["application_created", 1, messageId, MAR_2],
      ["status_changed", 1, messageId, MAR_2],
      ["interview_scheduled", 1, messageId, MAR_2],
      ["timeline_promised", 1, messageId, MAR_2],
      ["note_added", 1, messageId, MAR_2],
      ["email_filed", 1, messageId, MAR_2],
    ]);
    expect(filed.memory.events[0]?.inverse).toEqual({ op: "archive_application" });
    expect(filed.memory.messages).toEqual([
      { id: messageId, subject: "Fwd: Interview at Saltmarsh Bakery", state: "understood", originalMessageId: "<orig-1@saltmarsh.example>", applicationId: 1 },
    ]);
  });

  it("leaves the store it was given as it was", () => {
    const { memory, messageId } = storeMessage(EMPTY_FILING_MEMORY, null);
    const before = structuredClone(memory);
    applyFilingPlanInMemory(memory, { messageId, plan: newApplicationPlan(), originalMessageId: null, at: MAR_2 });
    expect(memory).toEqual(before);
    expect(EMPTY_FILING_MEMORY).toEqual({ applications: [], interviews: [], events: [], messages: [] });
  });

  it("defaults a new application to applied, English, no notes, as the SQL does", () => {
    const { memory, messageId } = storeMessage(EMPTY_FILING_MEMORY, null);
    const plan: FileAction = { ...newApplicationPlan(), details: {}, status: null, note: null };
    const filed = applyFilingPlanInMemory(memory, { messageId, plan, originalMessageId: null, at: MAR_2 });
    expect(filed.memory.applications[0]).toMatchObject({ company: null, role: null, status: "applied", language: "en", noCalls: false, promisedTimeline: null, notes: [] });
  });
});

describe("an existing application", () => {
  it("changes only the fields the plan names; a new contact address brings its name, or none", () => {
    const start = withApplication();
    const { memory, messageId } = storeMessage(start, "Fwd: Next steps");
    const plan: FileAction = {
      ...newApplicationPlan(),
      target: { kind: "existing", applicationId: 1 },
      details: { role: "Head Baker", contactEmail: "ops@saltmarsh.example", noCalls: true },
      status: "waiting",
      timeline: { amount: 2, unit: "weeks", text: "in two weeks", by: null },
      note: "Second note.",
      events: [],
    };
    const filed = applyFilingPlanInMemory(memory, { messageId, plan, originalMessageId: null, at: MAR_9 });
    expect(filed.applicationId).toBe(1);
    expect(filed.memory.applications[0]).toEqual({
      ...start.applications[0],
      role: "Head Baker",
      contactEmail: "ops@saltmarsh.example",
      contactName: null,
      noCalls: true,
      status: "waiting",
      promisedTimeline: { amount: 2, unit: "weeks", text: "in two weeks", by: null },
      notes: ["They bake with rye.", "Second note."],
      updatedAt: MAR_9,
    });
  });

  it("keeps status, timeline and language when the plan leaves them out", () => {
    const start = withApplication();
    const { memory, messageId } = storeMessage(start, null);
    const plan: FileAction = { ...newApplicationPlan(), target: { kind: "existing", applicationId: 1 }, details: { language: "de" }, status: null, timeline: null, note: null, events: [] };
    const filed = applyFilingPlanInMemory(memory, { messageId, plan, originalMessageId: null, at: MAR_9 });
    expect(filed.memory.applications[0]).toEqual({ ...start.applications[0], updatedAt: MAR_9 });
  });
});

describe("interviews", () => {
  it("a move re-schedules the interview with the new fields, keeping its id, source and the details the new email does not state", () => {
    const start = withApplication();
    const cancelled: FilingMemory = { ...start, interviews: start.interviews.map((i) => ({ ...i, status: "cancelled" as const })) };
    const { memory, messageId } = storeMessage(cancelled, null);
    const moved: InterviewFields = { ...fields(), startAt: START + 86_400_000, calendarUid: null };
    const plan = existingPlan([{ op: "move", interviewId: 1, fields: moved, previous: { startAt: START, startLocal: null } }]);
    const filed = applyFilingPlanInMemory(memory, { messageId, plan, originalMessageId: null, at: MAR_9 });
    expect(filed.memory.interviews).toEqual([{ ...start.interviews[0], ...moved, calendarUid: start.interviews[0]!.calendarUid, status: "scheduled", sequence: 1 }]);
  });

  it("a cancel marks it cancelled and raises its sequence, nothing else", () => {
    const start = withApplication();
    const { memory, messageId } = storeMessage(start, null);
    const filed = applyFilingPlanInMemory(memory, { messageId, plan: existingPlan([{ op: "cancel", interviewId: 1 }]), originalMessageId: null, at: MAR_9 });
    expect(filed.memory.interviews).toEqual([{ ...start.interviews[0], status: "cancelled", sequence: 1 }]);
  });

  it("inserts at most one interview per message, as the unique index does", () => {
    const { memory, messageId } = storeMessage(EMPTY_FILING_MEMORY, null);
    const plan: FileAction = { ...newApplicationPlan(), interviewOps: [{ op: "insert", fields: fields() }, { op: "insert", fields: { ...fields(), startAt: START + 1 } }] };
    const filed = applyFilingPlanInMemory(memory, { messageId, plan, originalMessageId: null, at: MAR_2 });
    expect(filed.memory.interviews.map((i) => i.startAt)).toEqual([START]);
  });
});

describe("reading back", () => {
  it("gives the snapshots the filing core matches against", () => {
    expect(listApplicationSnapshots(withApplication())).toEqual([
      {
        id: 1,
        company: "Saltmarsh Bakery",
        role: "Pastry Chef",
        status: "interviewing",
        contactName: "Ruth Allard",
        contactEmail: "ruth@saltmarsh.example",
        language: "en",
        noCalls: false,
        notes: ["They bake with rye."],
        promisedTimeline: null,
        interviews: [{ id: 1, calendarUid: "uid-salt-1", startAt: START, startLocal: null, status: "scheduled" }],
      },
    ]);
  });

  it("gives the rules' records, the interview's subject being its message's", () => {
    const records = loadRecords(withApplication());
    expect(records.applications.map((a) => a.id)).toEqual([1]);
    expect(records.interviews).toEqual([
      {
        id: 1,
        applicationId: 1,
        startAt: START,
        startLocal: null,
        timeZone: "America/Los_Angeles",
        durationMin: 30,
        interviewers: [{ name: "Ruth Allard", email: "ruth@saltmarsh.example" }],
        status: "scheduled",
        subject: "Fwd: Interview at Saltmarsh Bakery",
        format: "video",
        meetingUrl: "https://meet.example/salt",
      },
    ]);
    expect(records.events.map((e) => [e.type, e.applicationId, e.at, e.undoneAt])).toEqual([
      ["application_created", 1, MAR_2, null],
      ["status_changed", 1, MAR_2, null],
      ["interview_scheduled", 1, MAR_2, null],
      ["email_filed", 1, MAR_2, null],
    ]);
  });

  it("narrows the records to one application when asked", () => {
    const first = withApplication();
    const { memory, messageId } = storeMessage(first, "Fwd: Other");
    const second = applyFilingPlanInMemory(memory, { messageId, plan: { ...newApplicationPlan(), details: { company: "Oakum Ropes" } }, originalMessageId: null, at: MAR_9 });
    expect(second.applicationId).toBe(2);
    const records = loadRecords(second.memory, 2);
    expect(records.applications.map((a) => [a.id, a.company])).toEqual([[2, "Oakum Ropes"]]);
    expect(records.interviews.map((i) => [i.id, i.applicationId, i.subject])).toEqual([[2, 2, "Fwd: Other"]]);
    expect(new Set(records.events.map((e) => e.applicationId))).toEqual(new Set([2]));
    expect(loadRecords(second.memory, 3)).toEqual({ applications: [], interviews: [], events: [] });
  });

  it("records a status the passage of time implies as an undoable event", () => {
    const memory = changeApplicationStatus(withApplication(), { applicationId: 1, from: "interviewing", to: "waiting", at: MAR_9, because: "time passed" });
    expect(memory.applications[0]).toMatchObject({ status: "waiting", updatedAt: MAR_9 });
    expect(memory.events.at(-1)).toEqual({
      id: 5,
      applicationId: 1,
      inboundMessageId: null,
      type: "status_changed",
      payload: { from: "interviewing", to: "waiting", because: "time passed" },
      inverse: { op: "set_status", status: "interviewing" },
      at: MAR_9,
      undoneAt: null,
    });
  });

  it("finds an original already filed, but not one only stored, ignored or not filed", () => {
    const first = storeMessage(withApplication(), null);
    const ignored = markMessage(first.memory, first.messageId, { state: "ignored", originalMessageId: "<again@x.example>", applicationId: 1 });
    expect(findFiledOriginal(ignored, "<again@x.example>", 99)).toBeNull();
    expect(findFiledOriginal(ignored, "<orig-1@saltmarsh.example>", 99)?.id).toBe(1);
    expect(findFiledOriginal(ignored, "<orig-1@saltmarsh.example>", 1)).toBeNull();
    // Not filed: the owner may forward it again with a line saying what it is.
    const skipped = markMessage(ignored, first.messageId, { state: "not_understood", originalMessageId: "<again@x.example>", applicationId: null });
    expect(findFiledOriginal(skipped, "<again@x.example>", 99)).toBeNull();
  });
});

type FileAction = Extract<FilingPlan, { action: "file" }>;

function filePlan(plan: FilingPlan): FileAction {
  if (plan.action !== "file") throw new Error(`expected a filing, got ${plan.reason}`);
  return plan;
}

function fields(): InterviewFields {
  return {
    calendarUid: "uid-salt-1",
    startAt: START,
    startLocal: null,
    timeZone: "America/Los_Angeles",
    durationMin: 30,
    format: "video",
    meetingUrl: "https://meet.example/salt",
    interviewers: [{ name: "Ruth Allard", email: "ruth@saltmarsh.example" }],
  };
}

function newApplicationPlan(): FileAction {
  return {
    action: "file",
    target: { kind: "new" },
    details: { company: "Saltmarsh Bakery", role: "Pastry Chef", contactName: "Ruth Allard", contactEmail: "ruth@saltmarsh.example", language: "en", noCalls: false },
    status: "interviewing",
    timeline: null,
    note: "They bake with rye.",
    interviewOps: [{ op: "insert", fields: fields() }],
    events: [
      { type: "application_created", payload: { company: "Saltmarsh Bakery" }, inverse: { op: "archive_application" } },
      { type: "status_changed", payload: { from: null, to: "interviewing" }, inverse: null },
      { type: "interview_scheduled", payload: { startAt: START }, inverse: { op: "delete_interview_from_message" } },
      { type: "email_filed", payload: { kind: "invitation", subject: "Interview at Saltmarsh Bakery", sentAt: MAR_2 }, inverse: null },
    ],
  };
}

function existingPlan(interviewOps: FileAction["interviewOps"]): FileAction {
  return { ...newApplicationPlan(), target: { kind: "existing", applicationId: 1 }, details: {}, status: null, note: null, interviewOps, events: [] };
}

/** One application with one interview, filed from message 1 on 2 March. */
function withApplication(): FilingMemory {
  const { memory, messageId } = storeMessage(EMPTY_FILING_MEMORY, "Fwd: Interview at Saltmarsh Bakery");
  return applyFilingPlanInMemory(memory, { messageId, plan: newApplicationPlan(), originalMessageId: "<orig-1@saltmarsh.example>", at: MAR_2 }).memory;
}

describe("the in-memory filing store", () => {
  filingStoreContract(async () => {
    let store = createMemoryFilingStore(EMPTY_FILING_MEMORY);
    return {
      get store() {
        return store;
      },
      async keep(subject) {
        const kept = storeMessage(store.memory, subject);
        store = createMemoryFilingStore(kept.memory);
        return kept.messageId;
      },
    };
  });
});
