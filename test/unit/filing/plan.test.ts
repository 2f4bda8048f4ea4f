import { describe, expect, it } from "vitest";
import { filingKeys, matchApplication, movedInterviewFields, planFiling, type ApplicationSnapshot } from "../../../src/core/filing/plan.ts";
import { companyKey, roleKey } from "../../../src/core/applications/keys.ts";
import { understanding } from "../../helpers/understanding-builder.ts";

describe("company and role keys", () => {
  it.each([
    ["Acme", "acme"],
    ["Acme, Inc.", "acme"],
    ["ACME Inc", "acme"],
    ["Weidenbach Holding AG", "weidenbach holding"],
    ["Nordvik Analytics AB", "nordvik analytics"],
    ["Kraków Software", "krakow software"],
    ["Harbor & Finch Consulting", "harbor and finch consulting"],
  ])("%s → %s", (name, key) => expect(companyKey(name)).toBe(key));

  it("drops gender tags from roles", () => {
    expect(roleKey("Sachbearbeiterin Buchhaltung (m/w/d)")).toBe("sachbearbeiterin buchhaltung");
    expect(roleKey("Senior Backend Engineer")).toBe(roleKey("senior backend engineer"));
  });
});

describe("filingKeys", () => {
  it("names what an email can be matched on, so only those applications are loaded", () => {
    expect(filingKeys(understanding({ company: "Acme, Inc.", contact: { name: "Dana", email: "Dana@Acme.example" }, calendar: { method: "REQUEST", uid: "u1", sequence: 0 } }))).toEqual({
      companyKey: "acme",
      contactEmail: "dana@acme.example",
      contactDomain: "acme.example",
      calendarUid: "u1",
    });
    // A free-mail domain says nothing about the employer.
    expect(filingKeys(understanding({ contact: { name: null, email: "someone@gmail.com" } })).contactDomain).toBeNull();
  });
});

describe("matchApplication", () => {
  const acmeBackend = app({ id: 1, company: "Acme, Inc.", role: "Senior Backend Engineer", contactEmail: "dana@acme.example" });
  const acmeData = app({ id: 2, company: "Acme", role: "Data Engineer" });
  const globex = app({ id: 3, company: "Globex", role: null, contactEmail: "hr@globex.example", interviews: [interview({ id: 9, calendarUid: "uid-9" })] });
  const apps = [acmeBackend, acmeData, globex];

  it("matches the same company and role, legal suffixes ignored", () => {
    expect(matchApplication(apps, understanding({ company: "ACME", role: "senior backend engineer" }))?.id).toBe(1);
  });
  it("keeps two roles at one company apart", () => {
    expect(matchApplication(apps, understanding({ company: "Acme", role: "Product Manager" }))).toBeNull();
  });
  it("does not guess between two open roles when the email names none", () => {
    expect(matchApplication(apps, understanding({ company: "Acme" }))).toBeNull();
  });
  it("matches by calendar UID before anything else", () => {
    expect(matchApplication(apps, understanding({ company: "Other", calendar: { method: "CANCEL", uid: "uid-9", sequence: 1 } }))?.id).toBe(3);
  });
  it("matches by contact address when the company is not stated", () => {
    expect(matchApplication(apps, understanding({ contact: { name: "Dana", email: "DANA@acme.example" } }))?.id).toBe(1);
  });
  it("matches a company whose application has no role yet", () => {
    expect(matchApplication(apps, understanding({ company: "Globex Corp", role: "Analyst" }))?.id).toBe(3);
  });
});

