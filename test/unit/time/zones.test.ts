import { describe, expect, it } from "vitest";
import {
  formatInZone, isIanaZone, localToInstant, windowsZoneToIana, zoneFromPlace, zoneFromText,
} from "../../../src/core/time/zones.ts";
import { builtInRules, builtInZoneNames, offsetFromRules, yearlyOnsetWallMs } from "../../../src/core/time/zone-rules.ts";

describe("windowsZoneToIana", () => {
  it.each([
    ["W. Europe Standard Time", "Europe/Berlin"],
    ["Romance Standard Time", "Europe/Paris"],
    ["GMT Standard Time", "Europe/London"],
    ["Pacific Standard Time", "America/Los_Angeles"],
    ["Eastern Standard Time", "America/New_York"],
    ["Central Standard Time", "America/Chicago"],
    ["Mountain Standard Time", "America/Denver"],
    ["US Mountain Standard Time", "America/Phoenix"],
    ["Central Europe Standard Time", "Europe/Budapest"],
    ["Central European Standard Time", "Europe/Warsaw"],
    ["FLE Standard Time", "Europe/Kyiv"],
    ["GTB Standard Time", "Europe/Bucharest"],
    ["India Standard Time", "Asia/Kolkata"],
    ["SE Asia Standard Time", "Asia/Bangkok"],
    ["Singapore Standard Time", "Asia/Singapore"],
    ["China Standard Time", "Asia/Shanghai"],
    ["Tokyo Standard Time", "Asia/Tokyo"],
    ["AUS Eastern Standard Time", "Australia/Sydney"],
    ["New Zealand Standard Time", "Pacific/Auckland"],
    ["E. South America Standard Time", "America/Sao_Paulo"],
    ["Central Standard Time (Mexico)", "America/Mexico_City"],
    ["Arabian Standard Time", "Asia/Dubai"],
    ["South Africa Standard Time", "Africa/Johannesburg"],
    ["UTC", "UTC"],
  ])("maps the Windows id %s to %s", (name, iana) => {
    expect(windowsZoneToIana(name)).toBe(iana);
  });

  it.each([
    ["Sarajevo, Skopje, Warsaw, Zagreb", "Europe/Warsaw"],
    ["Brussels, Copenhagen, Madrid, Paris", "Europe/Paris"],
    ["Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"],
    ["(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Berlin"],
    ["(UTC) Dublin, Edinburgh, Lisbon, London", "Europe/London"],
    ["(UTC-08:00) Pacific Time (US & Canada)", "America/Los_Angeles"],
    ["(GMT-05:00) Eastern Time (US & Canada)", "America/New_York"],
    ["(UTC+05:30) Chennai, Kolkata, Mumbai, New Delhi", "Asia/Kolkata"],
  ])("maps the display name %s to %s", (name, iana) => {
    expect(windowsZoneToIana(name)).toBe(iana);
  });

  it("ignores case, quotes and extra spaces, and reads a 'Daylight Time' id like its standard twin", () => {
    expect(windowsZoneToIana('"w. europe  standard time"')).toBe("Europe/Berlin");
    expect(windowsZoneToIana("Pacific Daylight Time")).toBe("America/Los_Angeles");
  });

  it("returns null for names that are not Windows zones", () => {
    expect(windowsZoneToIana("Customized Time Zone")).toBeNull();
    expect(windowsZoneToIana("Europe/Berlin")).toBeNull();
    expect(windowsZoneToIana("")).toBeNull();
  });
});

