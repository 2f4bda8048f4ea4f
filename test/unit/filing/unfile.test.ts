import { describe, expect, it } from "vitest";
import { planFiling, type ApplicationSnapshot, type FilingPlan } from "../../../src/core/filing/plan.ts";
import { applyFilingPlanInMemory, EMPTY_FILING_MEMORY, type FilingMemory, listApplicationSnapshots, storeMessage } from "../../../src/core/filing/memory-store.ts";
import { beforeFiling } from "../../../src/core/filing/unfile.ts";
import type { Understanding } from "../../../src/core/understanding/types.ts";
import { understanding } from "../../helpers/understanding-builder.ts";

const MAR_2 = Date.parse("2026-03-02T17:02:00Z");
const MAR_5 = Date.parse("2026-03-05T09:00:00Z");

/** Files one message over the memory tables, as the D1 store would. */
function file(memory: FilingMemory, u: Understanding, note: string | null, at: number): { memory: FilingMemory; messageId: number } {
  const stored = storeMessage(memory, "Fwd");
  const plan = planFiling({ apps: listApplicationSnapshots(stored.memory), understanding: u, note, originalSubject: "Interview", sentAt: at });
  if (plan.action !== "file") throw new Error("nothing to file");
  return { memory: applyFilingPlanInMemory(stored.memory, { messageId: stored.messageId, plan: plan as Extract<FilingPlan, { action: "file" }>, originalMessageId: null, at }).memory, messageId: stored.messageId };
}

/** The message's filing as the database records it: its changes newest first, what it created. */
function recorded(memory: FilingMemory, messageId: number) {
  return {
    changes: memory.events.filter((e) => e.inboundMessageId === messageId).reverse(),
    createdApplicationId: memory.applications.find((a) => a.sourceMessageId === messageId)?.id ?? null,
    insertedInterviewIds: memory.interviews.filter((i) => i.sourceMessageId === messageId).map((i) => i.id),
  };
}

const invitation = understanding({
  company: "Saltmarsh Bakery",
  contact: { name: "Ruth Allard", email: "ruth@saltmarsh.example" },
  start: "2026-03-12T14:30:00-08:00",
  tz: "America/Los_Angeles",
});

describe("the applications before a filing", () => {
  it("leave out the application and the interview the filing created", () => {
    const first = file(EMPTY_FILING_MEMORY, invitation, null, MAR_2);
    expect(listApplicationSnapshots(first.memory)).toHaveLength(1);
    expect(beforeFiling(listApplicationSnapshots(first.memory), recorded(first.memory, first.messageId))).toEqual([]);
  });

  it("take back every change a later message made to an application, newest first", () => {
    const first = file(EMPTY_FILING_MEMORY, invitation, null, MAR_2);
    const before: ApplicationSnapshot[] = listApplicationSnapshots(first.memory);
    const moved = file(
      first.memory,
      understanding({
        kind: "reschedule",
        company: "Saltmarsh Bakery",
        role: "Pastry Chef",
        contact: { name: "Tom Reyes", email: "tom@saltmarsh.example" },
        start: "2026-03-13T10:00:00-08:00",
        previousStart: "2026-03-12T14:30:00-08:00",
        tz: "America/Los_Angeles",
        noCalls: true,
        promisedTimeline: { amount: 5, unit: "business_days", text: "within 5 business days", by: "2026-03-20" },
      }),
      "They bake with rye.",
      MAR_5,
    );
    const after = listApplicationSnapshots(moved.memory);
    expect(after).not.toEqual(before);
    expect(after[0]).toMatchObject({ role: "Pastry Chef", contactEmail: "tom@saltmarsh.example", noCalls: true, notes: ["They bake with rye."] });

    expect(beforeFiling(after, recorded(moved.memory, moved.messageId))).toEqual(before);
    // The snapshots given are left as they were.
    expect(listApplicationSnapshots(moved.memory)).toEqual(after);
  });

  it("put a cancelled interview back on the calendar", () => {
    const first = file(EMPTY_FILING_MEMORY, invitation, null, MAR_2);
    const before = listApplicationSnapshots(first.memory);
    const cancelled = file(first.memory, { ...invitation, kind: "cancellation" }, null, MAR_5);
    const after = listApplicationSnapshots(cancelled.memory);
    expect(after[0]?.interviews).toMatchObject([{ status: "cancelled" }]);

    expect(beforeFiling(after, recorded(cancelled.memory, cancelled.messageId))).toEqual(before);
  });
});
