/**
 * Who the email is from and about: the employer (company), the position (role), the person to
 * follow up with (contact) and the interviewers. Pure: the readers of one email share what they
 * read from its body (its labelled lines, keywords, signature and folded text) and the answers
 * about its names and hosts, kept for the last body read only. Each reader returns its value
 * with a confidence and the evidence for it (evidence.ts); a company nothing confirms is left
 * empty rather than guessed.
 *
 * Company: candidates come from every place a reader looks: a labelled value ("Company: ..."),
 * a "Role (Company)" qualifier, the sender's or reply address's display name (minus department
 * words: "Recruiting Team Acme" → "Acme"; "Acme via Greenhouse" and "on behalf of Acme" give
 * Acme), the calendar organizer, phrases in the text ("position at X", "Bewerbung bei X", "en
 * X"), the subject and calendar title (also "<candidate> <> <company>"), the signature, and
 * names that the sender's, organizer's or links' own domain spells. A name confirmed by several
 * of them wins. A domain confirms a name but never proposes one; a service's name or product
 * title (platforms.ts) is never a candidate, nor a person's name. Names are kept as written
 * ("Acme, Inc.", "St. Aldric Hospital").
 *
 * Contact: a human calendar organizer, else a human sender, else a named contact person, else
 * the signer, each with their own address when the mail gives it; without one, or without a
 * person, the employer's repliable mailbox (the reply address, the sender, the organizer). A
 * no-reply, notification or service address is never a contact address.
 */
import { findInterviewersInText } from "./interviewers-in-text.ts";
import type { Address } from "../mail/forwarded-email.ts";
import { choose, NO_CHOICE, readFrom, support, type Ballot, type Choice } from "./evidence.ts";
import { isEmployerHost, isPlatformName, isServiceAddress } from "./platforms.ts";
import type { Person } from "./types.ts";
import { isAsciiText, isPlainLatin, LATIN_LETTER_CLASS, LATIN_NUMBER_CLASS, pick, twinWithoutUnicodeFlag, type LatinTwin } from "../text/latin.ts";
import { createWordFinder, findWordOffsets } from "../text/word-finder.ts";
import { capitalizable, wordPattern } from "../text/word-pattern.ts";

export interface CalendarParties {
  organizer: { name: string | null; email: string | null } | null;
  attendees: { name: string | null; email: string | null }[];
  summary: string | null;
  location: string | null;
  description: string | null;
}

export interface PartiesInput {
  subject: string;
  text: string;
  from: Address | null;
  replyTo: Address | null;
  /** The original's recipients and the owner's own addresses: the owner's side, never the employer. */
  recipients: Address[];
  calendar: CalendarParties | null;
  /** Web links of the original (anchors and written URLs): their hosts may spell the employer. */
  links: string[];
}

// ---------------------------------------------------------------------------------------------
// Vocabulary (the word sets are folded, as the words they are asked about: "für" is "fur")

// What `fold` removes; before the word sets, which are folded when they are built.
const COMBINING_DIACRITICS = /[\u0300-\u036F]/g;
const MARKS = /\p{M}/gu;

// The plain-Latin characters (text/latin.ts) that NFKD changes: any above ASCII up to U+024F is
// looked up, and of General Punctuation and the currency signs, the spaces, dots, primes and "₨".
const DECOMPOSABLE = /[\u0080-\u024F\u2000-\u200A\u2011\u2017\u2024-\u2026\u202F\u2033\u2034\u2036\u2037\u203C\u203E\u2047-\u2049\u2057\u205F\u20A8]/g;

// Each such character without its marks, kept as met: at most one entry per plain-Latin character.
const FOLDED_CHARACTERS = new Map<string, string>();

const LEGAL_SUFFIXES = new Set([
  "inc", "incorporated", "llc", "l.l.c", "ltd", "limited", "gmbh", "ggmbh", "ag", "se", "kg", "ug", "corp", "corporation",
  "co", "plc", "s.a", "sa", "s.l", "sl", "srl", "s.r.l", "b.v", "bv", "n.v", "nv", "pty", "pvt", "lda", "ltda", "ab",
  "as", "a/s", "oy", "sas", "sarl", "e.v", "llp", "lp", "spa", "s.p.a",
]);

// A legal form as the last of a folded name's words (commas separate words too): without one, a
// name's key needs no split into words.
const LEGAL_SUFFIX_AT_END = new RegExp(`[\\s,](?:${[...LEGAL_SUFFIXES].map((suffix) => suffix.replace(/[./]/g, "\\$&")).join("|")})\\.?[\\s,]*$`);

// Words that name a department or mailbox, not the employer ("Recruiting Team", "Personalabteilung").
const DEPARTMENT_WORDS = new Set([
  "hr", "human", "resources", "recruiting", "recruitment", "recruiter", "recruiters", "careers", "career", "jobs", "job",
  "talent", "acquisition", "hiring", "team", "people", "ops", "operations", "personnel", "staffing", "notifications",
  "notification", "noreply", "no-reply", "mailer", "calendar", "personal", "personalabteilung", "personalwesen",
  "bewerbermanagement", "bewerbungen", "bewerbung", "karriere", "rh", "ressources", "humaines", "recrutement", "équipe",
  "recursos", "humanos", "rrhh", "equipo", "selección", "recrutamento", "seleção",
  "werving", "selectie", "sollicitaties", "vacatures", "admin", "office", "department", "abteilung",
].map(fold));
// Glue between department words and a name ("Equipo de Recursos Humanos - Acme", "Ihr Team von Acme").
const CONNECTORS = new Set(["the", "your", "ihr", "ihre", "votre", "vos", "su", "o", "a", "de", "del", "von", "van", "of", "du", "des", "la", "le", "el", "do", "da", "dos", "das", "l'", "at", "bei", "chez", "en", "em", "na", "no", "bij", "for", "für", "pour", "para", "voor", "&", "and", "und", "et", "y", "e"].map(fold));
const TITLE_WORDS = new Set([
  "manager", "director", "specialist", "coordinator", "partner", "lead", "head", "officer", "consultant", "generalist",
  "sourcer", "assistant", "associate", "advisor", "adviser", "senior", "junior", "principal", "executive", "president",
  "vp", "ceo", "cto", "coo", "founder", "co-founder", "owner", "leiter", "leiterin", "referent", "referentin",
  "sachbearbeiter", "sachbearbeiterin", "chargé", "chargée", "responsable", "gerente", "técnico", "técnica", "analista",
  "adviseur", "medewerker", "recruiter",
].map(fold));
const ORG_WORDS = new Set([
  "inc", "llc", "ltd", "gmbh", "ag", "corp", "group", "gruppe", "groupe", "grupo", "company", "foundation", "stiftung",
  "labs", "lab", "institute", "institut", "instituto", "university", "universität", "université", "universidad",
  "polytechnic", "college", "school", "academy", "bank", "credit", "union", "studio", "studios", "software",
  "solutions", "systems", "technologies", "technology", "tech", "consulting", "conseil", "consultoria", "partners",
  "services", "holding", "holdings", "health", "healthcare", "hospital", "klinik", "clinic", "logistics", "freight",
  "crew", "agency", "agentur", "staffing", "recruitment", "association", "verein", "council", "media", "digital",
  "capital", "ventures", "analytics", "industries", "international", "global", "network", "center", "centre", "hotel",
  "restaurant", "store", "shop", "airlines", "motors", "energy", "pharma", "insurance", "versicherung", "bv", "nv",
  "sa", "plc", "pty", "pvt", "ab", "se", "kg", "atelier", "bureau", "büro", "werk", "werke", "manufacturing",
].map(fold));
const PERSON_TITLE_WORDS = String.raw`dr|dr\.|prof|prof\.|mr|mr\.|mrs|mrs\.|ms|ms\.|miss|mx|herr|frau|mme|mlle|m\.|sr|sr\.|sra|sra\.|dhr|dhr\.|mevr|mevr\.|dña|dña\.|don`;
const PERSON_TITLES = new RegExp(`^(?:${PERSON_TITLE_WORDS})$`, "i");
/** No person's title is longer: a longer word is not tested against them. */
const MAX_PERSON_TITLE_CHARS = 5;
// A title among a name's words, or white space other than single spaces between them: without
// either, the name is its own words without titles.
const TITLE_OR_ODD_SPACE = new RegExp(`(?:^|\\s)(?:${PERSON_TITLE_WORDS})(?=\\s|$)|^\\s|\\s$|\\s\\s|[^\\S ]`, "i");
const NAME_PARTICLES = new Set(["de", "da", "das", "do", "dos", "van", "von", "der", "den", "ter", "la", "le", "di", "del", "du", "bin", "al", "y"]);
// Capitalised words a phrase may catch that name no one (services are in platforms.ts).
const NOT_COMPANY = new Set([
  "online", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "you", "us", "dear", "hi", "hello",
  "thank you", "thanks",
]);

const CLOSINGS = [
  "regards", "best regards", "kind regards", "warm regards", "warmest regards", "best wishes", "sincerely",
  "yours sincerely", "yours faithfully", "yours truly", "sincerely yours", "thanks", "thank you", "many thanks",
  "cheers", "best", "all the best", "respectfully", "take care", "talk soon", "see you soon", "with best regards",
  "mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße", "viele grüße", "beste grüße",
  "herzliche grüße", "liebe grüße", "mfg", "gruß", "grüße", "cordialement", "bien cordialement", "bien à vous",
  "salutations", "meilleures salutations", "sincères salutations", "à bientôt", "saludos", "un saludo", "un cordial saludo",
  "saludos cordiales", "atentamente", "cordialmente", "un abrazo", "com os melhores cumprimentos", "cumprimentos",
  "melhores cumprimentos", "atenciosamente", "obrigado", "obrigada", "met vriendelijke groet", "met vriendelijke groeten",
  "vriendelijke groet", "vriendelijke groeten", "hartelijke groet", "hartelijke groeten", "met hartelijke groet", "groet",
  "groeten", "groetjes",
];

// ---------------------------------------------------------------------------------------------
// Names

// Unicode property classes run only on text outside plain Latin (see text/latin.ts).
const LATIN_NOT_ALPHANUMERIC = new RegExp(`[^${LATIN_LETTER_CLASS}${LATIN_NUMBER_CLASS}]`, "g");
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]/gu;
// The same, sparing white space: a name's words are stripped in one pass, then split.
const LATIN_NOT_ALPHANUMERIC_OR_SPACE = new RegExp(`[^${LATIN_LETTER_CLASS}${LATIN_NUMBER_CLASS}\\s]`, "g");
const NOT_ALPHANUMERIC_OR_SPACE = /[^\p{L}\p{N}\s]/gu;
const LATIN_NOT_LETTER_OR_SPACE = new RegExp(`[^${LATIN_LETTER_CLASS}\\s]`, "g");
const NOT_LETTER_OR_SPACE = /[^\p{L}\s]/gu;

// The readers of one email ask the same few questions about the same names (the sender, the
// recipients, every candidate), and each answer costs a handful of patterns. The answers are
// pure, so they are kept until another body is read (`readBody` starts new maps); the bound is
// for callers that never read one. A question about a name and an address is kept under the
// name, then the address, so that asking it builds no key.
interface KeptAnswers {
  coreKeys: Map<string, string>;
  hosts: Map<string, HostFacts>;
  /** "" for a raw name that is no candidate. */
  candidates: Map<string, string>;
  personNames: Map<string, boolean>;
  namesInAddresses: Map<string, Map<string, boolean>>;
  personSenders: Map<string, Map<string, boolean>>;
}

const MAX_KEPT_ANSWERS = 2000;

function newKeptAnswers(): KeptAnswers {
  return { coreKeys: new Map(), hosts: new Map(), candidates: new Map(), personNames: new Map(), namesInAddresses: new Map(), personSenders: new Map() };
}

let kept = newKeptAnswers();

/** The answer kept for the question, else `answer(question)`, kept (the map is emptied first when full). */
function keptAnswer<V>(answers: Map<string, V>, question: string, answer: (question: string) => V): V {
  const known = answers.get(question);
  if (known !== undefined) return known;
  const fresh = answer(question);
  if (answers.size >= MAX_KEPT_ANSWERS) answers.clear();
  answers.set(question, fresh);
  return fresh;
}

