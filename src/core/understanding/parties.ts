/**
 * Who the email is from and about: the employer (company), the position (role), the person to
 * follow up with (contact) and the interviewers. Pure: the readers of one email share what they
 * read from its body (its lines, keywords and signature) and the answers about its names, kept
 * for the last body read only.
 *
 * Company: a labelled value ("Company: ...") or a "Role (Company)" qualifier decides; otherwise
 * candidates from the sender's display name (minus department words: "Recruiting Team Acme" →
 * "Acme"), the calendar organizer, phrases in the text ("position at X", "Bewerbung bei X", "en
 * X"), the subject and the signature are weighed, and a name confirmed by several of them wins.
 * The sender's domain alone never names a company. Names are kept as written ("Acme, Inc.").
 *
 * Contact: a human calendar organizer, else a human sender, else a named contact person, else
 * the signer. A no-reply, notification or team mailbox is never a contact address.
 */
import type { Address } from "../mail/forwarded-email.ts";
import type { Person } from "./types.ts";
import { isAsciiText, isPlainLatin, LATIN_LETTER_CLASS, LATIN_NUMBER_CLASS, pick, twinWithoutUnicodeFlag } from "../text/latin.ts";
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
  /** The original's recipients: the owner's side, never the employer. */
  recipients: Address[];
  calendar: CalendarParties | null;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

const LEGAL_SUFFIXES = new Set([
  "inc", "incorporated", "llc", "l.l.c", "ltd", "limited", "gmbh", "ggmbh", "ag", "se", "kg", "ug", "corp", "corporation",
  "co", "plc", "s.a", "sa", "s.l", "sl", "srl", "s.r.l", "b.v", "bv", "n.v", "nv", "pty", "pvt", "lda", "ltda", "ab",
  "as", "a/s", "oy", "sas", "sarl", "e.v", "llp", "lp", "spa", "s.p.a",
]);

