/**
 * How the interview happens (phone, video, on site), its join link, a booking link, and whether
 * the employer asked not to be called (C8). Pure.
 *
 * Only join links count as meeting links (Zoom /j/, Google Meet, Teams meetup-join, Webex, ...);
 * booking pages (Calendly and the like) are scheduling links, and a status page or "view
 * details" button is neither. A link wrapped by a mail filter or a click tracker (Safe Links,
 * Google's redirect, URL Defense) is read as the link it wraps.
 *
 * The format, most explicit first: a labelled value ("Type: Phone", "Format: Video", "Location:
 * Online"); then the wording. A dial-in block under a video invitation and a phone call
 * mentioned in passing ("thank you for the phone call yesterday") are not a phone interview; a
 * join link means video unless the mail calls the interview itself a phone interview; "in
 * person" wording or an address means on site. A mail that offers a choice of formats states
 * none.
 */
import type { InterviewFormat } from "./types.ts";
import { isPlainLatin, LATIN_LETTER_CLASS } from "../text/latin.ts";
import { gate, gateSets, testGated } from "../text/required-words.ts";
import type { GatedPattern, WordFinder, WordGate, WordWindows } from "../text/word-finder.ts";
import { createWordFinder, createWordWindows, fillWordWindows, mayMatch, wordGates } from "../text/word-finder.ts";
import { tokenEnd } from "../text/word-tokens.ts";
import { wordPattern } from "../text/word-pattern.ts";

