import { describe, expect, it, vi } from "vitest";
import { findZoneMentions } from "../../src/core/zone-mentions.ts";

describe("zone mentions in links", () => {
  it("a meeting link's path is not a zone, and is not even looked up in the runtime's zone database", () => {
    // The first Intl.DateTimeFormat of an isolate loads that database: 20-40 ms on a cold start.
    const intl = vi.spyOn(Intl, "DateTimeFormat");
    expect(findZoneMentions("Join: https://zoom.us/j/93120045518?pwd=abc or https://example.com/asia/tokyo")).toEqual([]);
    expect(intl).not.toHaveBeenCalled();
    intl.mockRestore();
  });

  it("a zone written out next to a link still counts", () => {
    expect(findZoneMentions("15:00 America/New_York, https://zoom.us/j/931").map((m) => m.tz)).toEqual(["America/New_York"]);
  });
});
