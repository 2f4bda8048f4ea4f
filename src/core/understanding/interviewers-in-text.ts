/**
 * Interviewers that the text names in a sentence rather than under a label or in a calendar:
 * "a video interview with Dev Malhotra, our Engineering Manager", "You will meet:" over lines of
 * "Carlos Mendes <carlos@…>", "You'll be speaking with Sam Ortiz (VP Engineering) and Lea
 * Brandt", "Ihr Gespräch führen Frau Dr. Anna Keller und Herr Jonas Weber", "entretien avec
 * Claire Martin, responsable data", "entrevista con Lucía Gómez, Head of Data". Pure.
 *
 * A thank-you goes to whoever this returns, so a wrong name is worse than none. A name is read
 * only right after (or, for "… will interview you", right before) a phrase that says the
 * candidate is interviewed by that person, and only when it reads as a person's: two to four
 * capitalised words, titles dropped, none of them a word for a team, an organisation, a role,
 * a product, a day or a greeting. It must be nobody else's: not the candidate's (the greeting
 * names them too), the sender's, the signer's or the employer's (whose name the sender's domain
 * spells, or the text writes after "at"). Quoted older messages and everything from the closing
 * on are not read. A sentence about questions or contact, a condition, a replacement, or a list
 * that offers a choice ("Sam or Lea") gives nothing: unsure is empty.
 */
import { isEmployerHost, isPlatformName } from "./platforms.ts";
import type { Person } from "./types.ts";
import { createWordFinder, findWords } from "../text/word-finder.ts";
import { isAsciiText } from "../text/latin.ts";
import { wordPattern } from "../text/word-pattern.ts";

/** Who is never an interviewer: the candidate (the original's recipients), the sender or coordinator, the employer. */
export interface NotInterviewers {
  names: readonly (string | null)[];
  emails: readonly (string | null)[];
}

export function findInterviewersInText(text: string, notInterviewers: NotInterviewers): Person[] {
  const body = readOwnLines(text);
  // A unit is a run of this text (own lines joined by spaces): one pass over it tells which leads
  // can match at all, and most units then need no keyword search.
  const joined = body.lines.join(" ");
  const lowerJoined = joined.toLowerCase();
  const present = findWords(KEYWORD_FINDER, lowerJoined);
  // Lower-casing keeps every character's place unless one grows ("İ"); then a unit's lower case is a slice of the whole's.
  const sliceable = lowerJoined.length === joined.length;
  const leads = LEADS.filter((lead) => includesAny(present, lead.keywords));
  const triggers = TRIGGER_KEYWORDS.filter((keyword) => present.has(keyword));
  const found: Person[] = [];
  if (leads.length === 0 && triggers.length === 0) return found;
  for (const unit of joinWrappedLines(body.lines)) {
    if (TITLE_LABEL.test(unit.text)) continue;
    const lower = sliceable ? lowerJoined.slice(unit.start, unit.start + unit.text.length) : unit.text.toLowerCase();
    for (const lead of leads) {
      if (!includesAny(lower, lead.keywords)) continue;
      for (const match of unit.text.matchAll(lead.pattern)) {
        const listStart = match.index + match[0].length;
        const sentence = sentenceAround(unit.text, match.index, listStart);
        if (isVetoed(sentence) || (match[1] !== undefined && (GAP_VETO.test(match[1]) || isTitle(unit.text, match.index)))) continue;
        if (lead.context && !lead.context.test(unit.text.slice(sentence.start, match.index))) continue;
        const rest = unit.text.slice(listStart);
        found.push(...(/^[ ]*:?[ ]*$/.test(rest) && `${match[0]}${rest}`.includes(":") ? listUnder(body.lines, unit.lastLine) : namesAfterLead(rest)));
      }
    }
    if (includesAny(lower, triggers)) found.push(...namesBeforeTrigger(unit.text));
  }
  // Most mail names no one: then there is no one to exclude.
  if (found.length === 0) return found;
  const exclusion = readExclusion(notInterviewers, body, text);
  return distinct(found.filter((person) => !isExcluded(person, exclusion)));
}

// ---------------------------------------------------------------------------------------------
// Words

/** Whether the text (or set) holds one of the words; a plain loop, as it runs for every unit and lead. */
function includesAny(text: string | ReadonlySet<string>, words: readonly string[]): boolean {
  for (const word of words) if (typeof text === "string" ? text.includes(word) : text.has(word)) return true;
  return false;
}

/** Lower case without accents: "Gómez" → "gomez". */
function fold(text: string): string {
  // ASCII is its own decomposition.
  if (isAsciiText(text)) return text.toLowerCase();
  return text.normalize("NFKD").replace(/[\u0300-\u036F]/g, "").toLowerCase();
}

