/**
 * UTC offsets from time-zone rules. Pure, no clock.
 *
 * Why not `Intl.DateTimeFormat` everywhere: constructing the first one in an isolate loads ICU's
 * locale and zone data, 20-40 ms of CPU measured on Node 22, several times the 10 ms budget
 * for a whole message. So the zones this code names itself (every zone that the Windows, place
 * and abbreviation tables can produce) carry their current rules here as data, and `Intl` is
 * only consulted, once per zone and cached, for other IANA names found in mail.
 * The table holds the rules in force from 2026 on; test/unit/time-zones.test.ts compares it
 * with the runtime's tz database hour by hour, so a rule change shows up as a failing test.
 *
 * The same evaluator reads the rules of an iCalendar VTIMEZONE (RFC 5545 3.6.5), which have
 * the same shape: yearly onsets on "the nth/last weekday of a month at a wall-clock time".
 */

import { DAY_MS, MINUTE_MS, civilFromDays, daysFromCivil, daysInMonth, weekdayInMonth } from "./civil-dates.ts";

/** When an observance starts each year: a weekday of a month, at a wall-clock time of the offset in force before it. */
export interface YearlyOnset {
  month: number;
  /** 0 = Sunday; null for a fixed day of the month (`onOrAfter`). */
  weekday: number | null;
  /** First such weekday on or after this day of the month; null for the last one in the month. */
  onOrAfter: number | null;
  /** Minutes after midnight, wall clock in `offsetFromMin`; 1440 means midnight at the end of the day. */
  atMin: number;
}

/** One STANDARD or DAYLIGHT period: the offset it switches to and when it starts. */
export interface Observance {
  offsetFromMin: number;
  offsetToMin: number;
  /** Wall-clock ms (in `offsetFromMin`) of the first onset; -Infinity for "always". */
  firstWallMs: number;
  /** Last UTC ms at which the yearly rule may fire; null when open-ended. */
  untilMs: number | null;
  /** Yearly rule; null when the observance starts once, at `firstWallMs` (plus `extraWallMs`). */
  yearly: YearlyOnset | null;
  /** RDATE onsets, wall-clock ms in `offsetFromMin`. */
  extraWallMs: number[];
}

export interface ZoneRules {
  observances: Observance[];
}

/** One moment the offset may change: its UTC instant, and the offsets before and after it. */
interface Onset {
  utcMs: number;
  fromMin: number;
  toMin: number;
}

// The onsets near each year, per set of rules: the same few years are asked about thousands of
// times when a digest counts business days for every application.
const ONSETS = new WeakMap<ZoneRules, Map<number, Onset[]>>();

/** Every onset in `year` and the years either side (those an instant of `year` can fall after), in the rules' order. */
function onsetsAround(rules: ZoneRules, year: number): Onset[] {
  let byYear = ONSETS.get(rules);
  if (!byYear) {
    byYear = new Map();
    ONSETS.set(rules, byYear);
  }
  const cached = byYear.get(year);
  if (cached) return cached;
  const onsets: Onset[] = [];
  for (const observance of rules.observances) {
    const shift = observance.offsetFromMin * MINUTE_MS;
    const add = (utcMs: number) => onsets.push({ utcMs, fromMin: observance.offsetFromMin, toMin: observance.offsetToMin });
    if (observance.yearly) {
      for (let y = year - 1; y <= year + 1; y++) {
        const wall = yearlyOnsetWallMs(observance.yearly, y);
        if (wall < observance.firstWallMs) continue;
        const onsetUtc = wall - shift;
        if (observance.untilMs !== null && onsetUtc > observance.untilMs) continue;
        add(onsetUtc);
      }
    } else if (Number.isFinite(observance.firstWallMs)) {
      add(observance.firstWallMs - shift);
    }
    for (const wall of observance.extraWallMs) add(wall - shift);
  }
  byYear.set(year, onsets);
  return onsets;
}

