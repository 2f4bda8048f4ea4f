/**
 * Human-readable instants in a given IANA zone, for confirmations and digests. Pure; the
 * formatters are cached per zone because constructing Intl.DateTimeFormat is the costly part.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError for a zone the runtime does not know. */
function formatter(timeZone: string, zoneName: "short" | "long" = "short"): Intl.DateTimeFormat {
  const key = `${zoneName} ${timeZone}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
      timeZoneName: zoneName,
    });
    formatters.set(key, f);
  }
  return f;
}

function partsOf(instantMs: number, timeZone: string, zoneName: "short" | "long" = "short"): Record<string, string> {
  return Object.fromEntries(formatter(timeZone, zoneName).formatToParts(new Date(instantMs)).map((p) => [p.type, p.value]));
}

/**
 * "Tue 3 Mar 2026, 14:30 GMT+1" in the given zone; with `zoneName` "long", the zone spelled
 * out: "Tue 3 Mar 2026, 14:30 Pacific Standard Time".
 */
export function formatInstant(instantMs: number, timeZone: string, zoneName: "short" | "long" = "short"): string {
  const parts = partsOf(instantMs, timeZone, zoneName);
  return `${parts.weekday} ${parts.day} ${parts.month} ${parts.year}, ${parts.hour}:${parts.minute} ${parts.timeZoneName}`;
}

/** The place a zone is named after, as people say it: "New York" for America/New_York. */
export function describeZonePlace(timeZone: string): string {
  return (timeZone.split("/").at(-1) ?? timeZone).replaceAll("_", " ");
}

/**
 * An instant on the owner's clock and, when the interview's zone differs, on the interviewer's,
 * named by its place: "Tue 8 Dec 2026, 06:00 GMT-8 (your time); 09:00 New York time". Their
 * date is repeated only when it is not the owner's.
 */
export function describeBothTimes(instantMs: number, yourZone: string, theirZone: string | null): string {
  const mine = `${formatInstant(instantMs, yourZone)} (your time)`;
  if (theirZone === null || theirZone === yourZone) return mine;
  const yours = partsOf(instantMs, yourZone);
  const theirs = partsOf(instantMs, theirZone);
  const sameDay = yours.day === theirs.day && yours.month === theirs.month && yours.year === theirs.year;
  const day = sameDay ? "" : `${theirs.weekday} ${theirs.day} ${theirs.month}, `;
  return `${mine}; ${day}${theirs.hour}:${theirs.minute} ${describeZonePlace(theirZone)} time`;
}
