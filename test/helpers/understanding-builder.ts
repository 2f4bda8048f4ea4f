import type { FieldConfidence, Understanding } from "../../src/core/understanding/types.ts";

/** An Understanding with every field empty, overridden as a test needs. */
export function understanding(overrides: Partial<Understanding> = {}): Understanding {
  return {
    kind: "invitation",
    isJobRelated: true,
    language: "en",
    company: null,
    role: null,
    contact: null,
    interviewers: [],
    start: null,
    tz: null,
    startLocal: null,
    proposedSlots: [],
    previousStart: null,
    durationMin: null,
    format: null,
    meetingUrl: null,
    schedulingUrl: null,
    promisedTimeline: null,
    noCalls: false,
    calendar: null,
    ...overrides,
  };
}

/** A field's confidence, for an understanding that doubts it (`confidence: { company: doubted(0.5, "...") }`). */
export function doubted(score: number, ...evidence: string[]): FieldConfidence {
  return { score, evidence };
}