/** UTC offset in minutes at an instant under a set of rules. */
export function offsetFromRules(rules: ZoneRules, utcMs: number): number {
  const only = rules.observances.length === 1 ? rules.observances[0] : undefined;
  if (only && only.yearly === null && only.extraWallMs.length === 0) return only.offsetToMin;
  const year = civilFromDays(Math.floor(utcMs / DAY_MS)).year;
  let bestOnset = -Infinity;
  let bestOffset: number | null = null;
  let earliestOnset = Infinity;
  let earliestFrom = 0;
  for (const onset of onsetsAround(rules, year)) {
    if (onset.utcMs <= utcMs && onset.utcMs > bestOnset) {
      bestOnset = onset.utcMs;
      bestOffset = onset.toMin;
    }
    if (onset.utcMs < earliestOnset) {
      earliestOnset = onset.utcMs;
      earliestFrom = onset.fromMin;
    }
  }
  return bestOffset ?? (Number.isFinite(earliestOnset) ? earliestFrom : (rules.observances[0]?.offsetFromMin ?? 0));
}

export function yearlyOnsetWallMs(onset: YearlyOnset, year: number): number {
  const day = onset.weekday === null
    ? Math.min(onset.onOrAfter ?? 1, daysInMonth(year, onset.month))
    : weekdayInMonth(year, onset.month, onset.weekday, onset.onOrAfter);
  return daysFromCivil(year, onset.month, day) * DAY_MS + onset.atMin * MINUTE_MS;
}

/**
 * The instant of a wall-clock time under any offset function. An ambiguous time (the repeated
 * hour when clocks go back) resolves to the earlier instant; a time inside the gap when clocks
 * go forward is moved forward by the gap, as Temporal's "compatible" disambiguation does
 * (02:30 on a spring-forward night becomes 03:30 daylight time).
 */
export function wallToInstant(wallMs: number, offsetAt: (utcMs: number) => number): number {
  const before = offsetAt(wallMs - DAY_MS);
  const after = offsetAt(wallMs + DAY_MS);
  let best: number | null = null;
  for (const offset of before === after ? [before] : [before, after]) {
    const candidate = wallMs - offset * MINUTE_MS;
    if (offsetAt(candidate) === offset && (best === null || candidate < best)) best = candidate;
  }
  return best ?? wallMs - before * MINUTE_MS;
}

// ---- The built-in table -------------------------------------------------------------------

interface DstRule {
  offsetMin: number;
  start: YearlyOnset;
  end: YearlyOnset;
}

function yearlyRules(standardMin: number, dst: DstRule | null, permanentFromMs?: number): ZoneRules {
  const always = -Infinity;
  if (!dst) return { observances: [{ offsetFromMin: standardMin, offsetToMin: standardMin, firstWallMs: always, untilMs: null, yearly: null, extraWallMs: [] }] };
  const until = permanentFromMs ?? null;
  const observances: Observance[] = [
    { offsetFromMin: standardMin, offsetToMin: dst.offsetMin, firstWallMs: always, untilMs: until, yearly: dst.start, extraWallMs: [] },
    { offsetFromMin: dst.offsetMin, offsetToMin: standardMin, firstWallMs: always, untilMs: until, yearly: dst.end, extraWallMs: [] },
  ];
  if (permanentFromMs !== undefined) {
    // From this instant on the daylight offset is kept all year.
    const wall = permanentFromMs + dst.offsetMin * MINUTE_MS;
    observances.push({ offsetFromMin: dst.offsetMin, offsetToMin: dst.offsetMin, firstWallMs: wall, untilMs: null, yearly: null, extraWallMs: [] });
  }
  return { observances };
}

const SUN = 0;
const H = 60;

/** US and Canada since 2007: second Sunday of March to first Sunday of November, 02:00 local. */
const usDst = (standardMin: number): DstRule => ({
  offsetMin: standardMin + H,
  start: { month: 3, weekday: SUN, onOrAfter: 8, atMin: 2 * H },
  end: { month: 11, weekday: SUN, onOrAfter: 1, atMin: 2 * H },
});