/** The answers kept about one name, each under the address asked with it. */
function answersAbout(answers: Map<string, Map<string, boolean>>, name: string): Map<string, boolean> {
  return keptAnswer(answers, name, () => new Map<string, boolean>());
}

function fold(text: string): string {
  // ASCII is its own decomposition.
  if (isAsciiText(text)) return text.toLowerCase();
  // Plain Latin holds no combining mark, so it decomposes character by character, and only the
  // few characters that change are looked up: cheaper than normalising the whole text.
  if (isPlainLatin(text)) return text.replace(DECOMPOSABLE, foldedCharacter).toLowerCase();
  return withoutMarks(text).toLowerCase();
}

/** NFKD without its marks. Most marks left are the combining diacritics; any other is a mark outside plain Latin. */
function withoutMarks(text: string): string {
  const stripped = text.normalize("NFKD").replace(COMBINING_DIACRITICS, "");
  return isPlainLatin(stripped) ? stripped : stripped.replace(MARKS, "");
}

/** One plain-Latin character without its marks. */
function foldedCharacter(character: string): string {
  let folded = FOLDED_CHARACTERS.get(character);
  if (folded === undefined) {
    folded = withoutMarks(character);
    FOLDED_CHARACTERS.set(character, folded);
  }
  return folded;
}

function lettersAndDigits(text: string): string {
  return text.replace(isPlainLatin(text) ? LATIN_NOT_ALPHANUMERIC : NOT_ALPHANUMERIC, "");
}

/** A name reduced to letters and digits, legal suffixes removed: "Acme, Inc." → "acme". */
function coreKey(name: string): string {
  return keptAnswer(kept.coreKeys, name, readCoreKey);
}

function readCoreKey(name: string): string {
  const folded = fold(name);
  return lettersAndDigits(LEGAL_SUFFIX_AT_END.test(folded) ? withoutLegalSuffixes(folded) : folded);
}

/** The folded name's words, without the legal forms that close it (one word always stays). */
function withoutLegalSuffixes(folded: string): string {
  const tokens = words(folded.includes(",") ? folded.replaceAll(",", " ") : folded);
  while (tokens.length > 1 && LEGAL_SUFFIXES.has(withoutTrailing(tokens[tokens.length - 1] ?? "", ".", 1))) tokens.pop();
  return tokens.join("");
}

// At least two words: most one-word names need not be split to be refused.
const TWO_WORDS = /\S\s+\S/;

function words(name: string): string[] {
  return name.split(/\s+/).filter(Boolean);
}

function isPersonTitle(word: string): boolean {
  return word.length <= MAX_PERSON_TITLE_CHARS && PERSON_TITLES.test(word);
}

/** True when the display name's words are in the address ("Ann Lee" <ann.lee@x>, "Tom Hadfield" <thadfield@x>). */
export function nameMatchesAddress(name: string | null, address: string | null): boolean {
  if (!name || !address) return false;
  return keptAnswer(answersAbout(kept.namesInAddresses, name), address, () => isNameInAddress(name, address));
}

function isNameInAddress(name: string, address: string): boolean {
  const folded = fold(name);
  const letters = folded.replace(isPlainLatin(folded) ? LATIN_NOT_LETTER_OR_SPACE : NOT_LETTER_OR_SPACE, "");
  const tokens = words(letters).filter((t) => t.length > 1 && !NAME_PARTICLES.has(t));
  if (tokens.length < 2 || tokens.length > 4) return false;
  if (tokens.some((t) => DEPARTMENT_WORDS.has(t) || ORG_WORDS.has(t))) return false;
  const local = fold(address.split("@")[0] ?? "").replace(/\d+/g, "");
  const first = tokens[0] ?? "";
  const last = tokens[tokens.length - 1] ?? "";
  if (local.includes(first) && local.includes(last)) return true;
  // Initial plus surname: "thadley", "t.hadley", "hadley.t".
  const initial = first[0] ?? "";
  return isJoinedPair(local, initial, last) || isJoinedPair(local, last, initial);
}

/** `local` is `head` then `tail`, joined directly or by one of "._-". */
function isJoinedPair(local: string, head: string, tail: string): boolean {
  if (!local.startsWith(head) || !local.endsWith(tail)) return false;
  const gap = local.length - head.length - tail.length;
  return gap === 0 || (gap === 1 && "._-".includes(local.charAt(head.length)));
}

const LATIN_WORD = new RegExp(`^[${LATIN_LETTER_CLASS}]+$`);
const WORD = /^\p{L}+$/u;

/** A one-word display name that is the address's first part: "Sam" <sam.k@x>, a person, not a firm. */
function isGivenNameOf(name: string, address: string | null): boolean {
  const word = fold(name.trim());
  const local = fold(address?.split("@")[0] ?? "");
  return (isPlainLatin(word) ? LATIN_WORD : WORD).test(word) && (local === word || local.startsWith(`${word}.`) || local.startsWith(`${word}_`) || local.startsWith(`${word}-`));
}

/** Two to four capitalised words with no organisation, department or job-title word. */
export function looksLikePersonName(name: string): boolean {
  return keptAnswer(kept.personNames, name, isPersonName);
}

function isPersonName(name: string): boolean {
  if (!TWO_WORDS.test(name)) return false;
  const tokens = words(name).filter((t) => !isPersonTitle(t));
  if (tokens.length < 2 || tokens.length > 4) return false;
  return tokens.every((token) => {
    const lower = fold(token).replace(/[.,]$/, "");
    if (NAME_PARTICLES.has(lower)) return true;
    if (ORG_WORDS.has(lower) || DEPARTMENT_WORDS.has(lower) || TITLE_WORDS.has(lower) || LEGAL_SUFFIXES.has(lower)) return false;
    if (isAsciiText(token, "’")) return /^[A-Z][a-z'’-]+(?:-[A-Z][a-z'’]+)?\.?$/.test(token) || /^[A-Z]\.$/.test(token);
    return /^\p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}[\p{Ll}'’]+)?\.?$/u.test(token) || /^\p{Lu}\.$/u.test(token);
  });
}

/** A name with an organisation word or a legal form in it: "Quillfeather Analytics", "Falkenried Logistik GmbH". */
function looksLikeOrganisation(name: string): boolean {
  return words(fold(name)).some((word) => {
    const bare = word.replace(/[.,]+$/, "");
    return ORG_WORDS.has(bare) || LEGAL_SUFFIXES.has(bare);
  });
}

/** The first word of a name that is no person's title; "" when there is none. */
function firstNameOf(name: string): string {
  if (TITLE_OR_ODD_SPACE.test(name)) return words(name).find((word) => !isPersonTitle(word)) ?? "";
  const space = name.indexOf(" ");
  return space < 0 ? name : name.slice(0, space);
}

function stripPersonTitle(name: string): string {
  if (!TITLE_OR_ODD_SPACE.test(name)) return name;
  return words(name).filter((t) => !isPersonTitle(t)).join(" ");
}

/**
 * Removes department words and glue from both ends of a display name or signature line, and
 * splits "Dept - Acme" / "Acme | Careers" at the separator. A department word is kept when the
 * sender's domain contains it ("Northwind Recruitment" at northwind-recruitment.example).
 */
