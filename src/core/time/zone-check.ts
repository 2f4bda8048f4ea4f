/**
 * Whether a string names an IANA time zone, as the time code computes with it
 * (src/core/time/zone-rules.ts): the zones in its table and their aliases answer without `Intl`,
 * whose first use loads the runtime's whole time-zone database (20-40 ms on a cold isolate,
 * paid here by every handler that validates its settings). Other IANA-shaped names are checked
 * once against the runtime. Offsets such as "+05:00" and padded names are not IANA zones. Pure.
 */
import { canonicalZoneName } from "./zone-rules.ts";

export function isIanaTimeZone(zone: string): boolean {
  return zone === zone.trim() && canonicalZoneName(zone) !== null;
}