/** EU, UK and neighbours: last Sunday of March to last Sunday of October, at 01:00 UTC everywhere. */
const euDst = (standardMin: number): DstRule => ({
  offsetMin: standardMin + H,
  start: { month: 3, weekday: SUN, onOrAfter: null, atMin: H + standardMin },
  end: { month: 10, weekday: SUN, onOrAfter: null, atMin: H + standardMin + H },
});

/** South-east Australia: first Sunday of October to first Sunday of April, 02:00 standard time. */
const auDst = (standardMin: number): DstRule => ({
  offsetMin: standardMin + H,
  start: { month: 10, weekday: SUN, onOrAfter: 1, atMin: 2 * H },
  end: { month: 4, weekday: SUN, onOrAfter: 1, atMin: 3 * H },
});

const NZ_DST: DstRule = {
  offsetMin: 13 * H,
  start: { month: 9, weekday: SUN, onOrAfter: null, atMin: 2 * H },
  end: { month: 4, weekday: SUN, onOrAfter: 1, atMin: 3 * H },
};
/** Israel: the Friday before the last Sunday of March to the last Sunday of October. */
const ISRAEL_DST: DstRule = {
  offsetMin: 3 * H,
  start: { month: 3, weekday: 5, onOrAfter: 23, atMin: 2 * H },
  end: { month: 10, weekday: SUN, onOrAfter: null, atMin: 2 * H },
};
/** Chile since 2023: first Sunday from 2 September to first Sunday from 2 April, at 24:00 of the Saturday. */
const CHILE_DST: DstRule = {
  offsetMin: -3 * H,
  start: { month: 9, weekday: SUN, onOrAfter: 2, atMin: 0 },
  end: { month: 4, weekday: SUN, onOrAfter: 2, atMin: 0 },
};
/** Egypt since 2023: last Friday of April 00:00 to the end of the last Thursday of October. */
const EGYPT_DST: DstRule = {
  offsetMin: 3 * H,
  start: { month: 4, weekday: 5, onOrAfter: null, atMin: 0 },
  end: { month: 10, weekday: 4, onOrAfter: null, atMin: 24 * H },
};
const LEBANON_DST: DstRule = {
  offsetMin: 3 * H,
  start: { month: 3, weekday: SUN, onOrAfter: null, atMin: 0 },
  end: { month: 10, weekday: SUN, onOrAfter: null, atMin: 0 },
};

/** Easter Island follows Chile's changes at the same instants, two hours behind. */
const EASTER_DST: DstRule = {
  offsetMin: -5 * H,
  start: { month: 9, weekday: SUN, onOrAfter: 2, atMin: -2 * H },
  end: { month: 4, weekday: SUN, onOrAfter: 2, atMin: -2 * H },
};
/** Cuba: second Sunday of March to first Sunday of November, at midnight standard time. */
const CUBA_DST: DstRule = {
  offsetMin: -4 * H,
  start: { month: 3, weekday: SUN, onOrAfter: 8, atMin: 0 },
  end: { month: 11, weekday: SUN, onOrAfter: 1, atMin: H },
};

/** British Columbia and Alberta keep daylight time all year from the spring 2026 change on. */
const CANADA_PERMANENT_FROM_MS = { pacific: Date.UTC(2026, 2, 8, 10), mountain: Date.UTC(2026, 2, 8, 9) };

type ZoneRow = [standardMin: number, dst: DstRule | null, permanentFromMs?: number];