describe("localToInstant and formatInZone", () => {
  const at = (local: string, tz: string): string => formatInZone(localToInstant(local, tz), tz);

  it("handles the US spring-forward night in Los Angeles (2026-03-08)", () => {
    expect(at("2026-03-08T01:30:00", "America/Los_Angeles")).toBe("2026-03-08T01:30:00-08:00");
    // 02:30 does not exist; it moves forward by the one-hour gap.
    expect(at("2026-03-08T02:30:00", "America/Los_Angeles")).toBe("2026-03-08T03:30:00-07:00");
    expect(at("2026-03-08T03:30:00", "America/Los_Angeles")).toBe("2026-03-08T03:30:00-07:00");
    expect(new Date(localToInstant("2026-03-08T03:00", "America/Los_Angeles")).toISOString()).toBe("2026-03-08T10:00:00.000Z");
  });

  it("resolves the repeated hour of the US fall-back night to its first occurrence", () => {
    expect(at("2026-11-01T01:30:00", "America/Los_Angeles")).toBe("2026-11-01T01:30:00-07:00");
    expect(at("2026-11-01T02:30:00", "America/Los_Angeles")).toBe("2026-11-01T02:30:00-08:00");
  });

  it("handles the EU change in Berlin (2026-03-29 and 2026-10-25)", () => {
    expect(at("2026-03-29T01:59:00", "Europe/Berlin")).toBe("2026-03-29T01:59:00+01:00");
    expect(at("2026-03-29T02:30:00", "Europe/Berlin")).toBe("2026-03-29T03:30:00+02:00");
    expect(at("2026-03-29T03:00:00", "Europe/Berlin")).toBe("2026-03-29T03:00:00+02:00");
    expect(at("2026-10-25T02:30:00", "Europe/Berlin")).toBe("2026-10-25T02:30:00+02:00");
    expect(at("2026-10-25T03:30:00", "Europe/Berlin")).toBe("2026-10-25T03:30:00+01:00");
  });

  it("changes London at 01:00 UTC on the same day as Berlin", () => {
    expect(new Date(localToInstant("2026-03-29T02:00", "Europe/London")).toISOString()).toBe("2026-03-29T01:00:00.000Z");
    expect(at("2026-03-28T12:00", "Europe/London")).toBe("2026-03-28T12:00:00+00:00");
  });

  it("handles the southern hemisphere (Sydney ends DST in April, starts in October)", () => {
    expect(at("2026-04-04T12:00", "Australia/Sydney")).toBe("2026-04-04T12:00:00+11:00");
    expect(at("2026-04-06T12:00", "Australia/Sydney")).toBe("2026-04-06T12:00:00+10:00");
    expect(at("2026-10-04T02:30", "Australia/Sydney")).toBe("2026-10-04T03:30:00+11:00");
  });

  it("renders fractional and fixed offsets", () => {
    expect(at("2026-05-04T10:00", "Asia/Kolkata")).toBe("2026-05-04T10:00:00+05:30");
    expect(at("2026-05-04T10:00", "Asia/Kathmandu")).toBe("2026-05-04T10:00:00+05:45");
    expect(at("2026-07-01T09:00", "America/St_Johns")).toBe("2026-07-01T09:00:00-02:30");
    expect(at("2026-04-22T10:00", "Asia/Makassar")).toBe("2026-04-22T10:00:00+08:00");
    expect(formatInZone(Date.UTC(2026, 0, 1, 0, 0, 0, 999), "UTC")).toBe("2026-01-01T00:00:00+00:00");
  });

  it("accepts aliases and zones outside the built-in table", () => {
    expect(at("2026-05-04T10:00", "Asia/Calcutta")).toBe("2026-05-04T10:00:00+05:30");
    expect(at("2026-05-04T10:00", "US/Pacific")).toBe("2026-05-04T10:00:00-07:00");
    // Casablanca's rules follow Ramadan and are left to the runtime's tz database.
    const instant = localToInstant("2026-07-01T12:00", "Africa/Casablanca");
    expect(formatInZone(instant, "Africa/Casablanca")).toBe(`2026-07-01T12:00:00${intlOffset("Africa/Casablanca", instant)}`);
    expect(at("2026-05-04T10:00", "Etc/GMT-3")).toBe("2026-05-04T10:00:00+03:00");
  });

  it("throws RangeError for an unknown zone or a malformed local time", () => {
    expect(() => localToInstant("2026-05-04T10:00", "Mars/Olympus")).toThrow(RangeError);
    expect(() => formatInZone(0, "Not a zone")).toThrow(RangeError);
    expect(() => localToInstant("2026-02-30T10:00", "Europe/Berlin")).toThrow(RangeError);
    expect(() => localToInstant("tomorrow", "Europe/Berlin")).toThrow(RangeError);
  });

  it("knows IANA names and rejects others", () => {
    expect(isIanaZone("Europe/Berlin")).toBe(true);
    expect(isIanaZone("europe/berlin")).toBe(true);
    expect(isIanaZone("America/Cuiaba")).toBe(true);
    expect(isIanaZone("W. Europe Standard Time")).toBe(false);
    expect(isIanaZone("Europe/Atlantis")).toBe(false);
  });
});

