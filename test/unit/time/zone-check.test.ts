import { describe, expect, it, vi } from "vitest";
import { isIanaTimeZone } from "../../../src/core/time/zone-check.ts";

describe("isIanaTimeZone", () => {
  it("checks the zones the time code knows without loading the runtime's zone database", () => {
    const intl = vi.spyOn(Intl, "DateTimeFormat");
    expect(isIanaTimeZone("America/Los_Angeles")).toBe(true);
    expect(intl).not.toHaveBeenCalled();
    intl.mockRestore();
  });

  it("accepts IANA names, their aliases and any letter case", () => {
    expect(["Europe/Berlin", "America/Argentina/Buenos_Aires", "US/Pacific", "Asia/Calcutta", "europe/berlin", "UTC", "Etc/GMT+5"].map(isIanaTimeZone)).toEqual([
      true, true, true, true, true, true, true,
    ]);
  });

  it("refuses offsets, padding, Windows names and made-up zones, which the time code cannot compute with", () => {
    expect(["+05:00", " Europe/Berlin", "Eastern Standard Time", "Mars/Olympus_Mons", ""].map(isIanaTimeZone)).toEqual([false, false, false, false, false]);
  });
});
