import { describe, expect, it } from "vitest";
import { findDoubts, type DetailSource } from "../../../src/core/digest/doubts.ts";

describe("findDoubts", () => {
  it("judges each detail by the latest event that set it: a later email by its own reading, an owner's reply as settled", () => {
    const unsureCompany = source({ type: "application_created", payload: { company: "Acme" }, confidence: { company: { score: 0.5 }, contact: { score: 0.9 } } });
    const surerEmail = source({ type: "details_updated", payload: { company: "Acme Corp" }, confidence: { company: { score: 0.8 } } });
    const ownerCompany = source({ type: "details_updated", payload: { company: "Acme" }, setBy: "owner", confidence: null });
    const unsureContact = source({ type: "details_updated", payload: { contactName: "Jo", contactEmail: "jo@acme.example" }, confidence: { contact: { score: 0.4 } } });

    expect(findDoubts([unsureCompany]).get(1)).toEqual({ company: true, contact: false, times: new Set() });
    expect(findDoubts([unsureCompany, surerEmail]).get(1)).toBeUndefined();
    expect(findDoubts([unsureCompany, ownerCompany, unsureContact]).get(1)).toEqual({ company: false, contact: true, times: new Set() });
    // `undo` of the owner's reply: its event is undone, so not a source, and the doubt is back.
    expect(findDoubts([unsureCompany, unsureContact]).get(1)).toEqual({ company: true, contact: true, times: new Set() });
  });

  it("doubts an interview time read unsure, or in a guessed zone, until the owner sets it; putting a cancelled round back sets no time", () => {
    const read = source({ type: "interview_scheduled", interviewId: 7, payload: { startAt: 1 }, confidence: { start: { score: 0.9 }, tz: { score: 0.5 } } });
    const reinstated = source({ type: "interview_scheduled", interviewId: 7, payload: { interviewId: 7, reinstated: true }, confidence: { tz: { score: 0.9 } } });
    const moved = source({ type: "interview_moved", interviewId: 7, payload: { interviewId: 7 }, setBy: "owner", confidence: null });
    expect(findDoubts([read, reinstated]).get(1)?.times).toEqual(new Set([7]));
    expect(findDoubts([read, moved]).get(1)).toBeUndefined();
    expect(findDoubts([source({ ...read, confidence: { start: { score: 0.7 } } })]).get(1)).toBeUndefined();
  });
});

function source(overrides: Partial<DetailSource>): DetailSource {
  return { applicationId: 1, interviewId: null, type: "application_created", payload: {}, setBy: "email", confidence: null, ...overrides };
}
