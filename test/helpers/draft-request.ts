/** A draft request for the drafting tests: a thank-you to one interviewer, every field set, overridden as a test needs. */
import type { DraftKind, DraftRequest } from "../../src/core/follow-ups/drafts.ts";

export function draftRequest(overrides: Partial<DraftRequest> & { kind?: DraftKind } = {}): DraftRequest {
  return {
    kind: "thank_you",
    language: "en",
    seed: "R1:interview:12:to:mara@corvid.example",
    recipientName: "Mara Olsen",
    recipientEmail: "mara@corvid.example",
    interviewerNames: [],
    employerWroteFirst: false,
    role: "Data Analyst",
    company: "Corvid Labs",
    date: "2026-03-10",
    point: null,
    noCalls: false,
    originalSubject: null,
    requestFeedback: true,
    signature: "Alex Moreau",
    deadline: "2026-03-20",
    update: "I passed the AWS Solutions Architect exam last week",
    ...overrides,
  };
}
