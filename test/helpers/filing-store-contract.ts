/**
 * What every filing store must do, run against the D1 store (test/worker/filing-store.test.ts)
 * and the in-memory one (test/unit/filing/memory-store.test.ts): the steps of filing are one
 * piece of code (src/core/filing/file.ts), and these cases hold the stores to the same results.
 */
import { expect, it } from "vitest";
import { fileKeptMessage, type FilingReading, type FilingStore } from "../../src/core/filing/file.ts";
import { filingKeys } from "../../src/core/filing/plan.ts";
import type { Understanding } from "../../src/core/understanding/types.ts";
import { understanding } from "./understanding-builder.ts";

export interface FilingHarness {
  readonly store: FilingStore;
  /** Keeps a message before it is read, as the worker does on arrival; returns its id. */
  keep(subject: string): Promise<number>;
}

const MAR_2 = Date.parse("2026-03-02T17:00:00Z");
const MAR_3 = Date.parse("2026-03-03T09:00:00Z");

const INVITE = understanding({
  company: "Larkspur Robotics",
  role: "Firmware Engineer",
  contact: { name: "Dev Patel", email: "dev@larkspur.example" },
  start: "2026-03-05T10:00:00-08:00",
  tz: "America/Los_Angeles",
  startLocal: "2026-03-05T10:00",
  durationMin: 45,
  format: "video",
  calendar: { uid: "larkspur-1@larkspur.example", sequence: 0, method: "REQUEST" },
});

function reading(u: Understanding, originalMessageId: string | null): FilingReading {
  return { understanding: u, originalMessageId, originalSubject: "Interview at Larkspur Robotics", sentAt: MAR_2, note: null };
}

async function file(harness: FilingHarness, u: Understanding, originalMessageId: string | null, at = MAR_2) {
  const id = await harness.keep("Fwd: Interview at Larkspur Robotics");
  return { id, result: await fileKeptMessage(harness.store, { id, fallbackSubject: "Fwd: Interview at Larkspur Robotics" }, { ok: true, value: reading(u, originalMessageId) }, at) };
}

export function filingStoreContract(makeHarness: () => Promise<FilingHarness>): void {
  it("files an invitation as a new application with its interview", async () => {
    const harness = await makeHarness();
    const { result } = await file(harness, INVITE, "<invite-1@larkspur.example>");
    expect(result).toMatchObject({ state: "understood", plan: { target: { kind: "new" } } });
    const [app, ...others] = await harness.store.loadApplicationSnapshots(filingKeys(INVITE));
    expect(others).toEqual([]);
    expect(app).toMatchObject({ company: "Larkspur Robotics", role: "Firmware Engineer", status: "interviewing", contactEmail: "dev@larkspur.example" });
    expect(app!.interviews).toEqual([
      { id: expect.any(Number), calendarUid: "larkspur-1@larkspur.example", startAt: Date.parse("2026-03-05T18:00:00Z"), startLocal: "2026-03-05T10:00", status: "scheduled" },
    ]);
    expect(result.state === "understood" && result.applicationId).toBe(app!.id);
  });

  it("files the same event's reschedule under the same application and moves its interview", async () => {
    const harness = await makeHarness();
    await file(harness, INVITE, "<invite-2@larkspur.example>");
    const moved = { ...INVITE, kind: "reschedule" as const, start: "2026-03-06T11:00:00-08:00", startLocal: "2026-03-06T11:00", previousStart: INVITE.start, calendar: { ...INVITE.calendar!, sequence: 1 } };
    const { result } = await file(harness, moved, "<move-2@larkspur.example>", MAR_3);
    const [app, ...others] = await harness.store.loadApplicationSnapshots(filingKeys(moved));
    expect(others).toEqual([]);
    expect(result).toMatchObject({ state: "understood", applicationId: app!.id, plan: { target: { kind: "existing" } } });
    expect(app!.interviews.map((i) => [i.startAt, i.status])).toEqual([[Date.parse("2026-03-06T19:00:00Z"), "scheduled"]]);
  });

  it("ignores a second forward of an original already read, naming its application", async () => {
    const harness = await makeHarness();
    const first = await file(harness, INVITE, "<invite-3@larkspur.example>");
    const again = await file(harness, INVITE, "<invite-3@larkspur.example>", MAR_3);
    const applicationId = first.result.state === "understood" ? first.result.applicationId : -1;
    expect(again.result).toEqual({ state: "ignored", outcome: { kind: "duplicate", applicationId }, understanding: INVITE });
    expect(await harness.store.findFiledOriginal("<invite-3@larkspur.example>", again.id)).toEqual({ id: first.id, applicationId });
    expect((await harness.store.loadApplicationSnapshots(filingKeys(INVITE)))[0]!.interviews).toHaveLength(1);
  });

  it("keeps mail about no job unfiled", async () => {
    const harness = await makeHarness();
    const newsletter = understanding({ kind: "generic", isJobRelated: false, company: "Larkspur Robotics" });
    const { result } = await file(harness, newsletter, "<news@larkspur.example>");
    expect(result).toEqual({ state: "not_understood", outcome: { kind: "not_job_related" }, understanding: newsletter });
    expect(await harness.store.loadApplicationSnapshots(filingKeys(newsletter))).toEqual([]);
  });

  it("keeps a message that could not be read, with the reason", async () => {
    const harness = await makeHarness();
    const id = await harness.keep("Fwd: ???");
    const result = await fileKeptMessage(harness.store, { id, fallbackSubject: "Fwd: ???" }, { ok: false, error: { problem: "its MIME structure could not be parsed (boom)" } }, MAR_2);
    expect(result).toEqual({ state: "not_understood", outcome: { kind: "not_understood", problem: "its MIME structure could not be parsed (boom)" }, understanding: null });
  });
}