// Words that name a department or mailbox, not the employer ("Recruiting Team", "Personalabteilung").
const DEPARTMENT_WORDS = new Set([
  "hr", "human", "resources", "recruiting", "recruitment", "recruiter", "recruiters", "careers", "career", "jobs", "job",
  "talent", "acquisition", "hiring", "team", "people", "ops", "operations", "personnel", "staffing", "notifications",
  "notification", "noreply", "no-reply", "mailer", "calendar", "personal", "personalabteilung", "personalwesen",
  "bewerbermanagement", "bewerbungen", "bewerbung", "karriere", "rh", "ressources", "humaines", "recrutement", "équipe",
  "equipe", "recursos", "humanos", "rrhh", "equipo", "selección", "seleccion", "recrutamento", "seleção", "selecao",
  "werving", "selectie", "sollicitaties", "vacatures", "admin", "office", "department", "abteilung",
]);
// Glue between department words and a name ("Equipo de Recursos Humanos - Acme", "Ihr Team von Acme").
const CONNECTORS = new Set(["the", "your", "ihr", "ihre", "votre", "vos", "su", "o", "a", "de", "del", "von", "van", "of", "du", "des", "la", "le", "el", "do", "da", "dos", "das", "l'", "at", "bei", "chez", "en", "em", "na", "no", "bij", "for", "für", "pour", "para", "voor", "&", "and", "und", "et", "y", "e"]);
const TITLE_WORDS = new Set([
  "manager", "director", "specialist", "coordinator", "partner", "lead", "head", "officer", "consultant", "generalist",
  "sourcer", "assistant", "associate", "advisor", "adviser", "senior", "junior", "principal", "executive", "president",
  "vp", "ceo", "cto", "coo", "founder", "co-founder", "owner", "leiter", "leiterin", "referent", "referentin",
  "sachbearbeiter", "sachbearbeiterin", "chargé", "chargée", "responsable", "gerente", "técnico", "técnica", "analista",
  "adviseur", "medewerker", "recruiter",
]);
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
]);
const PERSON_TITLES = /^(?:dr|dr\.|prof|prof\.|mr|mr\.|mrs|mrs\.|ms|ms\.|miss|mx|herr|frau|mme|mlle|m\.|sr|sr\.|sra|sra\.|dhr|dhr\.|mevr|mevr\.|dña|dña\.|don)$/i;
const NAME_PARTICLES = new Set(["de", "da", "das", "do", "dos", "van", "von", "der", "den", "ter", "la", "le", "di", "del", "du", "bin", "al", "y"]);
const NOT_COMPANY = new Set([
  "zoom", "microsoft teams", "teams", "google meet", "google calendar", "webex", "skype", "online", "linkedin",
  "outlook", "gmail", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "you", "us",
  "dear", "hi", "hello", "thank you", "thanks",
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
const COMBINING_DIACRITICS = /[\u0300-\u036F]/g;
const MARKS = /\p{M}/gu;
const LATIN_NOT_ALPHANUMERIC = new RegExp(`[^${LATIN_LETTER_CLASS}${LATIN_NUMBER_CLASS}]`, "g");
const NOT_ALPHANUMERIC = /[^\p{L}\p{N}]/gu;
const LATIN_NOT_LETTER = new RegExp(`[^${LATIN_LETTER_CLASS}]`, "g");
const NOT_LETTER = /[^\p{L}]/gu;

// The readers of one email ask the same few questions about the same names (the sender, the
// recipients, every candidate), and each answer costs a handful of patterns. The answers are
// pure, so they are kept until another body is read (see `readBody`); the bound is for callers
// that never read one.
const KEPT_ANSWERS: Map<string, unknown>[] = [];
const MAX_KEPT_ANSWERS = 2000;

function keptAnswers<T extends NonNullable<unknown>>(): Map<string, T> {
  const answers = new Map<string, T>();
  KEPT_ANSWERS.push(answers);
  return answers;
}

function keptAnswer<T extends NonNullable<unknown>>(answers: Map<string, T>, question: string, answer: () => T): T {
  const kept = answers.get(question);
  if (kept !== undefined) return kept;
  if (answers.size >= MAX_KEPT_ANSWERS) answers.clear();
  const fresh = answer();
  answers.set(question, fresh);
  return fresh;
}

function forgetKeptAnswers(): void {
  for (const answers of KEPT_ANSWERS) answers.clear();
}

function fold(text: string): string {
  // ASCII is its own decomposition.
  if (isAsciiText(text)) return text.toLowerCase();
  // Most marks left by NFKD are the combining diacritics; any other is a mark outside plain Latin.
  const stripped = text.normalize("NFKD").replace(COMBINING_DIACRITICS, "");
  return (isPlainLatin(stripped) ? stripped : stripped.replace(MARKS, "")).toLowerCase();
}

function lettersAndDigits(text: string): string {
  return text.replace(isPlainLatin(text) ? LATIN_NOT_ALPHANUMERIC : NOT_ALPHANUMERIC, "");
}

const CORE_KEYS = keptAnswers<string>();

/** A name reduced to letters and digits, legal suffixes removed: "Acme, Inc." → "acme". */
function coreKey(name: string): string {
  return keptAnswer(CORE_KEYS, name, () => {
    const tokens = fold(name).replace(/[,]/g, " ").split(/\s+/).filter(Boolean);
    while (tokens.length > 1 && LEGAL_SUFFIXES.has((tokens[tokens.length - 1] ?? "").replace(/\.$/, ""))) tokens.pop();
    return lettersAndDigits(tokens.join(""));
  });
}

function words(name: string): string[] {
  return name.split(/\s+/).filter(Boolean);
}

function isNoReply(address: string | null): boolean {
  if (!address) return false;
  const local = address.split("@")[0] ?? "";
  return /(?:^|[-_.])(?:no-?reply|do-?not-?reply|donotreply|notifications?|mailer|bounces?|calendar|system|automated?)(?:$|[-_.])|noreply/i.test(local);
}

const NAMES_IN_ADDRESSES = keptAnswers<boolean>();

/** True when the display name's words are in the address ("Ann Lee" <ann.lee@x>, "Tom Hadley" <thadley@x>). */
export function nameMatchesAddress(name: string | null, address: string | null): boolean {
  if (!name || !address) return false;
  // The length keeps the question unambiguous whatever the two hold.
  return keptAnswer(NAMES_IN_ADDRESSES, `${name.length}:${name}${address}`, () => isNameInAddress(name, address));
}

function isNameInAddress(name: string, address: string): boolean {
  const local = fold(address.split("@")[0] ?? "").replace(/\d+/g, "");
  const tokens = words(fold(name)).map((t) => t.replace(isPlainLatin(t) ? LATIN_NOT_LETTER : NOT_LETTER, "")).filter((t) => t.length > 1 && !NAME_PARTICLES.has(t));
  if (tokens.length < 2 || tokens.length > 4) return false;
  if (tokens.some((t) => DEPARTMENT_WORDS.has(t) || ORG_WORDS.has(t))) return false;
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

const PERSON_NAMES = keptAnswers<boolean>();

/** Two to four capitalised words with no organisation, department or job-title word. */
export function looksLikePersonName(name: string): boolean {
  return keptAnswer(PERSON_NAMES, name, () => isPersonName(name));
}

function isPersonName(name: string): boolean {
  const tokens = words(name.trim()).filter((t) => !PERSON_TITLES.test(t));
  if (tokens.length < 2 || tokens.length > 4) return false;
  return tokens.every((token) => {
    const lower = fold(token).replace(/[.,]$/, "");
    if (NAME_PARTICLES.has(lower)) return true;
    if (ORG_WORDS.has(lower) || DEPARTMENT_WORDS.has(lower) || TITLE_WORDS.has(lower) || LEGAL_SUFFIXES.has(lower)) return false;
    if (isAsciiText(token, "’")) return /^[A-Z][a-z'’-]+(?:-[A-Z][a-z'’]+)?\.?$/.test(token) || /^[A-Z]\.$/.test(token);
    return /^\p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}[\p{Ll}'’]+)?\.?$/u.test(token) || /^\p{Lu}\.$/u.test(token);
  });
}

function stripPersonTitle(name: string): string {
  return words(name).filter((t) => !PERSON_TITLES.test(t)).join(" ");
}

/**
 * Removes department words and glue from both ends of a display name or signature line, and
 * splits "Dept - Acme" / "Acme | Careers" at the separator. A department word is kept when the
 * sender's domain contains it ("Northwind Recruitment" at northwind-recruitment.example).
 */
export function cleanOrganisationName(raw: string, domain: string): string | null {
  const viaCut = raw.replace(/\s+via\s+.*$/i, "").replace(/["“”]/g, "").trim();
  const segments = viaCut.split(/\s+[-–—|•·]\s+|\s*\|\s*/).map((s) => s.trim()).filter(Boolean);
  const cleaned = segments
    .map((segment) => trimDepartmentWords(segment, domain))
    .filter((segment): segment is string => segment !== null);
  if (cleaned.length === 0) return null;
  // The segment with the fewest department words removed is the name.
  return cleaned.sort((a, b) => b.length - a.length)[0] ?? null;
}

function trimDepartmentWords(segment: string, domain: string): string | null {
  const tokens = words(segment);
  const isNoise = (token: string): boolean => {
    const folded = fold(token);
    const lower = folded.replace(/[.,:]$/, "").replace(/^l'/, "");
    if (CONNECTORS.has(lower)) return true;
    if (!DEPARTMENT_WORDS.has(lower) && !/^l'(?:é|e)quipe$/.test(folded)) return false;
    return !(lower.length >= 4 && domain.includes(lower));
  };
  while (tokens.length > 0 && isNoise(tokens[0] ?? "")) tokens.shift();
  while (tokens.length > 0 && isNoise(tokens[tokens.length - 1] ?? "")) tokens.pop();
  if (tokens.length === 0) return null;
  const name = tokens.join(" ").replace(/[,:;]+$/, "");
  return name.length >= 2 ? name : null;
}

// Second-level labels of country domains ("acme.co.uk") and mail-host prefixes ("careers.acme.com").
const SECOND_LEVEL_LABELS = new Set(["co", "com", "org", "net", "ac", "gov", "edu"]);
const HOST_PREFIXES = new Set(["www", "mail", "email", "careers", "jobs", "recruiting", "hr", "notifications", "e", "m"]);

/** The registrable name of the sender's domain, folded: "careers.acme-corp.co.uk" → "acme-corp". */
function domainOf(address: string | null): string {
  const labels = (address?.split("@")[1]?.toLowerCase() ?? "").split(".").filter(Boolean);
  labels.pop();
  if (labels.length > 1 && SECOND_LEVEL_LABELS.has(labels[labels.length - 1] ?? "")) labels.pop();
  while (labels.length > 1 && HOST_PREFIXES.has(labels[0] ?? "")) labels.shift();
  return fold(labels[labels.length - 1] ?? "");
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
const NAME = String.raw`(${NAME_TOKEN}(?:[ ](?:${NAME_TOKEN}|${NAME_GLUE}(?=[ ]${NAME_TOKEN}))){0,6}${LEGAL_TAIL})`;
const GAP = String.raw`[^.!?\n]{0,60}?`;
// A name matches wherever one of its first letters stands, so a pattern "<phrase> NAME" matches
// exactly where "<phrase> NAME_STARTS" does, and the name is read there: the long name pattern is
// compiled once rather than once for every phrase.
const NAME_STARTS = `(?=[${LATIN_UPPER}])`;
const NAME_AT = new RegExp(NAME, "y");

/**
 * A pattern that matches only where the lower-cased text contains one of its keywords, so it is
 * skipped on other text: a cold isolate then compiles only the patterns of the languages a mail
 * is written in.
 */
interface KeywordPattern {
  keywords: string[];
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

function phrasePattern(keywords: string[], pattern: RegExp, opensWithKeyword: boolean): KeywordPattern {
  return { keywords, pattern, atKeyword: opensWithKeyword ? new RegExp(pattern.source, pattern.flags.replace("g", "y")) : null };
}

/**
 * Where the keywords of the phrase patterns stand in a text: offsets found in the text
 * lower-cased, which are the text's own unless lower-casing lengthened it ("İ" becomes two).
 */
interface KeywordSites {
  offsets: Map<string, number[]>;
  aligned: boolean;
  /** The patterns with a keyword in the text. */
  patterns: Set<KeywordPattern>;
}

function findKeywords(text: string): KeywordSites {
  const lower = text.toLowerCase();
  return keywordSites(findWordOffsets(KEYWORDS, lower), lower.length === text.length);
}

function keywordSites(offsets: Map<string, number[]>, aligned: boolean): KeywordSites {
  const patterns = new Set<KeywordPattern>();
  for (const keyword of offsets.keys()) for (const pattern of PATTERNS_BY_KEYWORD.get(keyword) ?? []) patterns.add(pattern);
  return { offsets, aligned, patterns };
}

function mayMatch(pattern: KeywordPattern, sites: KeywordSites): boolean {
  return sites.patterns.has(pattern);
}

/** Where a match of the pattern can start, ascending; null when it can start anywhere. */
function matchStarts(pattern: KeywordPattern, sites: KeywordSites): number[] | null {
  if (!pattern.atKeyword || !sites.aligned) return null;
  const present = pattern.keywords.filter((keyword) => sites.offsets.has(keyword));
  // One keyword's offsets are already ascending and distinct.
  if (present.length === 1) return sites.offsets.get(present[0] ?? "") ?? [];
  return [...new Set(present.flatMap((keyword) => sites.offsets.get(keyword) ?? []))].sort((a, b) => a - b);
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
function namesAfter(pattern: KeywordPattern, text: string, sites: KeywordSites): string[] {
  if (!mayMatch(pattern, sites)) return [];
  const starts = matchStarts(pattern, sites);
  const names: string[] = [];
  let from = 0;
  for (let match = nextMatch(pattern, text, starts, from); match; match = nextMatch(pattern, text, starts, from)) {
    NAME_AT.lastIndex = match.index + match[0].length;
    const name = NAME_AT.exec(text)?.[1];
    if (name === undefined) break;
    names.push(name);
    from = NAME_AT.lastIndex;
  }
  return names;
}

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

const COMPANY_LABEL = twinWithoutUnicodeFlag(/^(?:company|employer|organi[sz]ation|client|firm|unternehmen|firma|arbeitgeber|entreprise|société|societe|empresa|bedrijf|organisatie|werkgever)\s*[:\t]\s*(.+)$/iu);
const ROLE_WITH_COMPANY = keywordPattern("position|role|job|vacancy|opening|stelle|poste|puesto|vaga|functie", (words) => String.raw`\b(?:${words})\s+(?:of\s+|for\s+|as\s+|de\s+|als\s+)?[^()\n]{2,60}?\s\(${NAME}\)`);
const TRAILING_PARENTHESIS = new RegExp(String.raw`\(${NAME}\)\s*$`);

function cleanCandidate(raw: string): string | null {
  const tokens = words(raw.trim().replace(/[,;:!?]+$/, ""));
  while (tokens.length > 0 && CONNECTORS.has(fold(tokens[tokens.length - 1] ?? ""))) tokens.pop();
  const name = tokens.slice(0, 7).join(" ");
  if (name.length < 2 || NOT_COMPANY.has(fold(name))) return null;
  if (isAsciiText(name.charAt(0)) ? /^[\da-z]/.test(name) : /^(?:\d|[\p{Ll}])/u.test(name)) return null;
  return name;
}

// ---------------------------------------------------------------------------------------------
// Signature

/** Folded once: folding is Unicode normalisation, too slow to repeat for every closing on every line. */
const FOLDED_CLOSINGS = new Set(CLOSINGS.map(fold));
/** A closing, and what follows it on its line ("Best regards, Ann"), is no longer than this. */
const MAX_CLOSING_CHARS = 40;
const CLOSING_INITIALS = new Set([...FOLDED_CLOSINGS].map((closing) => closing.charAt(0)));

/** A closing alone ("Best regards,") or followed by a comma ("Cheers, Ann"). `line` is trimmed. */
function isClosingLine(line: string): boolean {
  // Most lines are not closings, and folding is costly. An ASCII character folds to itself
  // lower-cased, so a line that starts with one no closing starts with is not one, and an ASCII
  // line longer than any closing, with no trailing punctuation to drop, is not one either.
  const first = line.charCodeAt(0);
  if (first < 0x80 && !CLOSING_INITIALS.has(line.charAt(0).toLowerCase())) return false;
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

function findSignatureLines(lines: string[]): string[] {
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i] ?? "";
    if (line === "--" || isClosingLine(line)) {
      start = i + 1;
      break;
    }
  }
  if (start < 0) return [];
  const out: string[] = [];
  for (let i = start; i < lines.length && out.length < 4; i++) {
    const line = (lines[i] ?? "").replace(/^\*+|\*+$/g, "").trim();
    if (line === "") continue;
    if (/@|https?:|www\.|\d{3,}|:\s|^\W*$/.test(line) || line.length > 60) break;
    out.push(line);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The body, read once

/** What the readers take from an email body. */
interface BodyReading {
  text: string;
  /** Trimmed. */
  lines: string[];
  /** Trimmed lines with a ":" or a tab: the only ones a "Label: value" pattern can match. */
  labelledLines: string[];
  keywords: KeywordSites;
  signature: string[];
}

let lastBody: BodyReading | null = null;

/**
 * The readers of one email all read its body: it is split, lower-cased and indexed once, for
 * the last body read. The reading is shared; callers must not change it. A new body also starts
 * a new email for the names kept by `fold` and `coreKey`.
 */
function readBody(text: string): BodyReading {
  if (lastBody?.text === text) return lastBody;
  forgetKeptAnswers();
  const lines = text.split("\n").map((line) => line.trim());
  lastBody = {
    text,
    lines,
    labelledLines: lines.filter((line) => line.includes(":") || line.includes("\t")),
    keywords: findKeywords(text),
    signature: findSignatureLines(lines),
  };
  return lastBody;
}

/** The names of the owner's side (the original's recipients), as core keys and addresses. */
interface OwnerSide {
  addresses: Set<string | null>;
  nameKeys: Set<string>;
}

function readOwnerSide(recipients: Address[]): OwnerSide {
  return {
    addresses: new Set(recipients.map((r) => r.address)),
    nameKeys: new Set(recipients.flatMap((r) => (r.name === null ? [] : [coreKey(r.name)]))),
  };
}

// ---------------------------------------------------------------------------------------------
// Company

interface Candidate {
  name: string;
  weight: number;
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
  domain: 1.5,
  subject: 1,
  calendarTitle: 1,
  mention: 0.5,
} as const;
/** Below this no company is claimed. */
const MIN_COMPANY_WEIGHT = 2;
/** Mentions in the text beyond this add no weight. */
const MAX_COUNTED_MENTIONS = 3;

export function extractCompany(input: PartiesInput): string | null {
  const body = input.text;
  const reading = readBody(body);
  const domain = domainOf(input.from?.address ?? null);
  const people = knownPeople(input);
  const candidates = new Map<string, Candidate>();
  const add = (raw: string | null, weight: number, asWritten: boolean): void => {
    if (!raw) return;
    const name = cleanCandidate(raw);
    if (!name) return;
    const key = coreKey(name);
    if (key.length < 2 || people.has(key)) return;
    const existing = candidates.get(key);
    if (!existing) {
      candidates.set(key, { name, weight, asWritten });
      return;
    }
    existing.weight += weight;
    // Keep the fullest form as written ("Acme Holding AG" over "Acme Holding").
    if ((asWritten && !existing.asWritten) || (asWritten === existing.asWritten && name.length > existing.name.length)) {
      existing.name = name;
      existing.asWritten = existing.asWritten || asWritten;
    }
  };

  for (const line of reading.labelledLines) {
    const label = pick(COMPANY_LABEL, line).exec(line);
    if (label?.[1]) add(label[1].trim(), WEIGHT.label, true);
  }
  const placements = new Set<string>();
  for (const found of namesAfter(PLACEMENT_PATTERN, body, reading.keywords)) {
    const name = cleanCandidate(found);
    const key = name ? coreKey(name) : "";
    if (name && !people.has(key)) placements.add(key);
  }
  const subjectKeywords = findKeywords(input.subject);
  for (const match of qualifiedRoles(input.subject, subjectKeywords, body, reading.keywords)) {
    if (match[1] && !isGenderMarker(match[1])) {
      add(match[1], WEIGHT.roleQualifier, true);
      placements.add(coreKey(match[1]));
    }
  }

  const senderKeys = new Set<string>();
  for (const sender of [input.from, input.replyTo]) {
    if (!sender?.name || nameMatchesAddress(sender.name, sender.address) || looksLikePersonName(sender.name) || isGivenNameOf(sender.name, sender.address)) continue;
    const name = cleanOrganisationName(sender.name, domain);
    add(name, WEIGHT.displayName, false);
    if (name) senderKeys.add(coreKey(name));
    break;
  }
  const organizer = input.calendar?.organizer;
  if (organizer?.name && !nameMatchesAddress(organizer.name, organizer.email) && !looksLikePersonName(organizer.name)) {
    add(cleanOrganisationName(organizer.name, domainOf(organizer.email)), WEIGHT.organizer, false);
  }

  const calendarText = [input.calendar?.summary, input.calendar?.description].filter(Boolean).join("\n");
  const texts = [
    [body, WEIGHT.textPhrase, reading.keywords],
    [input.subject, WEIGHT.subject, subjectKeywords],
    [calendarText, WEIGHT.calendarTitle, findKeywords(calendarText)],
  ] as const;
  for (const [text, weight, keywords] of texts) {
    const seen = new Set<string>();
    for (const pattern of COMPANY_PATTERNS) {
      for (const found of namesAfter(pattern, text, keywords)) {
        const name = cleanCandidate(found);
        const key = name ? coreKey(name) : "";
        if (!name || seen.has(key)) continue;
        seen.add(key);
        add(name, weight, true);
      }
    }
  }
  for (const title of [input.subject, input.calendar?.summary ?? ""]) {
    const qualifier = title.includes("(") ? TRAILING_PARENTHESIS.exec(title.trim()) : null;
    if (qualifier?.[1] && !isGenderMarker(qualifier[1])) add(qualifier[1], WEIGHT.subject, true);
  }

  for (const line of reading.signature) {
    if (looksLikePersonName(stripPersonTitle(line)) && !candidates.has(coreKey(line))) continue;
    const cleaned = cleanOrganisationName(line, domain);
    if (!cleaned || words(cleaned).some((w) => TITLE_WORDS.has(fold(w)))) continue;
    add(cleaned, WEIGHT.signature, true);
  }

  const subjectKey = coreKey(input.subject);
  const foldedBody = fold(body);
  const domainKey = lettersAndDigits(domain);
  for (const [key, candidate] of candidates) {
    // The domain confirms a name ("Ferncliff Robotics" at ferncliffr.example), it never proposes one.
    if (domainKey.length >= 4 && (key.startsWith(domainKey) || domainKey.startsWith(key))) candidate.weight += WEIGHT.domain;
    if (subjectKey.includes(key)) candidate.weight += WEIGHT.subject;
    candidate.weight += countOccurrences(foldedBody, fold(candidate.name), MAX_COUNTED_MENTIONS) * WEIGHT.mention;
  }

  // An agency writing about a placement: the employer is the one the position is at.
  const agency = AGENCY_SENDER.test(fold(`${input.from?.name ?? ""} ${input.from?.address ?? ""}`));
  const clients = [...placements].filter((key) => !senderKeys.has(key) && candidates.has(key));
  const pool = agency && clients.length > 0 ? clients.map((key) => candidates.get(key)).filter((c): c is Candidate => !!c) : [...candidates.values()];
  let best: Candidate | null = null;
  for (const candidate of pool) if (!best || candidate.weight > best.weight) best = candidate;
  return best && best.weight >= MIN_COMPANY_WEIGHT ? best.name : null;
}

/**
 * The matches of ROLE_WITH_COMPANY in the subject and body joined by a line break. No keyword
 * holds a line break, so the keywords of the joined text are those of its two parts.
 */
function qualifiedRoles(subject: string, subjectSites: KeywordSites, body: string, bodySites: KeywordSites): RegExpExecArray[] {
  if (!mayMatch(ROLE_WITH_COMPANY, subjectSites) && !mayMatch(ROLE_WITH_COMPANY, bodySites)) return [];
  const text = `${subject}\n${body}`;
  const bodyStart = subject.length + 1;
  const offsets = new Map(subjectSites.offsets);
  for (const [keyword, at] of bodySites.offsets) offsets.set(keyword, [...(offsets.get(keyword) ?? []), ...at.map((offset) => offset + bodyStart)]);
  const starts = matchStarts(ROLE_WITH_COMPANY, keywordSites(offsets, subjectSites.aligned && bodySites.aligned));
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

/** Core keys of people's names (the owner's side, the sender, the organizer): never a company. */
function knownPeople(input: PartiesInput): Set<string> {
  const names = [
    ...input.recipients.map((r) => r.name),
    ...(input.from?.name && (nameMatchesAddress(input.from.name, input.from.address) || looksLikePersonName(input.from.name)) ? [input.from.name] : []),
    ...(input.calendar?.organizer?.name && looksLikePersonName(input.calendar.organizer.name) ? [input.calendar.organizer.name] : []),
  ];
  return new Set(names.filter((n): n is string => !!n).map(coreKey));
}

// ---------------------------------------------------------------------------------------------
// Role

const ROLE_LABEL = twinWithoutUnicodeFlag(
  /^(?:position|role|job title|job opening|job|opening|vacancy|stelle|position|poste|intitulé du poste|puesto|vacante|cargo|função|funcao|vaga|functie|vacature)\s*[:\t]\s*(.+)$/iu,
);

const GENDER_MARKER = String.raw`(?:\s?\((?:[mwfdhx]|gn|all genders)(?:\s*/\s*[mwfdhx])*\))?`;
const ROLE_CHAR = String.raw`(?:[^\n.!?;:"“”()]|\.(?=\S))`;
// Open: runs to the end of the clause and is cut at the first word that continues the sentence.
const ROLE_OPEN = String.raw`(${ROLE_CHAR}{2,80}${GENDER_MARKER})`;
// Bounded: ends right before a keyword ("the X position"), so it must contain no such word.
const ROLE_BOUNDED = String.raw`(${ROLE_CHAR}{2,60}?${GENDER_MARKER})`;
// Where an open role ends: the first word that continues the sentence.
const ROLE_STOP = new Set([
  "at", "with", "has", "have", "had", "is", "was", "will", "would", "and", "in", "on", "for", "to", "from", "which", "who",
  "that", "we", "you", "please", "position", "role", "job", "vacancy", "opening", "here", "there", "been",
  "bei", "und", "für", "zu", "an", "mit", "im", "teil", "geprüft", "erhalten", "eingegangen", "sowie", "wurde", "ist",
  "chez", "au", "à", "et", "pour", "qui", "dans", "a", "été",
  "en", "y", "con", "que", "ha", "fue",
  "na", "no", "em", "com", "foi", "e",
  "bij", "met", "die", "binnen",
]);

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
];

// The keywords of every phrase pattern, found in a text in one pass.
const PHRASE_PATTERNS = [PLACEMENT_PATTERN, ROLE_WITH_COMPANY, ...COMPANY_PATTERNS, ...ROLE_PATTERNS];
const KEYWORDS = createWordFinder(PHRASE_PATTERNS.flatMap((pattern) => pattern.keywords));
const PATTERNS_BY_KEYWORD = new Map<string, KeywordPattern[]>();
for (const pattern of PHRASE_PATTERNS) for (const keyword of pattern.keywords) PATTERNS_BY_KEYWORD.set(keyword, [...(PATTERNS_BY_KEYWORD.get(keyword) ?? []), pattern]);

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

/** `word` without the trailing characters that are in `chars`. */
function withoutTrailing(word: string, chars: string): string {
  let end = word.length;
  while (end > 0 && chars.includes(word.charAt(end - 1))) end--;
  return word.slice(0, end);
}

function isAsciiDigit(charCode: number): boolean {
  return charCode >= 0x30 && charCode <= 0x39;
}

function cleanRole(raw: string, titleCase: boolean, bounded = false): string | null {
  // "Manager, Finance" is one title; ", we invite you" continues the sentence.
  const spaced = raw.replace(/\s+/g, " ");
  let role = (isAsciiText(spaced) ? spaced.replace(/,\s+(?=[a-z]).*$/, "") : spaced.replace(/,\s+(?=\p{Ll}).*$/u, "")).trim().replace(/^["“'‘]|["”'’]$/g, "").trim();
  const tokens = role.split(" ");
  // An ASCII title folds to itself lower-cased, word for word: it is folded once.
  const folded = isAsciiText(role) ? role.toLowerCase().split(" ") : tokens.map(fold);
  const kept: string[] = [];
  for (const [i, token] of tokens.entries()) {
    const word = withoutTrailing(folded[i] ?? "", ".,;:!?");
    if (kept.length > 0 && (WEEKDAYS.has(word) || isAsciiDigit(word.charCodeAt(0)))) {
      if (bounded) return null;
      while (kept.length > 1 && ARTICLES_BEFORE_DATE.has(fold(kept[kept.length - 1] ?? ""))) kept.pop();
      break;
    }
    if (kept.length > 0 && ROLE_STOP.has(word)) {
      if (bounded) return null;
      break;
    }
    kept.push(token);
  }
  role = kept.join(" ").replace(/[.,;:!?\-–—]+$/, "").replace(/^(?:the|a|an|our|this|your)\s+/i, "").trim();
  if (kept.length === 0 || role.length < 2 || role.split(" ").length > 8) return null;
  if (/\d{3,}|@|https?:/.test(role)) return null;
  if (titleCase && !(isAsciiText(role.charAt(0)) ? /^[A-Z\d.]/.test(role) : /^[\p{Lu}\d.]/u.test(role))) return null;
  return role;
}

export function extractRole(input: PartiesInput, company: string | null): string | null {
  const reading = readBody(input.text);
  const companyKey = company ? coreKey(company) : null;
  const owner = readOwnerSide(input.recipients);
  // Not the company, and not the owner's own name.
  const acceptable = (role: string | null): role is string => {
    if (role === null) return false;
    const key = coreKey(role);
    return key !== companyKey && !owner.nameKeys.has(key);
  };

  for (const line of reading.labelledLines) {
    const unbulleted = line.replace(/^[-*•]\s*/, "");
    const label = pick(ROLE_LABEL, unbulleted).exec(unbulleted);
    const role = label?.[1] ? cleanRole(label[1], false) : null;
    if (acceptable(role)) return role;
  }
  for (const text of [input.text, input.calendar?.description ?? ""]) {
    const sites = text === input.text ? reading.keywords : findKeywords(text);
    let best: { role: string; index: number } | null = null;
    for (const pattern of ROLE_PATTERNS) {
      const { bounded, titleCase, needsJobNoun } = pattern;
      // Every match contains one of its keywords: a pattern is compiled only for text that could match.
      if (!mayMatch(pattern, sites)) continue;
      for (const match of overlappingMatches(pattern, text, sites)) {
        // A match at or after the earliest role so far cannot replace it.
        if (best && match.index >= best.index) break;
        const role = match[1] ? cleanRole(match[1], titleCase, bounded) : null;
        if (!acceptable(role)) continue;
        if (needsJobNoun && !pick(JOB_NOUN, role).test(role)) continue;
        if (!best || match.index < best.index) best = { role, index: match.index };
        break;
      }
    }
    if (best) return best.role;
  }
  return roleFromSubject([input.subject, input.calendar?.summary ?? ""], company, acceptable);
}

/**
 * Every match, including ones that start inside an earlier match: "for applying to the Data
 * Engineer position" first matches from "for", which is rejected, and the role starts at "the".
 */
function* overlappingMatches(pattern: KeywordPattern, text: string, sites: KeywordSites): Generator<RegExpExecArray> {
  const starts = matchStarts(pattern, sites);
  for (let match = nextMatch(pattern, text, starts, 0); match; match = nextMatch(pattern, text, starts, match.index + 1)) yield match;
}

/** "Interview request - Data Engineer", "Your application – Junior Analyst": a segment that ends in a job noun. */
function roleFromSubject(titles: string[], company: string | null, acceptable: (role: string | null) => role is string): string | null {
  for (const title of titles) {
    const stripped = title.replace(/^(?:\s*(?:re|fwd?|fw|wg|aw|tr|rv|enc)\s*:\s*)+/i, "");
    for (const segment of stripped.split(/\s+[-–—|:]\s+|:\s+/)) {
      const role = cleanRole(segment.replace(/\s+at\s+.*$/i, "").replace(/\s*@.*$/, ""), true);
      if (!role || (company && fold(role).includes(fold(company)))) continue;
      if (pick(JOB_NOUN, role).test(role) && acceptable(role)) return role;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Contact and interviewers

const CONTACT_LABEL = twinWithoutUnicodeFlag(
  /^(?:contact person|contact|your contact|point of contact|interviewer|interviewers|hiring manager|recruiter|ansprechpartner(?:in)?|kontaktperson|gesprächspartner(?:in)?|interviewpartner(?:in)?|interlocuteur|interlocutrice|contact rh|entrevistador(?:a)?|persona de contacto|contacto|contato|pessoa de contato|contactpersoon|gesprekspartner)\s*[:\t]\s*(.+)$/iu,
);
const CONTACT_PHRASE = wordPattern(new RegExp(String.raw`\b(?:contact|reach out to|get in touch with|kontaktieren sie|wenden sie sich an|contacter|contactar (?:a|con)|contate|contact opnemen met)\s+(?:our\s+)?(?:HR|hr|recruiter|hiring manager|recruiting team)?\s*:?\s*((?:(?:Herr|Frau|Mr\.?|Ms\.?|Mrs\.?|Dr\.?)\s+)?[${LATIN_UPPER}][a-z\u00DF-\u00F6\u00F8-\u00FF'’-]+(?:\s+[${LATIN_UPPER}][a-z\u00DF-\u00F6\u00F8-\u00FF'’-]+){0,2})(?=\s*(?:[-–—,.;:(]|\bat\b|\bon\b|\bvia\b|$))`, "gm"));
const AUTOMATED_FOOTER = wordPattern(/\b(?:sent via|sent by|sent with|powered by|versendet über|envoyé via|enviado a través de|enviado via|verzonden via)\b/iu);

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

export function extractContact(input: PartiesInput, company: string | null): Person | null {
  const reading = readBody(input.text);
  const companyKey = company ? coreKey(company) : null;
  const isCompany = (name: string): boolean => companyKey !== null && coreKey(name) === companyKey;
  const owner = readOwnerSide(input.recipients);
  const organizer = input.calendar?.organizer;
  if (organizer?.email && organizer.name && !isNoReply(organizer.email) && !isOwnerSide(organizer, owner)) {
    const name = stripPersonTitle(organizer.name);
    if ((nameMatchesAddress(name, organizer.email) || looksLikePersonName(name)) && !isCompany(name)) return { name, email: organizer.email.toLowerCase() };
  }

  const from = input.from;
  if (from?.name && from.address && !isNoReply(from.address) && !isOwnerSide({ name: from.name, email: from.address }, owner)) {
    const name = stripPersonTitle(from.name);
    if ((nameMatchesAddress(name, from.address) || looksLikePersonName(name)) && !isCompany(name)) return { name, email: from.address };
  }

  for (const trimmed of reading.labelledLines) {
    // No ASCII character is pictographic.
    const unbulleted = isAsciiText(trimmed, "•") ? trimmed.replace(/^[-*•\s]+/, "") : trimmed.replace(/^[-*•\p{Extended_Pictographic}\s]+/u, "");
    const label = pick(CONTACT_LABEL, unbulleted).exec(unbulleted);
    if (!label?.[1]) continue;
    const name = personFromNameLine(label[1]);
    if (!name || isCompany(name) || isOwnerSide({ name, email: null }, owner)) continue;
    const email = /[\w.+'-]+@[\w-]+(?:\.[\w-]+)+/.exec(label[1])?.[0]?.toLowerCase() ?? null;
    return { name, email };
  }

  const signer = reading.signature[0];
  if (signer) {
    const name = stripPersonTitle(signer);
    if (looksLikePersonName(name) && !isCompany(name) && !isOwnerSide({ name, email: null }, owner)) {
      const automated = AUTOMATED_FOOTER.test(input.text);
      const replyable = from?.address && !isNoReply(from.address) && !automated ? from.address : null;
      return { name, email: replyable };
    }
  }

  for (const match of input.text.matchAll(CONTACT_PHRASE)) {
    const name = match[1] ? stripPersonTitle(match[1]) : null;
    if (!name || isCompany(name) || DEPARTMENT_WORDS.has(fold(name)) || ORG_WORDS.has(fold(name))) continue;
    if (isOwnerSide({ name, email: null }, owner)) continue;
    return { name, email: null };
  }
  return null;
}

const INTERVIEWER_LABEL = twinWithoutUnicodeFlag(/^(?:interviewers?|interviewed by|entrevistador(?:es|as?)?|gesprächspartner(?:in)?|interviewpartner(?:in)?|intervieweurs?|gesprekspartners?)\s*[:\t]\s*(.+)$/iu);

export function extractInterviewers(input: PartiesInput): Person[] {
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
    const label = pick(INTERVIEWER_LABEL, trimmed).exec(trimmed);
    if (!label?.[1]) continue;
    for (const part of label[1].split(/\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\be\b|\ben\b)\s*/)) {
      const name = personFromNameLine(part);
      if (name) push(name, null);
    }
  }
  return people;
}