const ZONE_TABLE: Record<string, ZoneRow> = {
  "UTC": [0, null],
  // North America
  "America/New_York": [-5 * H, usDst(-5 * H)],
  "America/Detroit": [-5 * H, usDst(-5 * H)],
  "America/Toronto": [-5 * H, usDst(-5 * H)],
  "America/Indiana/Indianapolis": [-5 * H, usDst(-5 * H)],
  "America/Chicago": [-6 * H, usDst(-6 * H)],
  "America/Winnipeg": [-6 * H, usDst(-6 * H)],
  "America/Denver": [-7 * H, usDst(-7 * H)],
  "America/Edmonton": [-7 * H, usDst(-7 * H), CANADA_PERMANENT_FROM_MS.mountain],
  "America/Boise": [-7 * H, usDst(-7 * H)],
  "America/Phoenix": [-7 * H, null],
  "America/Los_Angeles": [-8 * H, usDst(-8 * H)],
  "America/Vancouver": [-8 * H, usDst(-8 * H), CANADA_PERMANENT_FROM_MS.pacific],
  "America/Tijuana": [-8 * H, usDst(-8 * H)],
  "America/Anchorage": [-9 * H, usDst(-9 * H)],
  "America/Adak": [-10 * H, usDst(-10 * H)],
  "Pacific/Honolulu": [-10 * H, null],
  "America/Halifax": [-4 * H, usDst(-4 * H)],
  "America/St_Johns": [-3 * H - 30, usDst(-3 * H - 30)],
  "America/Regina": [-6 * H, null],
  "America/Puerto_Rico": [-4 * H, null],
  "America/Whitehorse": [-7 * H, null],
  "America/Havana": [-5 * H, CUBA_DST],
  "America/Port-au-Prince": [-5 * H, usDst(-5 * H)],
  "America/Grand_Turk": [-5 * H, usDst(-5 * H)],
  "America/Miquelon": [-3 * H, usDst(-3 * H)],
  "America/Nuuk": [-2 * H, euDst(-2 * H)],
  "Pacific/Marquesas": [-9 * H - 30, null],
  // Latin America
  "America/Mexico_City": [-6 * H, null],
  "America/Monterrey": [-6 * H, null],
  "America/Cancun": [-5 * H, null],
  "America/Mazatlan": [-7 * H, null],
  "America/Chihuahua": [-6 * H, null],
  "Pacific/Easter": [-6 * H, EASTER_DST],
  "America/Asuncion": [-3 * H, null],
  "America/Cuiaba": [-4 * H, null],
  "America/Araguaina": [-3 * H, null],
  "America/Bahia": [-3 * H, null],
  "America/Punta_Arenas": [-3 * H, null],
  "America/Guatemala": [-6 * H, null],
  "America/Costa_Rica": [-6 * H, null],
  "America/El_Salvador": [-6 * H, null],
  "America/Panama": [-5 * H, null],
  "America/Bogota": [-5 * H, null],
  "America/Lima": [-5 * H, null],
  "America/Guayaquil": [-5 * H, null],
  "America/Caracas": [-4 * H, null],
  "America/La_Paz": [-4 * H, null],
  "America/Santo_Domingo": [-4 * H, null],
  "America/Santiago": [-4 * H, CHILE_DST],
  "America/Sao_Paulo": [-3 * H, null],
  "America/Argentina/Buenos_Aires": [-3 * H, null],
  "America/Montevideo": [-3 * H, null],
  "America/Cayenne": [-3 * H, null],
  "Atlantic/Cape_Verde": [-1 * H, null],
  // Europe
  "Europe/London": [0, euDst(0)],
  "Europe/Dublin": [0, euDst(0)],
  "Europe/Lisbon": [0, euDst(0)],
  "Atlantic/Canary": [0, euDst(0)],
  "Atlantic/Madeira": [0, euDst(0)],
  "Atlantic/Azores": [-1 * H, euDst(-1 * H)],
  "Atlantic/Reykjavik": [0, null],
  "Europe/Berlin": [H, euDst(H)],
  "Europe/Paris": [H, euDst(H)],
  "Europe/Madrid": [H, euDst(H)],
  "Europe/Rome": [H, euDst(H)],
  "Europe/Amsterdam": [H, euDst(H)],
  "Europe/Brussels": [H, euDst(H)],
  "Europe/Luxembourg": [H, euDst(H)],
  "Europe/Vienna": [H, euDst(H)],
  "Europe/Zurich": [H, euDst(H)],
  "Europe/Stockholm": [H, euDst(H)],
  "Europe/Oslo": [H, euDst(H)],
  "Europe/Copenhagen": [H, euDst(H)],
  "Europe/Warsaw": [H, euDst(H)],
  "Europe/Prague": [H, euDst(H)],
  "Europe/Bratislava": [H, euDst(H)],
  "Europe/Budapest": [H, euDst(H)],
  "Europe/Ljubljana": [H, euDst(H)],
  "Europe/Zagreb": [H, euDst(H)],
  "Europe/Belgrade": [H, euDst(H)],
  "Europe/Sarajevo": [H, euDst(H)],
  "Europe/Skopje": [H, euDst(H)],
  "Europe/Podgorica": [H, euDst(H)],
  "Europe/Tirane": [H, euDst(H)],
  "Europe/Malta": [H, euDst(H)],
  "Europe/Monaco": [H, euDst(H)],
  "Europe/Andorra": [H, euDst(H)],
  "Europe/Gibraltar": [H, euDst(H)],
  "Africa/Ceuta": [H, euDst(H)],
  "Europe/Helsinki": [2 * H, euDst(2 * H)],
  "Europe/Tallinn": [2 * H, euDst(2 * H)],
  "Europe/Riga": [2 * H, euDst(2 * H)],
  "Europe/Vilnius": [2 * H, euDst(2 * H)],
  "Europe/Kyiv": [2 * H, euDst(2 * H)],
  "Europe/Bucharest": [2 * H, euDst(2 * H)],
  "Europe/Sofia": [2 * H, euDst(2 * H)],
  "Europe/Athens": [2 * H, euDst(2 * H)],
  "Asia/Nicosia": [2 * H, euDst(2 * H)],
  "Europe/Chisinau": [2 * H, euDst(2 * H)],
  "Europe/Kaliningrad": [2 * H, null],
  "Europe/Istanbul": [3 * H, null],
  "Europe/Minsk": [3 * H, null],
  "Europe/Moscow": [3 * H, null],
  "Europe/Volgograd": [3 * H, null],
  "Europe/Astrakhan": [4 * H, null],
  "Europe/Samara": [4 * H, null],
  "Europe/Saratov": [4 * H, null],
  // Africa and the Middle East
  "Africa/Lagos": [H, null],
  "Africa/Algiers": [H, null],
  "Africa/Tunis": [H, null],
  "Africa/Accra": [0, null],
  "Africa/Abidjan": [0, null],
  "Africa/Dakar": [0, null],
  "Africa/Johannesburg": [2 * H, null],
  "Africa/Maputo": [2 * H, null],
  "Africa/Harare": [2 * H, null],
  "Africa/Lusaka": [2 * H, null],
  "Africa/Kigali": [2 * H, null],
  "Africa/Tripoli": [2 * H, null],
  "Africa/Khartoum": [2 * H, null],
  "Africa/Juba": [2 * H, null],
  "Africa/Windhoek": [2 * H, null],
  "Africa/Sao_Tome": [0, null],
  "Africa/Cairo": [2 * H, EGYPT_DST],
  "Africa/Nairobi": [3 * H, null],
  "Africa/Addis_Ababa": [3 * H, null],
  "Africa/Kampala": [3 * H, null],
  "Africa/Dar_es_Salaam": [3 * H, null],
  "Asia/Jerusalem": [2 * H, ISRAEL_DST],
  "Asia/Beirut": [2 * H, LEBANON_DST],
  "Asia/Amman": [3 * H, null],
  "Asia/Damascus": [3 * H, null],
  "Asia/Baghdad": [3 * H, null],
  "Asia/Riyadh": [3 * H, null],
  "Asia/Kuwait": [3 * H, null],
  "Asia/Qatar": [3 * H, null],
  "Asia/Bahrain": [3 * H, null],
  "Asia/Tehran": [3 * H + 30, null],
  "Asia/Dubai": [4 * H, null],
  "Asia/Muscat": [4 * H, null],
  "Asia/Baku": [4 * H, null],
  "Asia/Tbilisi": [4 * H, null],
  "Asia/Yerevan": [4 * H, null],
  "Indian/Mauritius": [4 * H, null],
  // Asia and the Pacific
  "Asia/Kabul": [4 * H + 30, null],
  "Asia/Karachi": [5 * H, null],
  "Asia/Tashkent": [5 * H, null],
  "Asia/Yekaterinburg": [5 * H, null],
  "Asia/Qyzylorda": [5 * H, null],
  "Asia/Almaty": [5 * H, null],
  "Asia/Omsk": [6 * H, null],
  "Asia/Barnaul": [7 * H, null],
  "Asia/Tomsk": [7 * H, null],
  "Asia/Krasnoyarsk": [7 * H, null],
  "Asia/Hovd": [7 * H, null],
  "Asia/Ulaanbaatar": [8 * H, null],
  "Australia/Eucla": [8 * H + 45, null],
  "Asia/Chita": [9 * H, null],
  "Asia/Yakutsk": [9 * H, null],
  "Asia/Pyongyang": [9 * H, null],
  "Asia/Kolkata": [5 * H + 30, null],
  "Asia/Colombo": [5 * H + 30, null],
  "Asia/Kathmandu": [5 * H + 45, null],
  "Asia/Dhaka": [6 * H, null],
  "Asia/Bishkek": [6 * H, null],
  "Asia/Yangon": [6 * H + 30, null],
  "Asia/Bangkok": [7 * H, null],
  "Asia/Ho_Chi_Minh": [7 * H, null],
  "Asia/Jakarta": [7 * H, null],
  "Asia/Phnom_Penh": [7 * H, null],
  "Asia/Novosibirsk": [7 * H, null],
  "Asia/Makassar": [8 * H, null],
  "Asia/Singapore": [8 * H, null],
  "Asia/Kuala_Lumpur": [8 * H, null],
  "Asia/Manila": [8 * H, null],
  "Asia/Shanghai": [8 * H, null],
  "Asia/Hong_Kong": [8 * H, null],
  "Asia/Macau": [8 * H, null],
  "Asia/Taipei": [8 * H, null],
  "Asia/Irkutsk": [8 * H, null],
  "Australia/Perth": [8 * H, null],
  "Asia/Jayapura": [9 * H, null],
  "Asia/Tokyo": [9 * H, null],
  "Asia/Seoul": [9 * H, null],
  "Australia/Darwin": [9 * H + 30, null],
  "Australia/Adelaide": [9 * H + 30, auDst(9 * H + 30)],
  "Australia/Brisbane": [10 * H, null],
  "Australia/Sydney": [10 * H, auDst(10 * H)],
  "Australia/Melbourne": [10 * H, auDst(10 * H)],
  "Australia/Hobart": [10 * H, auDst(10 * H)],
  "Asia/Vladivostok": [10 * H, null],
  "Pacific/Guam": [10 * H, null],
  "Pacific/Port_Moresby": [10 * H, null],
  "Pacific/Guadalcanal": [11 * H, null],
  "Pacific/Bougainville": [11 * H, null],
  "Pacific/Norfolk": [11 * H, auDst(11 * H)],
  "Asia/Magadan": [11 * H, null],
  "Asia/Sakhalin": [11 * H, null],
  "Asia/Srednekolymsk": [11 * H, null],
  "Asia/Kamchatka": [12 * H, null],
  "Pacific/Fiji": [12 * H, null],
  "Pacific/Apia": [13 * H, null],
  "Pacific/Kiritimati": [14 * H, null],
  "Pacific/Noumea": [11 * H, null],
  "Pacific/Auckland": [12 * H, NZ_DST],
  "Pacific/Tongatapu": [13 * H, null],
};

