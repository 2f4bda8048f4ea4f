/**
 * Time zones written in text: IANA names, UTC offsets, abbreviations ("PT", "CEST", "WITA"),
 * long names ("Pacific Time", "Central European Summer Time", "mitteleuropäische Sommerzeit",
 * "heure d'Europe centrale", "Nederlandse tijd") and local phrasings naming a place ("heure de
 * Paris", "hora de Lisboa", "Lisbon time", "Berliner Zeit"). Pure.
 *
 * Long names are looked up word by word in a phrase table around their keyword (time, Zeit,
 * tijd, heure, hora) rather than matched by one large pattern, which costs milliseconds to
 * compile in a fresh isolate.
 *
 * Abbreviations shared by several zones (CET, ET, GMT) give their usual zone and are marked
 * generic; `refineGenericZone` swaps in the zone of a place named in the same text when that
 * place keeps the same clock ("CET" in a mail from Paris is Europe/Paris).
 *
 * A zone as Windows and Outlook show it, "(UTC-05:00) Eastern Time (US & Canada)" or
 * "(UTC+01:00) Amsterdam, Berlin, ..." in any language, is the named zone: its offset is the
 * standard one, also written in summer, so it is no fixed offset.
 */

import { canonicalZoneName, rulesSignature, zoneOffsetMin } from "./zone-rules.ts";
import { isWindowsZone, lookUpWindowsZone } from "./windows-zones.ts";
import { findPlaces, lookUpPlace } from "./places.ts";
import { LETTERS, isCapitalised, isJoinedBy, tokenizeRange, type Token } from "../text/word-tokens.ts";

/** A zone written in text. `offsetMin` is set for a written UTC offset ("UTC+2", "GMT-03:00"). */
export interface ZoneMention {
  tz: string | null;
  offsetMin: number | null;
  index: number;
  end: number;
  /** An abbreviation or long name that several zones share, resolved to its usual zone. */
  isGeneric: boolean;
}

const NY = "America/New_York";
const CHICAGO = "America/Chicago";
const DENVER = "America/Denver";
const LA = "America/Los_Angeles";
const BERLIN = "Europe/Berlin";
const LONDON = "Europe/London";
const LISBON = "Europe/Lisbon";
const BUCHAREST = "Europe/Bucharest";

// ---- Abbreviations --------------------------------------------------------------------------

/** Abbreviation -> [zone, counts when written alone]. Short or word-like ones need a time, a label or parentheses next to them. */
const ABBREVIATIONS = new Map(Object.entries<[string, boolean]>({
  PT: [LA, false], PST: [LA, true], PDT: [LA, true],
  MT: [DENVER, false], MST: [DENVER, true], MDT: [DENVER, true],
  CT: [CHICAGO, false], CST: [CHICAGO, true], CDT: [CHICAGO, true],
  ET: [NY, false], EST: [NY, true], EDT: [NY, true],
  AKST: ["America/Anchorage", true], AKDT: ["America/Anchorage", true], HST: ["Pacific/Honolulu", true],
  ADT: ["America/Halifax", false], NST: ["America/St_Johns", false], NDT: ["America/St_Johns", false],
  BRT: ["America/Sao_Paulo", false], ART: ["America/Argentina/Buenos_Aires", false],
  GMT: [LONDON, true], BST: [LONDON, true], UTC: ["UTC", true], UCT: ["UTC", false],
  WET: [LISBON, true], WEST: [LISBON, false],
  CET: [BERLIN, true], CEST: [BERLIN, true], MEZ: [BERLIN, true], MESZ: [BERLIN, true], MET: [BERLIN, false], MEST: [BERLIN, false],
  EET: [BUCHAREST, true], EEST: [BUCHAREST, true], OEZ: [BUCHAREST, false], OESZ: [BUCHAREST, false],
  MSK: ["Europe/Moscow", true], TRT: ["Europe/Istanbul", false],
  WAT: ["Africa/Lagos", false], CAT: ["Africa/Maputo", false], EAT: ["Africa/Nairobi", false], SAST: ["Africa/Johannesburg", true],
  IDT: ["Asia/Jerusalem", false], GST: ["Asia/Dubai", false],
  PKT: ["Asia/Karachi", false], IST: ["Asia/Kolkata", true], NPT: ["Asia/Kathmandu", false],
  ICT: ["Asia/Bangkok", false], WIB: ["Asia/Jakarta", true], WITA: ["Asia/Makassar", true], WIT: ["Asia/Jayapura", false],
  SGT: ["Asia/Singapore", false], MYT: ["Asia/Kuala_Lumpur", false], PHT: ["Asia/Manila", false], PHST: ["Asia/Manila", false],
  HKT: ["Asia/Hong_Kong", true], JST: ["Asia/Tokyo", true], KST: ["Asia/Seoul", true],
  AWST: ["Australia/Perth", true], ACST: ["Australia/Adelaide", true], ACDT: ["Australia/Adelaide", true],
  AEST: ["Australia/Sydney", true], AEDT: ["Australia/Sydney", true], AET: ["Australia/Sydney", false],
  NZST: ["Pacific/Auckland", true], NZDT: ["Pacific/Auckland", true],
}));
/** Abbreviations of one zone only: never replaced by a place mentioned elsewhere. */
const SPECIFIC_ABBREVIATIONS = new Set(["WITA", "WIB", "WIT", "IST", "JST", "KST", "SGT", "HKT", "MYT", "PHT", "PHST", "MSK", "SAST", "NPT", "PKT", "AKST", "AKDT", "HST", "UTC", "UCT"]);

