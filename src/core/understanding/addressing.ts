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

const COURTESY_TITLES: Record<string, Title> = {
  ms: "ms", mrs: "ms", miss: "ms", frau: "ms", mme: "ms", madame: "ms", mlle: "ms", mademoiselle: "ms", sra: "ms", srta: "ms",
  senora: "ms", senorita: "ms",
  mr: "mr", herr: "mr", m: "mr", monsieur: "mr", sr: "mr", senor: "mr",
};
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
  const lines = ownLines(text);
  const greeting = findGreeting(lines);
  const sender = toCandidate(from?.name ?? null, from?.address ?? null);
  const named = toCandidate(contact?.name ?? null, contact?.email ?? null);
  const companyWords = new Set(company === null ? [] : nameTokens(company));
  const after = greeting?.index ?? -1;
  const signature = findSignature(lines, after, { named, sender, companyWords });
  // Unsigned mail from the contact's own address (a team mailbox that names them) speaks for the contact.
  const writer = signature?.person ?? (named?.name && named.email && named.email.toLowerCase() === sender?.email?.toLowerCase() ? named : sender);
  if (writer === null) return null;
  const titles = [signature?.title, titleInName(writer.name), signature?.roleTitle, titleMentioned(lines, after, writer)].filter((t): t is Title => !!t);
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
  const left = nameTokens(a);
  const right = nameTokens(b);
  if (left.length === 0 || right.length === 0) return false;
  return left.length <= right.length ? fitsWithin(left, right) : fitsWithin(right, left);
}

// ---------------------------------------------------------------------------------------------

/** The body's lines, trimmed, without quoted lines ("> …"): the unwrapping has already cut a reply's history. */
function ownLines(text: string): string[] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "" && !line.startsWith(">"));
}

