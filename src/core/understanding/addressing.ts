/**
 * How the writer of an employer's email addresses the candidate and signs (C9): the register
 * of their greeting, the name they signed with, and their own courtesy title when the mail
 * shows it. Drafts to that person mirror it (src/core/follow-ups/reader.ts). Pure.
 *
 * Precision first, since a wrong name in a greeting is worse than none:
 * - A signed name counts only when it plausibly is the sender's or the contact's own name
 *   ("Dana" or "Dana W." for Dana Whitfield); a team ("Your Acme Team"), a company or another
 *   person signing gives no name.
 * - A courtesy title comes only from the writer's own words: a title before their name ("Frau
 *   Katrin Vogel", "Ms. Dana Whitfield", "Sra. Ana López") or a gendered job title under it
 *   ("Personalreferentin", "Chargée de recrutement", "Coordinadora de RR. HH."). Never from a
 *   first name, and never from the greeting, which names the candidate.
 * - The register is read from the greeting alone: "Dear Ms Okonkwo", "Sehr geehrte …",
 *   "Madame,", "Estimada Sra. …" are formal; a title with a lighter greeting ("Hallo Frau …",
 *   "Bonjour Madame …") is polite; "Hi Ada", "Hallo Ada", "Bonjour Ada", "Hola Ada" are
 *   informal. A greeting that does not tell ("Dear Priya", a template's "Bonjour Camille
 *   Bernard") leaves it unknown.
 */
import { isPlainLatin, LATIN_LETTER_CLASS } from "../text/latin.ts";

export type WriterFormality = "formal" | "polite" | "informal";

/** What one email shows about addressing its writer; stored with the understanding and its filing. */
export interface WriterAddressing {
  /** The writer's address: the contact's when the signature names the contact, else the sender's. */
  email: string | null;
  /** The writer's name as the headers give it (else as signed), to tell them from others at one address. */
  name: string | null;
  /** The name under the sign-off ("Dana", "Katrin Vogel"), titles left out. */
  signedAs: string | null;
  /** Set when the name's order hides it ("Whitfield, Dana") or the signature spells it out. */
  familyName: string | null;
  title: "ms" | "mr" | null;
  formality: WriterFormality | null;
}

export interface AddressingInput {
  /** The original's text, after forward unwrapping. */
  text: string;
  from: { name: string | null; address: string | null } | null;
  contact: { name: string | null; email: string | null } | null;
  /** The employer: a "name" that spells it is the company signing, not a person. */
  company: string | null;
}

type Title = "ms" | "mr";

/** A person the signature may name, with their name as tokens (given name first). */
interface Candidate {
  name: string | null;
  email: string | null;
  tokens: string[];
  /** The address's local part, when the headers give no name: "dana.whitfield", "thadley". */
  local: string | null;
}

/** The greeting is among the first lines (after a heading, a date or an auto-generated notice). */
const GREETING_LINES = 6;
/** Signature lines read for a gendered job title after the name. */
const ROLE_LINES = 2;
/** A closing line with a name after it, or a thank-you line ending with a comma, is no longer than this. */
const MAX_CLOSING_CHARS = 60;
const MAX_NAME_TOKENS = 5;

// A Map, not an object: a name word such as "constructor" must find nothing.
const COURTESY_TITLES = new Map<string, Title>(
  Object.entries({
    ms: "ms", mrs: "ms", miss: "ms", frau: "ms", mme: "ms", madame: "ms", mlle: "ms", mademoiselle: "ms", sra: "ms", srta: "ms",
    senora: "ms", senorita: "ms",
    mr: "mr", herr: "mr", m: "mr", monsieur: "mr", sr: "mr", senor: "mr",
  } as const),
);
/** Academic and other titles before a name: left out of it, and telling nothing of the courtesy title. */
const OTHER_TITLES = new Set(["dr", "prof", "mx", "dipl", "ing", "mag", "lic"]);
const NAME_PARTICLES = new Set(["de", "da", "das", "do", "dos", "van", "von", "der", "den", "ter", "la", "le", "di", "del", "du", "y", "e", "al", "bin", "zu"]);
/** Words that make a signed "name" a team, a department or a company. */
const NOT_PERSON_WORDS = new Set([
  "team", "teams", "hr", "recruiting", "recruitment", "talent", "careers", "career", "hiring", "people", "jobs", "staff",
  "foundation", "group", "inc", "llc", "ltd", "gmbh", "ag", "company", "crew", "labs", "systems", "department",
  "personalabteilung", "abteilung", "equipe", "equipo", "recursos", "humanos", "rrhh", "recrutement", "seleccion",
  "your", "the", "ihr", "ihre", "votre", "l'equipe", "su",
]);