export function cleanOrganisationName(raw: string, domain: string): string | null {
  const viaCut = withoutVia(onBehalfOf(raw) ?? raw).replace(/["“”]/g, "").trim();
  const segments = viaCut.split(/\s+[-–—|•·]\s+|\s*\|\s*/).map((s) => s.trim()).filter(Boolean);
  const cleaned = segments
    .map((segment) => trimDepartmentWords(segment, domain))
    .filter((segment): segment is string => segment !== null)
    // "Anna Schmidt | Acme GmbH": the person beside the organisation is not its name.
    .filter((segment, _, all) => all.length === 1 || !looksLikePersonName(stripPersonTitle(segment)));
  if (cleaned.length === 0) return null;
  // The segment with the fewest department words removed is the name.
  return cleaned.sort((a, b) => b.length - a.length)[0] ?? null;
}

// Words that name a programme together with the department word after them ("Early Careers",
// "Campus Recruiting"): they go with it.
const PROGRAMME_WORDS = new Set(["early", "emerging", "campus", "graduate", "student", "future"]);

function trimDepartmentWords(segment: string, domain: string): string | null {
  const tokens = words(segment);
  // Each word is folded once; the name is what lies between `start` and `end`.
  const folded = tokens.map(fold);
  const isNoise = (index: number): boolean => {
    // "l'équipe" is "équipe".
    const word = withoutTrailing(folded[index] ?? "", ".,:", 1);
    const bare = word.startsWith("l'") ? word.slice(2) : word;
    if (CONNECTORS.has(bare)) return true;
    if (!DEPARTMENT_WORDS.has(bare)) return false;
    return !(bare.length >= 4 && domain.includes(bare));
  };
  const isProgramme = (index: number): boolean => PROGRAMME_WORDS.has(folded[index] ?? "");
  let start = 0;
  let end = tokens.length;
  for (;;) {
    if (end > start && isNoise(start)) start++;
    else if (end - start > 1 && isProgramme(start) && isNoise(start + 1)) start += 2;
    else break;
  }
  while (end > start && isNoise(end - 1)) {
    end--;
    if (end > start && isProgramme(end - 1)) end--;
  }
  if (end === start) return null;
  const name = tokens.slice(start, end).join(" ").replace(/[,:;]+$/, "");
  return name.length >= 2 ? name : null;
}

// Second-level labels of country domains ("acme.co.uk") and mail-host prefixes ("careers.acme.com").
const SECOND_LEVEL_LABELS = new Set(["co", "com", "org", "net", "ac", "gov", "edu"]);
const HOST_PREFIXES = new Set(["www", "mail", "email", "careers", "jobs", "recruiting", "hr", "notifications", "e", "m"]);

/** The registrable name of the sender's domain, folded: "careers.acme-corp.co.uk" → "acme-corp". */
function domainOf(address: string | null): string {
  const host = hostOf(address);
  return host === "" ? "" : fold(hostFacts(host).name);
}

function hostOf(address: string | null): string {
  return address?.slice(address.lastIndexOf("@") + 1).toLowerCase() ?? "";
}

/** The host of a web link, lower case; "" when it is not one. */
function hostOfUrl(url: string): string {
  const start = url.indexOf("://") + 3;
  const scheme = url.slice(0, Math.max(0, start - 3)).toLowerCase();
  if (scheme !== "http" && scheme !== "https") return "";
  let end = start;
  while (end < url.length && !"/?#: ".includes(url.charAt(end))) end++;
  return url.slice(start, end).toLowerCase();
}

/** What a host says of its owner: an employer, or a service or mail provider; and its registrable name's letters and digits. */
interface HostFacts {
  employer: boolean;
  /** The registrable name: "acme-corp" for careers.acme-corp.example. */
  name: string;
  /** Its letters and digits: "acmecorp". */
  key: string;
}

/** The readers ask about the same few hosts (the sender's, the reply address's, the organizer's). */
function hostFacts(host: string): HostFacts {
  return keptAnswer(kept.hosts, host, readHostFacts);
}

function readHostFacts(host: string): HostFacts {
  const name = registrableName(host);
  return { employer: isEmployerHost(host), name, key: lettersAndDigits(name) };
}

/** "careers.acme-corp.co.uk" → "acme-corp". */
function registrableName(host: string): string {
  const labels = host.split(".").filter(Boolean);
  labels.pop();
  if (labels.length > 1 && SECOND_LEVEL_LABELS.has(labels[labels.length - 1] ?? "")) labels.pop();
  while (labels.length > 1 && HOST_PREFIXES.has(labels[0] ?? "")) labels.shift();
  return labels[labels.length - 1] ?? "";
}

/** A service's sender named after the service's own domain ("Google Calendar" at google.com): it sends for someone else. */
function isOwnBrandOfService(name: string, address: string | null): boolean {
  const host = hostOf(address);
  if (host === "") return false;
  const facts = hostFacts(host);
  return !facts.employer && nameMatchesHost(withoutVia(name), facts.key);
}

// What joins a display name to the service it came through ("Acme via Greenhouse") or to the
// mailbox a delegate writes for ("Jo Park on behalf of Acme Careers"), lower case, spaced.
const VIA = " via ";
const ON_BEHALF_OF = markers([" on behalf of ", " im auftrag von ", " au nom de ", " en nombre de ", " namens "]);
const VIA_OR_ON_BEHALF_OF = markers([VIA, ...ON_BEHALF_OF.list]);

/** Markers, lower case, and a pattern that finds any of them in any case. */
interface Markers {
  list: readonly string[];
  /**
   * Finds a marker wherever the lower-cased name holds one: no marker holds a "k", the one ASCII
   * letter a non-ASCII character lower-cases to.
   */
  any: RegExp;
}

function markers(list: readonly string[]): Markers {
  return { list, any: new RegExp(list.map((marker) => marker.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "i") };
}

/** Where the first of the markers (in their order) stands in the name, in any case. */
function markerIn(name: string, markers: Markers): { at: number; length: number } | null {
  // Most names hold no marker: one test says so.
  if (!markers.any.test(name)) return null;
  const lower = name.toLowerCase();
  for (const marker of markers.list) {
    const at = lower.indexOf(marker);
    if (at > 0) return { at, length: marker.length };
  }
  return null;
}

/** The display name without the service or mailbox it came through: "Acme via Greenhouse" → "Acme", "Jo Park on behalf of Acme" → "Jo Park". */
function withoutVia(name: string): string {
  const marker = markerIn(name, VIA_OR_ON_BEHALF_OF);
  return (marker ? name.slice(0, marker.at) : name).trim();
}

// What separates a person's name from their organisation in a display name ("Anna Schmidt | Acme GmbH").
const NAME_SEPARATORS = markers([" | ", " - ", " – ", " — ", " · "]);

/** The sender's own name: without the service it came through, and without an organisation after a separator. */
function ownName(name: string): string {
  const own = withoutVia(name);
  const separator = markerIn(own, NAME_SEPARATORS);
  const head = separator ? own.slice(0, separator.at).trim() : own;
  return separator && looksLikePersonName(stripPersonTitle(head)) ? head : own;
}

/** Whom a delegated sender writes for: "Jo Park on behalf of Acme Careers" → "Acme Careers". */
function onBehalfOf(name: string): string | null {
  const marker = markerIn(name, ON_BEHALF_OF);
  return marker ? name.slice(marker.at + marker.length).trim() || null : null;
}

/**
 * A sender (or organizer) who is a person: the name is in the address, or reads as a person's
 * name, or is the address's given name. A name the sender's own domain spells ("Ashford
 * Logistics" <jobs@ashfordlogistics.example>) is the organisation, however it reads.
 */
function isPersonSender(name: string, address: string | null): boolean {
  return keptAnswer(answersAbout(kept.personSenders, name), address ?? "", () => isPersonSenderNow(name, address));
}

function isPersonSenderNow(name: string, address: string | null): boolean {
  const own = ownName(name);
  if (nameMatchesAddress(own, address)) return true;
  const host = hostOf(address);
  const facts = host ? hostFacts(host) : null;
  if (facts?.employer && nameMatchesHost(own, facts.key)) return false;
  return looksLikePersonName(stripPersonTitle(own)) || isGivenNameOf(own, address);
}

// ---------------------------------------------------------------------------------------------
// Text patterns

// Latin letters as explicit ranges rather than \p{L}: the six languages read are Latin-script,
// and Unicode property classes inside long patterns cost a cold isolate hundreds of ms to compile.
// The upper-case range also admits Latin Extended lower-case letters; candidates are re-checked.
const LATIN_UPPER = String.raw`A-Z\u00C0-\u00D6\u00D8-\u00DE\u0100-\u024F`;
const LATIN_LETTER = String.raw`A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F`;
// Dots only inside a token ("B.V", "St.Gallen"): a dot before a space ends the sentence.
const NAME_TOKEN = String.raw`[${LATIN_UPPER}][${LATIN_LETTER}0-9'’&\-/]*(?:\.[${LATIN_LETTER}0-9]+)*`;
const NAME_GLUE = String.raw`(?:&|and|und|of|de|del|van|von|der|du|la|le|y|e|et|\d+)`;
const LEGAL_TAIL = String.raw`(?:,?\s(?:Inc|LLC|Ltd|Limited|GmbH|AG|SE|KG|Corp|Co|PLC|S\.A|SA|S\.L|SL|SRL|B\.V|BV|N\.V|NV|Pty|Pvt|Lda|Ltda|AB|AS|Oy|SAS|SARL|LLP)\.?)*`;
// Abbreviations a name may open with, whose dot does not end it: "St. Aldric Hospital".
const NAME_ABBREVIATION = String.raw`(?:St|Ste|Sta|Mt|Ft|Pt)\.[ ]`;
// Glue joins two names' words, but "and I" ends the name: "... at Brisco Freight and I hope".
const NAME = String.raw`((?:${NAME_ABBREVIATION})?${NAME_TOKEN}(?:[ ](?:${NAME_TOKEN}|${NAME_GLUE}(?=[ ](?!I\b)${NAME_TOKEN}))){0,6}${LEGAL_TAIL})`;
const GAP = String.raw`[^.!?\n]{0,60}?`;
// A name matches wherever one of its first letters stands, so a pattern "<phrase> NAME" matches
// exactly where "<phrase> NAME_STARTS" does, and the name is read there: the long name pattern is
// compiled once rather than once for every phrase.
const NAME_STARTS = `(?=[${LATIN_UPPER}])`;
const NAME_AT = new RegExp(NAME, "y");

/** A "Label: value" pattern (`iu`) with the letters its labels open with, lower case. */
interface LabelPattern extends LatinTwin {
  initials: string;
}

function labelPattern(initials: string, pattern: RegExp): LabelPattern {
  return { ...twinWithoutUnicodeFlag(pattern), initials };
}

/** The value of a "Label: value" line; most lines open with an ASCII character no label opens with in any case, and are not tried. */
function labelledValue(label: LabelPattern, line: string): string | null {
  const first = line.charCodeAt(0);
  if (first < 0x80 && !label.initials.includes(String.fromCharCode(first | 0x20))) return null;
  return pick(label, line).exec(line)?.[1] ?? null;
}

/**
 * A pattern that matches only where the lower-cased text contains one of its keywords, so it is
 * skipped on other text: a cold isolate then compiles only the patterns of the languages a mail
 * is written in.
 */
interface KeywordPattern {
  keywords: string[];
  /** This pattern's bit in `KeywordSites.patterns`. */
  bit: number;
  /** Global. */
  pattern: RegExp;
  /**
   * The same pattern, sticky, when every match opens with one of the keywords (in any case the
   * pattern allows): then it need only be tried where a keyword stands, not at every character.
   */
  atKeyword: RegExp | null;
}

/** Keywords that open the pattern; each may be capitalised (see `capitalizable`). */
function keywordPattern(keywords: string, source: (alternation: string) => string): KeywordPattern {
  return phrasePattern(keywords.split("|"), wordPattern(new RegExp(source(capitalizable(keywords)), "g")), true);
}

// Each phrase pattern's bit: the patterns a text may match are a number, not a Set built per text.
let phrasePatternCount = 0;

function phrasePattern(keywords: string[], pattern: RegExp, opensWithKeyword: boolean): KeywordPattern {
  if (phrasePatternCount === 31) throw new Error("phrase patterns: no bit left");
  const bit = 1 << phrasePatternCount++;
  return { keywords, bit, pattern, atKeyword: opensWithKeyword ? new RegExp(pattern.source, pattern.flags.replace("g", "y")) : null };
}

/**
 * Where the keywords of the phrase patterns stand in a text: offsets found in the text
 * lower-cased, which are the text's own unless lower-casing lengthened it ("İ" becomes two).
 */
interface KeywordSites {
  /** Each keyword found: the bits of the patterns it belongs to, and its offsets, ascending. */
  found: { patterns: number; offsets: number[] }[];
  aligned: boolean;
  /** The bits of the patterns with a keyword in the text. */
  patterns: number;
  /** The text lower-cased. */
  lower: string;
}

const NO_KEYWORDS: KeywordSites = { found: [], aligned: true, patterns: 0, lower: "" };

function findKeywords(text: string): KeywordSites {
  if (text === "") return NO_KEYWORDS;
  const lower = text.toLowerCase();
  const found: KeywordSites["found"] = [];
  let patterns = 0;
  for (const [keyword, offsets] of findWordOffsets(KEYWORDS, lower)) {
    const bits = PATTERNS_BY_KEYWORD.get(keyword) ?? 0;
    found.push({ patterns: bits, offsets });
    patterns |= bits;
  }
  return { found, aligned: lower.length === text.length, patterns, lower };
}

function mayMatch(pattern: KeywordPattern, sites: KeywordSites): boolean {
  return (sites.patterns & pattern.bit) !== 0;
}

/** Where a match of the pattern can start, ascending; null when it can start anywhere. */
function matchStarts(pattern: KeywordPattern, sites: KeywordSites): number[] | null {
  if (!pattern.atKeyword || !sites.aligned) return null;
  // One keyword's offsets are already ascending and distinct; they are copied only to add another's.
  let starts: number[] | null = null;
  let joined = false;
  for (const { patterns, offsets } of sites.found) {
    if ((patterns & pattern.bit) === 0) continue;
    if (starts === null) {
      starts = offsets;
      continue;
    }
    if (!joined) starts = starts.slice();
    joined = true;
    for (const offset of offsets) insertInOrder(starts, offset);
  }
  return starts ?? [];
}

/** Puts `value` into the ascending, distinct `values` (a few: a sort would cost more). */
function insertInOrder(values: number[], value: number): void {
  let at = values.length;
  while (at > 0 && (values[at - 1] ?? 0) > value) at--;
  if (at > 0 && values[at - 1] === value) return;
  values.splice(at, 0, value);
}

/** The first match that starts at `from` or later, as the global pattern's `exec` from there finds it. */
function nextMatch(pattern: KeywordPattern, text: string, starts: number[] | null, from: number): RegExpExecArray | null {
  if (!pattern.atKeyword || starts === null) {
    pattern.pattern.lastIndex = from;
    const match = pattern.pattern.exec(text);
    pattern.pattern.lastIndex = 0;
    return match;
  }
  for (const start of starts) {
    if (start < from) continue;
    pattern.atKeyword.lastIndex = start;
    const match = pattern.atKeyword.exec(text);
    if (match) return match;
  }
  return null;
}

/** The names after each match of a "<phrase> NAME_STARTS" pattern, as `matchAll` of "<phrase> NAME" would find them. */
function namesAfter(pattern: KeywordPattern, text: string, sites: KeywordSites): readonly PhraseName[] {
  if (!mayMatch(pattern, sites)) return NO_NAMES;
  const starts = matchStarts(pattern, sites);
  const names: PhraseName[] = [];
  let from = 0;
  for (let match = nextMatch(pattern, text, starts, from); match; match = nextMatch(pattern, text, starts, from)) {
    NAME_AT.lastIndex = match.index + match[0].length;
    const name = NAME_AT.exec(text)?.[1];
    if (name === undefined) break;
    const phrase = match[0].trimEnd();
    names.push({ name, withWord: WITH_WORDS.has(phrase.slice(phrase.lastIndexOf(" ") + 1).toLowerCase()) });
    from = NAME_AT.lastIndex;
  }
  return names;
}

const NO_NAMES: readonly PhraseName[] = [];

interface PhraseName {
  name: string;
  /** The phrase ends in "with" ("interview with ..."): it may name a person rather than an employer. */
  withWord: boolean;
}

const WITH_WORDS = new Set(["with", "mit", "avec", "con", "met", "com"]);

const COMPANY_PATTERNS: KeywordPattern[] = [
  keywordPattern("position|role|job|opening|vacancy|interview|internship|opportunity|employment|application|applied|work|career", (words) => String.raw`\b(?:${words})s?\b${GAP}\b(?:at|with) ${NAME_STARTS}`),
  keywordPattern("applying|applied|application|apply", (words) => String.raw`\b(?:${words}) (?:to|with|at) ${NAME_STARTS}`),
  keywordPattern("interest in|on behalf of|welcome to|join|joining|team at|work at|work for|working at|working for", (words) => String.raw`\b(?:${words}) ${NAME_STARTS}`),
  keywordPattern("bewerbung|tätigkeit|stelle|vorstellungsgespräch|gespräch|interesse|karriere|einstieg|mitarbeit|job|position|arbeiten|team von", (words) => String.raw`\b(?:${words})\b${GAP}\b(?:bei|von) ${NAME_STARTS}`),
  keywordPattern("chez|au sein de |au sein d'|rejoindre|de la société|de l'entreprise", (words) => String.raw`\b(?:${words}) ?${NAME_STARTS}`),
  keywordPattern("puesto|posición|posicion|rol|vacante|proceso|candidatura", (words) => String.raw`\b(?:${words})\b${GAP}\ben ${NAME_STARTS}`),
  keywordPattern("equipo de|en nombre de|en nombre del equipo de|trabajar en|unirse a|unirte a", (words) => String.raw`\b(?:${words}) ${NAME_STARTS}`),
  keywordPattern("posição|posicao|vaga|função|funcao|cargo|candidatura", (words) => String.raw`\b(?:${words})\b${GAP}\b(?:na|no|em) ${NAME_STARTS}`),
  keywordPattern("equipa|equipe", (words) => String.raw`\b(?:${words}) (?:da|do|de) ${NAME_STARTS}`),
  keywordPattern("functie|vacature|sollicitatie|gesprek|werken", (words) => String.raw`\b(?:${words})\b${GAP}\bbij ${NAME_STARTS}`),
  keywordPattern("team", (words) => String.raw`\b${words} van ${NAME_STARTS}`),
];

// "the Office Manager position at Acme": the employer of a placement, even when an agency writes.
const PLACEMENT_PATTERN = keywordPattern("position|role|job|opening|vacancy|interview|stelle|poste|puesto|vaga|functie|vacature", (words) => String.raw`\b(?:${words})\b${GAP}\b(?:at|bei|chez|en|na|no|bij) ${NAME_STARTS}`);
// A sender whose name or domain says it recruits for others.
const AGENCY_SENDER = /recruit|staffing|talent|personnel|headhunt|placement|werving|uitzend|interim|recrutement|reclutamiento|recrutamento|personalvermittlung|personaldienst|agency|agentur/;

const COMPANY_LABEL = labelPattern("abcefosuw", /^(?:company|employer|organi[sz]ation|client|firm|unternehmen|firma|arbeitgeber|entreprise|société|societe|empresa|bedrijf|organisatie|werkgever)\s*[:\t]\s*(.+)$/iu);
const ROLE_WITH_COMPANY = keywordPattern("position|role|job|vacancy|opening|stelle|poste|puesto|vaga|functie", (words) => String.raw`\b(?:${words})\s+(?:of\s+|for\s+|as\s+|de\s+|als\s+)?[^()\n]{2,60}?\s\(${NAME}\)`);
const TRAILING_PARENTHESIS = new RegExp(String.raw`\(${NAME}\)\s*$`);

/** The name a phrase, a line or a title offers, trimmed of punctuation and glue; null when it names no company. */
function cleanCandidate(raw: string): string | null {
  // The places a reader looks offer the same names again and again.
  return keptAnswer(kept.candidates, raw, (question) => cleanCandidateNow(question) ?? "") || null;
}

function cleanCandidateNow(raw: string): string | null {
  const tokens = words(withoutTrailing(raw.trim(), ",;:!?"));
  while (tokens.length > 0 && CONNECTORS.has(fold(tokens[tokens.length - 1] ?? ""))) tokens.pop();
  if (tokens.length > 7) tokens.length = 7;
  const name = tokens.join(" ");
  if (name.length < 2) return null;
  const first = name.charCodeAt(0);
  if (first < 0x80 ? (first >= 0x30 && first <= 0x39) || (first >= 0x61 && first <= 0x7a) : /^(?:\d|[\p{Ll}])/u.test(name)) return null;
  const folded = fold(name);
  return NOT_COMPANY.has(folded) || isPlatformName(folded) ? null : name;
}

// ---------------------------------------------------------------------------------------------
// Signature

/** Folded once: folding is Unicode normalisation, too slow to repeat for every closing on every line. */
const FOLDED_CLOSINGS = new Set(CLOSINGS.map(fold));
/** A closing, and what follows it on its line ("Best regards, Ann"), is no longer than this. */
const MAX_CLOSING_CHARS = 40;
// A line that may be a closing: its first word (up to the space or punctuation after it) is not
// ASCII, or is the first word of a closing in any case.
const CLOSING_OPENING = new RegExp(`^(?:[^\\s,.!]*[^\\s,.!\\u0000-\\u007F]|(?:${[...new Set([...FOLDED_CLOSINGS].map((closing) => closing.split(" ")[0] ?? closing))].join("|")})(?=[\\s,.!]|$))`, "i");

/** A closing alone ("Best regards,") or followed by a comma ("Cheers, Ann"). `line` is trimmed. */
function isClosingLine(line: string): boolean {
  // Most lines are not closings, and folding is costly. An ASCII word folds to itself
  // lower-cased, so a line that opens with one no closing opens with is not one, and an ASCII
  // line longer than any closing, with no trailing punctuation to drop, is not one either.
  if (!CLOSING_OPENING.test(line)) return false;
  if (line.length > MAX_CLOSING_CHARS && !/[,.!]$/.test(line) && isAsciiText(line)) return false;
  const text = fold(line).replace(/[,.!]+$/, "").trim();
  if (text.length === 0 || text.length > MAX_CLOSING_CHARS) return false;
  if (FOLDED_CLOSINGS.has(text)) return true;
  for (let comma = text.indexOf(","); comma >= 0; comma = text.indexOf(",", comma + 1)) {
    if (FOLDED_CLOSINGS.has(text.slice(0, comma))) return true;
  }
  return false;
}

/** Lines under the last closing ("Best regards,") or "--", up to the first contact detail. */
export function readSignatureLines(text: string): string[] {
  return [...readBody(text).signature];
}

/** Lines are found where they are read, from the end up to the closing: the text is not split. */
function findSignatureLines(text: string): string[] {
  // Where the line after the last closing starts.
  let start = -1;
  for (let end = text.length; ; ) {
    const lineStart = end === 0 ? 0 : text.lastIndexOf("\n", end - 1) + 1;
    const line = text.slice(lineStart, end).trim();
    if (line === "--" || isClosingLine(line)) {
      start = end + 1;
      break;
    }
    if (lineStart === 0) break;
    end = lineStart - 1;
  }
  if (start < 0) return [];
  const out: string[] = [];
  for (let at = start; at <= text.length && out.length < 4; ) {
    const newline = text.indexOf("\n", at);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(at, end).trim().replace(/^\*+|\*+$/g, "").trim();
    at = end + 1;
    if (line === "") continue;
    if (/@|https?:|www\.|\d{3,}|:\s|^\W*$/.test(line) || line.length > 60) break;
    out.push(line);
  }
  return out;
}

/** The first line that is not blank, trimmed. */
function firstLineOf(text: string): string | undefined {
  for (let at = 0; at <= text.length; ) {
    const newline = text.indexOf("\n", at);
    const end = newline < 0 ? text.length : newline;
    const line = text.slice(at, end).trim();
    if (line !== "") return line;
    at = end + 1;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The body, read once

/** What the readers take from an email body. */
interface BodyReading {
  text: string;
  /** Trimmed lines with a ":" or a tab: the only ones a "Label: value" pattern can match. */
  labelledLines: string[];
  keywords: KeywordSites;
  signature: string[];
  /** Folded when first asked (`foldedText`). */
  folded: string | null;
}

let lastBody: BodyReading | null = null;

/**
 * The readers of one email all read its body: it is lower-cased and indexed, and its labelled
 * lines and signature are found, once for the last body read. The reading is shared; callers must not change it. A new body also starts
 * a new email for the answers kept about names.
 */
function readBody(text: string): BodyReading {
  if (lastBody?.text === text) return lastBody;
  kept = newKeptAnswers();
  lastBody = {
    text,
    labelledLines: labelledLinesOf(text),
    keywords: findKeywords(text),
    signature: findSignatureLines(text),
    folded: null,
  };
  return lastBody;
}

/** The body folded; an ASCII body folds to itself lower-cased. */
function foldedText(reading: BodyReading): string {
  reading.folded ??= isAsciiText(reading.text) ? reading.keywords.lower : fold(reading.text);
  return reading.folded;
}

/** The trimmed lines with a ":" or a tab, found from where those stand rather than line by line. */
function labelledLinesOf(text: string): string[] {
  const found: string[] = [];
  let colon = text.indexOf(":");
  let tab = text.indexOf("\t");
  while (colon >= 0 || tab >= 0) {
    const at = colon < 0 ? tab : tab < 0 ? colon : Math.min(colon, tab);
    const start = text.lastIndexOf("\n", at) + 1;
    const newline = text.indexOf("\n", at);
    const end = newline < 0 ? text.length : newline;
    // Trimming may drop the tab.
    const line = text.slice(start, end).trim();
    if (line.includes(":") || line.includes("\t")) found.push(line);
    if (colon >= 0 && colon < end) colon = text.indexOf(":", end);
    if (tab >= 0 && tab < end) tab = text.indexOf("\t", end);
  }
  return found;
}

/** The names of the owner's side (the original's recipients), as core keys and addresses, and the hosts of those. */
interface OwnerSide {
  addresses: Set<string | null>;
  nameKeys: Set<string>;
  hosts: Set<string>;
}

// The readers of one email each ask about its owner's side, one after the other: it is read
// once per recipient list, and kept for the last list only.
let lastOwnerSide: { recipients: Address[]; side: OwnerSide } | null = null;

function readOwnerSide(recipients: Address[]): OwnerSide {
  if (lastOwnerSide?.recipients === recipients) return lastOwnerSide.side;
  const side: OwnerSide = { addresses: new Set(), nameKeys: new Set(), hosts: new Set() };
  for (const recipient of recipients) {
    side.addresses.add(recipient.address?.toLowerCase() ?? null);
    if (recipient.name !== null) side.nameKeys.add(coreKey(recipient.name));
    side.hosts.add(hostOf(recipient.address));
  }
  lastOwnerSide = { recipients, side };
  return side;
}

// ---------------------------------------------------------------------------------------------
// Company

interface CompanyName {
  name: string;
  /** Written with a legal suffix, or taken from the text as written. */
  asWritten: boolean;
}

const WEIGHT = {
  label: 10,
  roleQualifier: 6,
  displayName: 3,
  organizer: 2,
  textPhrase: 2,
  signature: 1.5,
  signatureLine: 1,
  domain: 1.5,
  linkHost: 1,
  /** A phrase in the subject ("Interview - Data Engineer at Acme"): as telling as one in the text. */
  subjectPhrase: 2,
  subject: 1,
  calendarTitle: 1,
  domainNamed: 1,
  mention: 0.5,
} as const;
const BODY_PLACE = "named in the text";
/** A company with this much agreeing weight is stated without doubt (a display name, its domain and a mention). */
const SURE_COMPANY_WEIGHT = 5;
/** Mentions in the text beyond this add no weight. */
const MAX_COUNTED_MENTIONS = 3;

export function readCompany(input: PartiesInput): Choice<string> {
  const body = input.text;
  const reading = readBody(body);
  const domain = domainOf(input.from?.address ?? null);
  const hosts = readEmployerHosts(input);
  const subjectKeywords = findKeywords(input.subject);
  const calendarText = [input.calendar?.summary, input.calendar?.description].filter(Boolean).join("\n");
  const phrased = namesInPhrases([
    [body, WEIGHT.textPhrase, reading.keywords, BODY_PLACE],
    [input.subject, WEIGHT.subjectPhrase, subjectKeywords, "named in the subject"],
    [calendarText, WEIGHT.calendarTitle, findKeywords(calendarText), "named in the calendar event"],
  ]);
  // A sender's name that the text names as the employer ("... at Ledgerwood") is the employer, however it reads.
  const namedAsEmployer = new Set(phrased.map((found) => coreKey(found.name)));
  const people = knownPeople(input, namedAsEmployer);
  const ballot: Ballot<CompanyName> = new Map();
  // Names read from the subject or the calendar title: the title has already counted for them.
  const fromTitles = new Set<string>();
  const add = (raw: string | null, weight: number, asWritten: boolean, reason: string, fromTitle = false): void => {
    if (!raw) return;
    const name = cleanCandidate(raw);
    if (!name || isGivenNameIn(name, people)) return;
    const key = coreKey(name);
    if (key.length < 2 || people.keys.has(key)) return;
    if (fromTitle) fromTitles.add(key);
    // Keep the fullest form as written ("Acme Holding AG" over "Acme Holding").
    const fuller = (kept: CompanyName): boolean => (asWritten && !kept.asWritten) || (asWritten === kept.asWritten && name.length > kept.name.length);
    support(ballot, key, { name, asWritten }, weight, `${reason}: "${name}"`, fuller);
  };

  for (const line of reading.labelledLines) {
    const label = labelledValue(COMPANY_LABEL, line);
    if (label) add(label.trim(), WEIGHT.label, true, "labelled");
  }
  const placements = new Set<string>();
  for (const found of namesAfter(PLACEMENT_PATTERN, body, reading.keywords)) {
    const name = cleanCandidate(found.name);
    const key = name ? coreKey(name) : "";
    if (name && !people.keys.has(key)) placements.add(key);
  }
  for (const match of qualifiedRoles(input.subject, subjectKeywords, body, reading.keywords)) {
    if (match[1] && !isGenderMarker(match[1])) {
      add(match[1], WEIGHT.roleQualifier, true, "the position's qualifier");
      placements.add(coreKey(match[1]));
    }
  }

  const senderKeys = new Set<string>();
  const owner = readOwnerSide(input.recipients);
  for (const sender of [input.from, input.replyTo]) {
    if (!sender?.name || isOwnerSide({ name: sender.name, email: sender.address }, owner)) continue;
    const behalf = onBehalfOf(sender.name);
    const person = isPersonSender(sender.name, sender.address) && !namedAsEmployer.has(coreKey(ownName(sender.name)));
    // "Anna Schmidt | Acme GmbH": a person, and their organisation beside them.
    const besidePerson = person && ownName(sender.name) !== withoutVia(sender.name);
    if (behalf ? looksLikePersonName(behalf) : person && !besidePerson) continue;
    // A service signing its own mail ("Google Calendar", "Calendly") sends for someone else.
    if (isPlatformName(fold(sender.name)) || isOwnBrandOfService(sender.name, sender.address)) continue;
    const name = cleanOrganisationName(behalf ?? sender.name, domain);
    add(name, WEIGHT.displayName, false, "sender name");
    if (name) senderKeys.add(coreKey(name));
    break;
  }
  const organizer = input.calendar?.organizer;
  if (organizer?.name && !isPersonSender(organizer.name, organizer.email)) {
    add(cleanOrganisationName(organizer.name, domainOf(organizer.email)), WEIGHT.organizer, false, "calendar organizer");
  }

  for (const found of phrased) add(found.name, found.weight, true, found.place, found.place !== BODY_PLACE);
  for (const title of [input.subject, input.calendar?.summary ?? ""]) {
    const qualifier = title.includes("(") ? TRAILING_PARENTHESIS.exec(title.trim()) : null;
    if (qualifier?.[1] && !isGenderMarker(qualifier[1])) add(qualifier[1], WEIGHT.subject, true, "a title's qualifier", true);
    for (const side of sidesOfTitle(title)) add(leadingName(side), WEIGHT.calendarTitle, true, "a title naming both sides", true);
  }

  for (const line of reading.signature) {
    const cleaned = cleanOrganisationName(line, domain);
    if (!cleaned || words(cleaned).some((w) => TITLE_WORDS.has(fold(w)))) continue;
    // A person's name signs the mail; it is a company only when a domain spells it.
    if (looksLikePersonName(stripPersonTitle(line)) && !ballot.has(coreKey(cleaned)) && !hosts.some((host) => matchesDomainKey(coreKey(cleaned), host.key))) continue;
    // A line that reads as an organisation ("... Analytics", "... GmbH") weighs more than any line (a city, a client's footer).
    add(cleaned, looksLikeOrganisation(cleaned) ? WEIGHT.signature : WEIGHT.signatureLine, true, "signature");
  }
  const spelled = new Map<string, string>();
  const summary = input.calendar?.summary ?? "";
  const location = input.calendar?.location ?? "";
  const spelling: [text: string, lower: string][] = [[input.subject, subjectKeywords.lower], [summary, summary.toLowerCase()], [location, location.toLowerCase()], [body, reading.keywords.lower]];
  for (const [text, lower] of spelling) {
    for (const name of namesSpelledByHosts(text, lower, hosts)) if (!spelled.has(coreKey(name))) spelled.set(coreKey(name), name);
  }
  for (const name of spelled.values()) add(name, WEIGHT.domainNamed, true, "a name a domain spells");

  const subjectKey = coreKey(input.subject);
  for (const [key, candidate] of ballot) {
    // A host confirms a name ("Ferncliff Robotics" at ferncliffr.example), it never proposes one.
    const host = hosts.find((h) => matchesDomainKey(key, h.key));
    if (host) support(ballot, key, candidate.value, host.source === "link's host" ? WEIGHT.linkHost : WEIGHT.domain, `matches the ${host.source} ${host.host}`);
    if (subjectKey.includes(key) && !fromTitles.has(key)) support(ballot, key, candidate.value, WEIGHT.subject, "also in the subject");
    const mentions = countOccurrences(foldedText(reading), fold(candidate.value.name), MAX_COUNTED_MENTIONS);
    if (mentions > 0) support(ballot, key, candidate.value, mentions * WEIGHT.mention, `mentioned ${mentions === MAX_COUNTED_MENTIONS ? `${mentions}+` : mentions} times in the text`);
  }

  // An agency writing about a placement, or a service sending for an employer: the employer is
  // the one the position is at.
  const agency = AGENCY_SENDER.test(fold(`${input.from?.name ?? ""} ${input.from?.address ?? ""}`));
  const automated = input.from?.address ? isServiceAddress(input.from.address) : false;
  const clients = [...placements].filter((key) => !senderKeys.has(key) && ballot.has(key));
  const pool = (agency || automated) && clients.length > 0 ? clients.map((key) => ballot.get(key)).filter((c) => c !== undefined) : ballot.values();
  const choice = choose(pool, SURE_COMPANY_WEIGHT, (company) => `"${company.name}"`);
  return { value: choice.value?.name ?? null, confidence: choice.confidence };
}

/** The names after the company phrases of each text ("position at X", "Bewerbung bei X"), each once per text. */
function namesInPhrases(texts: [text: string, weight: number, keywords: KeywordSites, place: string][]): { name: string; weight: number; place: string }[] {
  const found: { name: string; weight: number; place: string }[] = [];
  for (const [text, weight, keywords, place] of texts) {
    const seen = new Set<string>();
    for (const pattern of COMPANY_PATTERNS) {
      for (const raw of namesAfter(pattern, text, keywords)) {
        const name = cleanCandidate(raw.name);
        const key = name ? coreKey(name) : "";
        // "Your interview with Sarah Chen": whom it is with, not where.
        if (!name || seen.has(key) || (raw.withWord && looksLikePersonName(name))) continue;
        seen.add(key);
        found.push({ name, weight, place });
      }
    }
  }
  return found;
}

/** Where a company's name may be spelled: the employer's own hosts, never a service's or a mail provider's. */
interface EmployerHost {
  host: string;
  /** The registrable name, letters and digits only: "acmecorp" for careers.acme-corp.example. */
  key: string;
  source: "sender's domain" | "reply address's domain" | "calendar organizer's domain" | "link's host";
}

// A mail's first links are its own (the job, the booking, the company's site); later ones are footers and trackers.
const MAX_LINKS_READ = 12;

/** The hosts of the sender, the reply address, the organizer and the links, minus the owner's and the services'. */
function readEmployerHosts(input: PartiesInput): EmployerHost[] {
  const ownerHosts = readOwnerSide(input.recipients).hosts;
  const hosts: EmployerHost[] = [];
  const add = (host: string, source: EmployerHost["source"]): void => {
    if (!host || ownerHosts.has(host)) return;
    const { employer, key } = hostFacts(host);
    if (!employer) return;
    if (key.length >= 3 && !hosts.some((h) => h.key === key)) hosts.push({ host, key, source });
  };
  add(hostOf(input.from?.address ?? null), "sender's domain");
  add(hostOf(input.replyTo?.address ?? null), "reply address's domain");
  add(hostOf(input.calendar?.organizer?.email ?? null), "calendar organizer's domain");
  // A host read twice adds nothing: its key is already there, or was refused.
  for (let i = 0; i < input.links.length && i < MAX_LINKS_READ; i++) add(hostOfUrl(input.links[i] ?? ""), "link's host");
  return hosts;
}

// What a host adds to the name it spells: "acmecorp", "northwindgroup", "brindlecareers".
const HOST_SUFFIX_WORDS = new Set([
  "corp", "inc", "co", "group", "hq", "careers", "career", "jobs", "job", "global", "tech", "labs", "hr", "usa", "us", "uk",
  "de", "eu", "online", "app", "team", "recruiting", "talent", "international", "intl", "company", "holding", "holdings",
  "gmbh", "ag", "llc", "ltd", "world", "worldwide", "official", "mail", "hq", "digital", "web",
]);

/**
 * A name's key spelled by a host's key: the same ("ashfordlogistics"), the host a prefix of it
 * ("brindle" for Brindle Systems), or the name and a word hosts add ("acmecorp" for Acme).
 */
function matchesDomainKey(nameKey: string, hostKey: string): boolean {
  if (nameKey.length < 2 || hostKey.length < 3) return false;
  if (nameKey === hostKey) return true;
  if (hostKey.length >= 4 && nameKey.startsWith(hostKey)) return true;
  return nameKey.length >= 3 && hostKey.startsWith(nameKey) && HOST_SUFFIX_WORDS.has(hostKey.slice(nameKey.length));
}

/** The same test with the name's words: also its first word and the initials of the rest. */
function nameMatchesHost(name: string, hostKey: string): boolean {
  if (matchesDomainKey(coreKey(name), hostKey)) return true;
  if (!TWO_WORDS.test(name)) return false;
  const folded = fold(name);
  const tokens = words(folded.replace(isPlainLatin(folded) ? LATIN_NOT_ALPHANUMERIC_OR_SPACE : NOT_ALPHANUMERIC_OR_SPACE, ""));
  if (tokens.length < 2) return false;
  const initials = tokens.map((t) => t.charAt(0)).join("");
  return hostKey === `${tokens[0]}${initials.slice(1)}` || (initials.length >= 3 && hostKey === initials);
}

/**
 * Capitalised names in a text that an employer host spells ("Brindle Systems is hiring" from
 * brindle.example): found where the host's first letters stand in the text lower-cased.
 */
function namesSpelledByHosts(text: string, lower: string, hosts: EmployerHost[]): string[] {
  if (hosts.length === 0 || text === "" || lower.length !== text.length) return [];
  const found: string[] = [];
  for (const host of hosts) {
    const probe = host.key.slice(0, 4);
    for (let at = lower.indexOf(probe); at >= 0; at = lower.indexOf(probe, at + probe.length)) {
      // A name stands after a space or an opening mark, never inside a link or an address.
      if (at > 0 && !NAME_OPENERS.includes(lower.charAt(at - 1))) continue;
      NAME_AT.lastIndex = at;
      const name = cleanCandidate(NAME_AT.exec(text)?.[1] ?? "");
      if (name && nameMatchesHost(name, host.key)) found.push(name);
    }
  }
  return found;
}

const NAME_OPENERS = " \t\n\"'“‘«(*[";
// The separator of the two sides in a booking's title: "Interview: Jordan Mitchell <> Acme".
const BOTH_SIDES = /\s(?:<>|x|×)\s/;

/** The sides of a title that names candidate and employer ("Jordan Mitchell <> Acme", "Acme x Jordan"), but the person. */
function sidesOfTitle(title: string): string[] {
  if (!title.includes("<>") && !title.includes(" x ") && !title.includes("×")) return [];
  const sides = title.replace(/^[^:<]*:\s*/, "").split(BOTH_SIDES).map((side) => side.trim());
  return sides.length === 2 ? sides.filter((side) => !looksLikePersonName(side)) : [];
}

/** The capitalised name a text opens with ("Acme" of "Acme - Backend Engineer"). */
function leadingName(text: string): string | null {
  NAME_AT.lastIndex = 0;
  return NAME_AT.exec(text)?.[1] ?? null;
}
/**
 * The matches of ROLE_WITH_COMPANY in the subject and body joined by a line break. No keyword
 * holds a line break, so the keywords of the joined text are those of its two parts.
 */
function qualifiedRoles(subject: string, subjectSites: KeywordSites, body: string, bodySites: KeywordSites): RegExpExecArray[] {
  if (!mayMatch(ROLE_WITH_COMPANY, subjectSites) && !mayMatch(ROLE_WITH_COMPANY, bodySites)) return [];
  const text = `${subject}\n${body}`;
  const bodyStart = subject.length + 1;
  // The subject's starts, then the body's moved past it: ascending and distinct, as the joined text's.
  let starts: number[] | null = null;
  if (subjectSites.aligned && bodySites.aligned) {
    starts = [...(matchStarts(ROLE_WITH_COMPANY, subjectSites) ?? [])];
    for (const offset of matchStarts(ROLE_WITH_COMPANY, bodySites) ?? []) starts.push(offset + bodyStart);
  }
  const matches: RegExpExecArray[] = [];
  for (let match = nextMatch(ROLE_WITH_COMPANY, text, starts, 0); match; match = nextMatch(ROLE_WITH_COMPANY, text, starts, match.index + match[0].length)) {
    matches.push(match);
  }
  return matches;
}

/** Occurrences of `needle`, counted up to `max`. */
function countOccurrences(haystack: string, needle: string, max: number): number {
  if (needle.length < 2) return 0;
  let count = 0;
  let index = haystack.indexOf(needle);
  while (index >= 0 && count < max) {
    count++;
    index = haystack.indexOf(needle, index + needle.length);
  }
  return count;
}

function isGenderMarker(text: string): boolean {
  return /^[mwfdhxi]\s*\/\s*[mwfdhxi](?:\s*\/\s*[mwfdhxi])?$/i.test(text.trim()) || /^(?:all genders|gn|w\/m\/d)$/i.test(text.trim());
}

/** People's names (the owner's side, the sender, the organizer, the signer): never a company. */
interface KnownPeople {
  /** Core keys of their full names. */
  keys: Set<string>;
  /** Their given names and the sender's address name, folded: a lone one is never a company. */
  givenNames: Set<string>;
}

function knownPeople(input: PartiesInput, namedAsEmployer: ReadonlySet<string>): KnownPeople {
  const from = input.from;
  const organizer = input.calendar?.organizer;
  const signer = readBody(input.text).signature[0];
  const fromName = from?.name ? ownName(from.name) : null;
  const fromPerson = from?.name && fromName && isPersonSender(from.name, from.address) && !namedAsEmployer.has(coreKey(fromName)) ? fromName : null;
  const people: KnownPeople = { keys: new Set(), givenNames: new Set() };
  const addGivenName = (name: string): void => {
    people.givenNames.add(fold(firstNameOf(name)));
  };
  const addPerson = (name: string | null | undefined): void => {
    if (!name) return;
    people.keys.add(coreKey(name));
    addGivenName(name);
  };
  for (const recipient of input.recipients) addPerson(recipient.name);
  addPerson(fromPerson);
  if (organizer?.name && isPersonSender(organizer.name, organizer.email)) addPerson(organizer.name);
  // The signer may be the company signing ("Best regards, Ledgerwood"): only their given name counts.
  const signerName = signer ? stripPersonTitle(signer) : "";
  if (looksLikePersonName(signerName)) addGivenName(signerName);
  const local = fromPerson ? from?.address?.split("@")[0] : undefined;
  if (local) people.givenNames.add(fold(local.split(/[._-]/)[0] ?? ""));
  people.givenNames.delete("");
  return people;
}

/** `name` is a cleaned candidate: its words are joined by single spaces. */
function isGivenNameIn(name: string, people: KnownPeople): boolean {
  return !name.includes(" ") && people.givenNames.has(fold(name));
}

// ---------------------------------------------------------------------------------------------
// Role

const ROLE_LABEL = labelPattern(
  "cfijoprsv",
  /^(?:position|role|job title|job opening|job|opening|vacancy|stelle|position|poste|intitulé du poste|puesto|vacante|cargo|função|funcao|vaga|functie|vacature)\s*[:\t]\s*(.+)$/iu,
);

const GENDER_MARKER = String.raw`(?:\s?\((?:[mwfdhx]|gn|all genders)(?:\s*/\s*[mwfdhx])*\))?`;
const ROLE_CHAR = String.raw`(?:[^\n.!?;:"“”()]|\.(?=\S))`;
// Open: runs to the end of the clause and is cut at the first word that continues the sentence.
const ROLE_OPEN = String.raw`(${ROLE_CHAR}{2,80}${GENDER_MARKER})`;
// Bounded: ends right before a keyword ("the X position"), so it must contain no such word.
const ROLE_BOUNDED = String.raw`(${ROLE_CHAR}{2,60}?${GENDER_MARKER})`;
// Where an open role ends: the first word that continues the sentence (folded, as the words it is asked about).
const ROLE_STOP = new Set(
  [
    "at", "with", "has", "have", "had", "is", "was", "will", "would", "and", "in", "on", "for", "to", "from", "which", "who",
    "that", "we", "you", "please", "position", "role", "job", "vacancy", "opening", "here", "there", "been",
    "bei", "und", "für", "zu", "an", "mit", "im", "teil", "geprüft", "erhalten", "eingegangen", "sowie", "wurde", "ist",
    "chez", "au", "à", "et", "pour", "qui", "dans", "a", "été",
    "en", "y", "con", "que", "ha", "fue",
    "na", "no", "em", "com", "foi", "e",
    "bij", "met", "die", "binnen",
    "está", "estão", "será", "est", "sera", "wird", "wordt", "werd",
  ].map(fold),
);

// Words that join two halves of one title ("Sales and Partnerships Manager", "Head of Sales").
const ROLE_GLUE = new Set(["and", "und", "et", "y", "e", "en", "&", "of", "for", "de", "van"]);

/** "Fachkraft für Lagerlogistik", "Kaufmann für Büromanagement": "für" and a noun go on with a German title ("für die Stelle" does not). */
function isTitleFür(word: string, next: string | undefined): boolean {
  return word === "fur" && next !== undefined && /^[A-ZÄÖÜ][a-zäöüß]/.test(next);
}

/** "Payments Tester (Ola Brandt)": the interviewer named after a title is not part of it. */
function withoutTrailingPerson(title: string): string {
  const open = title.lastIndexOf("(");
  if (open < 0 || !title.trimEnd().endsWith(")")) return title;
  return looksLikePersonName(title.slice(open + 1, title.lastIndexOf(")")).trim()) ? title.slice(0, open).trimEnd() : title;
}

interface RolePattern extends KeywordPattern {
  bounded: boolean;
  titleCase: boolean;
  needsJobNoun?: boolean;
}

// A role pattern opens with its keywords, but for the one that ends with them ("the X position").
const ROLE_PATTERNS: RolePattern[] = [
  { ...phrasePattern(["position", "role", "job", "vacancy", "opening", "post"], wordPattern(new RegExp(String.raw`\b(?:position|role|job|vacancy|opening|post)\s+(?:of|as)\s*:?\s+(?:an?\s+|the\s+)?${ROLE_OPEN}`, "giu")), true), bounded: false, titleCase: false },
  { ...phrasePattern(["for the position", "for the role"], wordPattern(new RegExp(String.raw`\bfor the (?:position|role)\s+(?!of\b|as\b)${ROLE_OPEN}`, "giu")), true), bounded: false, titleCase: true },
  { ...phrasePattern(["position", "role", "job", "vacancy", "opening"], wordPattern(new RegExp(String.raw`\b(?:the|our|this|your|for|a|an)\s+${ROLE_BOUNDED}\s+(?:position|role|job|vacancy|opening)\b`, "giu")), false), bounded: true, titleCase: true },
  { ...phrasePattern(["interview for"], wordPattern(/\binterview for\s+["“]([^"”\n]{2,60})["”]/giu), true), bounded: true, titleCase: false },
  { ...phrasePattern(["bewerbung", "stelle", "position", "tätigkeit", "interesse"], wordPattern(new RegExp(String.raw`\b(?:bewerbung|stelle|position|tätigkeit|interesse)\s+als\s+${ROLE_OPEN}`, "giu")), true), bounded: false, titleCase: false },
  { ...phrasePattern(["als"], wordPattern(new RegExp(String.raw`\bals\s+${ROLE_BOUNDED}\s+(?:[Tt]eil|bei|in|zu)\b`, "gu")), true), bounded: true, titleCase: true },
  { ...phrasePattern(["poste", "fonction", "emploi"], wordPattern(new RegExp(String.raw`\b(?:poste|fonction|emploi)\s+(?:de|d')\s*${ROLE_OPEN}`, "giu")), true), bounded: false, titleCase: false },
  { ...phrasePattern(["puesto", "posición", "posicion", "rol", "cargo", "vacante"], wordPattern(new RegExp(String.raw`\b(?:puesto|posición|posicion|rol|cargo|vacante)\s+de\s+${ROLE_OPEN}`, "giu")), true), bounded: false, titleCase: false },
  { ...phrasePattern(["posição", "posicao", "função", "funcao", "vaga", "cargo"], wordPattern(new RegExp(String.raw`\b(?:posição|posicao|função|funcao|vaga|cargo)\s+de\s+${ROLE_OPEN}`, "giu")), true), bounded: false, titleCase: false },
  { ...phrasePattern(["functie", "vacature"], wordPattern(new RegExp(String.raw`\b(?:functie|vacature)\s+(?:van\s+|als\s+|voor\s+)?${ROLE_OPEN}`, "giu")), true), bounded: false, titleCase: false },
  { ...phrasePattern(["interview "], wordPattern(new RegExp(String.raw`\binterview (?:with [^\n.]{2,40}? )?for (?:the )?${ROLE_OPEN}`, "giu")), true), bounded: false, titleCase: true, needsJobNoun: true },
  { ...phrasePattern(["as a"], wordPattern(new RegExp(String.raw`\bas an?\s+${ROLE_OPEN}`, "gu")), true), bounded: false, titleCase: true, needsJobNoun: true },
  { ...phrasePattern(["application for", "applied for", "applying for"], wordPattern(new RegExp(String.raw`\b(?:application|applied|applying) for (?:the )?${ROLE_OPEN}`, "giu")), true), bounded: false, titleCase: true, needsJobNoun: true },
];

// The keywords of every phrase pattern, found in a text in one pass.
const PHRASE_PATTERNS = [PLACEMENT_PATTERN, ROLE_WITH_COMPANY, ...COMPANY_PATTERNS, ...ROLE_PATTERNS];
const KEYWORDS = createWordFinder(PHRASE_PATTERNS.flatMap((pattern) => pattern.keywords));
const PATTERNS_BY_KEYWORD = new Map<string, number>();
for (const pattern of PHRASE_PATTERNS) for (const keyword of pattern.keywords) PATTERNS_BY_KEYWORD.set(keyword, (PATTERNS_BY_KEYWORD.get(keyword) ?? 0) | pattern.bit);

// Nouns that end a job title; a weak pattern only counts when the title ends in one.
const JOB_NOUN = twinWithoutUnicodeFlag(
  /(?:engineer|developer|manager|analyst|designer|specialist|coordinator|supervisor|assistant|lead|consultant|technologist|administrator|officer|cleaner|scientist|architect|intern|associate|director|accountant|representative|agent|nurse|teacher|technician|operator|advisor|adviser|executive|editor|writer|researcher|programmer|tester|recruiter|clerk|driver|cook|chef|machinist|electrician|mechanic|planner|buyer|controller|auditor|lawyer|marketer|strategist|owner|head|student|trainee|apprentice|werkstudent\w*|mitarbeiter\w*|sachbearbeiter\w*|entwickler\w*|berater\w*|leiter\w*|ingenieur\w*|referent\w*|assistenz|kaufmann|kauffrau|pfleger\w*|erzieher\w*|begleitung|developpeur|développeur|ingénieur|chargée?|chef|responsable|stagiaire|ingeniero\/?a?|desarrollador\/?a?|consultor\/?a?|técnico\/?a?|analista|engenheiro\/?a?|programador\/?a?|medewerker|coördinator|coordinator|adviseur|ontwikkelaar)(?:\s*\([^)]*\))?$/iu,
);

// A date right after a title ends it: "Contable el jueves 14 de mayo".
const WEEKDAYS = new Set([
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
  "montag", "dienstag", "mittwoch", "donnerstag", "freitag", "samstag", "sonntag",
  "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
  "lunes", "martes", "miercoles", "jueves", "viernes", "sabado", "domingo",
  "segunda-feira", "terca-feira", "quarta-feira", "quinta-feira", "sexta-feira",
  "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
]);
const ARTICLES_BEFORE_DATE = new Set(["el", "le", "la", "o", "a", "am", "on", "op", "de", "the"]);

/** `word` without the trailing characters that are in `chars`, `most` of them at most. */
function withoutTrailing(word: string, chars: string, most = word.length): string {
  let end = word.length;
  while (end > 0 && word.length - end < most && chars.includes(word.charAt(end - 1))) end--;
  return word.slice(0, end);
}

// White space other than single spaces.
const ODD_SPACE = /[^\S ]|\s\s/;

/** The word after the space at `space`; undefined when there is no space. */
function wordAfter(text: string, space: number): string | undefined {
  if (space < 0) return undefined;
  const next = text.indexOf(" ", space + 1);
  return text.slice(space + 1, next < 0 ? text.length : next);
}

/** How many times `char` occurs in `text`. */
function countOf(text: string, char: string): number {
  let count = 0;
  for (let at = text.indexOf(char); at >= 0; at = text.indexOf(char, at + 1)) count++;
  return count;
}

function isAsciiDigit(charCode: number): boolean {
  return charCode >= 0x30 && charCode <= 0x39;
}

/**
 * The title in a phrase's capture, cut where the sentence goes on. `bounded`: the capture ends
 * at its keyword, so a cut means it was no title. `wholeSegment`: a title's segment ("Marketing
 * and Community Manager"), where glue words belong to the title.
 */
function cleanRole(raw: string, titleCase: boolean, bounded = false, wholeSegment = false): string | null {
  // "Manager, Finance" is one title; ", we invite you" continues the sentence. Markdown emphasis is markup.
  // Each pattern is run only on a capture holding what it looks for.
  const unmarked = raw.includes("*") || raw.includes("_") ? raw.replace(/\*+|(?<!\w)_+|_+(?!\w)/g, "") : raw;
  // White space becomes single spaces; most captures hold nothing else, and the replace would rebuild them.
  const spaced = withoutTrailingPerson(ODD_SPACE.test(unmarked) ? unmarked.replace(/\s+/g, " ") : unmarked);
  const clause = !spaced.includes(",") ? spaced : isAsciiText(spaced) ? spaced.replace(/,\s+(?=[a-z]).*$/, "") : spaced.replace(/,\s+(?=\p{Ll}).*$/u, "");
  let role = clause.trim();
  if (`"“'‘`.includes(role.charAt(0)) || `"”'’`.includes(role.charAt(role.length - 1))) role = role.replace(/^["“'‘]|["”'’]$/g, "").trim();
  // The words (one space apart) are read up to the first that goes on with the sentence; those
  // kept are the role up to `keptEnd`. An ASCII title folds to itself lower-cased, word for word.
  const lower = isAsciiText(role) ? role.toLowerCase() : null;
  let keptEnd = 0;
  let keptWords = 0;
  for (let start = 0; start <= role.length; ) {
    const space = role.indexOf(" ", start);
    const end = space < 0 ? role.length : space;
    const word = withoutTrailing(lower === null ? fold(role.slice(start, end)) : lower.slice(start, end), ".,;:!?");
    if (keptWords > 0 && (WEEKDAYS.has(word) || isAsciiDigit(word.charCodeAt(0)))) {
      if (bounded) return null;
      while (keptWords > 1) {
        const before = role.lastIndexOf(" ", keptEnd - 1);
        if (!ARTICLES_BEFORE_DATE.has(fold(role.slice(before + 1, keptEnd)))) break;
        keptEnd = before;
        keptWords--;
      }
      break;
    }
    if (keptWords > 0 && ROLE_STOP.has(word) && !(wholeSegment && ROLE_GLUE.has(word)) && !isTitleFür(word, word === "fur" ? wordAfter(role, space) : undefined)) {
      if (bounded) return null;
      break;
    }
    keptEnd = end;
    keptWords++;
    start = end + 1;
  }
  if (keptWords === 0) return null;
  role = withoutTrailing(role.slice(0, keptEnd), ".,;:!?-–—").replace(/^(?:the|a|an|our|this|your)\s+/i, "").trim();
  if (role.length < 2 || countOf(role, " ") > 7) return null;
  if (/\d{3,}|@|https?:/.test(role)) return null;
  if (titleCase && !(role.charCodeAt(0) < 0x80 ? /^[A-Z\d.]/.test(role) : /^[\p{Lu}\d.]/u.test(role))) return null;
  return role;
}

/** How sure each place a role is read from is. */
const ROLE_SCORE = {
  labelled: 0.9,
  phrase: 0.75,
  /** A weak phrase ("as a ..."), which only counts with a job noun. */
  weakPhrase: 0.55,
  title: 0.6,
  /** Added when the subject or the calendar title also names it. */
  agreement: 0.2,
} as const;

export function readRole(input: PartiesInput, company: string | null): Choice<string> {
  const reading = readBody(input.text);
  const companyKey = company ? coreKey(company) : null;
  const owner = readOwnerSide(input.recipients);
  // Not the company, and not the owner's own name.
  const acceptable = (role: string | null): role is string => {
    if (role === null) return false;
    const key = coreKey(role);
    return key !== companyKey && !owner.nameKeys.has(key);
  };
  const titles = [input.subject, input.calendar?.summary ?? ""];
  const confirmed = (role: string, score: number, reason: string): Choice<string> => {
    const key = coreKey(role);
    const echoed = key.length >= 3 && titles.some((title) => coreKey(title).includes(key));
    const choice = readFrom(role, echoed ? Math.min(1, score + ROLE_SCORE.agreement) : score, reason);
    if (echoed) choice.confidence?.evidence.push("also named in the subject or the calendar title");
    return choice;
  };

  for (const line of reading.labelledLines) {
    const unbulleted = "-*•".includes(line.charAt(0)) ? line.replace(/^[-*•]\s*/, "") : line;
    const label = labelledValue(ROLE_LABEL, unbulleted);
    const role = label ? cleanRole(label, false) : null;
    if (acceptable(role)) return confirmed(role, ROLE_SCORE.labelled, `labelled "${unbulleted.slice(0, 60)}"`);
  }
  for (const text of [input.text, input.calendar?.description ?? ""]) {
    const sites = text === input.text ? reading.keywords : findKeywords(text);
    let best: { role: string; index: number; weak: boolean; phrase: string } | null = null;
    for (const pattern of ROLE_PATTERNS) {
      const { bounded, titleCase, needsJobNoun } = pattern;
      // Every match contains one of its keywords: a pattern is compiled only for text that could match.
      if (!mayMatch(pattern, sites)) continue;
      // Every match, including ones that start inside an earlier match: "for applying to the Data
      // Engineer position" first matches from "for", which is rejected, and the role starts at "the".
      const starts = matchStarts(pattern, sites);
      for (let match = nextMatch(pattern, text, starts, 0); match; match = nextMatch(pattern, text, starts, match.index + 1)) {
        // A match at or after the earliest role so far cannot replace it.
        if (best && match.index >= best.index) break;
        const role = match[1] ? cleanRole(match[1], titleCase, bounded) : null;
        if (!acceptable(role)) continue;
        if (needsJobNoun && !pick(JOB_NOUN, role).test(role)) continue;
        if (!best || match.index < best.index) best = { role, index: match.index, weak: needsJobNoun === true, phrase: match[0] };
        break;
      }
    }
    const place = text === input.text ? "the text" : "the calendar description";
    if (best) return confirmed(best.role, best.weak ? ROLE_SCORE.weakPhrase : ROLE_SCORE.phrase, `in ${place}: "${best.phrase.trim().slice(0, 70)}"`);
  }
  const greeted = roleFromGreeting(reading.text);
  if (acceptable(greeted)) return confirmed(greeted, ROLE_SCORE.phrase, `in the greeting: "${greeted}"`);
  const fromTitle = roleFromTitles(titles, company, acceptable);
  return fromTitle ? readFrom(fromTitle.role, ROLE_SCORE.title, `in ${fromTitle.title === input.subject ? "the subject" : "the calendar title"}: "${fromTitle.title.slice(0, 70)}"`) : NO_CHOICE;
}

const GREETINGS = ["dear ", "hello ", "hi "];
const GREETED_AS = [" candidate", " applicant", " candidates", " applicants"];

/** A greeting that addresses the candidate by the position: "Dear Data Engineer Candidate,". */
function roleFromGreeting(text: string): string | null {
  const first = firstLineOf(text);
  if (!first || first.length > 80) return null;
  const lower = first.toLowerCase().replace(/[,:!]+$/, "");
  const greeting = GREETINGS.find((g) => lower.startsWith(g));
  const addressed = GREETED_AS.find((a) => lower.endsWith(a));
  if (!greeting || !addressed) return null;
  const role = cleanRole(first.slice(greeting.length, lower.length - addressed.length), true, true);
  return role && pick(JOB_NOUN, role).test(role) ? role : null;
}

// Words after which a subject or calendar title's segment names the role: "Update sollicitatie
// Data Engineer", "Phone interview Data Engineer", "Einladung zum Vorstellungsgespräch als ...".
const TITLE_LEAD_WORDS = new Set([
  "interview", "interviews", "application", "applications", "invitation", "invite", "reminder", "update", "confirmation",
  "for", "as", "position", "role", "vacancy", "opening", "bewerbung", "einladung", "vorstellungsgespräch", "gespräch",
  "als", "stelle", "candidature", "entretien", "pour", "poste", "candidatura", "entrevista", "para", "como", "puesto",
  "vaga", "sollicitatie", "uitnodiging", "sollicitatiegesprek", "gesprek", "voor", "functie", "vacature",
].map(fold));
// Words a title's segment closes with after the title ("Backend Engineer interview (rescheduled)").
const TITLE_TAIL_WORDS = new Set([
  "interview", "interviews", "call", "screen", "screening", "chat", "meeting", "invitation", "update", "application",
  "gespräch", "vorstellungsgespräch", "interviewtermin", "entretien", "entrevista", "gesprek", "sollicitatiegesprek",
  "(rescheduled)", "(updated)", "(cancelled)", "(canceled)", "(new time)", "(moved)",
].map(fold));

/**
 * A role named by a subject or calendar title ("Interview request - Data Engineer", "Acme –
 * Backend Engineer interview", "Update sollicitatie Junior Developer"): a segment that, without
 * the words around the title, ends in a job noun.
 */
function roleFromTitles(titles: string[], company: string | null, acceptable: (role: string | null) => role is string): { role: string; title: string } | null {
  const foldedCompany = company ? fold(company) : null;
  for (const title of titles) {
    if (title === "") continue;
    const stripped = title.replace(/^(?:\s*(?:re|fwd?|fw|wg|aw|tr|rv|enc|canceled|cancelled|updated|invitation|abgesagt|annulé|cancelado)\s*:\s*)+/i, "");
    for (const segment of stripped.split(/\s+[-–—|:]\s+|:\s+/)) {
      const all = words(segment.replace(/\s+at\s+.*$/i, "").replace(/\s*@.*$/, ""));
      while (all.length > 1 && TITLE_TAIL_WORDS.has(fold(all[all.length - 1] ?? ""))) all.pop();
      const lead = all.findLastIndex((token, i) => i < all.length - 1 && TITLE_LEAD_WORDS.has(fold(token)));
      const tokens = all.slice(lead + 1);
      const role = cleanRole(tokens.join(" "), true, false, true);
      if (!role || (foldedCompany !== null && fold(role).includes(foldedCompany))) continue;
      if (pick(JOB_NOUN, role).test(role) && acceptable(role)) return { role, title };
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Contact and interviewers

const CONTACT_LABEL = labelPattern(
  "acdeghijkprstuvy",
  /^(?:(?:your|ihre?|deine?|votre|ton|ta|su|tu|sua|seu|uw|je)\s+)?(?:contact person|contact|point of contact|interviewer|interviewers|hiring manager|recruiter|ansprechpartner(?:in)?|kontaktperson|gesprächspartner(?:in)?|interviewpartner(?:in)?|interlocuteur|interlocutrice|contact rh|entrevistador(?:a)?|persona de contacto|contacto|contato|pessoa de contato|contactpersoon|gesprekspartner)\s*[:\t]\s*(.+)$/iu,
);
const CONTACT_PHRASE = wordPattern(new RegExp(String.raw`\b(?:contact|reach out to|get in touch with|kontaktieren sie|wenden sie sich an|contacter|contactar (?:a|con)|contate|contact opnemen met)\s+(?:our\s+)?(?:HR|hr|recruiter|hiring manager|recruiting team)?\s*:?\s*((?:(?:Herr|Frau|Mr\.?|Ms\.?|Mrs\.?|Dr\.?)\s+)?[${LATIN_UPPER}][a-z\u00DF-\u00F6\u00F8-\u00FF'’-]+(?:\s+[${LATIN_UPPER}][a-z\u00DF-\u00F6\u00F8-\u00FF'’-]+){0,2})(?=\s*(?:[-–—,.;:(]|\bat\b|\bon\b|\bvia\b|$))`, "gm"));

// Every match of CONTACT_PHRASE holds one of these, as written: a text without them is not scanned.
const CONTACT_PHRASE_WORDS = ["contact", "contate", "reach out to", "get in touch with", "kontaktieren sie", "wenden sie sich an"];

function isOwnerSide(person: { name: string | null; email: string | null }, owner: OwnerSide): boolean {
  const email = person.email?.toLowerCase() ?? null;
  return (email !== null && owner.addresses.has(email)) || (person.name !== null && owner.nameKeys.has(coreKey(person.name)));
}

function personFromNameLine(raw: string): string | null {
  const name = stripPersonTitle(raw.replace(/\s*[-–—(,].*$/, "").trim());
  if (looksLikePersonName(name)) return name;
  // A single given name is accepted from an explicit label ("Contact: Van").
  const isOneName = isAsciiText(name, "’") ? /^[A-Z][a-z'’-]+$/.test(name) : /^\p{Lu}[\p{Ll}'’-]+$/u.test(name);
  if (isOneName && !DEPARTMENT_WORDS.has(fold(name)) && !ORG_WORDS.has(fold(name))) return name;
  return null;
}

/** How sure each way of finding the contact is. */
const CONTACT_SCORE = {
  /** A person's own name and address: the organizer or the sender. */
  ownAddress: 0.95,
  labelled: 0.85,
  signer: 0.8,
  /** No person: the employer's repliable mailbox, which is exactly what a follow-up needs. */
  teamMailbox: 0.8,
  phrase: 0.6,
} as const;

export function readContact(input: PartiesInput, company: string | null): Choice<Person> {
  const reading = readBody(input.text);
  const companyKey = company ? coreKey(company) : null;
  const isCompany = (name: string): boolean => companyKey !== null && coreKey(name) === companyKey;
  const owner = readOwnerSide(input.recipients);
  const mailbox = repliableMailbox(input, owner);
  const organizer = input.calendar?.organizer;
  if (organizer?.email && organizer.name && !isServiceAddress(organizer.email) && !isOwnerSide(organizer, owner) && isPersonSender(organizer.name, organizer.email)) {
    const name = stripPersonTitle(organizer.name);
    if (!isCompany(name)) return readFrom({ name, email: organizer.email.toLowerCase() }, CONTACT_SCORE.ownAddress, `calendar organizer ${name} <${organizer.email.toLowerCase()}>`);
  }

  for (const sender of [input.from, input.replyTo]) {
    if (!sender?.name || !sender.address || isOwnerSide({ name: sender.name, email: sender.address }, owner)) continue;
    const name = stripPersonTitle(ownName(sender.name));
    // A lone given name ("Sam") is a person, but not a name to greet them by.
    if (!isPersonSender(sender.name, sender.address) || !(looksLikePersonName(name) || nameMatchesAddress(name, sender.address)) || isCompany(name)) continue;
    // A service relays the person ("Jo Park via Lever"); the reply address, when it is theirs, reaches them.
    const email = isServiceAddress(sender.address, nameMatchesAddress(name, sender.address)) ? mailbox?.address ?? null : sender.address;
    return readFrom({ name, email }, email === sender.address ? CONTACT_SCORE.ownAddress : CONTACT_SCORE.signer, `sender ${name}${email ? ` <${email}>` : ""}`);
  }

  for (const trimmed of reading.labelledLines) {
    const unbulleted = withoutBullets(trimmed);
    const label = labelledValue(CONTACT_LABEL, unbulleted);
    if (!label) continue;
    const name = personFromNameLine(label);
    if (!name || isCompany(name) || isOwnerSide({ name, email: null }, owner)) continue;
    const written = EMAIL_ADDRESS.exec(label)?.[0]?.toLowerCase() ?? null;
    const email = written ?? addressOfIn(name, input.text, owner) ?? mailbox?.address ?? null;
    return readFrom({ name, email }, CONTACT_SCORE.labelled, `labelled contact "${unbulleted.slice(0, 60)}"${!written && email ? `, reached at the sender's mailbox <${email}>` : ""}`);
  }

  const signer = reading.signature[0];
  if (signer) {
    const name = stripPersonTitle(signer);
    if (looksLikePersonName(name) && !isCompany(name) && !isOwnerSide({ name, email: null }, owner)) {
      const own = addressOfIn(name, input.text, owner);
      const email = own ?? mailbox?.address ?? null;
      return readFrom({ name, email }, CONTACT_SCORE.signer, `signed by ${name}${own ? `, whose address the text gives` : email ? `, reached at the sender's mailbox <${email}>` : ""}`);
    }
  }

  const phrased = CONTACT_PHRASE_WORDS.some((word) => input.text.includes(word)) ? input.text.matchAll(CONTACT_PHRASE) : [];
  for (const match of phrased) {
    const name = match[1] ? stripPersonTitle(match[1]) : null;
    if (!name || isCompany(name) || DEPARTMENT_WORDS.has(fold(name)) || ORG_WORDS.has(fold(name))) continue;
    if (isOwnerSide({ name, email: null }, owner)) continue;
    const email = addressOfIn(name, input.text, owner) ?? mailbox?.address ?? null;
    return readFrom({ name, email }, CONTACT_SCORE.phrase, `named as the contact: "${match[0].trim().slice(0, 60)}"`);
  }
  if (mailbox) return readFrom({ name: null, email: mailbox.address }, CONTACT_SCORE.teamMailbox, `the employer's mailbox <${mailbox.address}> (${mailbox.source})`);
  return NO_CHOICE;
}

/** The line without the bullets, pictographs and spaces it opens with. */
function withoutBullets(line: string): string {
  // Most lines open with a letter, which none of those is.
  const first = line.charCodeAt(0);
  if (first > 0x20 && first < 0x80 && first !== 0x2a && first !== 0x2d) return line;
  // No ASCII character is pictographic.
  return isAsciiText(line, "•") ? line.replace(/^[-*•\s]+/, "") : line.replace(/^[-*•\p{Extended_Pictographic}\s]+/u, "");
}

const EMAIL_ADDRESS = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/;
const EMAIL_ADDRESSES = new RegExp(EMAIL_ADDRESS.source, "g");

/** The person's own address where the text gives it ("write to Sanne de Vries (sanne.devries@…)"). */
function addressOfIn(name: string, text: string, owner: OwnerSide): string | null {
  if (!text.includes("@")) return null;
  for (const [found] of text.matchAll(EMAIL_ADDRESSES)) {
    const address = found.toLowerCase();
    if (!owner.addresses.has(address) && !isServiceAddress(address) && nameMatchesAddress(name, address)) return address;
  }
  return null;
}

/**
 * Where a follow-up can go when no person's own address is known: the reply address, else the
 * sender, else the calendar's organizer, when it is not the owner's and not a service's
 * (no-reply, a notifier, an ATS relay).
 */
function repliableMailbox(input: PartiesInput, owner: OwnerSide): { address: string; source: string } | null {
  const candidates = [
    { address: input.replyTo?.address, source: "reply address" },
    { address: input.from?.address, source: "sender" },
    { address: input.calendar?.organizer?.email, source: "calendar organizer" },
  ];
  for (const candidate of candidates) {
    const address = candidate.address?.toLowerCase();
    const source = candidate.source;
    if (!address || owner.addresses.has(address) || isServiceAddress(address)) continue;
    return { address, source };
  }
  return null;
}

const INTERVIEWER_LABEL = labelPattern("egi", /^(?:interviewers?|interviewed by|entrevistador(?:es|as?)?|gesprächspartner(?:in)?|interviewpartner(?:in)?|intervieweurs?|gesprekspartners?)\s*[:\t]\s*(.+)$/iu);

export function extractInterviewers(input: PartiesInput, company: string | null): Person[] {
  const reading = readBody(input.text);
  const people: Person[] = [];
  const seen = new Set<string>();
  const owner = readOwnerSide(input.recipients);
  const push = (name: string | null, email: string | null): void => {
    const key = email?.toLowerCase() ?? (name ? coreKey(name) : "");
    if (!key || seen.has(key) || isOwnerSide({ name, email }, owner)) return;
    seen.add(key);
    people.push({ name, email: email?.toLowerCase() ?? null });
  };
  for (const attendee of input.calendar?.attendees ?? []) push(attendee.name, attendee.email);
  for (const trimmed of reading.labelledLines) {
    const label = labelledValue(INTERVIEWER_LABEL, trimmed);
    if (!label) continue;
    for (const part of label.split(/\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b)\s*/)) {
      const name = personFromNameLine(part);
      if (name) push(name, null);
    }
  }
  // People the text says the candidate meets ("an interview with Dev Malhotra, our …"): never the
  // sender, the reply-to, the candidate's side or the employer itself.
  const notInterviewers = {
    names: [input.from?.name ?? null, input.replyTo?.name ?? null, ...input.recipients.map((r) => r.name), company],
    emails: [input.from?.address ?? null, input.replyTo?.address ?? null, ...input.recipients.map((r) => r.address)],
  };
  for (const person of findInterviewersInText(input.text, notInterviewers)) {
    const name = person.name ?? "";
    // Someone already known by address or by name (an attendee, a labelled line) is the same person.
    if (people.some((known) => nameMatchesAddress(name, known.email) || (known.name !== null && coreKey(known.name) === coreKey(name)))) continue;
    push(person.name, person.email ?? addressOfIn(name, input.text, owner));
  }
  return people;
}
