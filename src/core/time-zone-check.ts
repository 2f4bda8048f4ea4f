/** Whether a string names an IANA time zone the runtime knows. Pure. */
const known = new Map<string, boolean>();

export function isIanaTimeZone(zone: string): boolean {
  const cached = known.get(zone);
  if (cached !== undefined) return cached;
  let valid = zone.length > 0 && zone.length < 64;
  if (valid) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: zone });
    } catch {
      valid = false;
    }
  }
  known.set(zone, valid);
  return valid;
}
