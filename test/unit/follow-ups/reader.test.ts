/**
 * Live drafts speak to their reader: the day the draft goes out on the interviewer's calendar
 * decides "today", "yesterday" or a weekday; the employer's place decides the order of an
 * English date; and how the recipient's own mail greeted the user and was signed (C9) decides
 * the greeting and the sign-off, for that person only.
 */
import { describe, expect, it } from "vitest";
import { applicationFacts, at, berlin, interviewFacts, only, userContext } from "../../helpers/follow-up-history.ts";
import { type ApplicationHistory, buildHistory, type HistoryEvent, type InterviewFacts } from "../../../src/core/follow-ups/history.ts";
import { type FollowUpPlan, type PlannedFollowUp, planFollowUps } from "../../../src/core/follow-ups/rules.ts";
import type { ApplicationRecord, EventRecord } from "../../../src/core/applications/records.ts";
import type { WriterAddressing } from "../../../src/core/understanding/addressing.ts";
import { planForwards } from "../../../src/cli/plan.ts";
import { eml } from "../../helpers/eml.ts";

const NEW_YORK = "America/New_York";
const LONDON = "Europe/London";
const DANA = { name: "Dana Whitfield", email: "dana@corvid.example" };

describe("the day named, as the interviewer reads it the day the draft goes out", () => {
  it("R1: a thank-you due the afternoon of a Tuesday-morning interview says 'today'", () => {
    const plan = planAt(berlin(2026, 3, 10, 15, 0), { interviews: [interview({ startAt: berlin(2026, 3, 10, 10, 0) })] });
    const thankYou = only(plan, "R1");
    expect(thankYou.dueAt).toBe(berlin(2026, 3, 10, 14, 0));
    expect(thankYou.body).toContain("today");
    expect(thankYou.body).not.toContain("10 March");
    expect(thankYou.body).not.toContain("Tuesday");
  });

  it("R1: a Thursday-afternoon interview thanked on Friday morning says 'yesterday'", () => {
    const plan = planAt(berlin(2026, 3, 13, 9, 0), { interviews: [interview({ startAt: berlin(2026, 3, 12, 15, 30) })] });
    const thankYou = only(plan, "R1");
    expect(thankYou.dueAt).toBe(berlin(2026, 3, 13, 8, 0));
    expect(thankYou.body).toContain("yesterday");
    expect(thankYou.body).not.toContain("Thursday");
  });

  it("R10: news on Thursday about a Tuesday interview names the weekday alone", () => {
    const news: HistoryEvent = { type: "new_information", at: berlin(2026, 3, 12, 18, 0), text: "I passed the AWS certification." };
    const plan = planAt(berlin(2026, 3, 12, 19, 0), { interviews: [interview({ startAt: berlin(2026, 3, 10, 10, 0) })], events: [news] });
    const early = only(plan, "R10");
    expect(early.body).toContain("Tuesday");
    expect(early.body).not.toContain("10 March");
  });

  it("the same in German, French and Spanish: 'heute'/'gestern', 'aujourd'hui'/'hier', 'hoy'/'ayer'", () => {
    const words = { de: ["heut", "gest"], fr: ["aujourd'hui", "hier"], es: ["hoy", "ayer"] } as const;
    for (const language of ["de", "fr", "es"] as const) {
      const sameDay = planAt(berlin(2026, 3, 10, 15, 0), { application: application({ language }), interviews: [interview({ startAt: berlin(2026, 3, 10, 10, 0) })] });
      expect(only(sameDay, "R1").body).toContain(words[language][0]);
      const nextDay = planAt(berlin(2026, 3, 13, 9, 0), { application: application({ language }), interviews: [interview({ startAt: berlin(2026, 3, 12, 15, 30) })] });
      expect(only(nextDay, "R1").body).toContain(words[language][1]);
    }
  });

  it("a day further back is dated in full, month first for an employer in the United States, day first in the United Kingdom", () => {
    // Friday 13 March in the employer's zone; the status check goes a week later, to a user in Berlin.
    const inNewYork = planAt(berlin(2026, 3, 20, 12, 0), { interviews: [interview({ startAt: at(2026, 3, 13, 10, 0, NEW_YORK), timeZone: NEW_YORK })] });
    expect(only(inNewYork, "R4").body).toContain("Friday, March 13");
    const inLondon = planAt(berlin(2026, 3, 20, 12, 0), { interviews: [interview({ startAt: at(2026, 3, 13, 10, 0, LONDON), timeZone: LONDON })] });
    expect(only(inLondon, "R4").body).toContain("Friday, 13 March");
  });
});