/** Old or alternative names of zones in the table, to their current canonical names. */
const ZONE_ALIASES: Record<string, string> = {
  "Etc/UTC": "UTC", "Etc/GMT": "UTC", "GMT": "UTC", "Etc/Universal": "UTC", "Universal": "UTC", "Zulu": "UTC", "Etc/Zulu": "UTC", "UCT": "UTC", "Etc/UCT": "UTC", "Etc/Greenwich": "UTC", "Greenwich": "UTC",
  "US/Eastern": "America/New_York", "US/Central": "America/Chicago", "US/Mountain": "America/Denver", "US/Pacific": "America/Los_Angeles",
  "US/Alaska": "America/Anchorage", "US/Hawaii": "Pacific/Honolulu", "US/Arizona": "America/Phoenix", "US/Michigan": "America/Detroit",
  "Canada/Eastern": "America/Toronto", "Canada/Central": "America/Winnipeg", "Canada/Mountain": "America/Edmonton", "Canada/Pacific": "America/Vancouver",
  "Canada/Atlantic": "America/Halifax", "Canada/Newfoundland": "America/St_Johns", "America/Montreal": "America/Toronto",
  "America/Indianapolis": "America/Indiana/Indianapolis", "America/Godthab": "America/Nuuk", "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "Brazil/East": "America/Sao_Paulo", "Mexico/General": "America/Mexico_City", "Chile/Continental": "America/Santiago",
  "Europe/Kiev": "Europe/Kyiv", "Europe/Belfast": "Europe/London", "GB": "Europe/London", "Eire": "Europe/Dublin", "Portugal": "Europe/Lisbon",
  "Poland": "Europe/Warsaw", "Turkey": "Europe/Istanbul", "Asia/Istanbul": "Europe/Istanbul", "W-SU": "Europe/Moscow", "Iceland": "Atlantic/Reykjavik",
  "Asia/Calcutta": "Asia/Kolkata", "Asia/Saigon": "Asia/Ho_Chi_Minh", "Asia/Katmandu": "Asia/Kathmandu", "Asia/Rangoon": "Asia/Yangon",
  "Asia/Dacca": "Asia/Dhaka", "Asia/Tel_Aviv": "Asia/Jerusalem", "Israel": "Asia/Jerusalem", "Egypt": "Africa/Cairo", "Iran": "Asia/Tehran",
  "PRC": "Asia/Shanghai", "Asia/Chongqing": "Asia/Shanghai", "Asia/Harbin": "Asia/Shanghai", "Hongkong": "Asia/Hong_Kong", "ROC": "Asia/Taipei",
  "Japan": "Asia/Tokyo", "ROK": "Asia/Seoul", "Singapore": "Asia/Singapore", "Asia/Ujung_Pandang": "Asia/Makassar",
  "Australia/ACT": "Australia/Sydney", "Australia/NSW": "Australia/Sydney", "Australia/Canberra": "Australia/Sydney", "Australia/Victoria": "Australia/Melbourne",
  "Australia/Queensland": "Australia/Brisbane", "Australia/West": "Australia/Perth", "Australia/South": "Australia/Adelaide", "Australia/North": "Australia/Darwin",
  "Australia/Tasmania": "Australia/Hobart", "NZ": "Pacific/Auckland",
};

