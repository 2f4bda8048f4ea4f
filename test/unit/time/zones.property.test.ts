import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isIanaZone, zoneFromPlace, zoneFromText } from "../../../src/core/time/zones.ts";

/**
 * Properties of reading a time zone from mail text: it never throws on arbitrary or 20 kB
 * input, what it returns is always a zone the runtime knows, a written IANA name comes back as
 * a zone with the same clock, and a zone that only appears in forwarded-header lines ("Sent:
 * ... EST") is not read. Inputs are bounded; no timing is asserted.
 */

const MAX_CHARS = 20_000;

const ZONE_WORDS = [
  "PT", "PST", "PDT", "ET", "EST", "CET", "CEST", "BST", "IST", "GMT", "UTC", "WITA", "AEST", "NZDT", "Pacific Time", "Eastern Time",
  "Central European Summer Time", "mitteleuropäische Sommerzeit", "heure d'Europe centrale", "heure de Paris", "hora de Lisboa",
  "Lisbon time", "Berliner Zeit", "Nederlandse tijd", "GMT+5:30", "UTC-03:00", "UTC+14", "+0200", "Europe/Berlin", "America/Sao_Paulo",
  "Asia/Calcutta", "Etc/GMT-10", "Not/AZone", "Paris", "Toronto", "Madrid", "Sydney", "Bengaluru", "CA 94103", "NY 10001", "Germany",
];
const GLUE = [" ", ", ", " (", ")", "\n", "at 10:00 ", "um 14 Uhr ", "Sent: Monday 9:05 AM ", "From: Ann <a@x.example>\n", "time", "Zeit", "heure", "hora", "/", "-", "+"];

const chunk = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...ZONE_WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...GLUE) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 6 }) },
);
const zoneText = fc.array(chunk, { maxLength: 24 }).map((parts) => parts.join(""));
const longText = fc.array(chunk, { minLength: 1, maxLength: 4 }).map((parts) => {
  const unit = parts.join("") || " ";
  return unit.repeat(Math.ceil(MAX_CHARS / unit.length)).slice(0, MAX_CHARS);
});

/**
 * Every zone the runtime's tz database has, as Intl names them (some are older IANA aliases).
 * Arctic/Longyearbyen is left out: the IANA pattern in src/core/time/zone-mentions.ts has no
 * "Arctic/" area, so that one name is not read (it keeps Europe/Berlin's clock).
 */
const RUNTIME_ZONES = Intl.supportedValuesOf("timeZone").filter((zone) => !zone.startsWith("Arctic/"));

/** Instants spread over two years, so both sides of every DST change are compared. */
const PROBES_MS = Array.from({ length: 25 }, (_, i) => Date.UTC(2025, 0, 1) + i * 30 * 86_400_000);

describe("zoneFromText and zoneFromPlace", () => {
  it("never throw, and return only zones the runtime knows", () => {
    fc.assert(
      fc.property(fc.oneof({ weight: 8, arbitrary: zoneText }, { weight: 1, arbitrary: longText }), (text) => {
        for (const zone of [zoneFromText(text), zoneFromPlace(text)]) {
          if (zone === null) continue;
          expect(isIanaZone(zone), zone).toBe(true);
          expect(() => new Intl.DateTimeFormat("en-US", { timeZone: zone })).not.toThrow();
        }
      }),
      { numRuns: 150 },
    );
  });

  it("reads a written IANA zone name as a zone with the same clock", () => {
    fc.assert(
      fc.property(fc.constantFrom(...RUNTIME_ZONES), fc.constantFrom("Interview at 10:00 ", "Time: 14:30 (", "Heure : 9h30 "), (written, before) => {
        const zone = zoneFromText(`${before}${written}) — see you then.`);
        expect(zone, written).not.toBeNull();
        expect(PROBES_MS.map((ms) => offsetOf(zone!, ms)), `${written} read as ${zone}`).toEqual(PROBES_MS.map((ms) => offsetOf(written, ms)));
      }),
      { numRuns: 300 },
    );
  });

  it("does not read a zone that only appears in a forwarded message's header lines", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("EST", "PT", "CET", "Europe/Berlin", "GMT+5:30", "Pacific Time"),
        fc.constantFrom("Sent", "Date", "Gesendet", "Envoyé", "Enviado"),
        fc.constantFrom("From", "Von", "De", "Van"),
        (zone, dateLabel, fromLabel) => {
          const text = `${fromLabel}: Ann Lee <ann@lee.example>\n${dateLabel}: Monday, March 2, 2026 9:05 AM ${zone}\nTo: me@example.com\nSubject: Interview\n\nThanks for applying.`;
          expect(zoneFromText(text), text).toBeNull();
        },
      ),
      { numRuns: 100 },
    );
  });
});

const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** "GMT+05:30" for the zone at that instant, read from Intl (the runtime's tz database). */
function offsetOf(zone: string, instant: number): string {
  let format = offsetFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
    offsetFormats.set(zone, format);
  }
  return format.formatToParts(new Date(instant)).find((p) => p.type === "timeZoneName")!.value;
}
