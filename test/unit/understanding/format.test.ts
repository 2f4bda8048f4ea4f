import { describe, expect, it } from "vitest";
import {
  asksForNoCalls, detectFormat, findAddressLines, findMeetingUrl, findSchedulingUrl, findUrls, isMeetingUrl, isStreetAddress, unwrapLink,
} from "../../../src/core/understanding/format.ts";

describe("meeting and booking links", () => {
  it.each([
    ["https://us02web.zoom.us/j/81234567890?pwd=abc", true],
    ["https://meet.google.com/abc-defg-hij", true],
    ["https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0", true],
    ["https://acme.webex.com/meet/jdoe", true],
    ["https://aka.ms/JoinTeamsMeeting", false],
    ["https://teams.microsoft.com/meetingOptions/", false],
    ["https://zoom.us/pricing", false],
    ["https://calendly.com/acme/30min", false],
  ])("%s is a join link: %s", (url, expected) => {
    expect(isMeetingUrl(url)).toBe(expected);
  });

  it("finds URLs in text without trailing punctuation, including Outlook's <url> style", () => {
    expect(findUrls("Join: https://meet.google.com/abc-defg-hij. Or click here<https://zoom.us/j/123>")).toEqual([
      "https://meet.google.com/abc-defg-hij",
      "https://zoom.us/j/123",
    ]);
    expect(findMeetingUrl(["https://example.com/careers", "https://zoom.us/j/123"])).toBe("https://zoom.us/j/123");
    expect(findUrls("Join at HTTPS://Zoom.us/j/99, thanks")).toEqual(["HTTPS://Zoom.us/j/99"]);
    expect(findUrls("No link on this line")).toEqual([]);
  });

  it("booking pages are scheduling links, join links are not", () => {
    expect(findSchedulingUrl([
      { href: "https://meet.google.com/abc-defg-hij", text: "Join" },
      { href: "https://calendly.com/acme-hr/interview", text: "here" },
    ])).toBe("https://calendly.com/acme-hr/interview");
    expect(findSchedulingUrl([{ href: "https://jobs.acme.example/portal?t=1", text: "Choose your availability" }])).toBe("https://jobs.acme.example/portal?t=1");
    expect(findSchedulingUrl([{ href: "https://acme.example/careers", text: "Careers" }])).toBeNull();
    expect(findSchedulingUrl([
      { href: "not a url", text: "book a slot" },
      { href: "https://zoom.us/j/1", text: "book here" },
      { href: "https://acme.example/booking/abc", text: "Link" },
    ])).toBe("https://acme.example/booking/abc");
  });
});

describe("detectFormat", () => {
  const format = (text: string, meetingUrl: string | null = null, location: string | null = null) =>
    detectFormat({ text, meetingUrl, location });

  it("a phone interview stays phone even with a meeting link", () => {
    expect(format("Your phone interview is on Monday.", "https://zoom.us/j/1")).toBe("phone");
    expect(format("Wir würden gerne telefonisch mit Ihnen sprechen.")).toBe("phone");
  });

  it("a join link or video wording means video", () => {
    expect(format("See you then.", "https://meet.google.com/abc-defg-hij")).toBe("video");
    expect(format("Das Gespräch findet als Videogespräch statt.")).toBe("video");
    expect(format("Entretien en visioconférence.")).toBe("video");
  });

  it("in-person wording or a street address means on site", () => {
    expect(format("We look forward to meeting you in person.")).toBe("onsite");
    expect(format("Das Gespräch findet vor Ort statt.")).toBe("onsite");
    expect(format("La entrevista será presencial.")).toBe("onsite");
    expect(format("Where: 221 Baker Street, London")).toBe("onsite");
    expect(format("Details follow.", null, "400 Harbour Road, Cork")).toBe("onsite");
  });

  it("a location that is not a place does not make it on site", () => {
    expect(format("Location: Online")).toBe("video");
    expect(format("Location: To be announced")).toBeNull();
    expect(isStreetAddress("Microsoft Teams")).toBe(false);
    expect(isStreetAddress("Hafenstraße 3, 20457 Hamburg")).toBe(true);
  });

  it("reads an address under a label that stands alone on its line", () => {
    expect(findAddressLines("📍 Location:\n12 Quay Street\nGalway\n\nSee you")).toEqual(["12 Quay Street, Galway"]);
    expect(findAddressLines("Location\t400 Harbour Road, Cork\nNothing: else")).toEqual(["400 Harbour Road, Cork"]);
  });
});