describe("planFiling", () => {
  const start = "2026-03-03T14:30:00-08:00";

  it("creates an application with an interview for a new invitation", () => {
    const plan = planFiling({ apps: [], understanding: understanding({ company: "Acme", role: "Engineer", start, tz: "America/Los_Angeles" }), note: "they said 2 weeks", originalSubject: "Interview", sentAt: null });
    expect(plan).toMatchObject({ action: "file", target: { kind: "new" }, status: "interviewing", note: "they said 2 weeks" });
    if (plan.action !== "file") throw new Error("expected a filing");
    expect(plan.interviewOps).toEqual([{ op: "insert", fields: expect.objectContaining({ startAt: Date.parse(start), timeZone: "America/Los_Angeles" }) }]);
    expect(plan.events.map((e) => e.type)).toEqual(["application_created", "status_changed", "interview_scheduled", "note_added", "email_filed"]);
  });

  it("moves the interview on a reschedule, with the old time as the inverse", () => {
    const existing = app({ id: 1, company: "Acme", role: "Engineer", status: "interviewing", interviews: [interview({ id: 5, startAt: Date.parse(start) })] });
    const newStart = "2026-03-05T10:00:00-08:00";
    const plan = planFiling({ apps: [existing], understanding: understanding({ kind: "reschedule", company: "Acme", start: newStart, previousStart: start }), note: null, originalSubject: null, sentAt: null });
    if (plan.action !== "file") throw new Error("expected a filing");
    expect(plan.interviewOps).toEqual([expect.objectContaining({ op: "move", interviewId: 5, previous: { startAt: Date.parse(start), startLocal: null } })]);
    expect(plan.events.find((e) => e.type === "interview_moved")?.inverse).toEqual({ op: "set_interview_start", interviewId: 5, startAt: Date.parse(start), startLocal: null });
  });

  it("a move keeps the details the reschedule email does not repeat", () => {
    const fields = { calendarUid: null, startAt: 1, startLocal: null, timeZone: "Europe/Berlin", durationMin: null, format: null, meetingUrl: null, interviewers: [] };
    expect(movedInterviewFields(fields)).toEqual({ startAt: 1, startLocal: null, timeZone: "Europe/Berlin" });
  });

  it("cancels the matching interview on a cancellation", () => {
    const existing = app({ id: 1, company: "Acme", status: "interviewing", interviews: [interview({ id: 5, startAt: Date.parse(start) })] });
    const plan = planFiling({ apps: [existing], understanding: understanding({ kind: "cancellation", company: "Acme", start }), note: null, originalSubject: null, sentAt: null });
    if (plan.action !== "file") throw new Error("expected a filing");
    expect(plan.interviewOps).toEqual([{ op: "cancel", interviewId: 5 }]);
    expect(plan.status).toBeNull();
  });

  it("a rejection changes the status and keeps the old one as the inverse", () => {
    const existing = app({ id: 1, company: "Acme", status: "interviewing" });
    const plan = planFiling({ apps: [existing], understanding: understanding({ kind: "rejection", company: "Acme" }), note: null, originalSubject: null, sentAt: null });
    expect(plan).toMatchObject({ action: "file", target: { kind: "existing", applicationId: 1 }, status: "rejected" });
    if (plan.action !== "file") throw new Error("expected a filing");
    expect(plan.events.find((e) => e.type === "status_changed")?.inverse).toEqual({ op: "set_status", status: "interviewing" });
  });

  it("the same invite again changes nothing but records the email", () => {
    const existing = app({ id: 1, company: "Acme", role: "Engineer", status: "interviewing", interviews: [interview({ id: 5, startAt: Date.parse(start) })] });
    const plan = planFiling({ apps: [existing], understanding: understanding({ company: "Acme", role: "Engineer", start }), note: null, originalSubject: null, sentAt: null });
    if (plan.action !== "file") throw new Error("expected a filing");
    expect(plan.interviewOps).toEqual([]);
    expect(plan.events.map((e) => e.type)).toEqual(["email_filed"]);
  });

  it("skips mail that is not about a job", () => {
    expect(planFiling({ apps: [], understanding: understanding({ kind: "generic", isJobRelated: false }), note: null, originalSubject: null, sentAt: null })).toEqual({
      action: "skip",
      reason: "not_job_related",
    });
  });
});

function app(overrides: Partial<ApplicationSnapshot> & { id: number }): ApplicationSnapshot {
  return { company: null, role: null, status: "applied", contactName: null, contactEmail: null, language: "en", noCalls: false, promisedTimeline: null, notes: [], interviews: [], ...overrides };
}

function interview(overrides: Partial<ApplicationSnapshot["interviews"][number]> & { id: number }): ApplicationSnapshot["interviews"][number] {
  return { calendarUid: null, startAt: null, startLocal: null, status: "scheduled", ...overrides };
}
