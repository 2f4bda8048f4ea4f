/**
 * Nationwide public holidays for a documented set of countries, computed from their rules
 * (fixed dates, Easter offsets, n-th weekdays, and the substitute-day conventions). Pure: no
 * clock, no I/O; results are memoised per country and year.
 *
 * Why not a library: `date-holidays` (every country, regions, lunar calendars) bundles to
 * about 1.45 MB minified / 241 KB gzip, and even its parser alone pulls in moment-timezone
 * (1.0 MB / 148 KB) — several times the whole Worker. Business-day counting only needs the
 * days on which an office is closed nationwide, which this file computes in a few KB.
 *
 * Covered (nationwide holidays only; regional ones such as German Länder, Spanish
 * comunidades or Swiss cantonal days are not, nor one-off days such as coronations):
 * AT, BE, CH (days kept in nearly all cantons), DE, ES, FR (metropolitan), GB (England and
 * Wales bank holidays), IE, IT, NL, PT, US (federal). Any other country, or none, means
 * weekends only.
 */
import { civilFromDays } from "./civil-dates.ts";

/** An ISO 3166-1 alpha-2 code this file knows the holidays of. */
export const HOLIDAY_COUNTRIES = ["AT", "BE", "CH", "DE", "ES", "FR", "GB", "IE", "IT", "NL", "PT", "US"] as const;
export type HolidayCountry = (typeof HOLIDAY_COUNTRIES)[number];

type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6; // Sunday = 0, as Date#getUTCDay

/**
 * How a holiday that falls on a weekend is made up for:
 * - "next_free_weekday": the next weekday not already a holiday (GB, IE: 25 Dec on a Saturday
 *   → Monday 27, Boxing Day → Tuesday 28);
 * - "nearest_weekday": Saturday → the Friday before, Sunday → the Monday after (US federal).
 */
type Substitute = "next_free_weekday" | "nearest_weekday";

type HolidayRule =
  | { name: string; month: number; day: number; substitute?: Substitute; fromYear?: number }
  | { name: string; easterOffsetDays: number }
  | { name: string; month: number; weekday: Weekday; nth: 1 | 2 | 3 | 4 | "last" }
  | { name: string; custom: (year: number) => number | null };

const MONDAY: Weekday = 1;
const THURSDAY: Weekday = 4;