/** Closings, folded (lower case, no accents), in the languages read; a name may follow after a comma. */
const CLOSINGS = new Set(
  [
    "best", "best regards", "kind regards", "warm regards", "warmest regards", "regards", "best wishes", "all the best",
    "sincerely", "yours sincerely", "sincerely yours", "yours faithfully", "yours truly", "respectfully", "cheers",
    "thanks", "thank you", "many thanks", "thanks again", "take care", "talk soon", "with best regards", "with kind regards",
    "warmly", "cordially", "kind regards and thanks",
    "mit freundlichen grussen", "mit freundlichem gruss", "freundliche grusse", "viele grusse", "beste grusse",
    "herzliche grusse", "liebe grusse", "schone grusse", "gruss", "grusse", "mfg", "lg", "vg", "danke", "vielen dank",
    "besten dank", "herzlichen dank",
    "cordialement", "bien cordialement", "tres cordialement", "bien a vous", "salutations", "meilleures salutations",
    "sinceres salutations", "a bientot", "merci", "merci beaucoup", "amicalement", "belle journee", "bonne journee",
    "saludos", "un saludo", "un cordial saludo", "un saludo cordial", "saludos cordiales", "atentamente", "cordialmente",
    "un abrazo", "gracias", "muchas gracias", "reciba un cordial saludo",
    "met vriendelijke groet", "met vriendelijke groeten", "vriendelijke groet", "vriendelijke groeten", "groet", "groeten",
    "hartelijke groet", "hartelijke groeten", "com os melhores cumprimentos", "cumprimentos", "melhores cumprimentos",
    "atenciosamente", "obrigado", "obrigada",
  ],
);
/** A line of thanks that closes the mail ("Thank you for your understanding,"). */
const THANKS_LINE = /^(?:thank you|thanks|many thanks|merci|gracias|muchas gracias|danke|vielen dank|obrigad[oa])\b.*,$/;

/** Gendered job titles under a signed name: the writer's own word for what they are. */
const FEMININE_ROLE =
  /\b(?:\p{L}*(?:referent|partner|recruiter|leiter|manager|berater|sachbearbeiter|assistent|mitarbeiter|spezialist|koordinator|direktor|fuhrer|personaler|betreuer|bearbeiter)in|chargee|directrice|recruteuse|assistante|conseillere|coordinatrice|consultante|coordinadora|directora|reclutadora|tecnica|jefa|asesora|encargada|recrutadora|diretora|coordenadora)\b/u;
/** German, French and Spanish words only: "Recruiter", "Manager", "Director" name anyone in English. */
const MASCULINE_ROLE =
  /\b(?:\p{L}*(?:referent|sachbearbeiter|leiter|berater|personaler|betreuer)|charge d(?:e|u|es)|directeur|recruteur|conseiller|coordinateur|coordinador|reclutador|tecnico|jefe|asesor|encargado|recrutador|diretor|coordenador)\b/u;

