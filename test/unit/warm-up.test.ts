import { describe, expect, it } from "vitest";
import { readWarmUpSamples, warmUpPipeline } from "../../src/core/warm-up.ts";

describe("start-up warm-up", () => {
  it("reads every built-in sample end to end, so their readers are compiled before the first email", async () => {
    const [english, german, french, moved, notification, teams, bilingual, cancelled] = await readWarmUpSamples();
    expect(english).toMatchObject({
      kind: "invitation",
      language: "en",
      company: "Harbourlight Labs",
      role: "Data Engineer",
      contact: { name: "Priya Nandakumar", email: "priya.n@harbourlight.invalid" },
      start: "2026-03-10T14:30:00-04:00",
      tz: "America/New_York",
      durationMin: 45,
      format: "video",
      meetingUrl: "https://zoom.us/j/81234567890",
      promisedTimeline: { amount: 5, unit: "business_days" },
      noCalls: true,
      calendar: { method: "REQUEST", uid: "warm-up-1@harbourlight.invalid" },
    });
    expect(german).toMatchObject({
      kind: "invitation",
      language: "de",
      company: "Moosbach Logistik GmbH",
      contact: { name: "Jana Keller", email: "jana.keller@moosbach.invalid" },
      start: "2026-03-12T10:00:00+01:00",
      tz: "Europe/Berlin",
      format: "onsite",
      promisedTimeline: { amount: 2, unit: "weeks" },
      calendar: null,
    });
    expect(french).toMatchObject({
      kind: "invitation",
      language: "fr",
      company: "Veloute SAS",
      role: "Chargée de projet",
      contact: { name: "Claire Fontaine", email: "claire.fontaine@veloute.invalid" },
      interviewers: [{ name: "Hugo Marchand", email: "hugo.marchand@veloute.invalid" }],
      start: "2026-03-19T11:00:00+01:00",
      tz: "Europe/Paris",
      durationMin: 30,
      format: "video",
      meetingUrl: "https://meet.google.com/abc-defg-hij",
      promisedTimeline: { amount: 10, unit: "days" },
      calendar: { method: "REQUEST", uid: "warm-up-3@google.invalid" },
    });
    expect(moved).toMatchObject({
      kind: "reschedule",
      company: "Tidewater Freight Inc.",
      role: "Warehouse Supervisor",
      contact: { name: "Marcus Bell", email: "marcus.bell@tidewater-freight.invalid" },
      start: "2026-03-11T13:30:00-05:00",
      tz: "America/Chicago",
      previousStart: "2026-03-09T09:00:00-05:00",
      durationMin: 90,
      format: "onsite",
      promisedTimeline: { by: "2026-03-20" },
      calendar: { method: "REQUEST", sequence: 2 },
    });
    expect(notification).toMatchObject({
      kind: "invitation",
      company: "Lindqvist Robotics",
      role: "Firmware Engineer",
      start: "2026-03-12T16:00:00+01:00",
      tz: "Europe/Stockholm",
      format: "video",
      meetingUrl: "https://meet.google.com/lqr-fwen-tch",
      calendar: { method: "REQUEST", uid: "warm-up-5@google.com" },
    });
    expect(teams).toMatchObject({
      kind: "invitation",
      language: "de",
      company: "Ostermann Werke GmbH",
      role: "Controllerin (m/w/d)",
      contact: { name: "Katrin Vogel" },
      interviewers: [{ name: "Stefan Brandt" }, { name: "Katrin Vogel" }],
      start: "2026-03-17T09:30:00+01:00",
      tz: "Europe/Berlin",
      durationMin: 60,
      format: "video",
      promisedTimeline: { amount: 2, unit: "weeks" },
    });
    expect(bilingual).toMatchObject({
      kind: "scheduling_confirmation",
      language: "pt",
      company: "Café Serrano",
      role: "Gerente de Loja",
      start: "2026-03-19T14:30:00-03:00",
      tz: "America/Sao_Paulo",
      format: "onsite",
      promisedTimeline: { amount: 5, unit: "business_days" },
    });
    expect(cancelled).toMatchObject({
      kind: "cancellation",
      language: "nl",
      company: "Dijkstra Zorggroep",
      role: "Data-analist",
      start: "2026-03-19T14:00:00+01:00",
      tz: "Europe/Amsterdam",
      promisedTimeline: { amount: 3, unit: "business_days" },
      calendar: { method: "CANCEL", sequence: 1 },
    });
  });

  it("runs once per isolate and reports success", async () => {
    const first = warmUpPipeline();
    expect(warmUpPipeline()).toBe(first);
    expect(await first).toBe(true);
  });
});