const RULES: Record<HolidayCountry, readonly HolidayRule[]> = {
  AT: [
    { name: "Neujahr", month: 1, day: 1 },
    { name: "Heilige Drei Könige", month: 1, day: 6 },
    { name: "Ostermontag", easterOffsetDays: 1 },
    { name: "Staatsfeiertag", month: 5, day: 1 },
    { name: "Christi Himmelfahrt", easterOffsetDays: 39 },
    { name: "Pfingstmontag", easterOffsetDays: 50 },
    { name: "Fronleichnam", easterOffsetDays: 60 },
    { name: "Mariä Himmelfahrt", month: 8, day: 15 },
    { name: "Nationalfeiertag", month: 10, day: 26 },
    { name: "Allerheiligen", month: 11, day: 1 },
    { name: "Mariä Empfängnis", month: 12, day: 8 },
    { name: "Christtag", month: 12, day: 25 },
    { name: "Stefanitag", month: 12, day: 26 },
  ],
  BE: [
    { name: "Nieuwjaar", month: 1, day: 1 },
    { name: "Paasmaandag", easterOffsetDays: 1 },
    { name: "Dag van de Arbeid", month: 5, day: 1 },
    { name: "O.L.H. Hemelvaart", easterOffsetDays: 39 },
    { name: "Pinkstermaandag", easterOffsetDays: 50 },
    { name: "Nationale feestdag", month: 7, day: 21 },
    { name: "O.L.V. Hemelvaart", month: 8, day: 15 },
    { name: "Allerheiligen", month: 11, day: 1 },
    { name: "Wapenstilstand", month: 11, day: 11 },
    { name: "Kerstmis", month: 12, day: 25 },
  ],
  CH: [
    { name: "Neujahr", month: 1, day: 1 },
    { name: "Karfreitag", easterOffsetDays: -2 },
    { name: "Ostermontag", easterOffsetDays: 1 },
    { name: "Auffahrt", easterOffsetDays: 39 },
    { name: "Pfingstmontag", easterOffsetDays: 50 },
    { name: "Bundesfeier", month: 8, day: 1 },
    { name: "Weihnachten", month: 12, day: 25 },
    { name: "Stephanstag", month: 12, day: 26 },
  ],
  DE: [
    { name: "Neujahr", month: 1, day: 1 },
    { name: "Karfreitag", easterOffsetDays: -2 },
    { name: "Ostermontag", easterOffsetDays: 1 },
    { name: "Tag der Arbeit", month: 5, day: 1 },
    { name: "Christi Himmelfahrt", easterOffsetDays: 39 },
    { name: "Pfingstmontag", easterOffsetDays: 50 },
    { name: "Tag der Deutschen Einheit", month: 10, day: 3 },
    { name: "1. Weihnachtstag", month: 12, day: 25 },
    { name: "2. Weihnachtstag", month: 12, day: 26 },
  ],
  ES: [
    { name: "Año Nuevo", month: 1, day: 1 },
    { name: "Epifanía del Señor", month: 1, day: 6 },
    { name: "Viernes Santo", easterOffsetDays: -2 },
    { name: "Fiesta del Trabajo", month: 5, day: 1 },
    { name: "Asunción de la Virgen", month: 8, day: 15 },
    { name: "Fiesta Nacional de España", month: 10, day: 12 },
    { name: "Todos los Santos", month: 11, day: 1 },
    { name: "Día de la Constitución", month: 12, day: 6 },
    { name: "Inmaculada Concepción", month: 12, day: 8 },
    { name: "Navidad", month: 12, day: 25 },
  ],
  FR: [
    { name: "Jour de l'an", month: 1, day: 1 },
    { name: "Lundi de Pâques", easterOffsetDays: 1 },
    { name: "Fête du Travail", month: 5, day: 1 },
    { name: "Victoire 1945", month: 5, day: 8 },
    { name: "Ascension", easterOffsetDays: 39 },
    { name: "Lundi de Pentecôte", easterOffsetDays: 50 },
    { name: "Fête nationale", month: 7, day: 14 },
    { name: "Assomption", month: 8, day: 15 },
    { name: "Toussaint", month: 11, day: 1 },
    { name: "Armistice 1918", month: 11, day: 11 },
    { name: "Noël", month: 12, day: 25 },
  ],
  GB: [
    { name: "New Year's Day", month: 1, day: 1, substitute: "next_free_weekday" },
    { name: "Good Friday", easterOffsetDays: -2 },
    { name: "Easter Monday", easterOffsetDays: 1 },
    { name: "Early May bank holiday", month: 5, weekday: MONDAY, nth: 1 },
    { name: "Spring bank holiday", month: 5, weekday: MONDAY, nth: "last" },
    { name: "Summer bank holiday", month: 8, weekday: MONDAY, nth: "last" },
    { name: "Christmas Day", month: 12, day: 25, substitute: "next_free_weekday" },
    { name: "Boxing Day", month: 12, day: 26, substitute: "next_free_weekday" },
  ],
  IE: [
    { name: "New Year's Day", month: 1, day: 1, substitute: "next_free_weekday" },
    { name: "St Brigid's Day", custom: stBrigidsDay },
    { name: "St Patrick's Day", month: 3, day: 17, substitute: "next_free_weekday" },
    { name: "Easter Monday", easterOffsetDays: 1 },
    { name: "May bank holiday", month: 5, weekday: MONDAY, nth: 1 },
    { name: "June bank holiday", month: 6, weekday: MONDAY, nth: 1 },
    { name: "August bank holiday", month: 8, weekday: MONDAY, nth: 1 },
    { name: "October bank holiday", month: 10, weekday: MONDAY, nth: "last" },
    { name: "Christmas Day", month: 12, day: 25, substitute: "next_free_weekday" },
    { name: "St Stephen's Day", month: 12, day: 26, substitute: "next_free_weekday" },
  ],
  IT: [
    { name: "Capodanno", month: 1, day: 1 },
    { name: "Epifania", month: 1, day: 6 },
    { name: "Lunedì dell'Angelo", easterOffsetDays: 1 },
    { name: "Festa della Liberazione", month: 4, day: 25 },
    { name: "Festa del Lavoro", month: 5, day: 1 },
    { name: "Festa della Repubblica", month: 6, day: 2 },
    { name: "Ferragosto", month: 8, day: 15 },
    // Restored as a national holiday from 2026 on.
    { name: "San Francesco d'Assisi", month: 10, day: 4, fromYear: 2026 },
    { name: "Ognissanti", month: 11, day: 1 },
    { name: "Immacolata Concezione", month: 12, day: 8 },
    { name: "Natale", month: 12, day: 25 },
    { name: "Santo Stefano", month: 12, day: 26 },
  ],
  NL: [
    { name: "Nieuwjaarsdag", month: 1, day: 1 },
    { name: "Tweede Paasdag", easterOffsetDays: 1 },
    { name: "Koningsdag", custom: kingsDay },
    // A day off for most employees only in lustrum years (2025, 2030, ...).
    { name: "Bevrijdingsdag", custom: (year) => (year % 5 === 0 ? utcDay(year, 5, 5) : null) },
    { name: "Hemelvaartsdag", easterOffsetDays: 39 },
    { name: "Tweede Pinksterdag", easterOffsetDays: 50 },
    { name: "Eerste Kerstdag", month: 12, day: 25 },
    { name: "Tweede Kerstdag", month: 12, day: 26 },
  ],
  PT: [
    { name: "Ano Novo", month: 1, day: 1 },
    { name: "Sexta-feira Santa", easterOffsetDays: -2 },
    { name: "Dia da Liberdade", month: 4, day: 25 },
    { name: "Dia do Trabalhador", month: 5, day: 1 },
    { name: "Corpo de Deus", easterOffsetDays: 60 },
    { name: "Dia de Portugal", month: 6, day: 10 },
    { name: "Assunção de Nossa Senhora", month: 8, day: 15 },
    { name: "Implantação da República", month: 10, day: 5 },
    { name: "Todos os Santos", month: 11, day: 1 },
    { name: "Restauração da Independência", month: 12, day: 1 },
    { name: "Imaculada Conceição", month: 12, day: 8 },
    { name: "Natal", month: 12, day: 25 },
  ],
  US: [
    { name: "New Year's Day", month: 1, day: 1, substitute: "nearest_weekday" },
    { name: "Birthday of Martin Luther King, Jr.", month: 1, weekday: MONDAY, nth: 3 },
    { name: "Washington's Birthday", month: 2, weekday: MONDAY, nth: 3 },
    { name: "Memorial Day", month: 5, weekday: MONDAY, nth: "last" },
    { name: "Juneteenth National Independence Day", month: 6, day: 19, substitute: "nearest_weekday" },
    { name: "Independence Day", month: 7, day: 4, substitute: "nearest_weekday" },
    { name: "Labor Day", month: 9, weekday: MONDAY, nth: 1 },
    { name: "Columbus Day", month: 10, weekday: MONDAY, nth: 2 },
    { name: "Veterans Day", month: 11, day: 11, substitute: "nearest_weekday" },
    { name: "Thanksgiving Day", month: 11, weekday: THURSDAY, nth: 4 },
    { name: "Christmas Day", month: 12, day: 25, substitute: "nearest_weekday" },
  ],
};