// Greetings, matched on the folded line.
const GREETINGS: readonly [RegExp, WriterFormality | null][] = [
  [/^dear (?:mr|mrs|ms|miss|mx|dr|prof)\b/, "formal"],
  [/^dear (?:sir|madam)\b/, "formal"],
  [/^dear\b/, null],
  [/^(?:hallo|guten (?:tag|morgen|abend)|liebe[rs]?|hi|moin|servus|gruss gott|gruezi) (?:frau|herr)\b/, "polite"],
  [/^(?:hi|hello|hey|hiya)\b/, "informal"],
  [/^(?:good (?:morning|afternoon|evening))\b/, null],
  [/^sehr geehrte/, "formal"],
  [/^(?:hallo|liebe[rs]?|hey|moin|servus)\b/, "informal"],
  [/^guten (?:tag|morgen|abend)\b/, null],
  [/^(?:madame|monsieur|mesdames|messieurs|chere madame|cher monsieur)\b/, "formal"],
  [/^(?:bonjour|bonsoir) (?:madame|monsieur|mme|mlle|m\.)(?=[\s,.!]|$)/, "polite"],
  [/^(?:salut|coucou)\b/, "informal"],
  [/^(?:bonjour|bonsoir|cher|chere) [\p{L}'-]+[,.!]?$/u, "informal"],
  [/^(?:bonjour|bonsoir)\b/, null],
  [/^(?:estimad[oa]s?|distinguid[oa]s?|apreciad[oa]s?|muy senor|muy senora|muy senores)\b/, "formal"],
  [/^buen[oa]s (?:dias|tardes|noches),? (?:sra?|srta|senora?|senorita|don|dona)\b/, "polite"],
  [/^(?:hola|querid[oa])\b/, "informal"],
  [/^buen[oa]s (?:dias|tardes|noches)\b/, null],
  [/^(?:geachte|exm[oa]|prezad[oa])\b/, "formal"],
  [/^(?:hoi|ola|oi)\b/, "informal"],
  [/^(?:beste|caro|cara)\b/, null],
];

/** What one email shows about addressing its writer, or null when it shows nothing. */
export function readAddressing({ text, from, contact, company }: AddressingInput): WriterAddressing | null {
  const body = readBody(text);
  const greeting = findGreeting(body);
  const sender = toCandidate(from?.name ?? null, from?.address ?? null);
  // The contact is most often the sender, read once.
  const named = contact !== null && contact.name === (from?.name ?? null) && contact.email === (from?.address ?? null) ? sender : toCandidate(contact?.name ?? null, contact?.email ?? null);
  const companyWords = new Set(company === null ? [] : nameTokens(company));
  const after = greeting?.index ?? -1;
  const signature = findSignature(body, after, { named, sender, companyWords });
  // Unsigned mail from the contact's own address (a team mailbox that names them) speaks for the contact.
  const writer = signature?.person ?? (named?.name && named.email && named.email.toLowerCase() === sender?.email?.toLowerCase() ? named : sender);
  if (writer === null) return null;
  const titles = [signature?.title, titleInName(writer.name), signature?.roleTitle, titleMentioned(body, after, writer)].filter((t): t is Title => !!t);
  // Sources that disagree tell nothing.
  const title = titles.length > 0 && titles.every((t) => t === titles[0]) ? (titles[0] ?? null) : null;
  const signedAs = signature?.signed ?? null;
  const formality = greeting?.formality ?? null;
  if (signedAs === null && title === null && formality === null) return null;
  return {
    email: writer.email,
    name: writer.name === null ? signedAs : stripTitles(writer.name),
    signedAs,
    familyName: familyNameOf(signedAs, writer.name),
    title,
    formality,
  };
}

/**
 * Whether two names plausibly are one person's: the shorter one's words all stand in the longer
 * one, given name first ("Dana" and "Dana Whitfield", "Dana W." and "Whitfield, Dana"); an
 * initial stands for a word only beside a word written out.
 */
export function isSamePersonName(a: string, b: string): boolean {
  return isSamePerson(nameTokens(a), nameTokens(b));
}

/** `isSamePersonName` on names already read as tokens. */
function isSamePerson(left: readonly string[], right: readonly string[]): boolean {
  if (left.length === 0 || right.length === 0) return false;
  return left.length <= right.length ? fitsWithin(left, right) : fitsWithin(right, left);
}

// ---------------------------------------------------------------------------------------------

/** The body's own lines, and the same lines folded: the greeting, the closings and the mentions of the writer read them. */
interface Body {
  /** Trimmed, without quoted lines ("> …"): the unwrapping has already cut a reply's history. */
  lines: string[];
  /** `fold` of each line, filled as lines are read. */
  folded: (string | undefined)[];
}

function readBody(text: string): Body {
  const lines: string[] = [];
  // Cut line by line: no array of the untrimmed lines is built first.
  for (let start = 0, end = 0; end >= 0; start = end + 1) {
    end = text.indexOf("\n", start);
    const line = text.slice(start, end < 0 ? text.length : end).trim();
    if (line !== "" && !line.startsWith(">")) lines.push(line);
  }
  return { lines, folded: [] };
}

function foldedLine(body: Body, index: number): string {
  return (body.folded[index] ??= fold(body.lines[index] ?? ""));
}

function findGreeting(body: Body): { index: number; formality: WriterFormality | null } | null {
  const last = Math.min(body.lines.length, GREETING_LINES);
  for (let index = 0; index < last; index++) {
    const line = foldedLine(body, index);
    for (const [pattern, formality] of GREETINGS) if (pattern.test(line)) return { index, formality };
  }
  return null;
}

interface Signature {
  person: Candidate;
  signed: string;
  /** A courtesy title written before the signed name. */
  title: Title | null;
  /** A gendered job title written after it. */
  roleTitle: Title | null;
}

/** Who may have signed: the contact and the sender; words of the company's name are no person's. */
interface Signers {
  named: Candidate | null;
  sender: Candidate | null;
  companyWords: ReadonlySet<string>;
}

/**
 * The first sign-off after the greeting whose name is the contact's or the sender's: the name
 * after a closing, on its line ("Best, Dana") or the next ("Viele Grüße\nKatrin"). Without a
 * closing, a line that is the sender's full name and nothing else ("Nina Castillo\nRecruiting
 * Coordinator") signs the mail.
 */
function findSignature(body: Body, after: number, signers: Signers): Signature | null {
  if (signers.named === null && signers.sender === null) return null;
  const { lines } = body;
  for (let i = after + 1; i < lines.length; i++) {
    const closing = readClosing(body, i);
    if (closing === null) continue;
    const sameLine = closing.rest === "" ? null : signatureAt(closing.rest, lines, i, signers);
    if (sameLine) return sameLine;
    const next = nextNameLine(body, i);
    const signed = next < 0 ? null : signatureAt(lines[next] ?? "", lines, next, signers);
    if (signed) return signed;
  }
  const { sender } = signers;
  if (sender === null || sender.tokens.length < 2) return null;
  const senderOnly: Signers = { ...signers, named: null };
  for (let i = after + 1; i < lines.length; i++) {
    // "You will be contacted by:\nDana Whitfield" introduces the name; it does not sign.
    if (lines[i - 1]?.endsWith(":")) continue;
    const line = lines[i] ?? "";
    // A name alone on its line ends with a name's word: most lines are sentences, which end otherwise.
    if (!isNameWord(withoutFullStop(lastWord(line)))) continue;
    const signed = signatureAt(line, lines, i, senderOnly);
    if (signed && signed.rest === "" && signed.tokens.length === sender.tokens.length) return signed;
  }
  return null;
}

/** The line after a closing that may hold the name: separators and further closings ("Thank you.\nRegards,") are passed over. */
function nextNameLine(body: Body, closingIndex: number): number {
  for (let i = closingIndex + 1; i < body.lines.length && i <= closingIndex + 3; i++) {
    if (/^[-_—–=~*\s]*$/.test(body.lines[i] ?? "")) continue;
    const closing = readClosing(body, i);
    if (closing !== null && closing.rest === "") continue;
    return i;
  }
  return -1;
}

/** A closing line, and what follows the closing on it ("Sincerely, Marcus Webb" → "Marcus Webb"). */
function readClosing(body: Body, index: number): { rest: string } | null {
  const line = body.lines[index] ?? "";
  if (line.length > MAX_CLOSING_CHARS) return null;
  const folded = foldedLine(body, index);
  const bare = folded.replace(/[,.!]+$/, "").trim();
  if (CLOSINGS.has(bare)) return { rest: "" };
  const comma = bare.indexOf(",");
  if (comma > 0 && CLOSINGS.has(bare.slice(0, comma).trim())) return { rest: line.slice(line.indexOf(",") + 1).trim() };
  return THANKS_LINE.test(folded) ? { rest: "" } : null;
}

/**
 * The signature on a line when its name is the contact's or the sender's: the name, the titles
 * around it, and what follows the name on the line. When both could have signed and they are
 * different people, the sender wrote the mail; when they are one person, the contact's address
 * is the one drafts go to.
 */
function signatureAt(line: string, lines: readonly string[], index: number, signers: Signers): (Signature & { rest: string; tokens: string[] }) | null {
  const parsed = parseSignedLine(line);
  if (parsed === null || parsed.tokens.some((t) => signers.companyWords.has(t))) return null;
  const { named, sender } = signers;
  const byContact = named !== null && matchesCandidate(parsed.tokens, named);
  const bySender = sender !== null && matchesCandidate(parsed.tokens, sender);
  // A candidate's tokens are those of its name.
  const samePerson = byContact && bySender && named.name !== null && sender.name !== null && isSamePerson(named.tokens, sender.tokens);
  const person = byContact && (!bySender || samePerson) ? named : bySender ? sender : null;
  if (person === null) return null;
  const roleText = [parsed.rest, ...lines.slice(index + 1, index + 1 + ROLE_LINES)].join("\n");
  return { person, signed: parsed.name, title: parsed.title, roleTitle: roleTitleIn(roleText), rest: parsed.rest, tokens: parsed.tokens };
}

/**
 * A signed line as a name: "i.A. Katrin Vogel", "— Dana", "Ms. Dana Whitfield | Senior
 * Recruiter", "Ana López, Coordinadora". Null when the name part is not a person's name.
 */
function parseSignedLine(line: string): { name: string; tokens: string[]; title: Title | null; rest: string } | null {
  const unprefixed = line.replace(/^(?:[-—–~*]+\s*)?(?:(?:i\.\s?a\.|i\.\s?v\.|ppa?\.|p\.\s?p\.)\s*)?/i, "");
  const cut = /\s[|/–—-]\s|,|\s\(|\t/.exec(unprefixed);
  const rest = cut ? unprefixed.slice(cut.index).trim() : "";
  const namePart = (cut ? unprefixed.slice(0, cut.index) : unprefixed).trim();
  // The last word is never a title, so it must be a name's: read first, as most lines are sentences, which end otherwise.
  const last = withoutFullStop(lastWord(namePart));
  if (!isNameWord(last)) return null;
  const words = namePart.split(/\s+/);
  words[words.length - 1] = last;
  let title: Title | null = null;
  while (words.length > 1) {
    const key = fold(words[0] ?? "").replace(/\.$/, "");
    const courtesy = COURTESY_TITLES.get(key);
    if (courtesy !== undefined) title ??= courtesy;
    else if (!OTHER_TITLES.has(key)) break;
    words.shift();
  }
  if (words.length === 0 || words.length > MAX_NAME_TOKENS || !words.every(isNameWord)) return null;
  if (!/^\p{Lu}/u.test(words[0] ?? "") || words.some((w) => NOT_PERSON_WORDS.has(fold(w)))) return null;
  const name = words.join(" ");
  return { name, tokens: nameTokens(name), title, rest };
}

/** A full stop closes a name ("Marcus Webb."), unless its last word is an initial ("Dana W."). */
function withoutFullStop(word: string): string {
  return /\p{L}{2}\.$/u.test(word) ? word.slice(0, -1) : word;
}

/** The last word of a trimmed text, as `split(/\s+/)` cuts it: read from its end, as a line can be long. */
function lastWord(text: string): string {
  let start = text.length;
  for (; start > 0; start--) {
    const code = text.charCodeAt(start - 1);
    // Printable ASCII is never white space; any other character is asked of `\s`.
    if ((code <= 32 || code >= 127) && /\s/.test(text.charAt(start - 1))) break;
  }
  return text.slice(start);
}

/** A capitalised word ("O'Brien", "Jean-Luc"), an initial ("W."), or a particle ("von"). */
function isNameWord(word: string): boolean {
  return NAME_PARTICLES.has(word) || /^\p{Lu}(?:[\p{L}'’-]*\p{L})?$/u.test(word) || /^\p{Lu}\.$/u.test(word);
}

function matchesCandidate(signed: readonly string[], person: Candidate): boolean {
  if (person.tokens.length > 0) return fitsWithin(signed, person.tokens) || (person.tokens.length >= 2 && fitsWithin(person.tokens, signed));
  if (person.local === null) return false;
  // No name in the headers: the address may spell it ("dana.whitfield", "dwhitfield", "thadley").
  const [given, ...others] = signed;
  const family = others.at(-1);
  if (given === undefined || given.length < 2) return false;
  const local = person.local;
  const spelled = [given, ...(family ? [`${given}${family}`, `${given}.${family}`, `${given}_${family}`, `${given}-${family}`, `${given[0]}${family}`, `${given[0]}.${family}`] : [])];
  return spelled.includes(local);
}

/**
 * `short` stands within `long`, in order, given name first: every word equals one of `long`'s
 * or is its initial, and at least one is written out.
 */
function fitsWithin(short: readonly string[], long: readonly string[]): boolean {
  const given = short[0];
  const longGiven = long[0];
  if (given === undefined || longGiven === undefined || !sameWord(given, longGiven)) return false;
  let from = 1;
  let writtenOut = given.length > 1;
  for (const word of short.slice(1)) {
    const at = long.findIndex((w, i) => i >= from && sameWord(word, w));
    if (at < 0) return false;
    from = at + 1;
    writtenOut ||= word.length > 1;
  }
  return writtenOut;
}

/** Equal words, or an initial and a word it begins. */
function sameWord(a: string, b: string): boolean {
  if (a === b) return true;
  return (a.length === 1 && b.startsWith(a)) || (b.length === 1 && a.startsWith(b));
}

function toCandidate(name: string | null, email: string | null): Candidate | null {
  // "Dana Whitfield via Greenhouse", "Acme im Auftrag von …": the person or employer is before it.
  const cleaned = name?.split(/\s+(?:via|on behalf of|im auftrag von|de la part de|en nombre de)\s+/i)[0]?.trim() || null;
  const address = email?.trim() || null;
  if (cleaned === null && address === null) return null;
  const tokens = cleaned === null ? [] : nameTokens(cleaned);
  return { name: cleaned, email: address, tokens, local: tokens.length === 0 && address !== null ? fold(address.split("@")[0] ?? "") : null };
}

/**
 * A name as folded words, given name first ("Whitfield, Dana" → dana whitfield), titles, a
 * degree after a comma ("Dana Whitfield, PhD") and initials' dots left out.
 */
function nameTokens(name: string): string[] {
  const ordered = name.includes(",") ? reorderedName(name) : name;
  // Words with nothing to decompose fold alike one by one or together.
  const words = (DECOMPOSABLE.test(ordered) ? ordered.split(/[\s,]+/).map(fold) : ordered.toLowerCase().split(/[\s,]+/))
    .map((w) => (w.endsWith(".") ? w.slice(0, -1) : w))
    .filter(Boolean);
  while (words.length > 1 && (COURTESY_TITLES.get(words[0] ?? "") !== undefined || OTHER_TITLES.has(words[0] ?? ""))) words.shift();
  return words.filter((w) => !NAME_PARTICLES.has(w) || words.length <= 1);
}

/** "Whitfield, Dana" → "Dana Whitfield"; "Dana Whitfield, PhD" → "Dana Whitfield"; other names as they are. */
function reorderedName(name: string): string {
  const [before, after, ...more] = name.split(",").map((part) => part.trim());
  const single = more.length === 0 && after !== undefined && after !== "" && !/\s/.test(after);
  return single ? (isDegree(after) ? (before ?? "") : `${after} ${before}`) : name;
}

/** A courtesy title at the front of a header name ("Frau Katrin Vogel"). */
function titleInName(name: string | null): Title | null {
  const first = name?.trim().split(/\s+/);
  if (!first || first.length < 2) return null;
  return COURTESY_TITLES.get(fold(first[0] ?? "").replace(/\.$/, "")) ?? null;
}

const WORD_BREAK = /[^\p{L}.'-]+/u;
/** `WORD_BREAK` for plain Latin text, where it splits alike and much faster. */
const LATIN_WORD_BREAK = new RegExp(`[^${LATIN_LETTER_CLASS}.'-]+`);

/**
 * A courtesy title the mail puts before the writer's name after the greeting ("Ansprechpartner:
 * Herr Tobias Reindl", "contactez Mme Dubois"). A lone "M." after their given name is a middle
 * initial ("Dana M. Whitfield"), not "Monsieur".
 */
function titleMentioned(body: Body, after: number, writer: Candidate): Title | null {
  const given = writer.tokens[0];
  const family = writer.tokens.at(-1);
  if (writer.tokens.length < 2 || given === undefined || family === undefined) return null;
  let found: Title | null = null;
  // Most mail never names the writer again, and then no line's words are read.
  for (let index = after + 1; index < body.lines.length; index++) {
    const line = foldedLine(body, index);
    if (!line.includes(family)) continue;
    const words = line.split(isPlainLatin(line) ? LATIN_WORD_BREAK : WORD_BREAK).filter(Boolean);
    for (let w = 0; w + 1 < words.length; w++) {
      // The word after a title is read first: few words stand before the writer's name.
      const next = (words[w + 1] ?? "").replace(/\.$/, "");
      const named = next === family || (next === given && words.slice(w + 2, w + 1 + writer.tokens.length).includes(family));
      if (!named) continue;
      const key = (words[w] ?? "").replace(/\.$/, "");
      const title = COURTESY_TITLES.get(key);
      if (title === undefined || (key === "m" && words[w - 1] === given)) continue;
      if (found !== null && found !== title) return null;
      found = title;
    }
  }
  return found;
}

function roleTitleIn(text: string): Title | null {
  const folded = fold(text);
  const feminine = FEMININE_ROLE.test(folded);
  const masculine = MASCULINE_ROLE.test(folded);
  return feminine === masculine ? null : feminine ? "ms" : "mr";
}

/** A header name without the titles in front ("Dr. Helen Marsh" → "Helen Marsh"). */
function stripTitles(name: string): string {
  const words = name.trim().split(/\s+/);
  while (words.length > 1) {
    const key = fold(words[0] ?? "").replace(/\.$/, "");
    if (COURTESY_TITLES.get(key) === undefined && !OTHER_TITLES.has(key)) break;
    words.shift();
  }
  return words.join(" ");
}

/** The family name when the signature spells it out (initials left out), or a "Family, Given" header shows which it is. */
function familyNameOf(signedAs: string | null, headerName: string | null): string | null {
  const family = (signedAs?.split(/\s+/) ?? []).slice(1).filter((w) => !/^\p{L}\.?$/u.test(w));
  if (family.length > 0) return family.join(" ");
  const [before, after, ...more] = headerName?.split(",").map((part) => part.trim()) ?? [];
  if (more.length > 0 || !before || !after || /\s/.test(after)) return null;
  if (!isDegree(after)) return stripTitles(before);
  const words = stripTitles(before).split(/\s+/);
  return words.length > 1 ? words.slice(1).join(" ") : null;
}

/** A degree or suffix after a comma in a name ("PhD", "MBA", "Jr."), not a given name. */
function isDegree(word: string): boolean {
  return /\p{Lu}.*\p{Lu}/u.test(word) || word.endsWith(".");
}

const COMBINING_DIACRITICS = /[\u0300-\u036F]/g;
const MARKS = /\p{M}/gu;
/** Beyond ASCII, Latin-1's signs ("«", no-break space) and General Punctuation ("’", "–") are their own decompositions, and no marks. */
const DECOMPOSABLE = /[^\u0000-\u00BF\u2002-\u20CF]/;

/** Lower case without accents: "Grüße" → "grusse", "Chère" → "chere". */
function fold(text: string): string {
  if (!DECOMPOSABLE.test(text)) return text.toLowerCase();
  // Most marks left by NFD are the combining diacritics; any other is a mark outside plain Latin.
  const stripped = text.normalize("NFD").replace(COMBINING_DIACRITICS, "");
  return (isPlainLatin(stripped) ? stripped : stripped.replace(MARKS, "")).replace(/ß/g, "ss").toLowerCase();
}
