import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { type ForwardFile, parsePlanArgs, type PlanOptions, type PlanReport, planForwards } from "../../../src/cli/plan.ts";
import { eml, gmailForward } from "../../helpers/eml.ts";

const KELPIE_INVITE = gmailForward({
  company: "Kelpie Cloud",
  role: "Solutions Architect",
  recruiter: "Dara Flynn <dara.flynn@kelpie-cloud.example>",
  when: "Monday, April 27, 2026 at 11:00 AM PT",
  outerId: "<kelpie-invite-outer@example.com>",
});

describe("parsePlanArgs", () => {
  it("takes zone, country and owner addresses from the environment, else UTC and none", () => {
    expect(parsePlanArgs(["a.eml"], {})).toEqual({ ok: true, value: { options: { now: null, timeZone: "UTC", country: null, ownerAddresses: [], signature: null }, files: ["a.eml"] } });
    expect(
      parsePlanArgs(["a.eml", "b.eml"], { OWNER_TIMEZONE: "Europe/Lisbon", OWNER_COUNTRY: "pt", OWNER_EMAILS: "me@example.com, me@work.example", OWNER_SIGNATURE: " Ana Sousa " }),
    ).toEqual({
      ok: true,
      value: { options: { now: null, timeZone: "Europe/Lisbon", country: "PT", ownerAddresses: ["me@example.com", "me@work.example"], signature: "Ana Sousa" }, files: ["a.eml", "b.eml"] },
    });
  });

  it("lets flags override the environment, in either --flag value or --flag=value form", () => {
    const args = parsePlanArgs(["--tz=Asia/Tokyo", "--country", "jp", "x.eml"], { OWNER_TIMEZONE: "Europe/Lisbon", OWNER_COUNTRY: "PT" });
    expect(args).toMatchObject({ ok: true, value: { options: { timeZone: "Asia/Tokyo", country: "JP" }, files: ["x.eml"] } });
  });

  it("reads --now with an offset as that instant, and a local time or date in the chosen zone", () => {
    const nowOf = (now: string, zone = "Europe/London") => {
      const args = parsePlanArgs(["--now", now, "--tz", zone, "a.eml"], {});
      return args.ok ? args.value.options.now : args.error;
    };
    expect(nowOf("2026-03-30T09:00:00-04:00")).toBe(Date.parse("2026-03-30T13:00:00Z"));
    expect(nowOf("2026-03-30T09:00:00Z")).toBe(Date.parse("2026-03-30T09:00:00Z"));
    expect(nowOf("2026-03-30T09:00")).toBe(Date.parse("2026-03-30T08:00:00Z"));
    expect(nowOf("2026-03-27T09:00")).toBe(Date.parse("2026-03-27T09:00:00Z"));
    expect(nowOf("2026-03-30", "America/New_York")).toBe(Date.parse("2026-03-30T04:00:00Z"));
  });

  it.each([
    [[], "no .eml files given"],
    [["--verbose", "a.eml"], "unknown option --verbose"],
    [["--tz", "Mars/Olympus", "a.eml"], 'unknown time zone "Mars/Olympus" (an IANA name such as Europe/Berlin)'],
    [["--now", "next tuesday", "a.eml"], '--now must be an ISO date-time such as 2026-03-20T09:00:00+01:00, not "next tuesday"'],
    [["a.eml", "--now"], "--now needs a value"],
    [["--country", "DEU", "a.eml"], 'country must be a two-letter code such as DE, not "DEU"'],
  ])("refuses %j: %s", (argv, message) => {
    const args = parsePlanArgs(argv, {});
    expect(args.ok).toBe(false);
    if (!args.ok) expect(args.error.split("\n")[0]).toBe(message);
  });
});