const DAY_MS = 24 * 60 * 60 * 1000;
const cache = new Map<string, ReadonlyMap<string, string>>();
/** The same days as civil day numbers, by country as given and year. */
const dayNumberCache = new Map<string, Map<number, ReadonlySet<number>>>();

/**
 * The zones that lie wholly in one country this file knows the holidays of. Used only when no
 * country is configured (a user in America/Los_Angeles keeps Christmas), and to tell the
 * employer's holidays from the zone an interview was given in. A zone shared by several
 * countries is left out, so it never guesses a country.
 */
const COUNTRY_OF_ZONE: ReadonlyMap<string, HolidayCountry> = new Map([
  ...listZones("US", [
    "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Phoenix", "America/Anchorage",
    "America/Detroit", "America/Boise", "America/Juneau", "America/Sitka", "America/Nome", "America/Adak", "America/Menominee",
    "America/Indiana/Indianapolis", "America/Indiana/Knox", "America/Indiana/Marengo", "America/Indiana/Petersburg",
    "America/Indiana/Tell_City", "America/Indiana/Vevay", "America/Indiana/Vincennes", "America/Indiana/Winamac",
    "America/Kentucky/Louisville", "America/Kentucky/Monticello", "America/North_Dakota/Center", "America/North_Dakota/New_Salem",
    "America/North_Dakota/Beulah", "Pacific/Honolulu", "US/Eastern", "US/Central", "US/Mountain", "US/Pacific", "US/Arizona",
    "US/Alaska", "US/Hawaii",
  ]),
  ...listZones("AT", ["Europe/Vienna"]),
  ...listZones("BE", ["Europe/Brussels"]),
  ...listZones("CH", ["Europe/Zurich"]),
  ...listZones("DE", ["Europe/Berlin"]),
  ...listZones("ES", ["Europe/Madrid", "Africa/Ceuta", "Atlantic/Canary"]),
  ...listZones("FR", ["Europe/Paris"]),
  ...listZones("GB", ["Europe/London"]),
  ...listZones("IE", ["Europe/Dublin"]),
  ...listZones("IT", ["Europe/Rome"]),
  ...listZones("NL", ["Europe/Amsterdam"]),
  ...listZones("PT", ["Europe/Lisbon", "Atlantic/Madeira", "Atlantic/Azores"]),
]);