const RULES_CACHE = new Map<string, ZoneRules>();

/** Built-in rules for a canonical zone name (see `canonicalZoneName`), or null when not in the table. */
export function builtInRules(name: string): ZoneRules | null {
  const cached = RULES_CACHE.get(name);
  if (cached) return cached;
  const row = ZONE_TABLE[name];
  let rules: ZoneRules | null = row ? yearlyRules(row[0], row[1], row[2]) : null;
  const etc = /^Etc\/GMT([+-])(\d{1,2})$/.exec(name);
  if (!rules && etc?.[1] && etc[2] && Number(etc[2]) <= 14) {
    // POSIX sign: Etc/GMT+5 is five hours *behind* UTC.
    rules = yearlyRules((etc[1] === "+" ? -1 : 1) * Number(etc[2]) * H, null);
  }
  if (rules) RULES_CACHE.set(name, rules);
  return rules;
}

/** A key equal for zones whose clocks agree at every instant, so one can stand for another. */
export function rulesSignature(name: string): string | null {
  const row = ZONE_TABLE[name];
  return row ? JSON.stringify(row) : null;
}

export function builtInZoneNames(): string[] {
  return Object.keys(ZONE_TABLE);
}

// ---- Other IANA zones, through Intl -------------------------------------------------------

const INTL_FORMATS = new Map<string, Intl.DateTimeFormat | null>();

