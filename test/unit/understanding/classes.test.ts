import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { readEmail } from "../../../src/core/understanding/read.ts";
import type { Understanding } from "../../../src/core/understanding/types.ts";

/**
 * One fixture per class of mail, read end to end: what kind it is, when and how the interview
 * happens, and the promise to get back. Parties are tested elsewhere.
 */
describe("kind, time, format and timeline, class by class", () => {
  it("an HTML-only ATS rejection that never says 'unfortunately'", async () => {
    expect(await understand("greenhouse-html-only-rejection.eml")).toMatchObject({ kind: "rejection", start: null, format: null, promisedTimeline: null });
  });

  it("a Dutch rejection that closes with good wishes for the search", async () => {
    expect(await understand("gmail-forward-nl-afwijzing-succes.eml")).toMatchObject({ kind: "rejection", language: "nl" });
  });

  it("an ATS acknowledgement that says what happens 'if you are not selected' stays an acknowledgement", async () => {
    expect(await understand("workday-acknowledgement-if-not-selected.eml")).toMatchObject({
      kind: "generic",
      promisedTimeline: { amount: 2, unit: "weeks", by: "2026-05-19" },
    });
  });

  it("a German reschedule: the planned slot is the old one, the one proposed 'stattdessen' the new one", async () => {
    expect(await understand("outlook-forward-de-verlegung-ohne-kalender.eml")).toMatchObject({
      kind: "reschedule",
      startLocal: "2026-05-14T15:30:00",
      previousStart: "2026-05-12T10:00:00",
      // Outlook's header gives no offset to confirm the language's zone: no zone is claimed.
      start: null,
      tz: null,
    });
  });

  it("a Spanish reschedule: 'prevista para' marks the old slot even after 'reprogramar', and 'hora peninsular' the zone", async () => {
    expect(await understand("gmail-forward-es-reprogramacion-hora-peninsular.eml")).toMatchObject({
      kind: "reschedule",
      start: "2026-05-14T12:30:00+02:00",
      tz: "Europe/Madrid",
      previousStart: "2026-05-12T10:00:00+02:00",
      format: "video",
      meetingUrl: "https://meet.google.com/kqd-rtuv-mwe",
    });
  });

  it("a booking tool's reschedule: the new slot, the former one under its label, its own video room", async () => {
    const read = await understand("booking-tool-rescheduled-event.eml");
    expect(read).toMatchObject({
      kind: "reschedule",
      start: "2026-06-11T15:00:00+01:00",
      tz: "Europe/London",
      previousStart: "2026-06-09T11:00:00+01:00",
      durationMin: 45,
      format: "video",
      meetingUrl: "https://app.cal.com/video/4Hk9XwQm2RtYp7Lc",
    });
  });

  it("a recruiter's confirmation in a reply, the candidate's own proposal quoted below", async () => {
    expect(await understand("direct-reply-recruiter-confirms-proposed-slot.eml")).toMatchObject({
      kind: "scheduling_confirmation",
      start: "2026-06-11T14:00:00-07:00",
      tz: "America/Los_Angeles",
      format: "video",
    });
  });

  it("a French invitation from Casablanca: day/month date, '10h30', and a zone guessed from the city, said to be a guess", async () => {
    const read = await understand("gmail-forward-fr-maroc-convocation.eml");
    expect(read).toMatchObject({ kind: "invitation", start: "2026-05-14T10:30:00+01:00", tz: "Africa/Casablanca", format: "onsite" });
    expect(read.confidence?.tz?.score).toBeLessThan(0.7);
    expect(read.confidence?.tz?.evidence.join(" ")).toContain("Casablanca");
    expect(read.confidence?.start?.score).toBeLessThan(0.7);
  });

  it("an Outlook Teams invitation: '(UTC-05:00) Eastern Time' in June, the join link inside Safe Links, a dial-in block", async () => {
    expect(await understand("outlook-teams-safelinks-eastern-display-name.eml")).toMatchObject({
      kind: "scheduling_confirmation",
      start: "2026-06-10T10:00:00-04:00",
      tz: "America/New_York",
      durationMin: 45,
      format: "video",
      meetingUrl: "https://teams.microsoft.com/l/meetup-join/19%3ameeting_Yjk2MzQ1%40thread.v2/0?context=%7b%22Tid%22%3a%221%22%7d",
    });
  });

  it("a Google Meet invitation after a phone screen: 'Join by phone' and the earlier call make no phone interview", async () => {
    const read = await understand("google-meet-invite-after-phone-screen.eml");
    expect(read).toMatchObject({
      kind: "invitation",
      start: "2026-07-07T13:00:00-05:00",
      tz: "America/Chicago",
      format: "video",
      meetingUrl: "https://meet.google.com/vbn-qwer-tyu",
    });
    // The zone is the one the text names next to the calendar's UTC time: nothing guessed.
    expect(read.confidence?.tz).toBeUndefined();
  });

  it("an HTML-only label table: 'Interview type' above 'Phone', the zone on its own line, a 'View details' button", async () => {
    expect(await understand("html-only-ats-label-table-phone.eml")).toMatchObject({
      kind: "scheduling_confirmation",
      start: "2026-05-14T09:00:00-06:00",
      tz: "America/Denver",
      durationMin: 30,
      format: "phone",
      meetingUrl: null,
    });
  });

  it("Brazilian Portuguese: '14h30 (horário de Brasília)', labelled format, 'em até 5 dias úteis'", async () => {
    expect(await understand("gmail-forward-pt-br-horario-brasilia.eml")).toMatchObject({
      kind: "invitation",
      start: "2026-05-14T14:30:00-03:00",
      tz: "America/Sao_Paulo",
      format: "video",
      promisedTimeline: { amount: 5, unit: "business_days" },
    });
  });

  it("Mexican Spanish: '10:30 a. m. (hora del centro de México)' and 'Modalidad: Presencial'", async () => {
    expect(await understand("gmail-forward-es-mx-presencial-a-m.eml")).toMatchObject({
      kind: "invitation",
      start: "2026-05-14T10:30:00-06:00",
      tz: "America/Mexico_City",
      format: "onsite",
    });
  });

  it("a hard-wrapped plain-text update: the promise read across the wrapped lines, 'the final interview' no next round", async () => {
    expect(await understand("thunderbird-plain-hard-wrapped-next-steps.eml")).toMatchObject({
      kind: "generic",
      promisedTimeline: { amount: 5, unit: "business_days", by: "2026-05-21" },
    });
  });
});

async function understand(name: string): Promise<Understanding> {
  const raw = await readFile(new URL(`../../fixtures/emails/${name}`, import.meta.url));
  const read = await readEmail(new Uint8Array(raw), { ownerAddresses: ["me@example.com"] });
  if (!read.ok) throw new Error(read.error.problem);
  return read.value.understanding;
}