describe("the built-in zone rules", () => {
  const start = Date.UTC(2026, 0, 1);
  const end = Date.UTC(2028, 0, 1);

  it("agree with the runtime's tz database for 2026 and 2027, every zone, around every change", () => {
    const disagreements: string[] = [];
    for (const zone of builtInZoneNames()) {
      const rules = builtInRules(zone);
      if (!rules) throw new Error(`no rules for ${zone}`);
      const format = new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" });
      const instants: number[] = [];
      for (let t = start; t < end; t += 25 * 3_600_000) instants.push(t);
      for (const observance of rules.observances) {
        if (!observance.yearly) continue;
        for (const year of [2026, 2027]) {
          const onset = yearlyOnsetWallMs(observance.yearly, year) - observance.offsetFromMin * 60_000;
          instants.push(onset - 60_000, onset, onset + 60_000);
        }
      }
      for (const t of instants) {
        const expected = offsetFromLongName(format, t);
        const actual = offsetFromRules(rules, t);
        if (expected !== actual) disagreements.push(`${zone} at ${new Date(t).toISOString()}: tz database ${expected}, table ${actual}`);
      }
    }
    expect(disagreements).toEqual([]);
  }, 60_000); // every built-in zone, hour by hour over two years: seconds of work

  it("only produce zone names the runtime accepts", () => {
    const produced = new Set<string>(builtInZoneNames());
    for (const id of ["W. Europe Standard Time", "FLE Standard Time", "Central Asia Standard Time", "Greenland Standard Time", "Argentina Standard Time"]) {
      const zone = windowsZoneToIana(id);
      if (zone) produced.add(zone);
    }
    const rejected = [...produced].filter((zone) => {
      try {
        new Intl.DateTimeFormat("en-US", { timeZone: zone });
        return false;
      } catch {
        return true;
      }
    });
    expect(rejected).toEqual([]);
  });
});