function findGreeting(lines: readonly string[]): { index: number; formality: WriterFormality | null } | null {
  const last = Math.min(lines.length, GREETING_LINES);
  for (let index = 0; index < last; index++) {
    const line = fold(lines[index] ?? "");
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
function findSignature(lines: readonly string[], after: number, signers: Signers): Signature | null {
  if (signers.named === null && signers.sender === null) return null;
  for (let i = after + 1; i < lines.length; i++) {
    const closing = readClosing(lines[i] ?? "");
    if (closing === null) continue;
    const sameLine = closing.rest === "" ? null : signatureAt(closing.rest, lines, i, signers);
    if (sameLine) return sameLine;
    const next = nextNameLine(lines, i);
    const signed = next < 0 ? null : signatureAt(lines[next] ?? "", lines, next, signers);
    if (signed) return signed;
  }
  const { sender } = signers;
  if (sender === null || sender.tokens.length < 2) return null;
  const senderOnly: Signers = { ...signers, named: null };
  for (let i = after + 1; i < lines.length; i++) {
    // "You will be contacted by:\nDana Whitfield" introduces the name; it does not sign.
    if (lines[i - 1]?.endsWith(":")) continue;
    const signed = signatureAt(lines[i] ?? "", lines, i, senderOnly);
    if (signed && signed.rest === "" && nameTokens(signed.signed).length === sender.tokens.length) return signed;
  }
  return null;
}

/** The line after a closing that may hold the name: separators and further closings ("Thank you.\nRegards,") are passed over. */
function nextNameLine(lines: readonly string[], closingIndex: number): number {
  for (let i = closingIndex + 1; i < lines.length && i <= closingIndex + 3; i++) {
    const line = lines[i] ?? "";
    if (/^[-_—–=~*\s]*$/.test(line)) continue;
    const closing = readClosing(line);
    if (closing !== null && closing.rest === "") continue;
    return i;
  }
  return -1;
}

/** A closing line, and what follows the closing on it ("Sincerely, Marcus Webb" → "Marcus Webb"). */
function readClosing(line: string): { rest: string } | null {
  if (line.length > MAX_CLOSING_CHARS) return null;
  const folded = fold(line);
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
function signatureAt(line: string, lines: readonly string[], index: number, signers: Signers): (Signature & { rest: string }) | null {
  const parsed = parseSignedLine(line);
  if (parsed === null || parsed.tokens.some((t) => signers.companyWords.has(t))) return null;
  const { named, sender } = signers;
  const byContact = named !== null && matchesCandidate(parsed.tokens, named);
  const bySender = sender !== null && matchesCandidate(parsed.tokens, sender);
  const samePerson = byContact && bySender && named.name !== null && sender.name !== null && isSamePersonName(named.name, sender.name);
  const person = byContact && (!bySender || samePerson) ? named : bySender ? sender : null;
  if (person === null) return null;
  const roleText = [parsed.rest, ...lines.slice(index + 1, index + 1 + ROLE_LINES)].join("\n");
  return { person, signed: parsed.name, title: parsed.title, roleTitle: roleTitleIn(roleText), rest: parsed.rest };
}

/**
 * A signed line as a name: "i.A. Katrin Vogel", "— Dana", "Ms. Dana Whitfield | Senior
 * Recruiter", "Ana López, Coordinadora". Null when the name part is not a person's name.
 */
function parseSignedLine(line: string): { name: string; tokens: string[]; title: Title | null; rest: string } | null {
  const unprefixed = line.replace(/^(?:[-—–~*]+\s*)?(?:(?:i\.\s?a\.|i\.\s?v\.|ppa?\.|p\.\s?p\.)\s*)?/i, "");
  const cut = /\s[|/–—-]\s|,|\s\(|\t/.exec(unprefixed);
  const rest = cut ? unprefixed.slice(cut.index).trim() : "";
  const words = (cut ? unprefixed.slice(0, cut.index) : unprefixed).trim().split(/\s+/).filter(Boolean);
  // A full stop closes the name ("Marcus Webb."), unless the last word is an initial ("Dana W.").
  const last = words.at(-1);
  if (last !== undefined && /\p{L}{2}\.$/u.test(last)) words[words.length - 1] = last.slice(0, -1);
  let title: Title | null = null;
  while (words.length > 1) {
    const key = fold(words[0] ?? "").replace(/\.$/, "");
    const courtesy = COURTESY_TITLES[key];
    if (courtesy !== undefined) title ??= courtesy;
    else if (!OTHER_TITLES.has(key)) break;
    words.shift();
  }
  if (words.length === 0 || words.length > MAX_NAME_TOKENS || !words.every(isNameWord)) return null;
  if (!/^\p{Lu}/u.test(words[0] ?? "") || words.some((w) => NOT_PERSON_WORDS.has(fold(w)))) return null;
  const name = words.join(" ");
  return { name, tokens: nameTokens(name), title, rest };
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
  const [before, after, ...more] = name.split(",").map((part) => part.trim());
  const single = more.length === 0 && after !== undefined && after !== "" && !/\s/.test(after);
  const ordered = single ? (isDegree(after) ? (before ?? "") : `${after} ${before}`) : name;
  const words = ordered
    .split(/[\s,]+/)
    .map((w) => fold(w).replace(/\.$/, ""))
    .filter(Boolean);
  while (words.length > 1 && (COURTESY_TITLES[words[0] ?? ""] !== undefined || OTHER_TITLES.has(words[0] ?? ""))) words.shift();
  return words.filter((w) => !NAME_PARTICLES.has(w) || words.length <= 1);
}

/** A courtesy title at the front of a header name ("Frau Katrin Vogel"). */
function titleInName(name: string | null): Title | null {
  const first = name?.trim().split(/\s+/);
  if (!first || first.length < 2) return null;
  return COURTESY_TITLES[fold(first[0] ?? "").replace(/\.$/, "")] ?? null;
}

/**
 * A courtesy title the mail puts before the writer's name after the greeting ("Ansprechpartner:
 * Herr Tobias Reindl", "contactez Mme Dubois"). A lone "M." after their given name is a middle
 * initial ("Dana M. Whitfield"), not "Monsieur".
 */
function titleMentioned(lines: readonly string[], after: number, writer: Candidate): Title | null {
  const given = writer.tokens[0];
  const family = writer.tokens.at(-1);
  if (writer.tokens.length < 2 || given === undefined || family === undefined) return null;
  // Folded once: most mail never names the writer again, and then no line is read.
  const rest = fold(lines.slice(after + 1).join("\n"));
  if (!rest.includes(family)) return null;
  let found: Title | null = null;
  for (const line of rest.split("\n")) {
    if (!line.includes(family)) continue;
    const words = line.split(/[^\p{L}.'-]+/u).filter(Boolean);
    for (let w = 0; w + 1 < words.length; w++) {
      const key = (words[w] ?? "").replace(/\.$/, "");
      const title = COURTESY_TITLES[key];
      if (title === undefined || (key === "m" && words[w - 1] === given)) continue;
      const next = (words[w + 1] ?? "").replace(/\.$/, "");
      const named = next === family || (next === given && words.slice(w + 2, w + 1 + writer.tokens.length).includes(family));
      if (!named) continue;
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
    if (COURTESY_TITLES[key] === undefined && !OTHER_TITLES.has(key)) break;
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

/** Lower case without accents: "Grüße" → "grusse", "Chère" → "chere". */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").replace(/ß/g, "ss").toLowerCase();
}