// Capitalised words that are no one's name: pronouns and determiners, greetings and closings,
// days and months, teams, departments and organisations, roles, products and places. Folded.
const NOT_NAME_WORDS = new Set([
  // Pronouns, determiners, greetings, closings
  "the", "our", "your", "my", "his", "her", "their", "you", "we", "us", "me", "he", "she", "they", "this", "that", "all",
  "ihr", "ihre", "ihrem", "ihren", "ihrer", "ihnen", "sie", "uns", "wir", "unser", "unsere", "unserem", "unserer", "dem", "der", "die", "das",
  "notre", "votre", "nous", "vous", "nuestro", "nuestra", "usted", "ustedes", "onze", "ons", "jou", "uw", "nosso", "nossa", "voce", "voces",
  "regards", "wishes", "best", "kind", "warm", "warmest", "sincerely", "thanks", "thank", "cheers", "love", "gruss", "grusse", "grussen",
  "freundlichen", "herzliche", "cordialement", "salutations", "saludos", "atentamente", "cumprimentos", "groet", "groeten", "hello", "hi",
  "dear", "welcome", "please", "congratulations",
  // Days and months
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "montag", "dienstag", "mittwoch", "donnerstag",
  "freitag", "samstag", "sonntag", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "lunes", "martes",
  "miercoles", "jueves", "viernes", "sabado", "domingo", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
  "zondag", "segunda", "terca", "quarta", "quinta", "sexta", "january", "february", "march", "april", "may", "june", "july",
  "august", "september", "october", "november", "december", "januar", "februar", "marz", "juni", "juli", "oktober", "dezember",
  "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre", "enero",
  "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre", "januari",
  "februari", "maart", "mei", "augustus", "janeiro", "fevereiro", "marco", "maio", "junho", "julho", "setembro", "outubro",
  "novembro", "dezembro", "today", "tomorrow", "morning", "afternoon", "evening",
  // Teams, departments, organisations
  "team", "teams", "group", "department", "dept", "hr", "people", "talent", "recruiting", "recruitment", "hiring", "careers",
  "career", "staff", "crew", "board", "committee", "panel", "office", "company", "inc", "llc", "ltd", "gmbh", "ag", "corp", "co",
  "plc", "bv", "nv", "sa", "sas", "sl", "lda", "ltda", "labs", "lab", "systems", "software", "solutions", "technologies",
  "technology", "tech", "health", "healthcare", "hospital", "clinic", "medical", "bank", "capital", "partners", "consulting",
  "services", "design", "studio", "studios", "media", "digital", "cloud", "data", "platform", "energy", "foods", "food",
  "holdings", "holding", "ventures", "industries", "international", "global", "network", "networks", "security", "works",
  "motors", "pharma", "bio", "biotech", "insurance", "financial", "finance", "credit", "union", "trust", "housing", "university",
  "college", "school", "institute", "foundation", "academy", "council", "agency", "center", "centre", "association", "society",
  "club", "store", "shop", "market", "markets", "restaurant", "hotel", "airlines", "aerospace", "manufacturing", "engineering",
  "operations", "product", "products", "marketing", "sales", "support", "legal", "research", "development", "infrastructure",
  "backend", "frontend", "mobile", "web", "ai", "ml", "it", "ops", "devops", "accounting", "procurement", "facilities",
  "protection", "freight", "cleaning", "care", "education", "learning", "games", "gaming", "communications", "telecom",
  "electric", "power", "solar", "water", "construction", "homes", "realty", "properties", "law", "advisors", "associates",
  "investments", "payments", "commerce", "trading", "supply", "express", "transport", "shipping", "automation", "electronics",
  "devices", "materials", "mining", "steel", "coffee", "kitchen", "fashion", "beauty", "fitness", "sports", "travel", "resources",
  "human", "personal", "personalabteilung", "abteilung", "fachbereich", "geschaftsfuhrung", "vertrieb", "entwicklung",
  "leitung", "bereich", "standort", "buro", "unternehmen", "firma", "gesellschaft", "gruppe", "kanzlei", "praxis", "stiftung",
  "verein", "equipe", "service", "direction", "ressources", "humaines", "societe", "entreprise", "groupe", "cabinet",
  "equipo", "departamento", "recursos", "humanos", "empresa", "grupo", "direccion", "afdeling", "bedrijf", "groep", "equipa",
  "customer", "customers", "success", "growth", "strategy", "business", "partnerships", "insights", "quality", "assurance",
  "compliance", "risk", "treasury", "payroll", "benefits", "admissions", "nursing", "leadership", "management", "founders",
  "engineers", "developers", "designers", "recruiters", "managers", "directors", "leaders", "traders",
  "emploi", "pole", "agence", "mairie", "ville", "region", "ministere", "ministerio", "ayuntamiento", "gemeente", "prefeitura",
  "stadt", "land", "bund", "amt", "behorde", "logistik", "technik", "immobilien", "versicherung", "werke", "bau",
  "universidad", "universite", "universitat", "universiteit", "universidade", "escuela", "ecole", "schule", "hogeschool",
  "escola", "hopital", "krankenhaus", "ziekenhuis", "clinica",
  "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central", "national", "american",
  "european", "royal", "united", "general", "city", "county", "state", "federal", "public", "private", "community",
  "children", "childrens", "medicine", "dental", "veterinary", "pharmacy", "retail", "wholesale", "consumer", "enterprise",
  "enterprises", "collective", "cooperative", "coop", "alliance", "project", "projects", "program", "programme",
  // Roles
  "manager", "director", "lead", "head", "engineer", "recruiter", "coordinator", "partner", "officer", "ceo", "cto", "cfo",
  "coo", "vp", "president", "founder", "cofounder", "co-founder", "chief", "senior", "junior", "principal", "intern", "specialist",
  "consultant", "associate", "analyst", "assistant", "executive", "leiter", "leiterin", "responsable", "directeur", "directrice",
  "gerente", "jefe", "jefa", "diretor", "diretora", "directora", "chef", "chefe", "teamleider", "candidate", "applicant",
  // Products, mail and meeting words, places
  "google", "microsoft", "zoom", "meet", "webex", "skype", "slack", "hangouts", "outlook", "gmail", "linkedin", "whatsapp",
  "interview", "interviews", "call", "meeting", "video", "phone", "online", "onsite", "remote", "round", "stage", "final",
  "technical", "first", "second", "third", "next", "new", "job", "position", "role", "application", "details", "date", "time",
  "location", "link", "room", "building", "floor", "street", "road", "avenue", "hall", "campus", "headquarters", "hq",
  "reception", "lobby", "suite", "house", "tower", "plaza", "square", "station",
]);
// Endings of words that name a thing, not a person: German nouns ("Personalleitung",
// "Vertriebsteam"), organisations ("Quillmark Analytics", "Brightware"). The length is the
// shortest word the ending counts in ("Jung" is a name; "Leitung" is not).
const NOT_NAME_ENDINGS: [string, number][] = [
  ["ung", 7], ["heit", 6], ["keit", 6], ["schaft", 8], ["tion", 6], ["team", 6], ["abteilung", 9], ["bereich", 9],
  ["gruppe", 8], ["ics", 7], ["ware", 7], ["soft", 7], ["tech", 7], ["labs", 6], ["manager", 7], ["managerin", 9],
  ["leiter", 8], ["leiterin", 10], ["fuhrer", 9], ["fuhrerin", 11], ["entwickler", 10], ["ingenieur", 9],
];
// Small words inside a name: "Anouk de Vries", "Ludwig van der Berg", "Mohamed el Amrani".
const PARTICLES = new Set(["van", "von", "de", "da", "das", "do", "dos", "der", "den", "del", "della", "di", "du", "des", "la", "le", "ter", "ten", "te", "zu", "bin", "al", "el"]);
// Words that say the phrase before a name is a role: "our Engineering Manager Dev Malhotra",
// "unserem Teamleiter Jonas Weber", "notre responsable data, Claire Martin". Folded.
const ROLE_WORDS = new Set([
  "manager", "director", "lead", "head", "engineer", "recruiter", "coordinator", "partner", "officer", "ceo", "cto", "cfo",
  "coo", "cpo", "vp", "president", "founder", "cofounder", "co-founder", "chief", "principal", "architect", "scientist",
  "designer", "developer", "supervisor", "owner", "leiter", "leiterin", "teamleiter", "teamleiterin", "geschaftsfuhrer",
  "geschaftsfuhrerin", "grunder", "grunderin", "inhaber", "inhaberin", "entwickler", "entwicklerin", "responsable", "directeur",
  "directrice", "chef", "fondateur", "fondatrice", "ingenieur", "ingenieure", "gerente", "directora", "jefe", "jefa", "fundador",
  "fundadora", "ingeniero", "ingeniera", "teamleider", "leidinggevende", "oprichter", "diretor", "diretora", "chefe",
  "engenheiro", "engenheira", "coordenador", "coordenadora",
]);
const ROLE_ENDINGS = ["manager", "managerin", "leiter", "leiterin", "director", "engineer", "lead", "officer", "recruiter"];
// What may stand between a lead and a role: "with our CTO", "mit unserem Teamleiter", "Acme's CTO".
const DETERMINERS = new Set([
  "our", "the", "my", "unserem", "unserer", "unseren", "unsere", "dem", "der", "den", "notre", "le", "la", "nuestro", "nuestra",
  "el", "onze", "de", "het", "nosso", "nossa", "o", "a",
]);