describe("C9: greeted as they signed, at the register of their own mail", () => {
  it("a recruiter who wrote 'Hi Ada' and signed 'Dana' gets 'Hi Dana,' and an informal sign-off", () => {
    const plan = planAt(berlin(2026, 3, 10, 15, 0), { interviews: [interview({ interviewers: [] })], events: [wrote(DANA, { signedAs: "Dana", formality: "informal" })] });
    const body = only(plan, "R1").body;
    expect(body.startsWith("Hi Dana,\n")).toBe(true);
    expect(body).toMatch(/\n(?:Best|Best regards|All the best),\n\[YOUR NAME\]$/);
  });

  it("a recruiter whose greeting does not tell the register, signed 'Dana', gets 'Dear Dana,'", () => {
    const plan = planAt(berlin(2026, 3, 10, 15, 0), { interviews: [interview({ interviewers: [] })], events: [wrote(DANA, { signedAs: "Dana" })] });
    expect(only(plan, "R1").body.startsWith("Dear Dana,\n")).toBe(true);
  });

  it("without their mail's addressing (mail filed before it was read), the header's full name is used", () => {
    const plan = planAt(berlin(2026, 3, 10, 15, 0), { interviews: [interview({ interviewers: [] })] });
    expect(only(plan, "R1").body.startsWith("Dear Dana Whitfield,\n")).toBe(true);
  });

  it("a formal German mail from Frau Okonkwo gets 'Sehr geehrte Frau Okonkwo,' and 'Mit freundlichen Grüßen'", () => {
    const katrin = { name: "Katrin Okonkwo", email: "k.okonkwo@corvid.example" };
    const plan = planAt(berlin(2026, 3, 10, 15, 0), {
      application: application({ language: "de", contact: katrin }),
      interviews: [interview({ interviewers: [] })],
      events: [wrote(katrin, { signedAs: "Katrin Okonkwo", title: "ms", formality: "formal" })],
    });
    const body = only(plan, "R1").body;
    expect(body.startsWith("Sehr geehrte Frau Okonkwo,\n")).toBe(true);
    expect(body).toContain("\nMit freundlichen Grüßen\n");
  });

  it("an interviewer's thank-you never takes the coordinator's signed name; the coordinator's own drafts do", () => {
    const sam = { name: "Sam Ortiz", email: "sam@corvid.example" };
    const history = { interviews: [interview({ interviewers: [sam] })], events: [wrote(DANA, { signedAs: "Dana", formality: "informal" })] };
    const interviewer = only(planAt(berlin(2026, 3, 10, 15, 0), history), "R1");
    expect(interviewer.to).toEqual([sam]);
    expect(interviewer.body.startsWith("Dear Sam Ortiz,\n")).toBe(true);
    expect(interviewer.body).not.toContain("Dana");

    const thanked: HistoryEvent = { type: "follow_up_sent", at: berlin(2026, 3, 10, 16, 0), followUpKey: interviewer.key, rule: "R1" };
    const nudge = only(planAt(berlin(2026, 3, 18, 9, 0), { ...history, events: [...history.events, thanked] }), "R4");
    expect(nudge.to).toEqual([DANA]);
    expect(nudge.body.startsWith("Hi Dana,\n")).toBe(true);
  });

  it("a team mailbox's sign-off by one person never greets another person at that address", () => {
    const lee = { name: "Lee Park", email: "careers@corvid.example" };
    const plan = planAt(berlin(2026, 3, 10, 15, 0), {
      application: application({ contact: lee }),
      interviews: [interview({ interviewers: [] })],
      events: [wrote({ name: "Dana Whitfield", email: "careers@corvid.example" }, { signedAs: "Dana", formality: "informal" })],
    });
    expect(only(plan, "R1").body.startsWith("Dear Lee Park,\n")).toBe(true);
  });

  it("of several mails from one person, the newest shows the register; a title shown once is kept", () => {
    const plan = planAt(berlin(2026, 3, 10, 15, 0), {
      application: application({ language: "de", contact: DANA }),
      interviews: [interview({ interviewers: [] })],
      events: [
        wrote(DANA, { signedAs: "Dana Whitfield", title: "ms", formality: "formal" }, berlin(2026, 3, 2, 9, 0)),
        wrote(DANA, { formality: "polite" }, berlin(2026, 3, 5, 9, 0)),
      ],
    });
    expect(only(plan, "R1").body.startsWith("Hallo Frau Whitfield,\n")).toBe(true);
  });
});