describe("planForwards", () => {
  it("R1: plans the thank-you for a forwarded invitation, now being the email's date when not given", async () => {
    const report = await plan([await fixture("gmail-forward-invite.eml")], { timeZone: "Europe/Berlin" });
    expect(Object.keys(report)).toEqual(["now", "nowFrom", "timeZone", "country", "emails", "applications", "summary"]);
    expect(report).toMatchObject({ now: "2026-03-10T16:12:00+01:00", nowFrom: "latest email date", timeZone: "Europe/Berlin", country: null });
    expect(report.emails).toEqual([
      { file: "gmail-forward-invite.eml", outcome: "filed", kind: "invitation", applicationId: 1, arrivedAt: "2026-03-10T16:12:00+01:00" },
    ]);
    const [app] = report.applications;
    expect(Object.keys(app ?? {})).toEqual([
      "id",
      "company",
      "role",
      "status",
      "contact",
      "language",
      "noCalls",
      "interviews",
      "promisedBy",
      "pausedByReply",
      "goneQuiet",
      "suggestion",
      "followUps",
    ]);
    expect(app).toMatchObject({ company: "Quillfeather Analytics", role: "Platform Engineer", status: "interviewing" });
    expect(app?.interviews).toEqual([
      { id: 1, start: "2026-03-19T15:00:00+01:00", startLocal: "2026-03-19T15:00:00", timeZone: "Europe/Berlin", durationMin: 45, status: "scheduled" },
    ]);
    expect(app?.followUps).toHaveLength(1);
    const thankYou = app?.followUps[0];
    expect(Object.keys(thankYou ?? {})).toEqual([
      "key",
      "rule",
      "interviewId",
      "due",
      "latest",
      "late",
      "state",
      "to",
      "subject",
      "body",
      "language",
      "placeholders",
      "verdict",
      "reason",
    ]);
    // Ends 15:45; three hours later is past the 18:00 cutoff, so the next business morning.
    expect(thankYou).toMatchObject({
      rule: "R1",
      interviewId: 1,
      due: "2026-03-20T08:00:00+01:00",
      latest: "2026-03-21T15:45:00+01:00",
      late: false,
      state: "upcoming",
      to: [{ name: "Jonas Brandt", email: "jonas.brandt@quillfeather.example" }],
      subject: "Thank you – Platform Engineer interview",
      // The owner's note is private (C3) and no signature is set: both are left to fill in.
      placeholders: ["[ONE THING YOU DISCUSSED]", "[YOUR NAME]"],
      verdict: "needs_input",
    });
    // Thursday's interview, thanked Friday morning: "yesterday" to the interviewer reading it then.
    expect(thankYou?.body).toContain("yesterday");
    expect(thankYou?.body).not.toContain("Kubernetes");
  });

  it("R1: a reschedule forwarded after the invitation moves the thank-you, under the same key", async () => {
    const invite = { name: "kelpie-invite.eml", raw: bytes(KELPIE_INVITE) };
    const options = { timeZone: "America/Los_Angeles" };
    const before = await plan([invite], options);
    const after = await plan([invite, await fixture("outlook-ios-forward-reschedule.eml")], options);

    const thankYouBefore = before.applications[0]?.followUps[0];
    expect(thankYouBefore).toMatchObject({ rule: "R1", due: "2026-04-27T14:45:00-07:00" });
    // Due the afternoon of the interview: "today".
    expect(thankYouBefore?.body).toContain("today");

    expect(after.emails.map((e) => [e.outcome, e.kind, e.applicationId])).toEqual([
      ["filed", "invitation", 1],
      ["filed", "reschedule", 1],
    ]);
    expect(after.applications).toHaveLength(1);
    expect(after.applications[0]?.interviews.map((i) => [i.id, i.start, i.status])).toEqual([[1, "2026-04-29T13:00:00-07:00", "scheduled"]]);
    const thankYouAfter = after.applications[0]?.followUps[0];
    // Now an afternoon interview (13:00, for the 45 minutes the invitation stated): the next business morning.
    expect(thankYouAfter).toMatchObject({ key: thankYouBefore?.key, rule: "R1", due: "2026-04-30T08:00:00-07:00" });
    expect(thankYouAfter?.body).toContain("yesterday");
    expect(after.applications[0]?.followUps).toHaveLength(1);
  });

  it("R8: a forwarded rejection yields one gracious reply, due the next business morning", async () => {
    // Friday 6 March 15:41 in New York; the clocks go forward on Sunday 8 March.
    const report = await plan([await fixture("outlook-classic-forward-rejection.eml")], { timeZone: "America/New_York" });
    const [app] = report.applications;
    expect(app?.status).toBe("rejected");
    expect(app?.followUps.map((f) => [f.rule, f.due, f.state, f.to])).toEqual([
      ["R8", "2026-03-09T08:00:00-04:00", "upcoming", [{ name: "Sam Whitlock", email: "sam.whitlock@ashgrove-labs.example" }]],
    ]);
    expect(app?.followUps[0]?.body).toContain("Research Data Scientist");
  });

  it("R4: after the interview the application is waiting, with a status check five business days on and the thank-you shown late (R1)", async () => {
    const report = await plan([await fixture("apple-mail-forward-phone-screen.eml")], { timeZone: "Europe/London", now: Date.parse("2026-03-30T09:00:00+01:00") });
    expect(report).toMatchObject({ now: "2026-03-30T09:00:00+01:00", nowFrom: "--now" });
    const [app] = report.applications;
    expect(app?.status).toBe("waiting");
    expect(app?.followUps.map((f) => [f.rule, f.due, f.latest, f.state, f.late])).toEqual([
      ["R1", "2026-03-26T08:00:00+00:00", "2026-03-27T14:30:00+00:00", "due", true],
      ["R4", "2026-04-01T08:00:00+01:00", null, "upcoming", false],
    ]);
  });

  it("R2/R3: the owner's \"timeline: 2 weeks\" keeps the date the confirmation named, and the status check is the business day after", async () => {
    const report = await plan([await fixture("gmail-forward-invite.eml")], { timeZone: "Europe/Berlin", now: Date.parse("2026-03-23T09:00:00+01:00") });
    const [app] = report.applications;
    // Forwarded with the invitation of Tuesday 10 March: two weeks on is Tuesday 24 March, after the interview of Thursday 19 March.
    expect(app?.promisedBy).toBe("2026-03-24");
    expect(app?.followUps.map((f) => [f.rule, f.due, f.reason])).toEqual([
      ["R1", "2026-03-20T08:00:00+01:00", "Thank-you for the interview on Thursday, 19 March"],
      ["R3", "2026-03-25T08:00:00+01:00", "Status check: an answer was promised by Tuesday, 24 March"],
    ]);
  });

  it("files nothing for an email that is not about a job, and files the same original only once", async () => {
    const lunch = { name: "lunch.eml", raw: bytes(eml({ subject: "Lunch on Friday?", body: "Hi, are you free for lunch on Friday?\n\nTom", messageId: "<lunch@example.com>" })) };
    const invite = await fixture("thunderbird-attachment-invite-ics.eml");
    const report = await plan([lunch, invite, invite], {});
    expect(report.emails.map((e) => [e.file, e.outcome, e.applicationId])).toEqual([
      ["lunch.eml", "not_job_related", null],
      ["thunderbird-attachment-invite-ics.eml", "filed", 1],
      ["thunderbird-attachment-invite-ics.eml", "duplicate", null],
    ]);
    expect(report.applications.map((a) => [a.company, a.interviews.length])).toEqual([["Lindqvist & Roux SA", 1]]);
  });

  it("takes the latest Date among the emails as now, whatever their order", async () => {
    const report = await plan([await fixture("outlook-forward-confirmation.eml"), await fixture("yahoo-forward-acknowledgement.eml")], { timeZone: "UTC" });
    expect(report.now).toBe("2026-05-04T12:47:00+00:00");
    expect(report.emails.map((e) => e.arrivedAt)).toEqual(["2026-05-04T12:47:00+00:00", "2026-02-02T10:15:07+00:00"]);
  });

  it("needs --now when no email carries a Date", async () => {
    const undated = "From: Me <me@example.com>\r\nTo: assistant@example.com\r\nSubject: hello\r\n\r\nNothing here.\r\n";
    expect(await planForwards([{ name: "undated.eml", raw: bytes(undated) }], options({}))).toEqual({ ok: false, error: "none of the emails has a Date: give --now" });
  });
});