/** True when `word` (as written) opens with a capital and is not all capitals: "Malhotra", "O'Brien", "d'Almeida", "McKenzie". */
function isCapitalised(word: string): boolean {
  const bare = /^[dl]['’]/.test(word) ? word.slice(2) : word;
  const first = bare.charAt(0);
  return first !== first.toLowerCase() && bare !== bare.toUpperCase();
}

function isNotNameWord(word: string): boolean {
  const folded = fold(word).replace(/^[dl]['’]/, "").replace(/['’]/g, "");
  return folded.split("-").some((part) => NOT_NAME_WORDS.has(part) || NOT_NAME_ENDINGS.some(([ending, shortest]) => part.length >= shortest && part.endsWith(ending)));
}

function isRoleWord(word: string): boolean {
  const folded = fold(word).replace(/[,.]$/, "");
  return ROLE_WORDS.has(folded) || ROLE_ENDINGS.some((ending) => folded.endsWith(ending));
}

// ---------------------------------------------------------------------------------------------
// The writer's own lines

interface OwnLines {
  /** Trimmed; without quoted lines, and nothing from a quoted message's header or the closing on. */
  lines: string[];
  /** Whom the greeting addresses ("Dear Sam Okafor," → "Sam Okafor"): the candidate. */
  greeted: string[];
  /** The names under the closing: the writer. */
  signers: string[];
}

// "On Mon, 4 May 2026, Ann Lee <…> wrote:" and its likes, and the separators mail clients put
// above a quoted message.
const QUOTE_HEADER = /^(?:on\b.*\bwrote:|am\b.*\bschrieb\b.*:|le\b.*\ba écrit\s*:|el\b.*\bescribió:|op\b.*\bschreef\b.*:|em\b.*\bescreveu:|-{2,}\s*(?:original message|ursprüngliche nachricht|message d'origine|mensaje original|oorspronkelijk bericht|mensagem original)\s*-{2,}|_{10,})$/i;
// The first line of a quoted message's header block ("From: …" then "Sent: …").
const QUOTED_FROM = /^(?:from|von|de|van|da):\s/i;
const QUOTED_DATE = /^(?:sent|date|gesendet|datum|envoyé|enviado|verzonden|data|enviada):\s/i;
const CLOSINGS = new Set([
  "regards", "best regards", "kind regards", "warm regards", "warmest regards", "best wishes", "with best wishes",
  "with kind regards", "with best regards", "sincerely", "yours sincerely", "yours truly", "thanks", "thank you", "many thanks",
  "cheers", "best", "all the best", "talk soon", "mit freundlichen grussen", "freundliche grusse", "viele grusse", "beste grusse",
  "herzliche grusse", "liebe grusse", "cordialement", "bien cordialement", "bien a vous", "salutations", "meilleures salutations",
  "saludos", "un saludo", "un saludo cordial", "un cordial saludo", "saludos cordiales", "atentamente", "cordialmente",
  "com os melhores cumprimentos", "cumprimentos", "melhores cumprimentos", "atenciosamente", "met vriendelijke groet",
  "met vriendelijke groeten", "vriendelijke groet", "hartelijke groet", "groet", "groeten",
]);
const GREETING = /^(?:dear|hi|hello|hey|hallo|hoi|liebe[rs]?|sehr geehrte[rs]?|guten tag|bonjour|cher|chère|hola|estimad[oa](?:\/a)?|querid[oa]|beste|geachte|olá|ola|oi|prezad[oa]|car[oa])\s+(.+)$/i;
const PERSON_TITLE = /^(?:dr|dra|prof|mr|mrs|ms|mx|mme|mlle|m|sr|sra|srta|dña|dhr|mevr|herr|herrn|frau|madame|monsieur|mademoiselle|señor|señora|señorita|senhor|senhora|mevrouw|sir)\.?$/i;

function readOwnLines(text: string): OwnLines {
  const all = text.split("\n").map((line) => line.trim());
  const lines: string[] = [];
  let signers: string[] = [];
  for (let i = 0; i < all.length; i++) {
    const line = all[i] ?? "";
    if (line.startsWith(">")) continue;
    if (QUOTE_HEADER.test(line) || (QUOTED_FROM.test(line) && all.slice(i + 1, i + 4).some((next) => QUOTED_DATE.test(next)))) break;
    let next = i + 1;
    while (next < all.length && all[next] === "") next++;
    const closing = closingOf(line, all[next] ?? "");
    if (line === "--" || closing !== null) {
      signers = namesUnderClosing(closing ?? "", all.slice(i + 1));
      break;
    }
    lines.push(line);
  }
  // "Hi Mira, thanks again …": the name ends at the first mark.
  const greeting = lines.slice(0, 4).map((line) => GREETING.exec(line)?.[1]?.split(/[,;:!.?]/)[0]).find((name) => name !== undefined);
  return { lines, greeted: greeting ? [greeting] : [], signers };
}

/**
 * The name after a closing on its line ("Cheers, Ann" → "Ann", "Best regards," → ""); null when
 * the line is no closing. A "Thank you!" that a sentence follows thanks, and does not close.
 */
function closingOf(line: string, next: string): string | null {
  if (line.length > 60 || next.length > 60 || /[.!?:]$/.test(next)) return null;
  const folded = fold(line).replace(/[,.!]+$/, "").trim();
  if (CLOSINGS.has(folded)) return "";
  const comma = folded.indexOf(",");
  return comma > 0 && CLOSINGS.has(folded.slice(0, comma)) ? line.slice(comma + 1).trim() : null;
}

function namesUnderClosing(sameLine: string, after: string[]): string[] {
  const lines = [sameLine, ...after.filter((line) => line !== "").slice(0, 2)];
  return lines.filter((line) => line !== "" && line.length <= 60);
}

// ---------------------------------------------------------------------------------------------
// Sentences

interface Unit {
  text: string;
  /** Where the unit starts in the own lines joined by spaces. */
  start: number;
  /** The index in the own lines of the unit's last line. */
  lastLine: number;
}

/** Shorter lines were ended by the writer, not wrapped by the mail client. */
const MIN_WRAPPED_LINE_CHARS = 40;
// A line that ends on one of these words goes on in the next: "… an interview with" / "Dev Malhotra".
const OPEN_LINE_END = /\b(?:with|mit|avec|con|met|com|meet|and|und|et|y|e|en|by|par|por|door|a|Frau|Herrn?|Dr\.|Mme|M\.|Sr\.|Sra\.)$/;

/** The own lines, with a sentence the mail client wrapped over two lines joined again. */
function joinWrappedLines(lines: string[]): Unit[] {
  const units: Unit[] = [];
  let text = "";
  let start = 0;
  for (let i = 0, lineStart = 0; i < lines.length; lineStart += (lines[i] ?? "").length + 1, i++) {
    const line = lines[i] ?? "";
    if (text === "") start = lineStart;
    text = text === "" ? line : `${text} ${line}`;
    const next = lines[i + 1] ?? "";
    const wrapped = line.length >= MIN_WRAPPED_LINE_CHARS && !/[.!?:;]$/.test(line) && next !== "" && (isLowerCaseStart(next) || OPEN_LINE_END.test(line));
    if (wrapped) continue;
    if (text !== "") units.push({ text, start, lastLine: i });
    text = "";
  }
  return units;
}

function isLowerCaseStart(line: string): boolean {
  const first = line.charAt(0);
  return first !== first.toUpperCase();
}

// A sentence ends at ".", "!" or "?" before a space, unless the dot closes a title or an initial ("Dr. Anna Keller", "Sam J. Ortiz").
const SENTENCE_END = /(?<!\b(?:Dr|Dra|Prof|Mr|Mrs|Ms|Mx|Mme|Mlle|M|Sr|Sra|Srta|St|[A-Z]))[.!?]+(?=\s|$)/g;

interface Sentence {
  start: number;
  text: string;
}

/** The sentence that holds the lead at `from` and the list after it. */
function sentenceAround(text: string, from: number, listStart: number): Sentence {
  let start = 0;
  let end = text.length;
  for (const stop of text.matchAll(SENTENCE_END)) {
    if (stop.index < from) start = stop.index + stop[0].length;
    else if (stop.index >= listStart) {
      end = stop.index;
      break;
    }
  }
  return { start, text: text.slice(start, end) };
}

// Sentences that name someone to ask or to contact, under a condition, or instead of someone.
const VETO = wordPattern(
  /\b(?:questions?|contact|reach out|get in touch|unless|in case|should you|instead|rather than|replac\w*|no longer|fragen|kontakt\w*|wenden sie|falls|sofern|anstelle|statt|ersetzt|nicht mehr|contacter|contactez|au lieu|remplac\w*|plus disponible|preguntas?|dudas?|contact[oa]r?|contacte|en lugar|en vez|reemplaz\w*|perguntas?|d[uú]vidas?|contato|contate|em vez|substitu\w*|vragen|neem contact|contact opnemen|in plaats van|vervang\w*)\b/i,
);
// "if" and its likes make a condition, except after asking ("let us know if", "merci de confirmer si").
const CONDITION = wordPattern(/\b(?:if|wenn|si)\b/gi);
const ASKING_BEFORE = wordPattern(/\b(?:know|see|check|ask|asking|wondering|confirm|whether|savoir|confirmer|indiquer|saber|confirmar|indicar|indícanos|avísanos|wissen|mitteilen)[ ]*$/i);

function isVetoed(sentence: Sentence): boolean {
  if (VETO.test(sentence.text)) return true;
  for (const condition of sentence.text.matchAll(CONDITION)) {
    if (!ASKING_BEFORE.test(sentence.text.slice(Math.max(0, condition.index - 20), condition.index))) return true;
  }
  return false;
}

// Words between "interview" and "with" that make the person someone the interview is discussed
// or shared with, not held with ("the interview feedback with Sam Ortiz").
const GAP_VETO = wordPattern(/\b(?:share[ds]?|sharing|forward(?:ed)?|discuss(?:ed)?|coordinat\w*|check\w*|confirm\w*|arrang\w*|align\w*|sync\w*|feedback|notes|results?|send|sent|abstimmen|besprechen|teilen)\b/i);

// A meeting's title is written by whoever set it up, often about the candidate ("Topic: Interview
// with Dana Reyes", a line "Interview with Dana Reyes for House Cleaner."): it says nothing of who interviews.
const TITLE_LABEL = /^(?:topic|event|title|subject|what|betreff|thema|titel|sujet|objet|titre|asunto|título|titulo|evento|onderwerp|assunto|tema)\s*:/i;

/** The noun of "interview with …" opens its line: a title, not a sentence. */
function isTitle(text: string, at: number): boolean {
  return !/[A-Za-z\u00C0-\u024F]/.test(text.slice(0, at));
}

// ---------------------------------------------------------------------------------------------
// Leads: the phrases a list of interviewers follows

interface Lead {
  /**
   * Every match contains one of these, lower case: the pattern is compiled and run only on text
   * that could match, as each pattern costs a cold isolate a compile.
   */
  keywords: string[];
  /** Global; group 1, when there, is the words between the noun and its preposition. */
  pattern: RegExp;
  /** What the sentence must say before the lead ("interview … conducted by"). */
  context: RegExp | undefined;
}

// Opens with a space, which ends the noun before it: no "\b" there, which `wordPattern` would read as opening a word.
const GAP = String.raw`((?:[ ][^ .!?,;:\n]+){0,8}?)`;
const INTERVIEW_CONTEXT = wordPattern(/\b(?:interviews?|call|session|round|screen|screening|conversation)\b/i);

function lead(keywords: string, source: string, context?: RegExp): Lead {
  return { keywords: keywords.split("|"), pattern: wordPattern(new RegExp(source, "gi")), context };
}

const LEADS: Lead[] = [
  // English
  lead("with", String.raw`\b(?:interviews?|call|chat|conversation|meeting|talk|screen|screening|session|round|discussion)${GAP}[ ]with[ ]`),
  lead("meet", String.raw`(?<!google[ ])\b(?:meet|meeting)(?:[ ]up)?(?:[ ]with)?(?:[ ]*:[ ]*|[ ])`),
  lead("speak|talk", String.raw`\b(?:you(?:'ll|’ll|[ ]will|[ ]would|'d|’d|[ ]are[ ]going[ ]to|[ ]get[ ]to)(?:[ ]also)?(?:[ ]be)?|will(?:[ ]also)?(?:[ ]be)?|for|after)[ ](?:speak|speaking|talk|talking)[ ](?:with|to)[ ]`),
  lead("interviewer|panel", String.raw`\b(?:your|the)[ ](?:interviewers?|interview[ ]panel|panel)(?:[ ](?:today|tomorrow))?[ ](?:is|are|will[ ]be|would[ ]be|includes?|will[ ]include|consists[ ]of|will[ ]consist[ ]of)[ ]*:?[ ]*`),
  lead("interviewer|panel", String.raw`^(?:your[ ])?(?:interview[ ])?(?:panel|interviewers?)[ ]*:[ ]*`),
  lead("interviewed by|joined by", String.raw`\b(?:interviewed[ ]by|be[ ]joined[ ]by)[ ]`),
  lead("conducted by|led by|hosted by", String.raw`\b(?:conducted|led|hosted)[ ]by[ ]`, INTERVIEW_CONTEXT),
  lead("includ", String.raw`\b(?:include|includes|including)[ ]`, wordPattern(/\b(?:round|interview|panel|session|call|conversation|loop)\b/i)),
  // German
  lead("mit ", String.raw`\b(?:[a-zäöüß]*(?:gespräch|gespräche|interview|telefonat|termin|kennenlernen|austausch|videocall|call|meeting|treffen))${GAP}[ ]mit[ ]`),
  lead("gesprächspartner", String.raw`\b(?:ihre?|deine?)[ ]gesprächspartner(?:in|innen)?[ ](?:sind|ist|werden[ ]sein|wird[ ]sein)[ ]*:?[ ]*`),
  lead("gesprächspartner", String.raw`^(?:ihre?[ ])?gesprächspartner(?:in|innen)?[ ]*:[ ]*`),
  lead("treffen|sprechen|erwarten", String.raw`\b(?:treffen|sprechen|erwarten)[ ](?:Sie|du|dich)[ ](?:(?:sich|vor[ ]Ort|dort)[ ])?(?:mit[ ]|auf[ ])?`),
  lead("treffen|sprechen", String.raw`\bSie[ ](?:treffen|sprechen[ ]mit)[ ]`),
  lead("führ|leite", String.raw`\b(?:gespräch|interview)[ ](?:führen|führt|leiten|leitet)[ ](?:mit[ ]Ihnen[ ])?`),
  // French
  lead("avec", String.raw`\b(?:entretiens?|échange|rendez-vous|appel|rencontre|visio|visioconférence|entrevue|réunion|discussion|conversation|call)${GAP}[ ]avec[ ]`),
  lead("rencontr|échanger|discuter|reçu|accueilli", String.raw`\bvous[ ](?:rencontrerez|allez[ ]rencontrer|pourrez[ ]rencontrer|échangerez[ ]avec|allez[ ]échanger[ ]avec|discuterez[ ]avec|serez[ ]reçue?[ ]par|serez[ ]reçu\(e\)[ ]par|serez[ ]accueillie?[ ]par)[ ]*:?[ ]*`),
  lead("rencontrer", String.raw`\brencontrer[ ]`),
  lead("interlocut", String.raw`\b(?:vos|votre)[ ]interlocut(?:eur|rice|eurs|rices)[ ](?:sera|seront)[ ]*:?[ ]*`),
  // Spanish
  lead("con ", String.raw`\b(?:entrevistas?|reunión|reunion|llamada|videollamada|conversación|conversacion|charla|cita|videoconferencia)${GAP}[ ]con[ ]`),
  lead("conocer", String.raw`\b(?:conocer[áa]s?|vas[ ]a[ ]conocer|va[ ]a[ ]conocer|podr[áa]s?[ ]conocer)[ ]*:?[ ]*(?:a[ ])?`),
  lead("reunir|hablar|conversar", String.raw`\b(?:te[ ]reunir[áa]s|se[ ]reunir[áa]|hablar[áa]s?|conversar[áa]s?)[ ]con[ ]`),
  lead("entrevistador", String.raw`\b(?:sus?|tus?)[ ]entrevistador(?:es|as?)?[ ](?:ser[áa]n?|es|son)[ ]*:?[ ]*`),
  // Dutch ("je spreekt met", and after a phrase put first, "op dinsdag spreek je met")
  lead("met ", String.raw`\b(?:[a-z]*(?:gesprek|interview|call|afspraak|kennismaking))${GAP}[ ]met[ ]`),
  lead("spreek|ontmoet|kennis|spreken", String.raw`\b(?:je|u)[ ](?:spreekt|ontmoet|maakt[ ]kennis)[ ](?:met[ ])?|\b(?:spreek[ ]je|spreekt[ ]u|ontmoet[ ](?:je|u)|maak[ ]je[ ]kennis|maakt[ ]u[ ]kennis)[ ](?:met[ ])?|\b(?:kennismaken|kennis[ ]maken|spreken)[ ]met[ ]`),
  lead("gesprekspartner", String.raw`\b(?:je|jouw|uw)[ ]gesprekspartners?[ ](?:is|zijn|zal[ ]zijn|zullen[ ]zijn)[ ]*:?[ ]*`),
  // Portuguese
  lead("com ", String.raw`\b(?:entrevistas?|conversa|reunião|reuniao|chamada|videochamada|bate-papo)${GAP}[ ]com[ ]`),
  lead("conhec", String.raw`\b(?:(?:vai|irá|ira|vais|poderá|podera)[ ]conhecer|conhecerá|conhecera)[ ]*:?[ ]*`),
  lead("conversar|falar", String.raw`\b(?:(?:vai|irá|ira|vais)[ ](?:conversar|falar)|conversará|falará)[ ]com[ ]`),
  lead("entrevistador", String.raw`\b(?:seus?|suas?|os[ ]seus|as[ ]suas|o[ ]seu|a[ ]sua)[ ]entrevistador(?:es|as?)?[ ](?:será|serão|é|são)[ ]*:?[ ]*`),
];

// Phrases a list of interviewers opens a sentence before: "Sam Ortiz and Lea Brandt will interview you."
const TRIGGER_AFTER_LIST = wordPattern(
  new RegExp(
    [
      String.raw`[ ]+(?:will|shall|would)(?:[ ]also)?(?:[ ]be)?[ ](?:interview(?:ing)?[ ]you|conduct(?:ing)?[ ](?:the|your|this)[ ]interview|lead(?:ing)?[ ](?:the|your|this)[ ]interview|(?:your|the)[ ]interviewers?)\b`,
      String.raw`[ ]+(?:wird|werden)[ ](?:das|Ihr|dein)[ ](?:Gespräch|Interview)[ ](?:mit[ ]Ihnen[ ])?führen\b`,
      String.raw`[ ]+(?:führt|führen)[ ](?:das|Ihr)[ ](?:Gespräch|Interview)\b`,
      String.raw`[ ]+vous[ ](?:recevra|recevront|accueillera|accueilleront|rencontrera|rencontreront)\b`,
      String.raw`[ ]+(?:mènera|mèneront|conduira|conduiront)[ ](?:l['’]entretien|votre[ ]entretien)`,
      String.raw`[ ]+(?:te|le|la|lo)[ ]entrevistar[áa]n?\b`,
      String.raw`[ ]+(?:realizar[áa]n?|conducir[áa]n?)[ ](?:la|tu|su)[ ]entrevista\b`,
      String.raw`[ ]+ser[áa]n?[ ](?:tus?|sus?)[ ]entrevistador(?:es|as?)?\b`,
      String.raw`[ ]+(?:zal|zullen)[ ](?:het|je|jouw|uw)[ ]gesprek[ ](?:met[ ](?:je|u)[ ])?voeren\b`,
      String.raw`[ ]+(?:voert|voeren)[ ]het[ ]gesprek\b`,
      String.raw`[ ]+(?:irá|irão|vai|vão)[ ](?:conduzir|realizar)[ ]a[ ]entrevista\b`,
      String.raw`[ ]+(?:será|serão)[ ](?:o[ ]seu|a[ ]sua|os[ ]seus|as[ ]suas)[ ]entrevistador(?:es|as?)?\b`,
    ].join("|"),
    "iy",
  ),
);
/** `TRIGGER_AFTER_LIST` at any place: where it matches nowhere, it follows no list. */
const TRIGGER_ANYWHERE = new RegExp(TRIGGER_AFTER_LIST.source, TRIGGER_AFTER_LIST.flags.replace("y", ""));
const TRIGGER_KEYWORDS = ["interview", "gespräch", "gesprek", "entretien", "entrevist", "vous recev", "vous accueil", "vous rencontr"];
/** Every lead's and trigger's keywords, found in one pass over the text. */
const KEYWORD_FINDER = createWordFinder([...LEADS.flatMap((lead) => lead.keywords), ...TRIGGER_KEYWORDS]);
const SENTENCE_STARTS = /(?:^|[.!?]["”)]?[ ]+)(?=\S)/g;
const BOTH = /(?:both|beide|tous[ ]deux|ambos|ambas|beiden)[ ]+/iy;

/** Lists that open a sentence and are followed by a phrase saying they interview: "Sam Ortiz will interview you". */
function namesBeforeTrigger(text: string): Person[] {
  const found: Person[] = [];
  // Where no such phrase stands, no list is read.
  if (!TRIGGER_ANYWHERE.test(text)) return found;
  for (const start of text.matchAll(SENTENCE_STARTS)) {
    const at = start.index + start[0].length;
    const list = readList(text, at);
    if (!list) continue;
    TRIGGER_AFTER_LIST.lastIndex = list.end;
    if (!TRIGGER_AFTER_LIST.test(text)) continue;
    const sentence = sentenceAround(text, at, list.end);
    if (!isVetoed(sentence)) found.push(...list.people);
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Lists of names

interface List {
  people: Person[];
  end: number;
}

/** The people a lead introduces, directly ("with Sam Ortiz and Lea Brandt") or after their role ("with our CTO, Sam Ortiz"). */
function namesAfterLead(rest: string): Person[] {
  BOTH.lastIndex = 0;
  const from = BOTH.test(rest) ? BOTH.lastIndex : 0;
  const firstWord = /^[^ ,.;:!?]+/.exec(rest.slice(from))?.[0] ?? "";
  const introduced = DETERMINERS.has(fold(firstWord)) || /^\S+['’]s$/.test(firstWord);
  const starts = [...(introduced ? [] : [from]), ...startsAfterRole(rest, introduced ? from + firstWord.length : from)];
  for (const start of starts) {
    const list = readList(rest, start);
    if (list) return list.people;
  }
  return [];
}

/**
 * Where names may start after a role of up to six words: right after its last role word ("our
 * Engineering Manager Dev Malhotra"), or after the comma that closes it ("our Head of Data,
 * Lucía Gómez"). None without a role word: "with our team, Sam Ortiz" may not name the team.
 */
function startsAfterRole(text: string, from: number): number[] {
  const clause = /^[^.;:!?()\n]*/.exec(text.slice(from))?.[0] ?? "";
  const words = [...clause.matchAll(/[^ ,]+|,/g)].slice(0, 7);
  const comma = words.findIndex((word) => word[0] === ",");
  const role = words.slice(0, comma < 0 ? words.length : comma).findLast((word) => isRoleWord(word[0]));
  if (!role) return [];
  const afterComma = words[comma];
  return [from + role.index + role[0].length, ...(afterComma ? [from + afterComma.index + 1] : [])];
}

const CONJUNCTION = String.raw`(?:and|und|et|y|e|en|sowie|as[ ]well[ ]as|ainsi[ ]que|así[ ]como|assim[ ]como)`;
const SEPARATOR = new RegExp(String.raw`[ ]*,[ ]*(?:${CONJUNCTION}[ ]+)?|[ ]*;[ ]*|[ ]+${CONJUNCTION}[ ]+|[ ]*&[ ]*`, "iy");
const ALTERNATIVE = /[ ]*,?[ ]+(?:or|oder|ou|o|of)[ ]+/iy;
// Words after a name that make it a team's or a firm's: "Sam Ortiz team", "with Hartmann Logistik".
const TEAM_AFTER = /^[ ]+(?:team|group|department|office|staff|crew|family)\b/i;
// What may follow a name: the end, punctuation, "&", "|", a lower-case word or a number.
const NAME_FOLLOWER = /^(?:$|[ ]*[.,;:!?)\]–—|]|[ ]+[-&][ ]|[ ]+[a-zß-öø-ÿ0-9])/;
// A role or description after a name, up to the next comma or the end of the clause: ", our Engineering Manager".
const APPOSITIVE = /[ ]*(?:,|[ ]-|–|—|\|)[^,;.!?()<>\n]*/y;

// A person the text calls the one who schedules ("Lea Brandt (Recruiting Coordinator)") is the coordinator.
const DESCRIBES_COORDINATOR = /coordinat|koordinat|coördinat|coordinad|coordenad|schedul|planificat|planung/i;

/** People named at `from`, one or more, joined by commas and conjunctions; null when the first is not a person. */
function readList(text: string, from: number): List | null {
  const people: Person[] = [];
  let at = from;
  while (text.charAt(at) === " ") at++;
  for (;;) {
    const read = readPerson(text, at);
    if (!read?.person) break;
    at = read.end;
    APPOSITIVE.lastIndex = at;
    const appositive = opensPerson(SEPARATOR, text, at) ? "" : APPOSITIVE.exec(text)?.[0] ?? "";
    // "Sam Ortiz or Lea Brandt", "Sam Ortiz, our CTO, or Lea Brandt": one of them, and which is not known.
    if (opensPerson(ALTERNATIVE, text, at) || opensPerson(ALTERNATIVE, text, at + appositive.length)) return null;
    if (!DESCRIBES_COORDINATOR.test(read.description + appositive)) people.push(read.person);
    if (!opensPerson(SEPARATOR, text, at + appositive.length)) break;
    at = SEPARATOR.lastIndex;
  }
  return people.length > 0 ? { people, end: at } : null;
}

/** A person's name follows what the sticky `joint` matches at `at`; then `joint.lastIndex` is where it starts. */
function opensPerson(joint: RegExp, text: string, at: number): boolean {
  joint.lastIndex = at;
  if (!joint.test(text)) return false;
  const start = joint.lastIndex;
  const opens = readPerson(text, start)?.person != null;
  joint.lastIndex = start;
  return opens;
}

const WORD = /[A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F][A-Za-z\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u024F'’-]*\.?/y;
const SPACE = /[ \u00A0]/;
const WRITTEN_EMAIL = /[ ]*[<(](?:mailto:)?([^\s<>()@]+@[^\s<>()@]+\.[A-Za-z]{2,})[>)]/y;
const ROLE_IN_PARENTHESES = /[ ]*\([^()@\n]{1,80}\)/y;

/**
 * A name at `at`, with its address when "<…>" follows it. `person` is null when something
 * name-like stands there that is not a person's name (a firm, a team, a product, a possessive):
 * the list stops there, and nothing follows from it.
 */
function readPerson(text: string, at: number): { person: Person | null; end: number; description: string } | null {
  const words: string[] = [];
  const ends: number[] = [];
  let possessive = false;
  for (let position = at; ; position += 1) {
    WORD.lastIndex = position;
    const match = WORD.exec(text);
    if (!match) break;
    const raw = match[0];
    const title = words.length === 0 && PERSON_TITLE.test(raw);
    const initial = words.length > 0 && /^[A-Z]\.$/.test(raw);
    // A dot after a name ends the sentence.
    let word = raw.endsWith(".") && !title && !initial ? raw.slice(0, -1) : raw;
    possessive = !title && /['’]s$/.test(word) && isCapitalised(word);
    if (possessive) word = word.slice(0, -2);
    if (!title && !initial && !isCapitalised(word) && !(words.length > 0 && PARTICLES.has(word))) break;
    position = match.index + (title ? raw.length : word.length);
    if (!title) {
      words.push(word);
      ends.push(position);
    }
    if (possessive || !SPACE.test(text.charAt(position))) break;
  }
  // A particle or an initial does not end a name: "… Sam Ortiz de la empresa".
  while (words.length > 0 && !isCapitalised(words[words.length - 1] ?? "")) words.pop();
  const end = ends[words.length - 1];
  if (end === undefined) return null;
  if (possessive || !isPersonName(words) || TEAM_AFTER.test(text.slice(end))) return { person: null, end, description: "" };
  let after = end;
  let email: string | null = null;
  // The address and a role in parentheses, in either order: "Sam Ortiz (VP Engineering) <sam@…>".
  for (let part = 0; part < 2; part++) {
    WRITTEN_EMAIL.lastIndex = after;
    const written: RegExpExecArray | null = email === null ? WRITTEN_EMAIL.exec(text) : null;
    if (written?.[1]) {
      email = written[1].toLowerCase();
      after = WRITTEN_EMAIL.lastIndex;
      continue;
    }
    ROLE_IN_PARENTHESES.lastIndex = after;
    if (ROLE_IN_PARENTHESES.test(text)) after = ROLE_IN_PARENTHESES.lastIndex;
  }
  const description = text.slice(end, after);
  if (!NAME_FOLLOWER.test(text.slice(after))) return { person: null, end: after, description };
  return { person: { name: words.join(" "), email }, end: after, description };
}

/** Two to four capitalised words (particles and initials aside), none of them a word for no one. */
function isPersonName(words: string[]): boolean {
  const capitalised = words.filter((word) => isCapitalised(word) && !/^[A-Z]\.$/.test(word));
  if (capitalised.length < 2 || capitalised.length > 4 || words.length > 6) return false;
  if (capitalised.some(isNotNameWord)) return false;
  if (new Set(capitalised.map(fold)).size < capitalised.length) return false;
  return !isPlatformName(fold(words.join(" ")));
}

// "You will meet:" over lines of "Carlos Mendes <carlos@…>" or "- Aiko Tanaka – Staff Engineer".
const BULLET = /^(?:[-*•·–]|\d{1,2}[.)])[ ]*/;
const MAX_LISTED_LINES = 12;

/** The people on the lines under a lead that ends its line with ":"; a blank line may separate them. */
function listUnder(lines: string[], leadLine: number): Person[] {
  const people: Person[] = [];
  let blanks = 0;
  for (let i = leadLine + 1; i < lines.length && i <= leadLine + MAX_LISTED_LINES; i++) {
    const line = (lines[i] ?? "").replace(BULLET, "");
    if (line === "") {
      if (++blanks > 1) break;
      continue;
    }
    blanks = 0;
    const list = readList(line, 0);
    if (!list) break;
    people.push(...list.people);
  }
  return people;
}

// ---------------------------------------------------------------------------------------------
// Who it is not

interface Exclusion {
  /** Folded words of each name that is no interviewer's. */
  names: string[][];
  emails: Set<string>;
  /** The local parts of those addresses, folded, without digits. */
  locals: string[];
  /** The names of the employer's domains: those of these addresses, and of the text's links and addresses ("saltmarsh-robotics"). */
  domains: string[];
  /** The whole text, where the employer's name may stand after "at" or before "team". */
  text: string;
}

function readExclusion(notInterviewers: NotInterviewers, body: OwnLines, text: string): Exclusion {
  const emails = notInterviewers.emails.filter((email): email is string => email !== null && email.includes("@")).map((email) => email.toLowerCase());
  const names = [...notInterviewers.names, ...body.greeted, ...body.signers].filter((name): name is string => name !== null).map(nameWords).filter((words) => words.length > 0);
  return {
    names,
    emails: new Set(emails),
    locals: emails.map((email) => fold(email.slice(0, email.lastIndexOf("@"))).replace(/\d+/g, "")),
    domains: [...emails.map(hostOf), ...[...text.matchAll(HOSTS_IN_TEXT)].map((host) => (host[1] ?? host[2] ?? "").toLowerCase())].filter(isEmployerHost).map(registrableName),
    text,
  };
}

// The host of an address ("…@careers.acme.example") or of a link ("https://jobs.acme.example/…").
const HOSTS_IN_TEXT = /@([\w-]+(?:\.[\w-]+)+)|https?:\/\/([^/\s:?#<>"]+)/gi;

function hostOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

function nameWords(name: string): string[] {
  return fold(name)
    .replace(/[^a-z\u00DF-\u00FF\u0100-\u024F' -]+/g, " ")
    .split(/[ -]+/)
    .filter((word) => word !== "" && !PERSON_TITLE.test(word));
}

/** "careers.saltmarsh-robotics.co.uk" → "saltmarsh-robotics". */
function registrableName(host: string): string {
  const labels = host.toLowerCase().split(".");
  labels.pop();
  if (labels.length > 1 && ["co", "com", "org", "net", "ac", "gov", "edu"].includes(labels[labels.length - 1] ?? "")) labels.pop();
  return labels[labels.length - 1] ?? "";
}

function isExcluded(person: Person, exclusion: Exclusion): boolean {
  if (person.email && exclusion.emails.has(person.email)) return true;
  const words = nameWords(person.name ?? "");
  const named = words.filter((word) => !PARTICLES.has(word));
  if (exclusion.names.some((other) => (other.length === 1 ? named.includes(other[0] ?? "") : containsRun(words, other) || containsRun(other, words)))) return true;
  if (exclusion.locals.some((local) => isNameInLocalPart(named, local))) return true;
  // A name the employer's domain spells is the employer's: "Saltmarsh Robotics" at saltmarsh-robotics.example.
  // The domain of the person's own address may spell their own name ("Sam Ortiz <sam@ortiz.example>").
  const own = person.email && isNameInLocalPart(named, fold(person.email.slice(0, person.email.lastIndexOf("@")))) ? registrableName(hostOf(person.email)) : null;
  if (named.some((word) => word.length >= 4 && exclusion.domains.some((domain) => domain !== own && spellsAtEdge(domain, word)))) return true;
  return isNamedAsEmployer(person.name ?? "", exclusion.text);
}

/** The domain's name opens or closes with the word, or has it between hyphens: "saltmarsh-robotics", "harborandpine". */
function spellsAtEdge(domain: string, word: string): boolean {
  return domain.startsWith(word) || domain.endsWith(word) || domain.split("-").includes(word);
}

/** `run` stands in `words`, in order and together. */
function containsRun(words: string[], run: string[]): boolean {
  if (run.length === 0 || run.length > words.length) return false;
  for (let i = 0; i + run.length <= words.length; i++) {
    if (run.every((word, j) => words[i + j] === word)) return true;
  }
  return false;
}

/** The address is the person's: "sam.ortiz@…", "sortiz@…", "ortiz.s@…", or their given name alone ("sam@…"). */
function isNameInLocalPart(named: string[], local: string): boolean {
  const first = named[0] ?? "";
  const last = named[named.length - 1] ?? "";
  if (first.length < 2 || last.length < 2) return false;
  if (local === first || (local.includes(first) && local.includes(last))) return true;
  const joined = local.replace(/[._-]/g, "");
  return joined === `${first.charAt(0)}${last}` || joined === `${last}${first.charAt(0)}`;
}

const EMPLOYER_BEFORE = /\b(?:at|bei|chez|bij|join|joining|rejoindre|welcome to|work for|working for)[ ]+$/i;
const EMPLOYER_AFTER = /^[ ]*(?:team|Team|-Team|GmbH|AG|Inc|LLC|Ltd|B\.V|BV|SA|S\.A|SAS|SL|S\.L|Lda|Ltda|careers|Careers)\b/;

/** The text writes the name as the employer's: "a position at Saltmarsh Robotics", "the Saltmarsh Robotics team". */
function isNamedAsEmployer(name: string, text: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    const after = text.slice(at + name.length, at + name.length + 12);
    // "at Sam Ortiz's office" is a person's.
    if (/^['’]s\b/.test(after)) continue;
    if (EMPLOYER_BEFORE.test(text.slice(Math.max(0, at - 16), at)) || EMPLOYER_AFTER.test(after)) return true;
  }
  return false;
}

/** Each person once, in the order named; a name given once with its address is kept with it. */
function distinct(people: Person[]): Person[] {
  const kept: Person[] = [];
  for (const person of people) {
    const key = nameWords(person.name ?? "").join(" ");
    const same = kept.findIndex((other) => nameWords(other.name ?? "").join(" ") === key || (person.email !== null && other.email === person.email));
    if (same < 0) kept.push(person);
    else if (kept[same]?.email === null && person.email !== null) kept[same] = person;
  }
  return kept;
}