function intlFormat(name: string): Intl.DateTimeFormat | null {
  if (INTL_FORMATS.has(name)) return INTL_FORMATS.get(name) ?? null;
  let format: Intl.DateTimeFormat | null = null;
  try {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone: name, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric",
    });
  } catch {
    format = null;
  }
  INTL_FORMATS.set(name, format);
  return format;
}

function intlOffset(format: Intl.DateTimeFormat, utcMs: number): number {
  const parts: Record<string, number> = {};
  for (const part of format.formatToParts(utcMs)) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  const wall = daysFromCivil(parts.year ?? 1970, parts.month ?? 1, parts.day ?? 1) * DAY_MS +
    (((parts.hour ?? 0) * 60 + (parts.minute ?? 0)) * 60 + (parts.second ?? 0)) * 1000;
  return Math.round((wall - (utcMs - (((utcMs % 1000) + 1000) % 1000))) / MINUTE_MS);
}

const IANA_SHAPE_RE = /^(?:[A-Za-z][A-Za-z0-9_+-]*)(?:\/[A-Za-z0-9_+-]+){0,2}$/;
const CANONICAL_CACHE = new Map<string, string | null>();

/**
 * The canonical IANA name for a zone name, or null when it is not a zone. Names in the table
 * and their aliases resolve without Intl; anything else that looks like an IANA name is
 * checked (once) against the runtime's tz database and kept as written.
 */
