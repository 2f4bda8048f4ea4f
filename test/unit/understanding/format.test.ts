import { describe, expect, it } from "vitest";
import {
  asksForNoCalls, detectFormat, findAddressLines, findMeetingUrl, findSchedulingUrl, findUrls, isMeetingUrl, isStreetAddress,
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
    expect(format("Location: Online")).toBeNull();
    expect(isStreetAddress("Microsoft Teams")).toBe(false);
    expect(isStreetAddress("Hafenstraße 3, 20457 Hamburg")).toBe(true);
  });

  it("reads an address under a label that stands alone on its line", () => {
    expect(findAddressLines("📍 Location:\n12 Quay Street\nGalway\n\nSee you")).toEqual(["12 Quay Street, Galway"]);
    expect(findAddressLines("Location\t400 Harbour Road, Cork\nNothing: else")).toEqual(["400 Harbour Road, Cork"]);
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