describe("detectFormat: what the interview is, not what else the mail mentions", () => {
  const format = (text: string, meetingUrl: string | null = null, location: string | null = null) =>
    detectFormat({ text, meetingUrl, location });
  const teams = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0";

  it("a dial-in block under a video invitation is not a phone interview", () => {
    const text = "Interview with the team\nJoin with Google Meet\nmeet.google.com/abc-defg-hij\nJoin by phone\n(US) +1 555-0100 PIN: 123456#";
    expect(format(text, "https://meet.google.com/abc-defg-hij")).toBe("video");
    expect(format("Microsoft Teams meeting\nJoin on your computer or mobile app\nOr call in (audio only)\n+44 20 7946 0000,,123# United Kingdom\nPhone Conference ID: 123 456#", teams)).toBe("video");
    expect(format("Réunion Microsoft Teams\nRejoindre par téléphone\n+33 1 23 45 67 89 ID de conférence : 123 456#", teams)).toBe("video");
  });

  it("an earlier phone call mentioned in passing is not the format", () => {
    expect(format("Thank you for the phone call yesterday. We would like to invite you to an interview at our office.")).toBe("onsite");
    expect(format("Following our phone screen, the next interview will be on Zoom.")).toBe("video");
    expect(format("Vielen Dank für das nette Telefonat. Wir laden Sie zu einem Gespräch vor Ort ein.")).toBe("onsite");
    expect(format("The phone call we had last week went well; the next round is a video interview.")).toBe("video");
  });

  it("'by phone' next to a join link is the dial-in; a phone interview stays one", () => {
    expect(format("You can also join by phone.", teams)).toBe("video");
    expect(format("This will be a phone screen; the Zoom link is only a backup.", "https://zoom.us/j/1")).toBe("phone");
    expect(format("We will call you at the following number on Monday.")).toBe("phone");
  });

  it.each<[string, "phone" | "video" | "onsite"]>([
    ["Date: 3 November 2026\nTYPE\nPhone\nLocation: details will follow", "phone"],
    ["Interview type: Video call", "video"],
    ["Location: Phone — we will ring you on the number in your application", "phone"],
    ["• Location: Online (Zoom)", "video"],
    ["Art des Gesprächs: Telefonisch", "phone"],
    ["Modalité : en présentiel", "onsite"],
    ["Tipo de entrevista: Presencial", "onsite"],
    ["Modalidade: Online", "video"],
    ["Locatie: kantoor Utrecht", "onsite"],
  ])("a labelled value says the format: %s", (text, expected) => {
    expect(format(text)).toBe(expected);
  });

  it("the calendar's location names the format", () => {
    expect(format("Interview", null, "Microsoft Teams Meeting")).toBe("video");
    expect(format("Interview", null, "Phone")).toBe("phone");
  });

  it("labelled values that disagree state no format", () => {
    expect(format("Round 1 — Type: Phone\nRound 2 — Type: On-site")).toBeNull();
  });

  it("a choice of formats states none", () => {
    expect(format("The interview can take place in person or via Zoom, whichever you prefer.")).toBeNull();
    expect(format("We propose Monday at our office. If that does not suit you, we can also arrange a virtual interview on Tuesday.")).toBeNull();
    expect(format("Das Gespräch kann vor Ort oder per Video stattfinden.")).toBeNull();
  });

  it("a meeting-link placeholder loses to the interview's street address", () => {
    expect(format("Location: 1 Harbour Square, Leeds LS1 4DL\nMeeting link: will be sent separately")).toBe("onsite");
    expect(format("Meeting link: will be sent separately")).toBe("video");
  });
});

describe("join links inside wrappers and booking tools", () => {
  it.each([
    ["https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fteams.microsoft.com%2Fl%2Fmeetup-join%2F19%253ameeting_abc%2540thread.v2%2F0&data=05%7C02&reserved=0", "https://teams.microsoft.com/l/meetup-join/19%3ameeting_abc%40thread.v2/0"],
    ["https://www.google.com/url?q=https://us06web.zoom.us/j/81234567890?pwd%3Dabc&sa=D&source=calendar", "https://us06web.zoom.us/j/81234567890?pwd=abc"],
    ["https://urldefense.com/v3/__https://meet.google.com/abc-defg-hij__;!!AbCd!xyz$", "https://meet.google.com/abc-defg-hij"],
  ])("%s is the join link it wraps", (wrapped, inner) => {
    expect(findMeetingUrl([wrapped])).toBe(inner);
  });

  it("a link that wraps no join link, a status page or a 'view details' button is no join link", () => {
    expect(findMeetingUrl(["https://eur02.safelinks.protection.outlook.com/?url=https%3A%2F%2Fcareers.acme.example%2Fstatus&data=1"])).toBeNull();
    expect(findMeetingUrl(["https://app.ats.example/candidate/interviews/123/details", "https://zoom.us/meeting/123/details"])).toBeNull();
    expect(unwrapLink("https://acme.example/jobs?id=3")).toBe("https://acme.example/jobs?id=3");
  });

  it.each([
    "https://teams.microsoft.com/meet/29384756123?p=AbCdEf",
    "https://app.cal.com/video/8nKq2xYv3L",
    "https://acme.daily.co/interview-room",
  ])("%s is a join link", (url) => {
    expect(isMeetingUrl(url)).toBe(true);
  });
});

describe("asksForNoCalls (C8)", () => {
  it.each(["Please no phone calls.", "Please do not call the office.", "Bitte keine Anrufe.", "Merci de ne pas appeler.", "Por favor, no llame.", "Graag niet bellen."])("%s", (text) => {
    expect(asksForNoCalls(text)).toBe(true);
  });

  it("is false for an ordinary call", () => {
    expect(asksForNoCalls("We will call you on Monday.")).toBe(false);
  });
});
