import { describe, expect, it } from "vitest";
import { planLookBack, weekStartOf, type LookBackInput } from "../../../src/core/digest/look-back.ts";
import type { FunnelEvent } from "../../../src/core/applications/funnel.ts";

describe("weekStartOf", () => {
  it("is the Monday of the week, Monday to Sunday", () => {
    expect(["2026-03-09", "2026-03-11", "2026-03-15"].map(weekStartOf)).toEqual(["2026-03-09", "2026-03-09", "2026-03-09"]);
    expect(weekStartOf("2026-03-08")).toBe("2026-03-02");
    expect(weekStartOf("2026-01-01")).toBe("2025-12-29");
  });
});

describe("planLookBack", () => {
  it("covers the seven local days before the digest, and the whole search up to the same midnight, in the user's zone", () => {
    const events = [
      created(1, "2026-03-01T23:30:00+01:00"), // Sunday before the week: the whole search only
      created(2, "2026-03-02T00:00:00+01:00"), // Monday 00:00 in Berlin: in the week
      created(3, "2026-03-08T23:30:00+01:00"), // Sunday 23:30 in Berlin: in the week
      created(4, "2026-03-09T00:30:00+01:00"), // the digest's own day, still Sunday in UTC: next week's
    ];
    const lookBack = planLookBack(input({ events }));
    expect(lookBack).toMatchObject({ firstDay: "2026-03-02", lastDay: "2026-03-08", week: { applications: 2 }, total: { applications: 3 } });
  });

  it("reads a round known only by its local time in its own zone, else the user's", () => {
    const interviews = [
      { applicationId: 1, startAt: null, startLocal: "2026-03-08T23:30:00", timeZone: null, status: "scheduled" as const },
      { applicationId: 1, startAt: null, startLocal: "2026-03-08T23:30:00", timeZone: "Europe/London", status: "scheduled" as const },
    ];
    expect(planLookBack(input({ events: [created(1, "2026-03-01T09:00:00Z")], interviews }))?.week.interviews).toBe(1);
  });

  it("is null until the search has anything to show", () => {
    expect(planLookBack(input({ events: [] }))).toBeNull();
    expect(planLookBack(input({ events: [created(1, "2026-03-09T05:00:00Z")] }))).toBeNull();
  });
});

function input(overrides: Partial<LookBackInput>): LookBackInput {
  return { localDate: "2026-03-09", timeZone: "Europe/Berlin", applicationIds: [1, 2, 3, 4], events: [], interviews: [], ...overrides };
}

function created(applicationId: number, at: string): FunnelEvent {
  return { applicationId, type: "application_created", payload: {}, at: Date.parse(at), undoneAt: null };
}
