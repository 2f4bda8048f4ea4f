/**
 * Time zones as mail names them, and wall clock <-> instant conversion. Pure: no clock, no I/O.
 *
 * - `zoneFromText` reads the first zone written in text (see src/core/time/zone-mentions.ts for the
 *   forms read: IANA names, offsets, abbreviations, long names, "heure de Paris"); an
 *   abbreviation several zones share gives the zone of a place in the text with the same clock.
 * - `zoneFromPlace` reads a city, country or US postal address.
 * - `formatInZone`/`localToInstant` convert with the rules in src/core/time/zone-rules.ts, which
 *   avoid Intl for the zones this module can name.
 */

import { MINUTE_MS, formatOffset, formatWallClock, parseWallClock } from "./civil-dates.ts";
import { findHeaderLineRanges, isInRanges } from "../text/header-lines.ts";
import { lookUpWindowsZone } from "./windows-zones.ts";
import { findZoneMentions, refineGenericZone } from "./zone-mentions.ts";
import { canonicalZoneName, wallToInstant, zoneOffsetMin } from "./zone-rules.ts";
import { findPlaces } from "./places.ts";

/** "W. Europe Standard Time" -> "Europe/Berlin"; also Outlook display names ("Sarajevo, Skopje, Warsaw, Zagreb"). */
export function windowsZoneToIana(name: string): string | null {
  return lookUpWindowsZone(name);
}

/** The first clear zone written in the text, as an IANA name; null when none is. Forwarded-header lines ("Sent: ... EST") are skipped. */
export function zoneFromText(text: string): string | null {
  return namedZoneInText(text)?.tz ?? null;
}

/**
 * The first clear zone written in the text, and whether it was written as a name several zones
 * share ("CET", "Eastern Time"), so that a more specific source with the same clock may name it.
 */
export function namedZoneInText(text: string): { tz: string; isGeneric: boolean } | null {
  const mentions = findZoneMentions(text);
  // Most mail names no zone: the header lines are looked for only when there is one to check.
  const headerLines = mentions.length > 0 ? findHeaderLineRanges(text) : [];
  for (const mention of mentions) {
    if (mention.tz === null || isInRanges(headerLines, mention.index)) continue;
    return { tz: mention.isGeneric ? refineGenericZone(mention.tz, text) : mention.tz, isGeneric: mention.isGeneric };
  }
  return null;
}

/** The zone of the first city, country or US postal address named in the text. */
export function zoneFromPlace(text: string): string | null {
  return findPlaces(text)[0]?.zone ?? null;
}

/** ISO 8601 with the zone's offset at that instant: "2026-03-03T14:30:00-08:00". Throws RangeError for an unknown zone. */
export function formatInZone(instantMs: number, tz: string): string {
  const offsetMin = zoneOffsetMin(tz, instantMs);
  return formatWithOffset(instantMs, offsetMin);
}

/** ISO 8601 at a fixed offset, whole seconds: what `formatInZone` gives once the zone's offset is known. */
export function formatWithOffset(instantMs: number, offsetMin: number): string {
  const whole = Math.floor(instantMs / 1000) * 1000;
  return `${formatWallClock(whole + offsetMin * MINUTE_MS)}${formatOffset(offsetMin)}`;
}

/**
 * The instant of a wall-clock time in a zone, DST-correct: the repeated hour resolves to the
 * first occurrence, a time in the spring-forward gap moves forward by the gap. Throws
 * RangeError for an unknown zone or a malformed local time.
 */
export function localToInstant(local: string, tz: string): number {
  const wall = parseWallClock(local);
  if (wall === null) throw new RangeError(`not a local date-time: ${local}`);
  zoneOffsetMin(tz, wall); // throws RangeError for an unknown zone before any arithmetic
  return wallToInstant(wall, (utcMs) => zoneOffsetMin(tz, utcMs));
}

/** True when `name` is an IANA zone (or a known alias of one). */
export function isIanaZone(name: string): boolean {
  return canonicalZoneName(name) !== null;
}