// Spawns Node on the real entry point; slow on a busy machine, hence the long timeout.
describe("the plan command", { timeout: 60_000 }, () => {
  const exec = promisify(execFile);
  const script = fileURLToPath(new URL("../../../src/cli/plan.ts", import.meta.url));
  const run = (args: string[]) => exec(process.execPath, ["--experimental-strip-types", "--no-warnings", script, ...args], { env: { ...process.env, OWNER_TIMEZONE: "", OWNER_COUNTRY: "", OWNER_EMAILS: "" } });

  it("prints the report as JSON", async () => {
    const { stdout } = await run(["--tz", "Europe/Berlin", fileURLToPath(new URL("../../fixtures/emails/gmail-forward-invite.eml", import.meta.url))]);
    const report = JSON.parse(stdout) as PlanReport;
    expect(report.now).toBe("2026-03-10T16:12:00+01:00");
    expect(report.applications[0]?.followUps[0]?.due).toBe("2026-03-20T08:00:00+01:00");
  });

  it("C3, C10: sums up the checks every draft must pass; a signature makes a complete thank-you ready", async () => {
    const unsigned = await plan([await fixture("gmail-forward-invite.eml")], { timeZone: "Europe/Berlin", now: Date.parse("2026-03-20T09:00:00+01:00") });
    expect(unsigned.summary).toMatchObject({ ready: 0, quotingUnmarkedNote: 0, readyWithoutRecipientOrSignature: 0, thankYouBeforeInterviewEnds: 0 });
    expect(unsigned.summary.drafts).toBeGreaterThan(0);
    const signed = await plan([await fixture("gmail-forward-invite.eml")], { timeZone: "Europe/Berlin", now: Date.parse("2026-03-20T09:00:00+01:00"), signature: "Ana Sousa" });
    for (const draft of signed.applications.flatMap((a) => a.followUps)) expect(draft.body).toMatch(/\nAna Sousa$/);
    expect(signed.summary.readyWithoutRecipientOrSignature).toBe(0);
  });

  it("exits with 2 and the usage on a bad command line", async () => {
    await expect(run(["--tz", "Nowhere/Land", "a.eml"])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('unknown time zone "Nowhere/Land"') });
    await expect(run([])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("usage: npm run --silent plan --") });
  });
});

function options(overrides: Partial<PlanOptions>): PlanOptions {
  return { now: null, timeZone: "UTC", country: null, ownerAddresses: ["me@example.com"], signature: null, ...overrides };
}

async function plan(files: ForwardFile[], overrides: Partial<PlanOptions>): Promise<PlanReport> {
  const report = await planForwards(files, options(overrides));
  if (!report.ok) throw new Error(report.error);
  return report.value;
}

async function fixture(name: string): Promise<ForwardFile> {
  return { name, raw: new Uint8Array(await readFile(new URL(`../../fixtures/emails/${name}`, import.meta.url))) };
}

function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
