/**
 * Builders for the follow-up rules' tests: instants on a zone's clock, an application's and an
 * interview's facts as the history gives them, the user's context, and the one follow-up of a rule.
 */
import { TZDate } from "@date-fns/tz";
import { expect } from "vitest";
import type { ApplicationHistory, InterviewFacts, UserContext } from "../../src/core/follow-ups/history.ts";
import type { FollowUpPlan, PlannedFollowUp } from "../../src/core/follow-ups/rules.ts";
import { parseSettings } from "../../src/core/follow-ups/settings.ts";

export const BERLIN = "Europe/Berlin";

export function at(year: number, month: number, day: number, hour: number, minute: number, zone: string): number {
  return new TZDate(year, month - 1, day, hour, minute, 0, zone).getTime();
}

export function berlin(year: number, month: number, day: number, hour: number, minute: number): number {
  return at(year, month, day, hour, minute, BERLIN);
}

/** The follow-up of `rule` in the plan, which must hold exactly one. */
export function only(plan: FollowUpPlan, rule: PlannedFollowUp["rule"]): PlannedFollowUp {
  const matching = plan.followUps.filter((f) => f.rule === rule);
  expect(matching, `${rule} in ${JSON.stringify(plan.followUps.map((f) => f.key))}`).toHaveLength(1);
  return matching[0] as PlannedFollowUp;
}

/** An application at Corvid Labs for a Data Analyst role, Mara Olsen the contact. */
export function applicationFacts(overrides: Partial<ApplicationHistory["application"]> = {}): ApplicationHistory["application"] {
  return {
    id: 7,
    company: "Corvid Labs",
    role: "Data Analyst",
    contact: { name: "Mara Olsen", email: "mara@corvid.example" },
    language: "en",
    noCalls: false,
    notes: [],
    subject: "Interview invitation – Data Analyst",
    employerWroteFirst: false,
    ...overrides,
  };
}

/** An hour's interview with Jonas Berg, Tuesday 10 March 2026 at 10:00 in Berlin. */
export function interviewFacts(overrides: Partial<InterviewFacts> = {}): InterviewFacts {
  return {
    id: 12,
    startAt: berlin(2026, 3, 10, 10, 0),
    startLocal: null,
    timeZone: BERLIN,
    durationMin: 60,
    interviewers: [{ name: "Jonas Berg", email: "jonas@corvid.example" }],
    status: "scheduled",
    ...overrides,
  };
}

/** A user in Berlin with German holidays and the default settings. */
export function userContext(overrides: { timeZone?: string; country?: string | null; settings?: Record<string, unknown> } = {}): UserContext {
  return {
    timeZone: overrides.timeZone ?? BERLIN,
    country: overrides.country === undefined ? "DE" : overrides.country,
    settings: parseSettings(overrides.settings ?? {}),
  };
}