describe("zoneFromText", () => {
  it.each([
    ["Tue 3 Mar, 2:30 PM PT", "America/Los_Angeles"],
    ["at 10am Pacific Time", "America/Los_Angeles"],
    ["9:00 AM PDT", "America/Los_Angeles"],
    ["14:00 ET", "America/New_York"],
    ["09:00 AM EDT", "America/New_York"],
    ["2pm CT", "America/Chicago"],
    ["Tuesday, March 3rd at 14:30 (CET)", "Europe/Berlin"],
    ["10:00 Uhr (MESZ)", "Europe/Berlin"],
    ["11:00 BST", "Europe/London"],
    ["10:00 WITA", "Asia/Makassar"],
    ["10:00 WIB", "Asia/Jakarta"],
    ["3 pm IST", "Asia/Kolkata"],
    ["9am AEST", "Australia/Sydney"],
    ["dia 12 de maio às 15h00 (hora de Lisboa)", "Europe/Lisbon"],
    ["Wednesday, 20 May 2026, 10:00 (Lisbon time)", "Europe/Lisbon"],
    ["le jeudi 16 avril à 14h30, heure de Paris", "Europe/Paris"],
    ["el martes a las 11:00 (hora de Madrid)", "Europe/Madrid"],
    ["om 13:30 Nederlandse tijd", "Europe/Amsterdam"],
    ["um 10 Uhr deutscher Zeit", "Europe/Berlin"],
    ["Timezone: America/Chicago", "America/Chicago"],
    ["14:30 (Europe/London)", "Europe/London"],
    ["When: Tue Apr 28, 2026 11am (Eastern Time - New York)", "America/New_York"],
    ["When: Wed May 20, 2026 1pm (Central Time - Chicago)", "America/Chicago"],
    ["10:00 (UTC+2)", "Etc/GMT-2"],
    ["10:00 GMT-3", "Etc/GMT+3"],
    ["Central European Summer Time", "Europe/Berlin"],
    ["PT", "America/Los_Angeles"],
  ])("reads %s as %s", (text, zone) => {
    expect(zoneFromText(text)).toBe(zone);
  });

  it("prefers a place in the text that keeps the same clock as a shared abbreviation", () => {
    expect(zoneFromText("Rendez-vous à 14:30 CET dans nos bureaux de Paris.")).toBe("Europe/Paris");
    expect(zoneFromText("Our Toronto office, 10:00 ET")).toBe("America/Toronto");
    expect(zoneFromText("Interview at 14:30 CET. Office: Av. de Mayo 100, Buenos Aires")).toBe("Europe/Berlin");
  });

  it("does not read abbreviations that are ordinary words or lack a time", () => {
    expect(zoneFromText("RECHERCHE ET DÉVELOPPEMENT")).toBeNull();
    expect(zoneFromText("We use the CAT tool and ART department")).toBeNull();
    expect(zoneFromText("Please arrive on time")).toBeNull();
    expect(zoneFromText("at the same time")).toBeNull();
    expect(zoneFromText("no zone here")).toBeNull();
  });

  it("skips the zone of a forwarded header line", () => {
    const text = "From: Dana <dana@fernwood.example>\nSent: Tuesday, March 3, 2026 9:00 AM EST\nTo: me\nSubject: Interview\n\nSee you at 14:30 CET.";
    expect(zoneFromText(text)).toBe("Europe/Berlin");
  });
});

describe("zoneFromPlace", () => {
  it.each([
    ["Sveavägen 12, 111 57 Stockholm, Sweden", "Europe/Stockholm"],
    ["Hafenstraße 7, 20457 Hamburg", "Europe/Berlin"],
    ["Floor 9, District 1, HCMC", "Asia/Ho_Chi_Minh"],
    ["Tòa nhà, Ho Chi Minh City", "Asia/Ho_Chi_Minh"],
    ["Taunusanlage 8, 60329 Frankfurt am Main", "Europe/Berlin"],
    ["Rua Augusta 20, 1100-053 Lisboa", "Europe/Lisbon"],
    ["Calle de Alcalá 40, Madrid", "Europe/Madrid"],
    ["Stationsplein 3, 's-Hertogenbosch", "Europe/Amsterdam"],
    ["Candidate\tAna Ruiz\nAddress\tRosenbergstrasse 30, 9000 St. Gallen", "Europe/Zurich"],
    ["1200 Harbor Blvd\nCosta Mesa, CA 92626", "America/Los_Angeles"],
    ["500 Main St, Austin, TX 78701", "America/Chicago"],
    ["Jl. Sudirman 5, Jakarta", "Asia/Jakarta"],
  ])("finds the zone of %s", (text, zone) => {
    expect(zoneFromPlace(text)).toBe(zone);
  });

  it("needs the capital letter and ignores places it does not know", () => {
    expect(zoneFromPlace("nice weather in the hamburg style")).toBeNull();
    expect(zoneFromPlace("Remote, anywhere")).toBeNull();
    expect(zoneFromPlace("We use Java and Python")).toBeNull();
  });
});

function offsetFromLongName(format: Intl.DateTimeFormat, instant: number): number {
  const name = format.formatToParts(instant).find((p) => p.type === "timeZoneName")?.value ?? "";
  const m = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name);
  if (!m?.[1]) return 0;
  return (m[1] === "-" ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function intlOffset(zone: string, instant: number): string {
  const minutes = offsetFromLongName(new Intl.DateTimeFormat("en-US", { timeZone: zone, timeZoneName: "longOffset" }), instant);
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}
