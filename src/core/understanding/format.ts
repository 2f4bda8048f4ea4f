/**
 * How the interview happens (phone, video, on site), its join link, a booking link, and whether
 * the employer asked not to be called (C8). Pure.
 *
 * Only join links count as meeting links (Zoom /j/, Google Meet, Teams meetup-join, Webex, ...);
 * booking pages (Calendly and the like) are scheduling links. A join link means video unless the
 * mail calls it a phone interview; an address or "in person" wording means on site.
 */
import type { InterviewFormat } from "./types.ts";
import { isPlainLatin, LATIN_LETTER_CLASS } from "../text/latin.ts";
import { gate, testGated } from "../text/required-words.ts";
import type { GatedPattern } from "../text/word-finder.ts";
import { createWordFinder, findWords, requiredWordsOf, testGatedWith } from "../text/word-finder.ts";
import { wordPattern } from "../text/word-pattern.ts";

const URL_PATTERN = /https?:\/\/[^\s<>"'()[\]{}|\\^`]+/giu;

const MEETING_HOSTS: { host: RegExp; path?: RegExp }[] = [
  { host: /(?:^|\.)zoom\.us$|(?:^|\.)zoom\.com$|(?:^|\.)zoomgov\.com$/, path: /^\/(?:j|w|my|s)\//i },
  { host: /^meet\.google\.com$/, path: /^\/[a-z]{3,4}-[a-z]{3,4}-[a-z]{3,4}/i },
  { host: /^teams\.microsoft\.com$/, path: /^\/l\/meetup-join\//i },
  { host: /^teams\.live\.com$/, path: /^\/meet\//i },
  { host: /(?:^|\.)webex\.com$/, path: /^\/(?:meet|join|[\w-]+\/j\.php|wbxmjs\/joinservice)/i },
  { host: /^whereby\.com$/, path: /^\/[\w-]+/ },
  { host: /^meet\.jit\.si$/, path: /^\/[\w-]+/ },
  { host: /(?:^|\.)gotomeet(?:ing)?\.(?:com|me)$|^meet\.goto\.com$/, path: /^\/(?:join\/)?\d+/ },
  { host: /(?:^|\.)chime\.aws$/, path: /^\/\d+/ },
  { host: /(?:^|\.)bluejeans\.com$/, path: /^\/\d+/ },
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

function isMeetingLink(parsed: URL): boolean {
  const host = parsed.hostname.toLowerCase();
  return MEETING_HOSTS.some((m) => m.host.test(host) && (!m.path || m.path.test(parsed.pathname)));
}

function isSchedulingLink(parsed: URL, text: string): boolean {
  if (!/^https?:$/.test(parsed.protocol)) return false;
  if (SCHEDULING_HOSTS.test(parsed.hostname.toLowerCase())) return true;
  return testGated(SCHEDULING_WORDS, text) || /(?:availability|schedul|booking|book-)/i.test(parsed.pathname);
}

/** The first join link among the candidates (calendar's own link first, as the caller orders them). */
export function findMeetingUrl(candidates: string[]): string | null {
  return candidates.find(isMeetingUrl) ?? null;
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

const VIDEO = gatedWordPattern(/\b(?:video(?:[- ]?call|[- ]?interview|[- ]?conference|[- ]?meeting|chat)?|videogespräch|videointerview|videokonferenz|videocall|visio(?:conférence)?|videollamada|videoconferencia|videochamada|videoconferência|videogesprek|videobellen|online (?:interview|meeting|call)|virtual (?:interview|meeting)|remote interview|meeting link|join link|zoom|microsoft teams|ms teams|google meet|webex|skype|whereby)\b/iu);

const IN_PERSON = wordPattern(/\b(?:on[- ]?site|in[- ]person|face[- ]to[- ]face|(?:at|in|to) our (?:[\p{L}-]+ )?(?:office|offices|premises|headquarters|hq|campus|studio|site)|vor ort|in unseren? (?:büro|räumlichkeiten)|sur place|en présentiel|dans nos locaux|presencial(?:mente)?|en persona|en nuestras oficinas|nas nossas instalações|no nosso escritório|op (?:ons )?kantoor|op locatie|bij ons op kantoor)\b/iu);
// The same without Unicode property classes, for plain Latin text (see text/latin.ts).
const IN_PERSON_LATIN = gate(wordPattern(new RegExp(String.raw`\b(?:on[- ]?site|in[- ]person|face[- ]to[- ]face|(?:at|in|to) our (?:[${LATIN_LETTER_CLASS}-]+ )?(?:office|offices|premises|headquarters|hq|campus|studio|site)|vor ort|in unseren? (?:büro|räumlichkeiten)|sur place|en présentiel|dans nos locaux|presencial(?:mente)?|en persona|en nuestras oficinas|nas nossas instalações|no nosso escritório|op (?:ons )?kantoor|op locatie|bij ons op kantoor)\b`, "i")));

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

// The words the format patterns require, found in the text in one pass (see text/word-finder.ts).
const FORMAT_WORDS = createWordFinder(requiredWordsOf([PHONE, IN_PERSON_LATIN, VIDEO]));

export function detectFormat(input: FormatInput): InterviewFormat | null {
  const found = findWords(FORMAT_WORDS, input.text.toLowerCase());
  const location = input.location ?? "";
  if (testGatedWith(PHONE, input.text, found) || testGated(PHONE, location)) return "phone";
  const inPerson = isPlainLatin(input.text) ? testGatedWith(IN_PERSON_LATIN, input.text, found) : IN_PERSON.test(input.text);
  if (inPerson) return "onsite";
  if (input.meetingUrl || testGatedWith(VIDEO, input.text, found) || testGated(VIDEO, location)) return "video";
  const places = [...findAddressLines(input.text), ...(input.location ? [input.location] : [])];
  if (places.some(isStreetAddress)) return "onsite";
  return null;
}

const NO_CALLS = gatedWordPattern(/\b(?:no (?:phone )?calls(?: please)?|please do not (?:call|phone)|please don'?t (?:call|phone)|do not call|no telephone (?:calls|enquiries|inquiries)|keine (?:telefonischen )?anrufe|bitte (?:nicht|keine) (?:anrufen|anrufe|telefonischen)|pas d'appels?|merci de ne pas (?:appeler|téléphoner)|ne pas (?:appeler|téléphoner)|no llam(?:e|ar|adas)|por favor,? no llame|sin llamadas|não (?:ligue|telefone)|sem chamadas|niet (?:bellen|telefonisch)|geen (?:telefoontjes|telefonische))\b/iu);

const NO_CALLS_WORDS = createWordFinder(NO_CALLS.words ?? []);

export function asksForNoCalls(text: string): boolean {
  return testGatedWith(NO_CALLS, text, findWords(NO_CALLS_WORDS, text.toLowerCase()));
}
