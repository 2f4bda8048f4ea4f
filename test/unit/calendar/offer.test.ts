/**
 * When a confirmation offers the interview for the owner's calendar, and how it says so:
 * only an interview the forward scheduled or moved, at an instant the reading is sure of.
 */
import { describe, expect, it } from "vitest";
import { offerForCalendar, type FiledInterview } from "../../../src/core/calendar/offer.ts";
import type { CalendarInterview } from "../../../src/core/calendar/events.ts";
import { buildConfirmation } from "../../../src/core/filing/confirmation.ts";
import { doubted, understanding } from "../../helpers/understanding-builder.ts";
import { readCalendar } from "../../helpers/ical.ts";

const CONTEXT = { now: Date.parse("2026-03-02T18:00:00Z"), uidDomain: "example.com", ownerTimeZone: "America/Los_Angeles" };

const INTERVIEW: CalendarInterview = {
  id: 12,
  company: "Acme",
  role: "Data Engineer",
  startAt: Date.parse("2026-03-03T22:30:00Z"),
  startLocal: null,
  timeZone: "America/Los_Angeles",
  durationMin: 30,
  format: "video",
  meetingUrl: "https://acme.zoom.us/j/123456789",
  interviewers: [],
  status: "scheduled",
  sequence: 0,
};

const filed = (fields: Partial<CalendarInterview> = {}, moved = false): FiledInterview => ({ interview: { ...INTERVIEW, ...fields }, moved });
const invite = understanding({ kind: "invitation", company: "Acme", start: "2026-03-03T14:30:00-08:00", tz: "America/Los_Angeles" });

describe("the calendar offer", () => {
  it("offers the invite and the Google link for an interview the forward scheduled", () => {
    const offer = offerForCalendar(filed(), invite, CONTEXT)!;
    expect(offer.invite).toMatchObject({ filename: "invite.ics", contentType: "text/calendar; charset=utf-8; method=PUBLISH" });
    expect(readCalendar(offer.invite.content).events.map((e) => e.uid)).toEqual(["interview-12@example.com"]);
    expect(new URL(offer.googleLink).searchParams.get("dates")).toBe("20260303T223000Z/20260303T230000Z");
    expect(offer.moved).toBe(false);
  });

  it("offers nothing when the reading doubts the time or its zone, when the time has no zone, or for a cancellation", () => {
    expect(offerForCalendar(filed(), { ...invite, confidence: { tz: doubted(0.5, "zone guessed from the city Denver") } }, CONTEXT)).toBeNull();
    expect(offerForCalendar(filed(), { ...invite, confidence: { start: doubted(0.4, "weekday and date disagree") } }, CONTEXT)).toBeNull();
    expect(offerForCalendar(filed({ startAt: null, startLocal: "2026-03-03T14:30:00" }), invite, CONTEXT)).toBeNull();
    expect(offerForCalendar(filed({ status: "cancelled" }), { ...invite, kind: "cancellation" }, CONTEXT)).toBeNull();
    expect(offerForCalendar(filed(), { ...invite, kind: "rejection" }, CONTEXT)).toBeNull();
    expect(offerForCalendar(null, invite, CONTEXT)).toBeNull();
  });

  it("offers nothing for an interview already over when its forward arrives", () => {
    const afterItEnded = { ...CONTEXT, now: INTERVIEW.startAt! + 31 * 60_000 };
    expect(offerForCalendar(filed(), invite, afterItEnded)).toBeNull();
    expect(offerForCalendar(filed(), invite, { ...CONTEXT, now: INTERVIEW.startAt! + 29 * 60_000 })).not.toBeNull();
  });

  it("is told in the confirmation, with a note for a moved interview", () => {
    const confirmationWith = (moved: boolean) => {
      const offer = offerForCalendar(filed({ sequence: moved ? 1 : 0 }, moved), { ...invite, kind: moved ? "reschedule" : "invitation" }, CONTEXT)!;
      return buildConfirmation({
        understanding: invite,
        outcome: { kind: "filed", applicationId: 1, isNew: !moved, changes: [], nextFollowUp: null },
        ownerTimeZone: CONTEXT.ownerTimeZone,
        originalSubject: "Interview at Acme",
        replyAddress: "assistant+token@example.com",
        addToCalendar: { inviteFilename: offer.invite.filename, googleLink: offer.googleLink, moved: offer.moved },
      }).text;
    };
    const added = confirmationWith(false);
    expect(added).toContain("Add it to your calendar: open the attached invite.ics (Apple Calendar, Outlook), or add it to Google Calendar:\n  https://calendar.google.com/calendar/render?action=TEMPLATE&text=Interview%3A%20Data%20Engineer%20at%20Acme&dates=20260303T223000Z/20260303T230000Z&details=");
    expect(confirmationWith(true)).toContain("New time for your calendar: open the attached invite.ics (the same event, with the new time), or add it to Google Calendar and delete the earlier one there:");
    expect(buildConfirmation({ understanding: invite, outcome: { kind: "filed", applicationId: 1, isNew: true, changes: [], nextFollowUp: null }, ownerTimeZone: "UTC", originalSubject: null, replyAddress: "a@example.com" }).text).not.toMatch(/invite\.ics|calendar\.google\.com/);
  });
});