describe("the addressing as stored with a filed email", () => {
  it("is read from the email's filing event, field by field, and a malformed one is left out", () => {
    const app: ApplicationRecord = {
      id: 7,
      company: "Corvid Labs",
      role: "Data Analyst",
      status: "applied",
      contactName: DANA.name,
      contactEmail: DANA.email,
      language: "en",
      noCalls: false,
      notes: [],
      promisedTimeline: null,
    };
    const filed = (addressing: unknown, at: number): EventRecord => ({ type: "email_filed", payload: { kind: "generic", subject: "Hello", sentAt: at, addressing }, at, undoneAt: null });
    const stored = { email: DANA.email, name: DANA.name, signedAs: "Dana", familyName: null, title: "dr", formality: "casual" };
    const history = buildHistory(app, [], [filed(stored, 1), filed({ email: 42, signedAs: "Dana" }, 2), filed(null, 3)]);
    expect(history.events).toEqual([
      { type: "employer_replied", at: 1, subject: "Hello", courtesy: true, addressing: { email: DANA.email, name: DANA.name, signedAs: "Dana", familyName: null, title: null, formality: null } },
      { type: "employer_replied", at: 2, subject: "Hello", courtesy: true },
      { type: "employer_replied", at: 3, subject: "Hello", courtesy: true },
    ]);
  });

  it("reaches the live draft from a forwarded mail: 'Best, Ines' on a Thursday interview gives 'Hi Ines,' and 'yesterday' on Friday", async () => {
    const body = [
      "---------- Forwarded message ---------",
      "From: Ines Achterberg <ines.achterberg@harbourlight.example>",
      "Date: Mon, Mar 2, 2026 at 9:02 AM",
      "Subject: Interview for Data Engineer at Harbourlight Labs",
      "To: Sam Rivera <sam@mailbox.example>",
      "",
      "Hi Sam,",
      "",
      "Thank you for applying for the Data Engineer position at Harbourlight Labs. We would like to invite you to a video interview on Thursday, March 12, 2026 at 3:00 PM (Europe/London).",
      "The interview will last 45 minutes. Join here: https://meet.google.com/abc-defg-hij",
      "",
      "Best,",
      "Ines",
    ].join("\n");
    const raw = new TextEncoder().encode(eml({ from: "Sam Rivera <sam@mailbox.example>", subject: "Fwd: Interview for Data Engineer at Harbourlight Labs", date: "Mon, 02 Mar 2026 09:15:00 +0000", body }));
    const report = await planForwards([{ name: "invite.eml", raw }], {
      now: Date.parse("2026-03-13T10:00:00Z"),
      timeZone: LONDON,
      country: "GB",
      ownerAddresses: ["sam@mailbox.example"],
      signature: "Sam Rivera",
    });
    if (!report.ok) throw new Error(report.error);
    const thankYou = report.value.applications[0]?.followUps.find((f) => f.rule === "R1");
    expect(thankYou?.to).toEqual([{ name: "Ines Achterberg", email: "ines.achterberg@harbourlight.example" }]);
    expect(thankYou?.body.startsWith("Hi Ines,\n")).toBe(true);
    expect(thankYou?.body).toContain("yesterday");
  });
});

/** The recipient's own mail, filed: an employer reply carrying how it addressed the user. */
function wrote(writer: { name: string; email: string }, shown: Partial<WriterAddressing>, when = berlin(2026, 3, 2, 9, 0)): HistoryEvent {
  const addressing: WriterAddressing = { email: writer.email, name: writer.name, signedAs: null, familyName: null, title: null, formality: null, ...shown };
  return { type: "employer_replied", at: when, subject: "Interview invitation – Data Analyst", courtesy: false, addressing };
}

function application(overrides: Partial<ApplicationHistory["application"]> = {}): ApplicationHistory["application"] {
  return applicationFacts({ contact: DANA, ...overrides });
}

function interview(overrides: Partial<InterviewFacts> = {}): InterviewFacts {
  return interviewFacts({ interviewers: [], ...overrides });
}

function planAt(now: number, overrides: Partial<ApplicationHistory> = {}): FollowUpPlan {
  return planFollowUps(
    { application: application(), interviews: [interview()], events: [], ...overrides },
    userContext(),
    now,
  );
}