/** The country whose holidays apply in an IANA zone, or null when the zone spans countries or none is known. */
export function countryOfZone(timeZone: string): HolidayCountry | null {
  return COUNTRY_OF_ZONE.get(timeZone) ?? null;
}

function listZones(country: HolidayCountry, zones: readonly string[]): [string, HolidayCountry][] {
  return zones.map((zone) => [zone, country]);
}

export function isHolidayCountry(country: string): country is HolidayCountry {
  return (HOLIDAY_COUNTRIES as readonly string[]).includes(country);
}

/**
 * The public holidays of `country` in `year`, as local date ("YYYY-MM-DD") → name. Observed
 * substitute days are included next to the day itself; a US holiday observed on 31 December
 * belongs to the year it is observed in. Unknown countries have none.
 */
export function listPublicHolidays(country: string, year: number): ReadonlyMap<string, string> {
  const code = country.toUpperCase();
  if (!isHolidayCountry(code)) return new Map();
  const cacheKey = `${code}:${year}`;
  const cached = cache.get(cacheKey);
  if (cached) return cached;
  const days = new Map<string, string>();
  // A Saturday 1 January is observed on the Friday before, in the previous year.
  for (const [day, name] of computeYear(RULES[code], year + 1)) if (day.startsWith(`${year}-`)) days.set(day, name);
  for (const [day, name] of computeYear(RULES[code], year)) if (day.startsWith(`${year}-`)) days.set(day, name);
  cache.set(cacheKey, days);
  return days;
}

/** Whether a local date ("YYYY-MM-DD") is a public holiday in `country` (null: none). */
export function isPublicHoliday(day: string, country: string | null): boolean {
  if (country === null) return false;
  return listPublicHolidays(country, Number(day.slice(0, 4))).has(day);
}