export function canonicalZoneName(name: string): string | null {
  const trimmed = name.trim();
  if (CANONICAL_CACHE.has(trimmed)) return CANONICAL_CACHE.get(trimmed) ?? null;
  let result: string | null = null;
  if (ZONE_TABLE[trimmed] || /^Etc\/GMT[+-]\d{1,2}$/.test(trimmed)) result = builtInRules(trimmed) ? trimmed : null;
  else if (ZONE_ALIASES[trimmed]) result = ZONE_ALIASES[trimmed] ?? null;
  else if (IANA_SHAPE_RE.test(trimmed) && trimmed.length <= 40) {
    const caseless = findCaseless(trimmed);
    if (caseless) result = caseless;
    else if (intlFormat(trimmed)) result = trimmed;
  }
  CANONICAL_CACHE.set(trimmed, result);
  return result;
}

let caselessIndex: Map<string, string> | null = null;

function findCaseless(name: string): string | null {
  if (!caselessIndex) {
    caselessIndex = new Map();
    for (const key of Object.keys(ZONE_TABLE)) caselessIndex.set(key.toLowerCase(), key);
    for (const [key, value] of Object.entries(ZONE_ALIASES)) caselessIndex.set(key.toLowerCase(), value);
  }
  return caselessIndex.get(name.toLowerCase()) ?? null;
}

/** UTC offset in minutes of an IANA zone at an instant. Throws RangeError for an unknown zone. */
export function zoneOffsetMin(name: string, utcMs: number): number {
  const canonical = canonicalZoneName(name);
  if (canonical === null) throw new RangeError(`unknown time zone: ${name}`);
  const rules = builtInRules(canonical);
  if (rules) return offsetFromRules(rules, utcMs);
  const format = intlFormat(canonical);
  if (!format) throw new RangeError(`unknown time zone: ${name}`);
  return intlOffset(format, utcMs);
}
