import { describe, expect, it } from "vitest";
import { describeBothTimes, describeZonePlace, formatInstant } from "../../../src/core/time/format.ts";

describe("describeBothTimes", () => {
  const tuesdayMorningInLosAngeles = Date.parse("2026-12-08T14:00:00Z");

  it("gives the owner's time, and the interviewer's named by its place, with their date only when it differs", () => {
    expect(describeBothTimes(tuesdayMorningInLosAngeles, "America/Los_Angeles", "America/New_York")).toBe("Tue 8 Dec 2026, 06:00 GMT-8 (your time); 09:00 New York time");
    expect(describeBothTimes(Date.parse("2026-12-08T06:00:00Z"), "America/Los_Angeles", "Asia/Tokyo")).toBe("Mon 7 Dec 2026, 22:00 GMT-8 (your time); Tue 8 Dec, 15:00 Tokyo time");
  });

  it("gives only the owner's time when the zones are the same or theirs is not known", () => {
    const mine = `${formatInstant(tuesdayMorningInLosAngeles, "America/Los_Angeles")} (your time)`;
    expect(describeBothTimes(tuesdayMorningInLosAngeles, "America/Los_Angeles", "America/Los_Angeles")).toBe(mine);
    expect(describeBothTimes(tuesdayMorningInLosAngeles, "America/Los_Angeles", null)).toBe(mine);
  });

  it("names a zone by its city as people say it", () => {
    expect(describeZonePlace("America/Argentina/Buenos_Aires")).toBe("Buenos Aires");
    expect(describeZonePlace("Europe/Berlin")).toBe("Berlin");
  });
});