const URL_PATTERN = /https?:\/\/[^\s<>"'()[\]{}|\\^`]+/giu;

const MEETING_HOSTS: { host: RegExp; path?: RegExp }[] = [
  { host: /(?:^|\.)zoom\.us$|(?:^|\.)zoom\.com$|(?:^|\.)zoomgov\.com$/, path: /^\/(?:j|w|my|s)\//i },
  { host: /^meet\.google\.com$/, path: /^\/[a-z]{3,4}-[a-z]{3,4}-[a-z]{3,4}/i },
  { host: /^teams\.microsoft\.com$/, path: /^\/(?:l\/meetup-join|meet)\//i },
  { host: /^teams\.live\.com$/, path: /^\/meet\//i },
  { host: /(?:^|\.)webex\.com$/, path: /^\/(?:meet|join|[\w-]+\/j\.php|wbxmjs\/joinservice)/i },
  { host: /^whereby\.com$/, path: /^\/[\w-]+/ },
  { host: /^meet\.jit\.si$/, path: /^\/[\w-]+/ },
  { host: /(?:^|\.)gotomeet(?:ing)?\.(?:com|me)$|^meet\.goto\.com$/, path: /^\/(?:join\/)?\d+/ },
  { host: /(?:^|\.)chime\.aws$/, path: /^\/\d+/ },
  { host: /(?:^|\.)bluejeans\.com$/, path: /^\/\d+/ },
  { host: /^join\.skype\.com$/, path: /^\/[\w-]+/ },
  { host: /^8x8\.vc$/, path: /^\/[\w-]+/ },
  { host: /^v\.ringcentral\.com$/, path: /^\/join\//i },
  { host: /^(?!www\.)[\w-]+\.daily\.co$/, path: /^\/[\w-]+/ },
  // Booking tools' own video rooms.
  { host: /^(?:app\.)?cal\.com$/, path: /^\/video\//i },
  { host: /^meeting\.zoho\.(?:com|eu|in)$/, path: /^\/meeting\//i },
];

const SCHEDULING_HOSTS = /(?:^|\.)(?:calendly\.com|cal\.com|savvycal\.com|youcanbook\.me|doodle\.com|zcal\.co|tidycal\.com|koalendar\.com|calendar\.app\.google|goodtime\.io|meetings\.hubspot\.com)$/;
const SCHEDULING_WORDS = gatedWordPattern(/\b(?:availability|schedule|scheduling|book(?:ing)?|pick a (?:time|slot)|select a (?:time|slot)|verfügbarkeit|termin (?:buchen|wählen)|disponibilit[ée]s?|disponibilidad|disponibilidade|beschikbaarheid|agendar|reservar|réserver)\b/iu);

/** Runs only on text with one of the pattern's words: most mail never compiles most of them. */
function gatedWordPattern(pattern: RegExp): GatedPattern {
  return gate(wordPattern(pattern));
}

export interface LinkCandidate {
  href: string;
  text: string;
}

/** URLs written in the text, trailing punctuation removed. */
export function findUrls(text: string): string[] {
  // Most lines hold no link; every match holds "://".
  if (!text.includes("://")) return [];
  return (text.match(URL_PATTERN) ?? []).map((url) => url.replace(/[.,;:!?*]+$/, ""));
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

export function isMeetingUrl(url: string): boolean {
  const parsed = parseUrl(url);
  return parsed !== null && isMeetingLink(parsed);
}

/** Query parameters in which filters and trackers carry the link they wrap. */
const WRAPPED_LINK_PARAMS = ["url", "q", "u", "target", "redirect", "redirect_url", "r", "link", "dest", "destination"];
// URL Defense v3 writes the link between "__" marks: https://urldefense.com/v3/__https://zoom.us/j/1__;!!x
const URL_DEFENSE_V3 = "://urldefense.com/v3/__";

/** The link a filter or tracker wraps (Safe Links' `url=`, Google's `q=`, URL Defense), else the link itself. */
export function unwrapLink(url: string): string {
  // Plain searches: most links wrap nothing, and a pattern would be compiled for them on a cold start.
  const lower = url.toLowerCase();
  const defended = lower.indexOf(URL_DEFENSE_V3);
  if (defended !== -1) {
    const start = defended + URL_DEFENSE_V3.length;
    const end = url.indexOf("__;", start);
    return end === -1 ? url : url.slice(start, end);
  }
  // Every wrapper's query holds the wrapped link, encoded or not, right after an "=".
  if (!lower.includes("=http")) return url;
  const parsed = parseUrl(url);
  if (!parsed) return url;
  for (const name of WRAPPED_LINK_PARAMS) {
    const inner = parsed.searchParams.get(name);
    if (inner?.toLowerCase().startsWith("http")) return inner;
  }
  return url;
}

function isMeetingLink(parsed: URL): boolean {
  const host = parsed.hostname.toLowerCase();
  return MEETING_HOSTS.some((m) => m.host.test(host) && (!m.path || m.path.test(parsed.pathname)));
}

function isSchedulingLink(parsed: URL, text: string): boolean {
  if (!/^https?:$/.test(parsed.protocol)) return false;
  if (SCHEDULING_HOSTS.test(parsed.hostname.toLowerCase())) return true;
  return testGated(SCHEDULING_WORDS, text) || /(?:availability|schedul|booking|book-)/i.test(parsed.pathname);
}

/** The first join link among the candidates (calendar's own link first, as the caller orders them), unwrapped. */
export function findMeetingUrl(candidates: string[]): string | null {
  for (const candidate of candidates) {
    const url = unwrapLink(candidate);
    if (isMeetingUrl(url)) return url;
  }
  return null;
}

export function findSchedulingUrl(links: LinkCandidate[]): string | null {
  return (
    links.find((link) => {
      // Parsed once for both questions: parsing is most of their cost.
      const parsed = parseUrl(link.href);
      return parsed !== null && !isMeetingLink(parsed) && isSchedulingLink(parsed, link.text);
    })?.href ?? null
  );
}

const PHONE = gatedWordPattern(/\b(?:phone|telephone|telephonic)[- ](?:interview|screen(?:ing)?|call|conversation|chat)\b|\b(?:by|over the|via) (?:phone|telephone)\b|\bphone call\b|\b(?:we|i) will call you\b|\btelefon(?:isch\w*|interview|gespräch|termin)\b|\bper telefon\b|\b(?:entretien|échange|rendez-vous) téléphonique\b|\bpar téléphone\b|\b(?:entrevista|llamada) telef[oó]nica\b|\bpor tel[eé]fono\b|\b(?:entrevista|chamada) telef[oó]nica\b|\bpor telefone\b|\btelefonisch\w*\b|\btelefoongesprek\b/iu);
// Phone mentions are weighed by plain word lists, not patterns: each pattern a cold isolate runs
// for the first time costs a few tenths of a millisecond to compile.
/** Words of a PHONE match that name the interview itself, not only a line. */
const PHONE_INTERVIEW_WORDS = ["interview", "screen", "will call you", "gespräch", "termin", "téléphonique", "telefónica", "telefonica", "telefoongesprek"];
/** The phrases of PHONE that name the interview itself: next to a join link only these make a phone interview. */
const PHONE_INTERVIEW_PHRASES = [
  "phone interview", "phone-interview", "phone screen", "telephone interview", "telephonic interview", "we will call you", "i will call you", "telefoninterview",
  "telefongespräch", "telefontermin", "entretien téléphonique", "rendez-vous téléphonique", "échange téléphonique", "entrevista telefónica", "entrevista telefonica",
  "telefoongesprek",
];
/** Words of a video invitation's dial-in block: "Join by phone", "Or dial: +1 ...", "Phone conference ID". */
const DIAL_IN_WORDS = ["dial", "call in", "call-in", "one tap", "passcode", "conference id", "pin:", "by phone:", "join by phone", "joining by phone", "join via phone", "einwahl", "rejoindre par", "unirse por", "participar por", "deelnemen via", "inbellen"];
/** Words right before a call the mail looks back on: "thank you for the phone call", "nach dem Telefonat". */
const PAST_CALL_BEFORE_WORDS = [
  "thank you for", "thanks for", "following", "after our", "after your", "after the", "during our", "during the", "as discussed", "our earlier", "our previous",
  "our initial", "our recent", "our first", "the earlier", "the previous", "the initial", "your recent", "dank für", "nach dem", "nach unserem", "im anschluss an",
  "suite à", "après notre", "après votre", "merci pour", "tras", "después de", "gracias por", "após", "depois d", "obrigado pel", "obrigada pel", "na ons",
  "na het", "bedankt voor", "naar aanleiding van",
];
/** Words right after it: "the call we had yesterday". */
const PAST_CALL_AFTER_WORDS = ["yesterday", "last week", "earlier today", "earlier this week", "we had", "you had", "gestern", "letzte woche", "d'hier", "d’hier", "ayer", "ontem", "gisteren", "vorige week"];
/** How far around a phone mention the words above are looked for. */
const PHONE_CONTEXT_CHARS = 40;
/** A phone number has at least this many digits; a date and a time on one line have fewer in a row. */
const MIN_PHONE_NUMBER_DIGITS = 7;

const VIDEO = gatedWordPattern(/\b(?:video(?:[- ]?call|[- ]?interview|[- ]?conference|[- ]?meeting|chat)?|videogespräch|videointerview|videokonferenz|videocall|visio(?:conférence)?|videollamada|videoconferencia|videochamada|videoconferência|videogesprek|videobellen|online (?:interview|meeting|call)|virtual (?:interview|meeting)|remote interview|zoom|microsoft teams|ms teams|google meet|webex|skype|whereby)\b/iu);
// "Meeting link: will be sent separately" hints at video, but less than an address names a place.
const VIDEO_HINT = gatedWordPattern(/\b(?:meeting link|join link|link to join|lien de (?:la )?réunion|enlace de (?:la )?reunión|link (?:da|de) reunião|einwahllink|meetinglink)\b/iu);

// A choice of formats ("in person or via Zoom", "we can also arrange a virtual interview"): none is the format.
// The first is tried only on text that has both kinds of cue, the second only where "also" stands.
const FORMAT_CHOICE = gatedWordPattern(/\b(?:in[- ]person|on[- ]?site|at our office|face[- ]to[- ]face|vor ort|en présentiel|presencial|op kantoor)\b[^.!?\n]{0,40}\b(?:or|oder|ou|o|of)\b[^.!?\n]{0,30}\b(?:virtual(?:ly)?|video|online|remote(?:ly)?|zoom|teams|(?:by|via|over the) (?:phone|telephone)|telefonisch|à distance|en visio|remota)\b|\b(?:virtual(?:ly)?|video|online|remote(?:ly)?|zoom|teams)\b[^.!?\n]{0,30}\b(?:or|oder|ou|o|of)\b[^.!?\n]{0,20}\b(?:in[- ]person|on[- ]?site|at our office|face[- ]to[- ]face|vor ort|en présentiel|presencial|op kantoor)\b/iu);
const ALSO_OTHER_FORMAT = gatedWordPattern(/\b(?:can|could) also (?:arrange|offer|do|hold|schedule|set up|conduct)\b[^.!?\n]{0,20}\b(?:virtual|video|online|remote|phone|telephone|in[- ]person|on[- ]?site)\b/iu);

const IN_PERSON = wordPattern(/\b(?:(?<!virtual )on[- ]?site|in[- ]person|face[- ]to[- ]face|(?:at|in|to) our (?:[\p{L}-]+ )?(?:office|offices|premises|headquarters|hq|campus|studio|site)|vor ort|in unseren? (?:büro|räumlichkeiten)|sur place|en présentiel|dans nos locaux|presencial(?:mente)?|en persona|en nuestras oficinas|nas nossas instalações|no nosso escritório|op (?:ons )?kantoor|op locatie|bij ons op kantoor)\b/iu);
// The same without Unicode property classes, for plain Latin text (see text/latin.ts).
const IN_PERSON_LATIN = gate(wordPattern(new RegExp(String.raw`\b(?:(?<!virtual )on[- ]?site|in[- ]person|face[- ]to[- ]face|(?:at|in|to) our (?:[${LATIN_LETTER_CLASS}-]+ )?(?:office|offices|premises|headquarters|hq|campus|studio|site)|vor ort|in unseren? (?:büro|räumlichkeiten)|sur place|en présentiel|dans nos locaux|presencial(?:mente)?|en persona|en nuestras oficinas|nas nossas instalações|no nosso escritório|op (?:ons )?kantoor|op locatie|bij ons op kantoor)\b`, "i")));

const ADDRESS_LABEL =
  /^(?:\W{0,3}\s*)(?:location|address|venue|place|where|office|ort|adresse|anschrift|wo|lieu|adresse|ubicación|ubicacion|dirección|direccion|lugar|local|morada|endereço|endereco|locatie|adres|plaats|waar)\s*[:\t]\s*(.*)$/iu;
const STREET = wordPattern(/\b(?:street|st\.|road|rd\.?|avenue|ave\.?|boulevard|blvd|lane|drive|dr\.|suite|floor|building|block|straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|laan|straat|plein|gracht|singel|kade|rue|avenue|boulevard|place|calle|avenida|plaza|paseo|rua|praça|travessa|largo)\b|\b\d{4,5}\b|\b\d{1,4}\s*[\p{L}]/iu);
const STREET_LATIN = wordPattern(new RegExp(String.raw`\b(?:street|st\.|road|rd\.?|avenue|ave\.?|boulevard|blvd|lane|drive|dr\.|suite|floor|building|block|straße|strasse|str\.|weg|platz|allee|gasse|ring|damm|laan|straat|plein|gracht|singel|kade|rue|avenue|boulevard|place|calle|avenida|plaza|paseo|rua|praça|travessa|largo)\b|\b\d{4,5}\b|\b\d{1,4}\s*[${LATIN_LETTER_CLASS}]`, "i"));
const NOT_A_PLACE = gatedWordPattern(/\b(?:online|virtual|remote|zoom|teams|google meet|webex|skype|phone|telefon|téléphone|teléfono|telefone|link|tbd|to be confirmed|folgt)\b/iu);

/** Values of address-like labelled lines ("Location: 22 Main St", "Adresse: Hafenstraße 12"), with the next lines when the label stands alone. */
export function findAddressLines(text: string): string[] {
  const lines = text.split("\n");
  const found: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? "";
    // Every label is followed by a colon or a tab.
    if (!line.includes(":") && !line.includes("\t")) continue;
    const match = ADDRESS_LABEL.exec(line.trim().replace(/^[-*•]\s*/, ""));
    if (!match) continue;
    let value = (match[1] ?? "").trim();
    if (value === "") value = lines.slice(i + 1, i + 3).map((l) => l.trim()).filter(Boolean).join(", ");
    if (value) found.push(value);
  }
  return found;
}

export function isStreetAddress(value: string): boolean {
  return (isPlainLatin(value) ? STREET_LATIN : STREET).test(value) && !testGated(NOT_A_PLACE, value) && !/^https?:/i.test(value);
}

export interface FormatInput {
  /** Subject, body and calendar summary/description, joined. */
  text: string;
  /** Where the interview is, from the calendar's LOCATION or the owner's hint. */
  location: string | null;
  meetingUrl: string | null;
}

/**
 * Gated patterns whose words are looked up in one table of the lower-cased text's windows (see
 * text/word-finder.ts): a pattern runs only when the text may hold a word of each set of words
 * one of its alternatives needs.
 */
interface WindowGated {
  gated: GatedPattern;
  gate: WordGate;
}

function windowGated(patterns: GatedPattern[]): { finder: WordFinder; gated: WindowGated[] } {
  const sets = patterns.map((gated) => gateSets(gated.pattern));
  const finder = createWordFinder(sets.flatMap((branches) => branches?.flat(2) ?? []));
  const gates = wordGates(finder, sets);
  return { finder, gated: patterns.map((gated, i) => ({ gated, gate: gates[i] ?? Int32Array.of(1, 0) })) };
}

/** The pattern's `test`, skipped when the text behind `words` cannot hold a match. */
function testWith(pattern: WindowGated, text: string, words: WordWindows): boolean {
  return mayMatch(pattern.gate, words) && pattern.gated.pattern.test(text);
}

const FORMAT = windowGated([PHONE, IN_PERSON_LATIN, VIDEO, VIDEO_HINT, ALSO_OTHER_FORMAT]);
const [PHONE_GATED, IN_PERSON_GATED, VIDEO_GATED, VIDEO_HINT_GATED, ALSO_OTHER_FORMAT_GATED] = FORMAT.gated as [WindowGated, WindowGated, WindowGated, WindowGated, WindowGated];
// One table for every mail, filled again for each and read only while its format is read.
const FORMAT_WINDOWS = createWordWindows(FORMAT.finder);

export function detectFormat(input: FormatInput): InterviewFormat | null {
  const labelled = readFormatLabels(input.text, input.location);
  if (labelled !== undefined) return labelled;
  const words = fillWordWindows(FORMAT_WINDOWS, input.text.toLowerCase());
  const location = input.location ?? "";
  if (testWith(ALSO_OTHER_FORMAT_GATED, input.text, words)) return null;
  const inPerson = (): boolean => (isPlainLatin(input.text) ? testWith(IN_PERSON_GATED, input.text, words) : IN_PERSON.test(input.text));
  // "In person or via Zoom" is looked for only in text with both kinds of cue.
  const offersChoice = (): boolean => testGated(FORMAT_CHOICE, input.text);
  if (statesPhone(input.text, words, input.meetingUrl !== null) || testGated(PHONE, location)) {
    const mayBeInPerson = mayMatch(IN_PERSON_GATED.gate, words);
    return mayBeInPerson && inPerson() && offersChoice() ? null : "phone";
  }
  const video = input.meetingUrl !== null || testWith(VIDEO_GATED, input.text, words) || testGated(VIDEO, location);
  if (inPerson()) return video && offersChoice() ? null : "onsite";
  if (video) return "video";
  const places = [...findAddressLines(input.text), ...(input.location ? [input.location] : [])];
  if (places.some(isStreetAddress)) return "onsite";
  if (testWith(VIDEO_HINT_GATED, input.text, words)) return "video";
  return null;
}

/** A phone interview stated as such: not a dial-in line, not a call the mail looks back on, not "by phone" next to a join link. */
function statesPhone(text: string, words: WordWindows, hasJoinLink: boolean): boolean {
  if (!mayMatch(PHONE_GATED.gate, words)) return false;
  if (hasJoinLink) {
    // Next to a join link only the interview named as a phone call counts: looked for as phrases,
    // since a second run of PHONE would have V8 compile it to machine code on a cold start.
    const lower = text.toLowerCase();
    for (const phrase of PHONE_INTERVIEW_PHRASES) {
      for (let at = lower.indexOf(phrase); at !== -1; at = lower.indexOf(phrase, at + phrase.length)) {
        if (isCurrentCall(text, at, at + phrase.length, true)) return true;
      }
    }
    return false;
  }
  // Each match is looked for after the one before with the same pattern: a global twin would be compiled afresh.
  for (let offset = 0, match = PHONE.pattern.exec(text); match; match = PHONE.pattern.exec(text.slice(offset))) {
    const start = offset + match.index;
    offset = start + match[0].length;
    if (isCurrentCall(text, start, offset, includesAny(match[0].toLowerCase(), PHONE_INTERVIEW_WORDS))) return true;
  }
  return false;
}

/** A phone mention at [start, end) is the interview: not a dial-in line (unless it names the interview), not a call looked back on. */
function isCurrentCall(text: string, start: number, end: number, namesInterview: boolean): boolean {
  const lineStart = text.lastIndexOf("\n", start) + 1;
  const newline = text.indexOf("\n", start);
  const line = text.slice(lineStart, newline === -1 ? text.length : newline);
  if (!namesInterview && (includesAny(line.toLowerCase(), DIAL_IN_WORDS) || holdsPhoneNumber(line))) return false;
  const before = line.slice(Math.max(0, start - lineStart - PHONE_CONTEXT_CHARS), start - lineStart).toLowerCase();
  const after = line.slice(end - lineStart, end - lineStart + PHONE_CONTEXT_CHARS).toLowerCase();
  return !includesAny(before, PAST_CALL_BEFORE_WORDS) && !includesAny(after, PAST_CALL_AFTER_WORDS);
}

function includesAny(text: string, words: readonly string[]): boolean {
  return words.some((word) => text.includes(word));
}

/** A run of digits with the spaces, dashes, dots and brackets phone numbers are written with. */
function holdsPhoneNumber(line: string): boolean {
  let digits = 0;
  for (let i = 0; i < line.length; i++) {
    const char = line.charAt(i);
    if (char >= "0" && char <= "9") {
      if (++digits >= MIN_PHONE_NUMBER_DIGITS) return true;
    } else if (!" -.()+/".includes(char)) {
      digits = 0;
    }
  }
  return false;
}

// ---- Labelled values ("Type: Phone", "Format: Video", "Location: Online", "TYPE" above "On-site")

/** A label is one to four of these words, at least one of them from the first set. */
const FORMAT_LABEL_WORDS = new Set([
  "type", "format", "mode", "medium", "location", "where", "venue", "typ", "art", "gesprächsart", "interviewart", "ort", "modalité", "lieu",
  "tipo", "modalidad", "formato", "lugar", "ubicación", "modalidade", "local", "vorm", "soort", "locatie", "plaats",
]);
const FORMAT_LABEL_FILLERS = new Set([
  "interview", "meeting", "call", "of", "the", "des", "der", "gesprächs", "gespräch", "d", "de", "l", "entretien", "rendez", "vous", "del", "la", "el",
  "entrevista", "reunión", "da", "do", "a", "o", "reunião", "van", "het", "gesprek", "sollicitatiegesprek",
]);
const MAX_LABEL_WORDS = 4;

/** Values (their first words, lower-cased, a hyphen read as a space) that say the format. */
const FORMAT_VALUES = new Map<string, InterviewFormat>([
  ...["phone", "telephone", "phone call", "phone interview", "phone screen", "by phone", "audio call", "telefon", "telefonisch", "telefoninterview",
    "telefonat", "telefongespräch", "téléphone", "téléphonique", "par téléphone", "teléfono", "telefónica", "telefónico", "llamada", "por teléfono",
    "telefone", "telefônica", "chamada", "por telefone", "telefoon", "telefoongesprek"].map((v) => [v, "phone"] as const),
  ...["video", "video call", "videocall", "video interview", "online", "on line", "virtual", "remote", "zoom", "teams", "microsoft teams", "ms teams",
    "google meet", "webex", "skype", "visio", "visioconférence", "en ligne", "à distance", "videollamada", "videoconferencia", "en línea", "remoto",
    "remota", "videochamada", "videoconferência", "videogesprek", "videobellen", "videogespräch", "videokonferenz", "videointerview"].map((v) => [v, "video"] as const),
  ...["onsite", "on site", "in person", "in office", "office", "at the office", "at our office", "face to face",
    "vor ort", "präsenz", "persönlich", "büro", "im büro", "présentiel", "en présentiel", "sur place", "presencial", "presencialmente", "en persona",
    "oficina", "en la oficina", "escritório", "no escritório", "op locatie", "op kantoor", "kantoor", "fysiek", "in persoon"].map((v) => [v, "onsite"] as const),
]);
const LONGEST_VALUE_WORDS = 3;
const MAX_VALUE_CHARS = 80;
/** Lines longer than this hold no label alone ("Interview type:"); the label check is skipped. */
const MAX_LABEL_LINE_CHARS = 40;

/**
 * The format the mail's labelled values state, from the text's "Label: value" lines (or a label
 * alone above its value, as an HTML table reads) and the calendar's location; null when they
 * disagree, undefined when none states one.
 */
function readFormatLabels(text: string, location: string | null): InterviewFormat | null | undefined {
  const formats = new Set<InterviewFormat>();
  const fromLocation = location ? formatOfValue(location) : null;
  if (fromLocation) formats.add(fromLocation);
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = (lines[i] ?? "").trim();
    const colon = line.indexOf(":");
    let label: string;
    if (colon > 0) label = line.slice(0, colon);
    else if (line.length <= MAX_LABEL_LINE_CHARS && line !== "") label = line;
    else continue;
    if (!isFormatLabel(label)) continue;
    // A label alone on its line, or with nothing after its colon, has its value on a next line.
    let value = colon > 0 ? line.slice(colon + 1) : "";
    if (value.trim() === "") value = nextLine(lines, i);
    const format = formatOfValue(value);
    if (format) formats.add(format);
  }
  if (formats.size === 0) return undefined;
  return formats.size === 1 ? [...formats][0] ?? null : null;
}

function nextLine(lines: string[], i: number): string {
  for (let k = i + 1; k < lines.length && k <= i + 2; k++) if ((lines[k] ?? "").trim() !== "") return lines[k] ?? "";
  return "";
}

function isFormatLabel(label: string): boolean {
  // "Round 2 – Type": the label is what follows the last dash or bar.
  const start = Math.max(label.lastIndexOf(" - "), label.lastIndexOf(" – "), label.lastIndexOf(" — "), label.lastIndexOf("|")) + 1;
  // Word by word, to stop at the first that is no label's: most lines fail at their first word.
  let words = 0;
  let named = false;
  for (let i = start; i < label.length; ) {
    const end = tokenEnd(label, i);
    if (end === -1) {
      i++;
      continue;
    }
    const word = label.slice(i, end).toLowerCase();
    if (++words > MAX_LABEL_WORDS) return false;
    if (FORMAT_LABEL_WORDS.has(word)) named = true;
    else if (!FORMAT_LABEL_FILLERS.has(word)) return false;
    i = end;
  }
  return named;
}

/** The format a value opens with ("Phone — details to follow", "Online (Zoom)", "Microsoft Teams Meeting"). */
function formatOfValue(value: string): InterviewFormat | null {
  const words: string[] = [];
  const limit = Math.min(value.length, MAX_VALUE_CHARS);
  for (let i = 0; i < limit && words.length < LONGEST_VALUE_WORDS; ) {
    const end = tokenEnd(value, i);
    if (end === -1) {
      i++;
      continue;
    }
    words.push(value.slice(i, end).toLowerCase());
    i = end;
  }
  for (let n = words.length; n >= 1; n--) {
    const format = FORMAT_VALUES.get(words.slice(0, n).join(" "));
    if (format) return format;
  }
  return null;
}

const NO_CALLS = gatedWordPattern(/\b(?:no (?:phone )?calls(?: please)?|please do not (?:call|phone)|please don'?t (?:call|phone)|do not call|no telephone (?:calls|enquiries|inquiries)|keine (?:telefonischen )?anrufe|bitte (?:nicht|keine) (?:anrufen|anrufe|telefonischen)|pas d'appels?|merci de ne pas (?:appeler|téléphoner)|ne pas (?:appeler|téléphoner)|no llam(?:e|ar|adas)|por favor,? no llame|sin llamadas|não (?:ligue|telefone)|sem chamadas|niet (?:bellen|telefonisch)|geen (?:telefoontjes|telefonische))\b/iu);

const NO_CALLS_CHECK = windowGated([NO_CALLS]);
const [NO_CALLS_GATED] = NO_CALLS_CHECK.gated as [WindowGated];
// One table for every mail, as FORMAT_WINDOWS.
const NO_CALLS_WINDOWS = createWordWindows(NO_CALLS_CHECK.finder);

export function asksForNoCalls(text: string): boolean {
  return testWith(NO_CALLS_GATED, text, fillWordWindows(NO_CALLS_WINDOWS, text.toLowerCase()));
}