const CAPITALS_RE = /(?<![A-Za-z\d/])[A-Z]{2,5}(?![A-Za-z\d/+\-−])/g;
/** Right before an abbreviation: a time ("14:30 ", "2pm ", "10 Uhr (") or an opening parenthesis. */
const TIME_BEFORE_RE = /(?:\d|[ap]\.?\s?m\.?|uhr|\dh)\s*[(\[]?\s*$|[(\[]\s*$/i;
const ZONE_LABEL_BEFORE_RE = /(?:time\s?zone|zeitzone|fuseau(?:\s+horaire)?|zona\s+horaria|fuso(?:\s+hor[aá]rio)?|tijdzone)\s*[:=]?\s*$/i;

// ---- Long names -------------------------------------------------------------------------------

type Entry = [tz: string, generic: boolean];

/** Lower-case phrases, words separated by single spaces (hyphens and apostrophes count as spaces). */
const LONG_NAMES = new Map<string, Entry>();

function addNames(phrases: string[], tz: string, generic: boolean): void {
  for (const phrase of phrases) LONG_NAMES.set(phrase, [tz, generic]);
}

/** "<name> time" with the usual qualifiers: "pacific time", "pacific standard time", "pacific daylight time". */
function englishNames(names: string[], qualifiers = ["", "standard ", "daylight ", "summer "]): string[] {
  return names.flatMap((name) => qualifiers.map((q) => `${name} ${q}time`));
}

/** German adjective + noun with its endings and the season compounds: "mitteleuropäische(r|n) (Sommer|Normal|Winter)zeit". */
function germanNames(adjectives: string[]): string[] {
  return adjectives.flatMap((a) => ["e", "er", "en"].flatMap((ending) => ["zeit", "sommerzeit", "normalzeit", "winterzeit"].map((noun) => `${a}${ending} ${noun}`)));
}

addNames(englishNames(["central european", "central europe"]), BERLIN, true);
addNames(englishNames(["eastern european", "eastern europe"]), BUCHAREST, true);
addNames(englishNames(["western european", "western europe"]), LISBON, true);
addNames(englishNames(["pacific"]), LA, true);
addNames(englishNames(["mountain"]), DENVER, true);
addNames(englishNames(["central"]), CHICAGO, true);
addNames(englishNames(["eastern"]), NY, true);
addNames(englishNames(["atlantic"]), "America/Halifax", true);
addNames(englishNames(["alaska", "alaskan"]), "America/Anchorage", false);
addNames(englishNames(["hawaii", "hawaiian", "hawaii aleutian"]), "Pacific/Honolulu", false);
addNames(englishNames(["newfoundland"]), "America/St_Johns", false);
addNames(["british summer time", "british time", "uk time", "greenwich mean time"], LONDON, true);
addNames(["coordinated universal time", "universal time"], "UTC", false);
addNames(englishNames(["india", "indian"]), "Asia/Kolkata", false);
addNames(englishNames(["pakistan"]), "Asia/Karachi", false);
addNames(englishNames(["singapore"]), "Asia/Singapore", false);
addNames(englishNames(["malaysia"]), "Asia/Kuala_Lumpur", false);
addNames(englishNames(["philippine", "philippines"]), "Asia/Manila", false);
addNames(englishNames(["hong kong"]), "Asia/Hong_Kong", false);
addNames(englishNames(["china"]), "Asia/Shanghai", false);
addNames(englishNames(["japan"]), "Asia/Tokyo", false);
addNames(englishNames(["korea", "korean"]), "Asia/Seoul", false);
addNames(englishNames(["indochina"]), "Asia/Bangkok", true);
addNames(englishNames(["western indonesia", "western indonesian"]), "Asia/Jakarta", false);
addNames(englishNames(["central indonesia", "central indonesian"]), "Asia/Makassar", false);
addNames(englishNames(["eastern indonesia", "eastern indonesian"]), "Asia/Jayapura", false);
addNames(englishNames(["australian eastern"]), "Australia/Sydney", true);
addNames(englishNames(["australian central"]), "Australia/Adelaide", true);
addNames(englishNames(["australian western"]), "Australia/Perth", false);
addNames(englishNames(["new zealand"]), "Pacific/Auckland", false);
addNames(englishNames(["gulf"]), "Asia/Dubai", true);
addNames(englishNames(["arabia", "arabian"]), "Asia/Riyadh", true);
addNames(englishNames(["israel"]), "Asia/Jerusalem", false);
addNames(englishNames(["moscow"]), "Europe/Moscow", false);
addNames(englishNames(["south africa", "south african"]), "Africa/Johannesburg", false);
addNames(englishNames(["east africa", "east african"]), "Africa/Nairobi", true);
addNames(englishNames(["west africa", "west african"]), "Africa/Lagos", true);
addNames(englishNames(["brasilia", "brasília"]), "America/Sao_Paulo", false);
addNames(englishNames(["argentina"]), "America/Argentina/Buenos_Aires", false);
addNames(germanNames(["mitteleuropäisch", "mitteleuropaeisch"]), BERLIN, true);
addNames(germanNames(["osteuropäisch", "osteuropaeisch"]), BUCHAREST, true);
addNames(germanNames(["westeuropäisch", "westeuropaeisch"]), LISBON, true);
addNames(germanNames(["deutsch"]), BERLIN, false);
addNames(germanNames(["österreichisch", "oesterreichisch"]), "Europe/Vienna", false);
addNames(["schweizer zeit"], "Europe/Zurich", false);
addNames(["heure d europe centrale", "heure de l europe centrale", "heure normale d europe centrale", "heure avancée d europe centrale",
  "heure d été d europe centrale", "heure d hiver d europe centrale", "heure normale de l europe centrale"], BERLIN, true);
addNames(["heure d europe de l ouest", "heure d europe occidentale", "heure normale d europe de l ouest"], LISBON, true);
addNames(["heure française", "heure de france"], "Europe/Paris", false);
addNames(["heure belge", "heure de belgique"], "Europe/Brussels", false);
addNames(["heure suisse", "heure de suisse"], "Europe/Zurich", false);
addNames(["heure de l est", "heure normale de l est", "heure avancée de l est"], "America/Toronto", true);
addNames(["hora central europea", "hora de europa central", "hora centroeuropea", "hora de verano de europa central", "hora da europa central", "hora de europa central"], BERLIN, true);
addNames(["hora peninsular", "hora española", "hora espanola", "hora de españa", "hora de espana"], "Europe/Madrid", false);
addNames(["hora canaria", "hora de canarias"], "Atlantic/Canary", false);
addNames(["hora del centro", "hora del centro de méxico", "hora del centro de mexico"], "America/Mexico_City", false);
addNames(["hora portuguesa", "hora de portugal", "hora legal portuguesa"], LISBON, false);
addNames(["horário de brasília", "horário oficial de brasília", "horario de brasilia", "hora de brasília"], "America/Sao_Paulo", false);
addNames(["nederlandse tijd", "amsterdamse tijd", "hollandse tijd"], "Europe/Amsterdam", false);
addNames(["belgische tijd"], "Europe/Brussels", false);
addNames(["midden europese tijd", "midden europese zomertijd", "midden europese wintertijd", "midden europese standaardtijd"], BERLIN, true);

/**
 * The word sequences long names end with ("time", "summer time", "european summer time", ...) and
 * begin with ("heure", "heure d", ...): a name is grown word by word from its keyword only while
 * it can still become one.
 */
const NAME_ENDINGS = new Set<string>();
const NAME_BEGINNINGS = new Set<string>();
for (const name of LONG_NAMES.keys()) {
  const words = name.split(" ");
  words.forEach((_, k) => {
    NAME_ENDINGS.add(words.slice(k).join(" "));
    NAME_BEGINNINGS.add(words.slice(0, k + 1).join(" "));
  });
}

const SUFFIX_KEYWORDS = new Set(["time", "zeit", "tijd"]);
const PREFIX_KEYWORDS = new Set(["heure", "hora", "horário", "horario"]);
const LONGEST_NAME_WORDS = 7;
const PLACE_PREPOSITIONS = new Set(["de", "da", "do", "del", "d"]);
/** Between the words of one name: spaces, hyphens, apostrophes. */
const NAME_JOINERS = "-'’‐‑";
/**
 * The words long names and place phrasings hang on ("time", "...zeit", "...tijd", "heure", "hora",
 * "horário"), case-insensitive. A name never spans a line, so only the lines holding one of these
 * are split into words: most lines of a mail hold none.
 */
const NAME_KEYWORD_RE = /time|zeit|tijd|heure|hor[aá]/gi;
/** Lower-case words a zone written out in words can begin with. */
const ZONE_FIRST_WORDS = new Set([...[...LONG_NAMES.keys()].map((name) => name.split(" ")[0] ?? name), ...SUFFIX_KEYWORDS, ...PREFIX_KEYWORDS, "utc", "gmt"]);
const LETTER_RE = new RegExp(`[${LETTERS}]`);
const FIRST_WORD_RE = new RegExp(`[${LETTERS}]+`, "y");

// Not inside a host name or path: "zoom.us/j/931…" is a meeting link, and looking "us/j" up would
// load the runtime's whole time-zone database (20-40 ms on a cold isolate) to learn it is none.
// The match starts at the slash and looks back for the area: a pattern starting with the area
// names would try them at every character of the mail. The area is captured to find where the
// name starts.
const IANA_RE = /\/(?<=(?<![A-Za-z0-9/.@_-])(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc|US|Canada|Brazil|Mexico|Chile)\/)[A-Za-z_+-]+(?:\/[A-Za-z_+-]+)?/gi;
const OFFSET_RE = /(?<![A-Za-z])(?:UTC|GMT)\s?[+\-−]\s?\d{1,2}(?::?\d{2})?(?!\d)/gi;
const US_CANADA_SUFFIX_RE = /^\s*(?:[-–—]\s*|\()(?:US|U\.S\.) (?:&|and) Canada\)?/;
const GOOGLE_PLACE_SUFFIX_RE = new RegExp(`^\\s*[-–—]\\s*([A-ZÀ-ÖØ-Þ][${LETTERS}'’.]*(?:[ -][A-ZÀ-ÖØ-Þ][${LETTERS}'’.]*){0,3})`);

// ---- Finding mentions -------------------------------------------------------------------------

// The last answer is kept (callers must not change it): the when reader asks about "Subject\nBody"
// and then about the body. A zone is written within one line, and a line is read as a text on its
// own would be, but for an abbreviation's context, looked for before it across line breaks, and a
// text that is one abbreviation: so the mentions of a text's last lines are those of the whole,
// shifted, unless such an abbreviation stands near their start.
let lastText: string | null = null;
let lastMentions: ZoneMention[] = [];

/** Every zone written in the text, in order. */
export function findZoneMentions(text: string): ZoneMention[] {
  if (text === lastText) return lastMentions;
  const last = lastText;
  const tailStart = last === null ? 0 : last.length - text.length;
  const isLastLines = last !== null && tailStart > 0 && last.charCodeAt(tailStart - 1) === 10 && last.endsWith(text);
  const mentions = isLastLines && !readsOwnStart(text) ? mentionsAfter(lastMentions, tailStart) : collectMentions(text, (index) => abbreviationHasContext(text, index));
  lastText = text;
  lastMentions = mentions;
  return mentions;
}

/** The mentions from `offset` on, at offsets counted from there. */
function mentionsAfter(mentions: ZoneMention[], offset: number): ZoneMention[] {
  const after: ZoneMention[] = [];
  for (const mention of mentions) if (mention.index >= offset) after.push({ ...mention, index: mention.index - offset, end: mention.end - offset });
  return after;
}

/** Whether the text's start can read differently after other lines: an abbreviation that needs context within reach of it, or the whole text one abbreviation. */
function readsOwnStart(text: string): boolean {
  if (ABBREVIATIONS.has(text.trim())) return true;
  CAPITALS_RE.lastIndex = 0;
  for (let m = CAPITALS_RE.exec(text); m && m.index < CONTEXT_CHARS; m = CAPITALS_RE.exec(text)) {
    if (ABBREVIATIONS.get(m[0])?.[1] === false) return true;
  }
  return false;
}

/** A zone written right at `index` (after spaces or an opening parenthesis), as after a time: "14:30 (CET)", "10am Pacific Time". */
export function matchZoneAt(text: string, index: number): ZoneMention | null {
  const prefix = /^[ \t]*[(\[,]?[ \t]*/.exec(text.slice(index, index + 8));
  const start = index + (prefix ? prefix[0].length : 0);
  // A zone begins with a word: a capitalised one ("CET", "Europe/...", "Lisbon time"), one that
  // begins a long name or "UTC+2", or an IANA area before its slash. Most words after a time
  // ("to", "and", "Uhr") are none of these, and the window is not searched for them.
  FIRST_WORD_RE.lastIndex = start;
  const first = FIRST_WORD_RE.exec(text)?.[0];
  if (first === undefined) return null;
  if (!isCapitalised(first) && !ZONE_FIRST_WORDS.has(first.toLowerCase()) && text.charAt(start + first.length) !== "/") return null;
  const window = text.slice(start, start + 80);
  const mention = collectMentions(window, () => true).find((m) => m.index === 0);
  if (!mention) return null;
  const result = { ...mention, index: mention.index + start, end: mention.end + start };
  // "(CET)": the closing parenthesis belongs to the mention.
  if (prefix?.[0].includes("(") && text[result.end] === ")") result.end += 1;
  return result;
}

function collectMentions(text: string, abbreviationCounts: (index: number) => boolean): ZoneMention[] {
  const mentions: ZoneMention[] = [];
  let ianaEnd = 0;
  IANA_RE.lastIndex = 0;
  for (let m = IANA_RE.exec(text); m; m = IANA_RE.exec(text)) {
    const start = m.index - (m[1] ?? "").length;
    // A name cannot start inside the one before it ("America/X/Y+Asia/..."): look again past this slash.
    if (start < ianaEnd) {
      IANA_RE.lastIndex = m.index + 1;
      continue;
    }
    ianaEnd = m.index + m[0].length;
    const tz = canonicalZoneName(text.slice(start, ianaEnd));
    if (tz) mentions.push({ tz, offsetMin: null, index: start, end: ianaEnd, isGeneric: false });
  }
  OFFSET_RE.lastIndex = 0;
  for (let m = OFFSET_RE.exec(text); m; m = OFFSET_RE.exec(text)) {
    const offsetMin = parseUtcOffset(m[0]);
    if (offsetMin === null) continue;
    // Reading the name looks for zones in it with these same global patterns: the search resumes here.
    const resumeAt = OFFSET_RE.lastIndex;
    const named = displayNameAfter(text, m.index + m[0].length, offsetMin);
    OFFSET_RE.lastIndex = resumeAt;
    if (named) {
      mentions.push({ tz: named.tz, offsetMin: null, index: m.index, end: named.end, isGeneric: false });
      OFFSET_RE.lastIndex = named.end;
      continue;
    }
    const tz = offsetMin === 0 ? "UTC" : offsetMin % 60 === 0 ? `Etc/GMT${offsetMin > 0 ? "-" : "+"}${Math.abs(offsetMin / 60)}` : null;
    mentions.push({ tz, offsetMin, index: m.index, end: m.index + m[0].length, isGeneric: false });
  }
  CAPITALS_RE.lastIndex = 0;
  for (let m = CAPITALS_RE.exec(text); m; m = CAPITALS_RE.exec(text)) {
    const entry = ABBREVIATIONS.get(m[0]);
    if (!entry || mentions.some((x) => m.index >= x.index && m.index < x.end)) continue;
    const [tz, standsAlone] = entry;
    if (!standsAlone && text.trim() !== m[0] && !abbreviationCounts(m.index)) continue;
    mentions.push({ tz, offsetMin: null, index: m.index, end: m.index + m[0].length, isGeneric: !SPECIFIC_ABBREVIATIONS.has(m[0]) });
  }
  mentions.push(...findNamedZones(text));
  return mentions.sort((a, b) => a.index - b.index);
}

/** How far before an abbreviation its context is looked for. */
const CONTEXT_CHARS = 24;

function abbreviationHasContext(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - CONTEXT_CHARS), index);
  return TIME_BEFORE_RE.test(before) || ZONE_LABEL_BEFORE_RE.test(before);
}

/** Long names and place phrasings, found around their keywords. */
function findNamedZones(text: string): ZoneMention[] {
  const found: ZoneMention[] = [];
  NAME_KEYWORD_RE.lastIndex = 0;
  for (let m = NAME_KEYWORD_RE.exec(text); m; m = NAME_KEYWORD_RE.exec(text)) {
    // "timeline", "sometimes", "horas": the word around the match is no keyword, and its line is not split for it.
    let wordStart = m.index;
    while (wordStart > 0 && LETTER_RE.test(text.charAt(wordStart - 1))) wordStart--;
    let wordEnd = m.index + m[0].length;
    while (wordEnd < text.length && LETTER_RE.test(text.charAt(wordEnd))) wordEnd++;
    if (!isNameKeyword(text.slice(wordStart, wordEnd).toLowerCase())) {
      NAME_KEYWORD_RE.lastIndex = wordEnd;
      continue;
    }
    const lineStart = text.lastIndexOf("\n", m.index) + 1;
    const newline = text.indexOf("\n", m.index);
    const lineEnd = newline === -1 ? text.length : newline;
    // Not `tokenize(text)`: the date reader calling in here keeps the whole text's tokens there.
    findNamedZonesInLine(text, tokenizeRange(text, lineStart, lineEnd), found);
    NAME_KEYWORD_RE.lastIndex = lineEnd;
  }
  return found;
}

function findNamedZonesInLine(text: string, words: Token[], found: ZoneMention[]): void {
  const line: LineWords = { text, words };
  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Token;
    if (!isNameKeyword(word.lower)) continue;
    if (SUFFIX_KEYWORDS.has(word.lower) || word.lower.endsWith("zeit") || word.lower.endsWith("tijd")) {
      const mention = suffixMention(line, i);
      if (mention) found.push(mention);
    }
    if (PREFIX_KEYWORDS.has(word.lower) || ((word.lower === "time" || word.lower === "zeit" || word.lower === "tijd") && words[i + 1]?.lower === "in")) {
      const mention = prefixMention(line, i);
      if (mention) found.push(mention);
    }
  }
}

/** A word a long name or place phrasing hangs on: "time", "heure", "horário", or one ending in "zeit" or "tijd" ("Sommerzeit", "zomertijd"). */
function isNameKeyword(lower: string): boolean {
  return SUFFIX_KEYWORDS.has(lower) || PREFIX_KEYWORDS.has(lower) || lower.endsWith("zeit") || lower.endsWith("tijd");
}

interface LineWords {
  text: string;
  words: Token[];
}

/** Word k follows word k - 1 within one name. */
function isJoinedToPrevious(line: LineWords, k: number): boolean {
  const previous = line.words[k - 1];
  const word = line.words[k];
  return previous !== undefined && word !== undefined && isJoinedBy(line.text, previous.end, word.index, NAME_JOINERS);
}

/** Words `from` to `to` are joined into one name. */
function isJoinedRun(line: LineWords, from: number, to: number): boolean {
  if (from < 0 || to >= line.words.length) return false;
  for (let k = from + 1; k <= to; k++) if (!isJoinedToPrevious(line, k)) return false;
  return true;
}

/** The longest long name ending with word i: up to LONGEST_NAME_WORDS joined words. */
function longNameEndingAt(line: LineWords, i: number): { entry: Entry; first: Token } | null {
  let found: { entry: Entry; first: Token } | null = null;
  let key = (line.words[i] as Token).lower;
  for (let k = i; NAME_ENDINGS.has(key); ) {
    const entry = LONG_NAMES.get(key);
    if (entry) found = { entry, first: line.words[k] as Token };
    if (k === 0 || i - k + 1 >= LONGEST_NAME_WORDS || !isJoinedToPrevious(line, k)) break;
    k--;
    key = `${(line.words[k] as Token).lower} ${key}`;
  }
  return found;
}

/** The longest long name of two words or more starting with word i: up to LONGEST_NAME_WORDS joined words. */
function longNameStartingAt(line: LineWords, i: number): { entry: Entry; last: Token } | null {
  let found: { entry: Entry; last: Token } | null = null;
  let key = (line.words[i] as Token).lower;
  for (let k = i; NAME_BEGINNINGS.has(key); ) {
    const entry = k > i ? LONG_NAMES.get(key) : undefined;
    if (entry) found = { entry, last: line.words[k] as Token };
    const next = line.words[k + 1];
    if (!next || k - i + 1 >= LONGEST_NAME_WORDS || !isJoinedToPrevious(line, k + 1)) break;
    k++;
    key = `${key} ${next.lower}`;
  }
  return found;
}

/** "... time", "...zeit", "...tijd": a long name, "<Place> time" or "<Place>er Zeit". */
function suffixMention(line: LineWords, i: number): ZoneMention | null {
  const { text, words } = line;
  const word = words[i] as Token;
  const name = longNameEndingAt(line, i);
  if (name) {
    const { entry, first } = name;
    // Google Calendar writes "(Eastern Time - New York)": the place after the dash is the zone.
    const suffix = GOOGLE_PLACE_SUFFIX_RE.exec(text.slice(word.end, word.end + 60));
    const placeZone = suffix?.[1] ? lookUpPlaceRun(suffix[1]) : null;
    if (placeZone && suffix) return { tz: placeZone, offsetMin: null, index: first.index, end: word.end + suffix[0].length, isGeneric: false };
    // Windows and booking tools add the region: "Eastern Time (US & Canada)", "Eastern Time - US & Canada".
    const region = US_CANADA_SUFFIX_RE.exec(text.slice(word.end, word.end + 24));
    return { tz: entry[0], offsetMin: null, index: first.index, end: word.end + (region?.[0].length ?? 0), isGeneric: entry[1] };
  }
  if (word.lower === "time") {
    // "Lisbon time", "New York time", "Lisbon local time".
    const end = words[i - 1]?.lower === "local" ? i - 2 : i - 1;
    for (let n = Math.min(3, end + 1); n >= 1; n--) {
      const first = words[end - n + 1];
      const last = words[end];
      if (!first || !last || !isCapitalised(first.text) || !isJoinedRun(line, end - n + 1, i)) continue;
      const tz = lookUpPlace(text.slice(first.index, last.end));
      if (tz) return { tz, offsetMin: null, index: first.index, end: word.end, isGeneric: false };
    }
  }
  const before = words[i - 1];
  if (word.lower === "zeit" && before && isCapitalised(before.text) && before.lower.endsWith("er") && isJoinedRun(line, i - 1, i)) {
    // "Berliner Zeit", "Wiener Zeit".
    const tz = lookUpPlace(before.text.slice(0, -2)) ?? lookUpPlace(before.text);
    if (tz) return { tz, offsetMin: null, index: before.index, end: word.end, isGeneric: false };
  }
  return null;
}

/** "heure ...", "hora ...", "horário ...", "time in ...": a long name or "heure de <Place>". */
function prefixMention(line: LineWords, i: number): ZoneMention | null {
  const { words } = line;
  const word = words[i] as Token;
  const name = longNameStartingAt(line, i);
  if (name) return { tz: name.entry[0], offsetMin: null, index: word.index, end: name.last.end, isGeneric: name.entry[1] };
  let k = i + 1;
  if (words[k]?.lower === "local") k++;
  const preposition = words[k];
  if (!preposition || !(PLACE_PREPOSITIONS.has(preposition.lower) || preposition.lower === "in") || !isJoinedRun(line, i, k)) return null;
  for (let n = 3; n >= 1; n--) {
    const first = words[k + 1];
    const last = words[k + n];
    if (!first || !last || !isCapitalised(first.text) || !isJoinedRun(line, k, k + n)) continue;
    const tz = lookUpPlaceRun(wordsText(words, k + 1, k + n));
    if (tz) return { tz, offsetMin: null, index: word.index, end: last.end, isGeneric: false };
  }
  return null;
}

function wordsText(words: Token[], from: number, to: number): string {
  return words.slice(from, to + 1).map((w) => w.text).join(" ");
}

/** The zone of a run of words naming a place, trying the whole run first. */
function lookUpPlaceRun(run: string): string | null {
  const parts = run.trim().split(/\s+/);
  for (let n = parts.length; n >= 1; n--) {
    const tz = lookUpPlace(parts.slice(0, n).join(" "));
    if (tz) return tz;
  }
  return null;
}

// Windows and Outlook name a zone "(UTC-05:00) Eastern Time (US & Canada)" or "(UTC+01:00)
// Amsterdam, Berlin, ...": the offset is the zone's standard one all year, and the name says the
// zone. Read after "hh:mm)"; the name is a Windows display name, a long name, or a list of places.
const DISPLAY_NAME_RE = /^\)[ \t]+([^\n]{2,80})/;
const STRICT_OFFSET_RE = /\d\d:\d\d$/;
/** Mid-January and mid-July 2026: one of them is in each hemisphere's standard time. */
const WINTER_AND_SUMMER_MS = [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)];

function displayNameAfter(text: string, offsetEnd: number, offsetMin: number): { tz: string; end: number } | null {
  if (text.charAt(offsetEnd) !== ")" || !STRICT_OFFSET_RE.test(text.slice(offsetEnd - 5, offsetEnd))) return null;
  const line = DISPLAY_NAME_RE.exec(text.slice(offsetEnd, offsetEnd + 90));
  const written = line?.[1];
  if (!line || !written) return null;
  const name = written.replace(/[.\s]+$/, "");
  const nameStart = offsetEnd + line[0].length - written.length;
  const tz =
    lookUpWindowsZone(name) ??
    lookUpWindowsZone(name.split(". ")[0] ?? "") ??
    collectMentions(name, () => true).find((m) => m.index === 0 && m.offsetMin === null)?.tz ??
    zoneOfPlaceList(name);
  if (!tz || Math.min(...WINTER_AND_SUMMER_MS.map((ms) => zoneOffsetMin(tz, ms))) !== offsetMin) return null;
  return { tz, end: nameStart + name.length };
}

/**
 * The zone of a display name's list of places, as Outlook writes it in the reader's language
 * ("Amsterdam, Berlin, Bern, Rom, Stockholm, Wien"): the place a Windows zone is named after
 * (Berlin), else the first place.
 */
function zoneOfPlaceList(list: string): string | null {
  const zones = list.split(",").map((place) => lookUpPlaceRun(place)).filter((tz) => tz !== null);
  return zones.find(isWindowsZone) ?? zones[0] ?? null;
}

function parseUtcOffset(text: string): number | null {
  const m = /([+\-−])\s?(\d{1,2})(?::?(\d{2}))?$/.exec(text);
  if (!m?.[1] || !m[2]) return null;
  const hours = Number(m[2]);
  const minutes = Number(m[3] ?? 0);
  if (hours > 14 || minutes > 59) return null;
  return (m[1] === "+" ? 1 : -1) * (hours * 60 + minutes);
}

/**
 * A generic zone ("CET" -> Europe/Berlin) replaced by the zone of a place named in the text
 * when that place keeps the same clock (Paris, Madrid, Amsterdam for CET; Toronto for ET).
 */
export function refineGenericZone(tz: string, text: string): string {
  const signature = signatureOf(tz);
  if (signature === null) return tz;
  for (const place of findPlaces(text)) {
    if (place.zone === tz) return tz;
    if (signatureOf(place.zone) === signature) return place.zone;
  }
  return tz;
}

/** `rulesSignature` builds its key afresh on each call; the zones a text can name are few, so each key is kept. */
const SIGNATURES = new Map<string, string | null>();

function signatureOf(zone: string): string | null {
  let signature = SIGNATURES.get(zone);
  if (signature === undefined) {
    signature = rulesSignature(zone);
    SIGNATURES.set(zone, signature);
  }
  return signature;
}
