import { describe, expect, it, vi } from "vitest";
import { findZoneMentions } from "../../../src/core/time/zone-mentions.ts";

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

describe("zone mentions written out", () => {
  it("reads a long name after words that only contain a keyword ('Sometimes', 'timeline', 'Zeitzone')", () => {
    const text = "Sometimes the timeline moves.\nWe start at 10:00 Central European Time, Zeitzone: mitteleuropäische Sommerzeit.";
    expect(findZoneMentions(text).map((m) => [m.tz, text.slice(m.index, m.end)])).toEqual([
      ["Europe/Berlin", "Central European Time"],
      ["Europe/Berlin", "mitteleuropäische Sommerzeit"],
    ]);
  });

  it("reads two IANA names in one line, and none inside a path", () => {
    expect(findZoneMentions("America/New_York or Europe/Lisbon; not docs/Europe/Paris").map((m) => m.tz)).toEqual(["America/New_York", "Europe/Lisbon"]);
  });
});

describe("zones written as Windows shows them", () => {
  const zones = (text: string) => findZoneMentions(text).map((m) => [m.tz, m.offsetMin, text.slice(m.index, m.end)]);

  it("'(UTC-06:00) Central Time (US & Canada)' is Chicago, not a fixed offset", () => {
    expect(zones("(UTC-06:00) Central Time (US & Canada)")).toContainEqual(["America/Chicago", null, "UTC-06:00) Central Time (US & Canada)"]);
  });

  it("'(UTC+01:00) <places>' in any language is the zone of the place Windows names it after", () => {
    expect(zones("(UTC+01:00) Sarajevo, Skopje, Warschau, Zagreb")[0]?.[0]).toBe("Europe/Warsaw");
    expect(zones("(UTC+00:00) Dublin, Edimburgo, Lisboa, Londres")[0]?.[0]).toBe("Europe/London");
  });

  it("a name whose standard offset is not the one written stays a fixed offset", () => {
    expect(zones("(UTC+03:00) Amsterdam")).toEqual([["Etc/GMT-3", 180, "UTC+03:00"]]);
    expect(zones("10:00 UTC+2")).toEqual([["Etc/GMT-2", 120, "UTC+2"]]);
  });
});