/**
 * Whether a civil day number (days since 1970-01-01, src/core/time/civil-dates.ts) is a public
 * holiday in `country`: `isPublicHoliday` without a date string, for counting business days,
 * which looks up every day it passes.
 */
export function isPublicHolidayDayNumber(days: number, country: string): boolean {
  const year = civilFromDays(days).year;
  let byYear = dayNumberCache.get(country);
  if (!byYear) {
    byYear = new Map();
    dayNumberCache.set(country, byYear);
  }
  let holidays = byYear.get(year);
  if (!holidays) {
    holidays = new Set(Array.from(listPublicHolidays(country, year).keys(), (day) => Date.parse(day) / DAY_MS));
    byYear.set(year, holidays);
  }
  return holidays.has(days);
}

function computeYear(rules: readonly HolidayRule[], year: number): Map<string, string> {
  const days = new Map<string, string>();
  const weekendSubstitutes: { base: number; name: string; substitute: Substitute }[] = [];
  for (const rule of rules) {
    const base = ruleDay(rule, year);
    if (base === null) continue;
    days.set(isoDay(base), rule.name);
    const substitute = "substitute" in rule ? rule.substitute : undefined;
    if (substitute && isWeekendDay(base)) weekendSubstitutes.push({ base, name: rule.name, substitute });
  }
  // Substitutes are placed in date order after every weekday holiday is known, so 25 and 26
  // December on a weekend take Monday and Tuesday rather than the same day.
  weekendSubstitutes.sort((a, b) => a.base - b.base);
  for (const { base, name, substitute } of weekendSubstitutes) {
    let observed: number;
    if (substitute === "nearest_weekday") {
      observed = base + (new Date(base).getUTCDay() === 6 ? -DAY_MS : DAY_MS);
    } else {
      observed = base + DAY_MS;
      while (isWeekendDay(observed) || days.has(isoDay(observed))) observed += DAY_MS;
    }
    days.set(isoDay(observed), `${name} (substitute day)`);
  }
  return days;
}

function ruleDay(rule: HolidayRule, year: number): number | null {
  if ("custom" in rule) return rule.custom(year);
  if ("easterOffsetDays" in rule) return easterSunday(year) + rule.easterOffsetDays * DAY_MS;
  if ("weekday" in rule) return nthWeekday(year, rule.month, rule.weekday, rule.nth);
  if (rule.fromYear !== undefined && year < rule.fromYear) return null;
  return utcDay(year, rule.month, rule.day);
}

/** Gregorian Easter Sunday (the anonymous "Meeus/Jones/Butcher" algorithm), as UTC midnight. */
function easterSunday(year: number): number {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utcDay(year, month, day);
}

function nthWeekday(year: number, month: number, weekday: Weekday, nth: 1 | 2 | 3 | 4 | "last"): number {
  if (nth === "last") {
    const lastOfMonth = utcDay(year, month + 1, 1) - DAY_MS;
    const back = (new Date(lastOfMonth).getUTCDay() - weekday + 7) % 7;
    return lastOfMonth - back * DAY_MS;
  }
  const first = utcDay(year, month, 1);
  const forward = (weekday - new Date(first).getUTCDay() + 7) % 7;
  return first + (forward + (nth - 1) * 7) * DAY_MS;
}

/** Ireland since 2023: the first Monday of February, or 1 February when that is a Friday. */
function stBrigidsDay(year: number): number | null {
  if (year < 2023) return null;
  const first = utcDay(year, 2, 1);
  return new Date(first).getUTCDay() === 5 ? first : nthWeekday(year, 2, MONDAY, 1);
}

/** 27 April, or the Saturday before when the 27th is a Sunday. */
function kingsDay(year: number): number {
  const day = utcDay(year, 4, 27);
  return new Date(day).getUTCDay() === 0 ? day - DAY_MS : day;
}

function utcDay(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day);
}

function isWeekendDay(utcMidnight: number): boolean {
  const weekday = new Date(utcMidnight).getUTCDay();
  return weekday === 0 || weekday === 6;
}

function isoDay(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}
