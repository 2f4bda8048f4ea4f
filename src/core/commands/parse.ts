/**
 * The reply-command grammar: the text of a reply to a digest or confirmation → the commands it
 * holds, or the reasons it was not understood. Pure: no I/O, no clock; `today` (the user's
 * local date) and the user's zone are options, and relative dates resolve against them.
 *
 * How a reply is read
 * - Only the new text is read (`extractReplyText`): quoted digests, attributions and
 *   signatures are dropped first, so the adapter passes the whole text body.
 * - One command per line, any number of lines. Case does not matter; a leading bullet, a
 *   leading "please", wrapping quotes or backticks, a trailing "." or "!" and a trailing
 *   "thanks" are tolerated.
 * - A line whose first word is a command word (`done`, `rejected`, `snooze`, `company`, ...)
 *   is an attempted command: it parses completely or it is a problem. Nothing is read from
 *   part of a line.
 * - Any other line is free text ("Thanks!", "Hi,", a name) and is ignored; it is returned in
 *   `ignored` so a reply holding only free text can be answered with the help text.
 * - All or nothing: when any line is a problem, `commands` is empty, so a typo in one line
 *   never applies the others half-way. The reply is answered with the problems and nothing
 *   changes.
 * - Numbers are returned as written: they are the numbers of the digest or confirmation
 *   replied to, which only the adapter can resolve. A bare `done`/`rejected`/`offer`/... has
 *   no numbers; the adapter applies it only when the message replied to had one item.
 * - A few combinations are refused as ambiguous: `undo` or `forget all` together with other
 *   commands, `pause` with `resume`, two different values for one setting or correction, and
 *   `ignore` with a correction.
 */
import {
  canonicalTimeZone,
  daysBetween,
  resolveDatePhrase,
  resolveTimelinePhrase,
  resolveTimeOfDay,
  resolveZoneToken,
  tokenize,
} from "./values.ts";
import { extractReplyText } from "./reply-text.ts";
import type { PromisedTimeline } from "../understanding/types.ts";

export type Command =
  /** I sent these drafts. `items` empty: the bare form. */
  | { kind: "done"; items: number[] }
  /**
   * The application was rejected. Either items, or a company name as written ("rejected:
   * Acme"), or neither (the bare form). A company that matches no application is the
   * adapter's to report, never to guess.
   */
  | { kind: "rejected"; items: number[]; company: string | null }
  | { kind: "offer"; items: number[]; company: string | null }
  | { kind: "withdraw"; items: number[]; company: string | null }
  /** The employer replied (R11): pending nudges stop until the next event. */
  | { kind: "heard_back"; items: number[]; company: string | null }
  /** Do not send these drafts. */
  | { kind: "skip"; items: number[] }
  /** Hide the item until `until` (a local date after today). */
  | { kind: "snooze"; item: number; until: string }
  /** The employer's promised timeline (R2), as the user reports it. */
  | { kind: "timeline"; item: number; timeline: PromisedTimeline }
  /** A competing offer with a deadline (R10); no item: it concerns every open application. */
  | { kind: "offer_elsewhere"; item: number | null; deadline: string }
  /**
   * Corrections to what a confirmation says was understood. `item`: the application's number in
   * the digest or list replied to ("contact 2: …"); absent for a confirmation's one application.
   */
  | { kind: "company"; company: string; item?: number }
  | { kind: "role"; role: string; item?: number }
  /** The user's name under every draft. */
  | { kind: "signature"; signature: string }
  /** The interview time: local `date` (null: keep the date) and `time` in `timeZone`. */
  | { kind: "time"; date: string | null; time: string; timeZone: string; item?: number }
  | { kind: "contact"; name: string | null; email: string | null; item?: number }
  /** The confirmed email is not about a job. */
  | { kind: "ignore" }
  /** Settings. */
  | { kind: "timezone"; timeZone: string }
  | { kind: "digest_time"; time: string }
  /** ISO 3166-1 alpha-2, upper-case; null: weekends only, no public holidays. */
  | { kind: "country"; country: string | null }
  | { kind: "pause" }
  | { kind: "resume" }
  | { kind: "undo" }
  | { kind: "list" }
  | { kind: "help" }
  /** Delete these applications and everything about them. */
  | { kind: "forget"; items: number[] }
  /** Delete everything stored for the user. */
  | { kind: "forget_all" }
  /** Replace the private forwarding address (the old one stops working). */
  | { kind: "new_forwarding_address" }
  /** Replace the reply address of the assistant's mail (replies to mail already sent stop working). */
  | { kind: "new_reply_address" }
  /** Send the calendar feed's address. */
  | { kind: "calendar_link" }
  /** Replace the calendar feed's address (the old one stops working). */
  | { kind: "new_calendar_link" }
  /** Send a one-time link to the private page. */
  | { kind: "dashboard" }
  /** End every session of the private page, and void unused login links. */
  | { kind: "logout" };

export type CommandKind = Command["kind"];

export interface ReplyProblem {
  /** The line as the user wrote it (shortened when long). */
  line: string;
  /** What was expected, in words for the user, with an example. */
  message: string;
  /** The commands closest to what the line says, as lines of the help text. */
  closest: string[];
}

export interface ReplyParse {
  /** The commands, in the order written; empty whenever `problems` is not. */
  commands: Command[];
  problems: ReplyProblem[];
  /** Free-text lines that were not read as commands (shortened, at most MAX_IGNORED_LINES). */
  ignored: string[];
}

export interface ParseReplyOptions {
  /** The user's local date, "YYYY-MM-DD". */
  today: string;
  /** The user's IANA zone: the zone of a corrected time written without one. */
  timeZone: string;
}

/** Commands one reply may carry; more is a pasted list, not a set of instructions. */
const MAX_COMMANDS_PER_REPLY = 30;
/** Item numbers in one command. */
const MAX_ITEMS_PER_COMMAND = 20;
/** Digests and confirmations number their items from 1 and stay far below this. */
const MAX_ITEM_NUMBER = 999;
/** Characters of a command line: commands are short; a longer line starting with a command word is prose. */
const MAX_COMMAND_LINE_CHARS = 200;
const MAX_NAME_CHARS = 120;
const MAX_IGNORED_LINES = 20;
const MAX_SHOWN_LINE_CHARS = 120;
/** Snoozing or a deadline further out than this is a typo ("2062"), not a plan. */
const MAX_DAYS_AHEAD = 366;

type LineResult = { command: Command } | { problem: string };
type ParsedLine = { command: Command; line: string };
type Handler = (rest: string, options: ParseReplyOptions) => LineResult;

const COURTESY_WORDS: readonly string[] = ["thank you", "thanks", "thx", "ty", "please", "pls", "cheers", "danke", "merci", "gracias"];
/** Words between item numbers that add nothing: "done with 1 and 3", "erledigt 1 und 3". */
const ITEM_FILLERS: ReadonlySet<string> = new Set([
  "and", "with", "from", "draft", "drafts", "item", "items", "number", "numbers", "nr",
  "und", "mit", "entwurf", "et", "avec", "brouillon", "y", "con", "borrador",
]);
const COMPANY_PREFIXES: readonly string[] = ["by", "from", "at", "von", "bei", "par", "chez", "por"];
/**
 * Words of a line that is greeting, thanks or a sign-off, in the languages of the drafts: such
 * a line is ignored beside commands, and alone it is answered with the help text.
 */
const SMALL_TALK: ReadonlySet<string> = new Set([
  "hi", "hello", "hey", "dear", "thanks", "thank", "you", "thx", "ty", "cheers", "best", "regards", "kind", "many", "ok",
  "okay", "great", "perfect", "sure", "yes", "please", "pls", "good", "morning", "got", "it", "will", "do", "a", "lot",
  "hallo", "danke", "vielen", "dank", "gruss", "grusse", "gruesse", "liebe", "viele", "beste", "mfg",
  "bonjour", "salut", "merci", "beaucoup", "cordialement", "bien", "bonne", "journee",
  "hola", "gracias", "muchas", "saludos", "buenos", "dias", "un", "abrazo", "vale",
]);
/** "Thanks, done 1", "OK - skip 2": a courtesy before a command is not part of it. */
const LEADING_COURTESY = /^(?:thanks|thank you|thx|ok|okay|great|danke|merci|gracias)\s*[,!.:-]\s*(?=\S)/i;
const OPENING_QUOTES = "`'\"“‘";
const CLOSING_QUOTES = "`'\"”’";

export function parseReply(text: string, options: ParseReplyOptions): ReplyParse {
  const parsed: ParsedLine[] = [];
  const problems: ReplyProblem[] = [];
  const ignored: string[] = [];
  const freeText: { line: string; namesCommand: boolean }[] = [];
  let attempted = 0;

  for (const rawLine of extractReplyText(text).split("\n")) {
    const line = cleanLine(rawLine);
    if (line.length === 0) continue;
    const match = matchKeyword(line);
    if (match === null) {
      if (ignored.length < MAX_IGNORED_LINES) ignored.push(shorten(line));
      if (!isSmallTalk(line)) freeText.push({ line, namesCommand: namesCommandWord(line) });
      continue;
    }
    attempted++;
    if (attempted > MAX_COMMANDS_PER_REPLY) {
      const message = `Too many commands: send at most ${MAX_COMMANDS_PER_REPLY} per reply.`;
      problems.push({ line: shorten(line), message, closest: [] });
      break;
    }
    const result =
      line.length > MAX_COMMAND_LINE_CHARS
        ? { problem: `This line is too long for a command. Put each command on its own short line.` }
        : match.handler(match.rest, options);
    if ("problem" in result) {
      problems.push({ line: shorten(line), message: result.problem, closest: closestCommands(line) });
    } else {
      parsed.push({ command: result.command, line: shorten(line) });
    }
  }
  // Free text that names a command ("mark 2 as rejected") is a command not understood, never
  // skipped while the rest applies; other free text is one only when nothing else was asked.
  const unread = parsed.length === 0 && problems.length === 0 ? freeText : freeText.filter((f) => f.namesCommand);
  for (const { line } of unread.slice(0, MAX_IGNORED_LINES)) {
    problems.push({ line: shorten(line), message: "This is not a command I know.", closest: closestCommands(line) });
  }
  if (problems.length === 0) problems.push(...findConflicts(parsed));
  return { commands: problems.length === 0 ? parsed.map(({ command }) => command) : [], problems, ignored };
}

/** One line per command: the command as written, then what it does. */
const HELP_LINES: ReadonlyArray<readonly [kind: CommandKind | "intro", line: string]> = [
  ["done", "done 1 3              I sent drafts 1 and 3 (just \"done\" when there was one)"],
  ["rejected", "rejected 2            application 2 was turned down (or: rejected: Acme)"],
  ["offer", "offer 2               I got an offer"],
  ["withdraw", "withdraw 2            I withdrew"],
  ["heard_back", "heard back 2          they replied; stop nudging until something new happens (or: heard back from Acme)"],
  ["skip", "skip 2                don't send draft 2"],
  ["snooze", "snooze 2 monday       remind me later (or: 3d, 2026-12-01)"],
  ["timeline", "timeline 2 5 business days   when they said they would answer (or: friday)"],
  ["offer_elsewhere", "offer elsewhere 2 friday     another offer, with its deadline: follow up sooner"],
  ["company", "company: Acme         correct the company I understood (in reply to a digest or list, with the item's number: company 3: Acme)"],
  ["role", "role: Data Engineer   correct the role (in reply to a digest or list: role 3: Data Engineer)"],
  ["signature", "signature: Jane Doe   your name under every draft"],
  ["time", "time: tue 3pm PT      correct the interview time (in reply to a digest or list: time 3: tue 3pm PT)"],
  ["contact", "contact: Jo Park <jo@acme.example>   correct the contact (in reply to a digest or list: contact 3: Jo Park <jo@acme.example>)"],
  ["ignore", "ignore                that email was not about a job"],
  ["timezone", "timezone Europe/Berlin   your time zone"],
  ["digest_time", "digest 7:30           when the morning digest arrives"],
  ["country", "country DE            public holidays to skip"],
  ["pause", "pause / resume        stop or restart digests"],
  ["undo", "undo                  reverse the last change"],
  ["list", "list                  show open applications, numbered"],
  ["forget", "forget 2              delete application 2 (forget all: delete everything)"],
  ["new_forwarding_address", "new forwarding address   replace your private forwarding address (if it leaked)"],
  ["new_reply_address", "new reply address     replace the reply address of my mail (replies to older mail stop working)"],
  ["calendar_link", "calendar              the address of your calendar of interviews and follow-ups, to subscribe to"],
  ["new_calendar_link", "new calendar link     replace that address (the old one stops working)"],
  ["dashboard", "dashboard             a link to log in to your private page (valid 15 minutes, once)"],
  ["logout", "logout                log out of the private page everywhere"],
  ["help", "help                  this list"],
];

/** The help text: plain, short, one example per command. */
export function describeCommands(): string {
  return [
    "Reply with one command per line. Numbers are the numbers in the message you reply to.",
    "",
    ...HELP_LINES.map(([, line]) => line),
    "",
    "Also understood: \"1 done\", \"sent 2\", \"done with 1 and 3\", \"they rejected me\", and the command words in German, French and Spanish (\"erledigt 1\", \"envoyé 1\", \"hecho 1\").",
    "If a line is not understood, nothing in the reply is changed.",
  ].join("\n");
}

/** A command as the user could have written it, for the answer to `undo` ("done 5"). */
export function describeCommand(command: Command): string {
  const word = keywordOf(command.kind);
  switch (command.kind) {
    case "done":
    case "skip":
    case "forget":
      return [word, ...command.items].join(" ");
    case "rejected":
    case "offer":
    case "withdraw":
    case "heard_back":
      return command.company !== null ? `${word}: ${command.company}` : [word, ...command.items].join(" ");
    case "snooze":
      return `${word} ${command.item} ${command.until}`;
    case "timeline":
      return `${word} ${command.item} ${command.timeline.text}`;
    case "offer_elsewhere":
      return [word, command.item, command.deadline].filter((part) => part !== null).join(" ");
    case "company":
      return `${word}${itemOf(command)}: ${command.company}`;
    case "role":
      return `${word}${itemOf(command)}: ${command.role}`;
    case "signature":
      return `${word}: ${command.signature}`;
    case "time":
      return `${word}${itemOf(command)}: ${[command.date, command.time, command.timeZone].filter((part) => part !== null).join(" ")}`;
    case "contact":
      return `${word}${itemOf(command)}: ${[command.name, command.email === null ? null : `<${command.email}>`].filter((part) => part !== null).join(" ")}`;
    case "timezone":
      return `${word} ${command.timeZone}`;
    case "digest_time":
      return `${word} ${command.time}`;
    case "country":
      return `${word} ${command.country ?? "none"}`;
    default:
      return word;
  }
}

function itemOf(command: { item?: number }): string {
  return command.item === undefined ? "" : ` ${command.item}`;
}

// ── Keywords ────────────────────────────────────────────────────────────────────────────

const doneHandler: Handler = (rest) => itemsCommand(rest, "done", "done 1 3");
const rejectedHandler: Handler = (rest) => applicationCommand(rest, "rejected", "rejected 2");
const heardBackHandler: Handler = (rest) => applicationCommand(rest, "heard_back", "heard back 2");

/**
 * The words that start each command, folded (lower case, no accents: "envoyé" → "envoye"), in
 * English, German, French and Spanish, the languages of the drafts. A phrase of several words
 * is read before its first word alone.
 */
const KEYWORDS: ReadonlyArray<readonly [phrases: string, handler: Handler]> = [
  ["done|sent|i sent|i've sent|erledigt|gesendet|geschickt|verschickt|abgeschickt|fait|envoye|j'ai envoye|hecho|enviado|listo", doneHandler],
  [
    "rejected|rejection|turned down|they rejected me|i was rejected|i got rejected|got rejected|they said no|abgelehnt|absage|refuse|refusee|rejete|rejetee|rechazado|rechazada|rechazo|me rechazaron",
    rejectedHandler,
  ],
  ["offer|angebot|offre|oferta", (rest) => applicationCommand(rest, "offer", "offer 2")],
  ["withdraw|withdrawn|withdrew|i withdrew|zuruckgezogen|zurueckgezogen|retire|retiree|retirer|retirado|retirada|retirar", (rest) => applicationCommand(rest, "withdraw", "withdraw 2")],
  ["heard back|they replied|they answered|they got back to me|got back to me|antwort|geantwortet|reponse|ils ont repondu|repondu|respuesta|respondieron|contestaron", heardBackHandler],
  ["skip|uberspringen|ueberspringen|auslassen|passer|sauter|saltar|omitir", (rest) => itemsCommand(rest, "skip", "skip 2")],
  ["snooze|later|spater|spaeter|verschieben|reporter|posponer|aplazar", parseSnooze],
  ["timeline|frist|delai|plazo", parseTimeline],
  ["offer elsewhere|anderes angebot|autre offre|otra oferta", parseOfferElsewhere],
  ["company|firma|unternehmen|entreprise|societe|empresa|compania", numbered((rest) => nameCommand(rest, "company", "company: Acme"))],
  ["role|rolle|stelle|poste|puesto|cargo", numbered((rest) => nameCommand(rest, "role", "role: Data Engineer"))],
  ["signature|signatur|unterschrift", parseSignature],
  ["time|uhrzeit|heure|hora", numbered(parseTime)],
  ["contact|kontakt|contacto", numbered(parseContact)],
  ["ignore|ignorieren|ignorer|ignorar", (rest) => bareCommand(rest, { kind: "ignore" }, ["this", "it", "this email", "that", "that email"])],
  ["timezone|tz|time zone|zeitzone|fuseau horaire|zona horaria", parseTimeZone],
  ["digest", parseDigestTime],
  ["country|pays|pais", parseCountry],
  ["pause|pausieren|pausa|pausar", (rest) => bareCommand(rest, { kind: "pause" }, ["digest", "digests"])],
  ["resume|fortsetzen|reprendre|reanudar", (rest) => bareCommand(rest, { kind: "resume" }, ["digest", "digests"])],
  ["undo|ruckgangig|rueckgaengig|annuler|deshacer", (rest) => bareCommand(rest, { kind: "undo" }, ["that", "last", "it"])],
  ["list|liste|lista", (rest) => bareCommand(rest, { kind: "list" }, [])],
  ["help|hilfe|aide|ayuda", (rest) => bareCommand(rest, { kind: "help" }, [])],
  ["forget|vergessen|loschen|loeschen|oublier|supprimer|olvidar|borrar", parseForget],
  ["new forwarding", (rest) => bareCommand(rest, { kind: "new_forwarding_address" }, ["address"])],
  ["new reply", (rest) => bareCommand(rest, { kind: "new_reply_address" }, ["address"])],
  ["new calendar", (rest) => bareCommand(rest, { kind: "new_calendar_link" }, ["link", "address", "feed", "url"])],
  ["calendar|kalender|calendrier|calendario", (rest) => bareCommand(rest, { kind: "calendar_link" }, ["link", "address", "feed", "url", "link please"])],
  ["dashboard|login|log in|sign in|ubersicht|uebersicht|tableau de bord|panel", (rest) => bareCommand(rest, { kind: "dashboard" }, ["link", "please", "link please"])],
  ["logout|log out|sign out|abmelden|deconnexion|se deconnecter|cerrar sesion", (rest) => bareCommand(rest, { kind: "logout" }, ["everywhere", "all", "of all sessions"])],
  ["reject", () => ({ problem: `Write "rejected 2" if they turned you down, or "withdraw 2" if you withdrew.` })],
  ["heard", () => ({ problem: `Write "heard back 2" when the employer replied.` })],
];

/** Folded phrase → handler, and the most words a phrase has. */
const PHRASE_HANDLERS: ReadonlyMap<string, Handler> = new Map(KEYWORDS.flatMap(([phrases, handler]) => phrases.split("|").map((phrase) => [phrase, handler] as const)));
const MAX_PHRASE_WORDS = Math.max(...[...PHRASE_HANDLERS.keys()].map((phrase) => phrase.split(" ").length));
/** Every folded word of a command phrase: free text holding one is a command not understood. */
const COMMAND_WORDS: ReadonlySet<string> = new Set(
  [...PHRASE_HANDLERS.keys()].filter((phrase) => !phrase.includes(" ") && phrase.length > 3).filter((word) => !["later", "time", "role", "list", "digest", "calendar", "kalender", "calendrier", "calendario", "login", "panel"].includes(word)),
);

const SPELLED_KEYWORDS: ReadonlyMap<CommandKind, string> = new Map<CommandKind, string>([
  ["heard_back", "heard back"],
  ["offer_elsewhere", "offer elsewhere"],
  ["forget_all", "forget all"],
  ["digest_time", "digest"],
  ["new_forwarding_address", "new forwarding address"],
  ["new_reply_address", "new reply address"],
  ["calendar_link", "calendar"],
  ["new_calendar_link", "new calendar link"],
]);

/**
 * Item numbers written before the command word ("1 done", "#2 done", "1 and 3 done"); the rest
 * of the line follows the command word. Digits only, so no look-alike can spell a number.
 */
const LEADING_ITEMS = /^(#?\d{1,3}(?:\s*(?:,|&|\+|\band\b|\bund\b|\bet\b|\by\b)?\s*#?\d{1,3})*)\s*[:.)]?\s+(?=[a-z\u00c0-\u00ff])/i;
/**
 * A word of a command phrase: Latin letters, written as is. The class is matched without the
 * `u` flag, so look-alikes (the Kelvin sign "K" case-folds to "k" under `u`) never spell a
 * command the text does not contain.
 */
const PHRASE_WORD = /[a-z\u00c0-\u00ff]+(?:['’][a-z\u00c0-\u00ff]+)?/iy;
const SPACES = /[ \t]+/y;

/** The command phrase a line starts with, and the rest of the line. */
function matchKeyword(line: string): { handler: Handler; rest: string } | null {
  const leading = LEADING_ITEMS.exec(line);
  if (leading === null) return matchPhrase(line);
  const match = matchPhrase(line.slice(leading[0].length));
  return match === null ? null : { handler: match.handler, rest: ` ${leading[1]} ${match.rest.replace(/^\s*:/, "")}` };
}

function matchPhrase(line: string): { handler: Handler; rest: string } | null {
  const words: string[] = [];
  const ends: number[] = [];
  let at = 0;
  while (words.length < MAX_PHRASE_WORDS) {
    if (words.length > 0) {
      SPACES.lastIndex = at;
      if (SPACES.exec(line) === null) break;
      at = SPACES.lastIndex;
    }
    PHRASE_WORD.lastIndex = at;
    const word = PHRASE_WORD.exec(line);
    if (word === null) break;
    words.push(foldWord(word[0]));
    at = PHRASE_WORD.lastIndex;
    ends.push(at);
  }
  for (let n = words.length; n > 0; n--) {
    const handler = PHRASE_HANDLERS.get(words.slice(0, n).join(" "));
    if (handler !== undefined) return { handler, rest: line.slice(ends[n - 1]) };
  }
  return null;
}

/** Lower case without accents, the apostrophe plain: "Envoyé" → "envoye", "Rückgängig" → "ruckgangig". */
function foldWord(word: string): string {
  return word.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/ß/g, "ss").replace(/’/g, "'").toLowerCase();
}

function foldedWords(line: string): string[] {
  return foldWord(line).split(/[^a-z0-9']+/).filter((word) => word.length > 0);
}

/** A command word, or one typo away from one ("dnoe 1"): the line meant a command. */
function namesCommandWord(line: string): boolean {
  return foldedWords(line).some((word) => COMMAND_WORDS.has(word) || (word.length >= 4 && [...COMMAND_WORDS].some((command) => similarity(word, command) >= 2)));
}

/** Greetings, thanks and a sign-off ("Best, Jo", "Sam Lee"): nothing to read. */
function isSmallTalk(line: string): boolean {
  const words = foldedWords(line);
  if (words.every((word) => SMALL_TALK.has(word))) return true;
  return /^(?:[A-Z\u00c0-\u00de][\p{L}'.-]*[ ,]*){1,3}$/u.test(line.replace(/^(?:best|regards|cheers|thanks)[, ]+/i, "")) && !namesCommandWord(line);
}

/** Help lines of the commands a line not understood comes closest to; the commonest when none is close. */
function closestCommands(line: string): string[] {
  const words = foldedWords(line);
  const scored = KEYWORDS.flatMap(([phrases]) => {
    const first = phrases.split("|")[0]!;
    const kind = KIND_OF_KEYWORD.get(first);
    const help = HELP_LINES.find(([k]) => k === kind)?.[1];
    if (help === undefined) return [];
    const score = Math.max(
      0,
      ...phrases.split("|").flatMap((phrase) => phrase.split(" ").map((part) => Math.max(0, ...words.map((word) => similarity(word, part))))),
    );
    return score > 0 ? [{ help, score }] : [];
  });
  const best = scored.sort((a, b) => b.score - a.score).slice(0, 3).map(({ help }) => help);
  return best.length > 0 ? [...new Set(best)] : COMMON_HELP;
}

const KIND_OF_KEYWORD: ReadonlyMap<string, CommandKind> = new Map<string, CommandKind>([
  ["done", "done"], ["rejected", "rejected"], ["offer", "offer"], ["withdraw", "withdraw"], ["heard back", "heard_back"],
  ["skip", "skip"], ["snooze", "snooze"], ["timeline", "timeline"], ["offer elsewhere", "offer_elsewhere"], ["company", "company"],
  ["role", "role"], ["signature", "signature"], ["time", "time"], ["contact", "contact"], ["ignore", "ignore"], ["timezone", "timezone"], ["digest", "digest_time"],
  ["country", "country"], ["pause", "pause"], ["resume", "pause"], ["undo", "undo"], ["list", "list"], ["help", "help"], ["forget", "forget"],
]);
const COMMON_HELP: string[] = HELP_LINES.filter(([kind]) => kind === "done" || kind === "rejected" || kind === "list" || kind === "help").map(([, line]) => line);

/** 3 for the same word, 2 for one typo away, 1 for two (long words only), 0 otherwise. */
function similarity(word: string, keyword: string): number {
  if (word === keyword) return 3;
  if (keyword.length < 4 || Math.abs(word.length - keyword.length) > 2) return 0;
  const distance = editDistance(word, keyword, 2);
  if (distance === 1) return 2;
  return distance === 2 && keyword.length >= 6 ? 1 : 0;
}

/**
 * Edit distance counting a swap of two neighbouring letters as one edit ("dnoe" → "done"), the
 * commonest typo on a phone keyboard; `cap + 1` as soon as it exceeds `cap`.
 */
export function editDistance(a: string, b: string, cap: number): number {
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, before[j - 2]! + 1);
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > cap) return cap + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, cap + 1);
}

// ── Handlers ────────────────────────────────────────────────────────────────────────────

type ItemsKind = "done" | "skip" | "forget";
type ApplicationKind = "rejected" | "offer" | "withdraw" | "heard_back";

function itemsCommand(rest: string, kind: ItemsKind, example: string): LineResult {
  const value = valueOf(rest);
  const items = readItems(value);
  if (items === "too_many") return { problem: `At most ${MAX_ITEMS_PER_COMMAND} numbers per command.` };
  if (items === "out_of_range") return { problem: itemRangeMessage(example) };
  if (items === null && /\d-\d/.test(value)) return { problem: `Write every number, e.g. "${keywordOf(kind)} 1 2 3".` };
  if (items === null) return { problem: `After "${keywordOf(kind)}" I expect item numbers, e.g. "${example}".` };
  if (kind === "skip" && items.length === 0) return { problem: `Say which draft to skip, e.g. "${example}".` };
  return { command: { kind, items } };
}

/** About whole applications: by number ("rejected 2"), by company ("rejected: Acme", "heard back from Acme"), or bare. */
function applicationCommand(rest: string, kind: ApplicationKind, example: string): LineResult {
  const value = valueOf(rest);
  const items = readItems(value);
  if (items === "too_many") return { problem: `At most ${MAX_ITEMS_PER_COMMAND} numbers per command.` };
  if (items === "out_of_range") return { problem: itemRangeMessage(example) };
  if (items !== null) return { command: { kind, items, company: null } };
  const company = readName(stripLeadingWord(nameValueOf(rest), ...COMPANY_PREFIXES));
  if (company === null || /^#?\d+(?:[\s,;&+]|$)/.test(company)) {
    const word = keywordOf(kind);
    return { problem: `After "${word}" I expect an item number or a company, e.g. "${example}" or "${word}: Acme".` };
  }
  return { command: { kind, items: [], company } };
}

function parseForget(rest: string): LineResult {
  const value = valueOf(rest).toLowerCase();
  if (value === "all" || value === "everything") return { command: { kind: "forget_all" } };
  return itemsCommand(rest, "forget", "forget 2");
}

function parseSnooze(rest: string, options: ParseReplyOptions): LineResult {
  const example = `"snooze 2 monday", "snooze 2 3d" or "snooze 2 2026-12-01"`;
  const [itemToken, ...dateTokens] = tokenize(valueOf(rest));
  const item = itemToken === undefined ? null : readItem(itemToken);
  if (item === null || dateTokens.length === 0) return { problem: `Say which item and until when, e.g. ${example}.` };
  if (item === "out_of_range") return { problem: itemRangeMessage("snooze 2 monday") };
  const until = resolveDatePhrase(dateTokens, options.today, "after_today");
  if (until === null) return { problem: `I could not read the date. Write it like ${example}.` };
  const ahead = daysBetween(options.today, until);
  if (ahead < 1) return { problem: `The snooze date must be after today (${options.today}).` };
  if (ahead > MAX_DAYS_AHEAD) return { problem: `The snooze date is more than a year away; check the year.` };
  return { command: { kind: "snooze", item, until } };
}

function parseTimeline(rest: string, options: ParseReplyOptions): LineResult {
  const example = `"timeline 2 5 business days" or "timeline 2 friday"`;
  const value = valueOf(rest);
  const itemToken = /^\S+/.exec(value)?.[0] ?? "";
  const item = readItem(itemToken);
  if (item === null) return { problem: `Say which item and what they promised, e.g. ${example}.` };
  if (item === "out_of_range") return { problem: itemRangeMessage("timeline 2 friday") };
  const phrase = value.slice(itemToken.length).trim();
  const timeline = phrase.length === 0 ? null : resolveTimelinePhrase(phrase, options.today);
  if (timeline === null) return { problem: `I could not read the timeline. Write it like ${example}.` };
  return { command: { kind: "timeline", item, timeline } };
}

/**
 * "offer elsewhere [N] <date>". "offer elsewhere 1 dec" could be item 1 with a deadline or
 * the deadline Dec 1: the phrase is read both ways and refused when both readings work.
 */
function parseOfferElsewhere(rest: string, options: ParseReplyOptions): LineResult {
  const example = `"offer elsewhere 2 friday" or "offer elsewhere 2026-12-01"`;
  const tokens = tokenize(valueOf(rest));
  const whole = resolveDatePhrase(tokens, options.today, "from_today");
  const first = tokens[0] === undefined ? null : readItem(tokens[0]);
  const split = typeof first === "number" ? resolveDatePhrase(tokens.slice(1), options.today, "from_today") : null;
  if (whole !== null && split !== null) {
    return { problem: `That could be read two ways. Write the deadline as a date, e.g. ${example}.` };
  }
  if (first === "out_of_range" && whole === null) return { problem: itemRangeMessage("offer elsewhere 2 friday") };
  const deadline = whole ?? split;
  if (deadline === null) return { problem: `Say the deadline of the other offer, e.g. ${example}.` };
  const ahead = daysBetween(options.today, deadline);
  if (ahead < 0) return { problem: `The deadline has passed (today is ${options.today}).` };
  if (ahead > MAX_DAYS_AHEAD) return { problem: `The deadline is more than a year away; check the year.` };
  const item = whole === null && typeof first === "number" ? first : null;
  return { command: { kind: "offer_elsewhere", item, deadline } };
}

function parseSignature(rest: string): LineResult {
  const signature = readName(nameValueOf(rest));
  if (signature === null) return { problem: `Write your name after the colon, e.g. "signature: Jane Doe".` };
  return { command: { kind: "signature", signature } };
}

/** "contact 2: …": a number right after the word and before the colon names the item the correction is for. */
const CORRECTION_ITEM = /^\s*#?(\d{1,3})\s*:/;

function numbered(handler: Handler): Handler {
  return (rest, options) => {
    const item = CORRECTION_ITEM.exec(rest);
    if (item === null) return handler(rest, options);
    const n = Number(item[1]);
    if (n < 1) return { problem: `Item numbers start at 1.` };
    const result = handler(`:${rest.slice(item[0].length)}`, options);
    return "command" in result ? { command: { ...result.command, item: n } } : result;
  };
}

function nameCommand(rest: string, kind: "company" | "role", example: string): LineResult {
  const value = readName(nameValueOf(rest));
  if (value === null) return { problem: `Write the ${kind} after the colon, e.g. "${example}".` };
  return { command: kind === "company" ? { kind, company: value } : { kind, role: value } };
}

/** "time: tue 3pm PT": [date words] [at] time [zone]. */
function parseTime(rest: string, options: ParseReplyOptions): LineResult {
  const example = `"time: tue 3pm PT" or "time: 2026-12-03 15:00 Europe/Berlin"`;
  const tokens = tokenize(valueOf(rest));
  const last = tokens.at(-1);
  const zone = last === undefined ? null : resolveZoneToken(last);
  if (zone !== null) tokens.pop();
  const found = readTimeAtEnd(tokens);
  if (found === null) {
    const unknownZone = zone === null && last !== undefined && readTimeAtEnd(tokens.slice(0, -1)) !== null;
    return unknownZone
      ? { problem: `I do not know the time zone "${last}". Write its name, e.g. "time: tue 3pm Asia/Kolkata".` }
      : { problem: `I could not read the time. Write it like ${example}.` };
  }
  const dateTokens = tokens.slice(0, tokens.length - found.width);
  if (dateTokens.at(-1) === "at") dateTokens.pop();
  const date = dateTokens.length === 0 ? null : resolveDatePhrase(dateTokens, options.today, "from_today");
  if (dateTokens.length > 0 && date === null) {
    return { problem: `I could not read the date. Write it like ${example}.` };
  }
  return { command: { kind: "time", date, time: found.time, timeZone: zone ?? options.timeZone } };
}

/** The time of day the tokens end with ("3pm", "3 pm", "15:00") and how many tokens it takes. */
function readTimeAtEnd(tokens: readonly string[]): { time: string; width: number } | null {
  for (const width of [2, 1]) {
    const time = tokens.length < width ? null : resolveTimeOfDay(tokens.slice(-width), false);
    if (time !== null) return { time, width };
  }
  return null;
}

/** "contact: Jo Park <jo@acme.example>", "contact: jo@acme.example" or "contact: Jo Park". */
function parseContact(rest: string): LineResult {
  const unreadable = { problem: `I could not read the contact. Write it like "contact: Jo Park <jo@acme.example>".` };
  const value = nameValueOf(rest);
  const open = value.indexOf("<");
  if (open >= 0) {
    const email = value.endsWith(">") ? value.slice(open + 1, -1).trim() : "";
    const name = open === 0 ? null : readName(value.slice(0, open));
    if (!isEmailAddress(email) || (open > 0 && name === null)) return unreadable;
    return { command: { kind: "contact", name, email } };
  }
  if (isEmailAddress(value)) return { command: { kind: "contact", name: null, email: value } };
  const name = readName(value);
  if (name === null || name.includes("@")) return unreadable;
  return { command: { kind: "contact", name, email: null } };
}

function parseTimeZone(rest: string): LineResult {
  const value = valueOf(rest);
  const timeZone = canonicalTimeZone(value);
  if (timeZone === null) {
    const example = `"timezone Europe/Berlin" or "timezone America/New_York"`;
    return { problem: `"${shorten(value)}" is not a time zone I know. Use a name like ${example}.` };
  }
  return { command: { kind: "timezone", timeZone } };
}

function parseDigestTime(rest: string): LineResult {
  const tokens = tokenize(valueOf(rest));
  const words = tokens[0] === "time" || tokens[0] === "at" ? tokens.slice(tokens[1] === "at" ? 2 : 1) : tokens;
  const time = resolveTimeOfDay(words, true);
  if (time === null) {
    return { problem: `Write the digest time between 0:00 and 23:59, e.g. "digest 7:30" or "digest 7am".` };
  }
  return { command: { kind: "digest_time", time } };
}

function parseCountry(rest: string): LineResult {
  const value = valueOf(rest).toUpperCase();
  if (value === "NONE" || value === "OFF") return { command: { kind: "country", country: null } };
  // "UK" is not an ISO 3166-1 code, but everyone means GB by it.
  if (value === "UK") return { command: { kind: "country", country: "GB" } };
  if (!/^[A-Z]{2}$/.test(value)) {
    return { problem: `Write the two-letter country code, e.g. "country DE" (or "country none").` };
  }
  return { command: { kind: "country", country: value } };
}

function bareCommand(rest: string, command: Command, allowedTails: readonly string[]): LineResult {
  const tail = valueOf(rest).toLowerCase().replace(/\s+/g, " ");
  if (tail === "" || allowedTails.includes(tail)) return { command };
  const word = keywordOf(command.kind);
  return { problem: `"${word}" takes nothing after it: write just "${word}".` };
}

// ── Conflicts ───────────────────────────────────────────────────────────────────────────

const SINGLE_VALUE_KINDS: ReadonlySet<CommandKind> = new Set<CommandKind>([
  "company",
  "role",
  "signature",
  "time",
  "contact",
  "timezone",
  "digest_time",
  "country",
]);
const CORRECTION_KINDS: ReadonlySet<CommandKind> = new Set<CommandKind>(["company", "role", "time", "contact"]);

function findConflicts(parsed: readonly ParsedLine[]): ReplyProblem[] {
  const problems: ReplyProblem[] = [];
  const seen = new Map<CommandKind, string>();
  for (const { command, line } of parsed) {
    const { kind } = command;
    if ((kind === "undo" || kind === "forget_all") && parsed.length > 1) {
      const message = `Send "${keywordOf(kind)}" in a reply of its own, so nothing else is changed by accident.`;
      problems.push({ line, message, closest: [] });
    }
    if (SINGLE_VALUE_KINDS.has(kind)) {
      const value = JSON.stringify(command);
      const earlier = seen.get(kind);
      if (earlier !== undefined && earlier !== value) {
        problems.push({ line, message: `Two different values for "${keywordOf(kind)}"; send only the right one.`, closest: [] });
      }
      seen.set(kind, value);
    }
  }
  const commands = parsed.map(({ command }) => command);
  const has = (kind: CommandKind): boolean => commands.some((command) => command.kind === kind);
  if (has("pause") && has("resume")) {
    problems.push({ line: "pause / resume", message: `"pause" and "resume" contradict each other; send only one.`, closest: [] });
  }
  if (has("ignore") && commands.some((command) => CORRECTION_KINDS.has(command.kind))) {
    const message = `"ignore" says the email is not about a job, but the reply also corrects it; send only one.`;
    problems.push({ line: "ignore", message, closest: [] });
  }
  return problems;
}

// ── Reading values ──────────────────────────────────────────────────────────────────────

/**
 * Item numbers: "1 3", "1, 3", "#2", "1 and 3", "draft 2". Null when anything else is there
 * (a range "1-3" included: every number must be written). Duplicates are dropped.
 */
function readItems(value: string): number[] | "too_many" | "out_of_range" | null {
  const items: number[] = [];
  let outOfRange = false;
  for (const token of value.toLowerCase().split(/[\s,;&+]+/)) {
    if (token.length === 0 || ITEM_FILLERS.has(token)) continue;
    const item = readItem(token);
    if (item === null) return null;
    if (item === "out_of_range") outOfRange = true;
    else if (!items.includes(item)) items.push(item);
    if (items.length > MAX_ITEMS_PER_COMMAND) return "too_many";
  }
  return outOfRange ? "out_of_range" : items;
}

function readItem(token: string): number | "out_of_range" | null {
  const match = /^#?(\d{1,6})$/.exec(token);
  if (!match) return null;
  const item = Number(match[1]);
  return item >= 1 && item <= MAX_ITEM_NUMBER ? item : "out_of_range";
}

/**
 * A company, role or person name: starts with a letter or digit (so "rejected, sadly" names
 * no company), has no control characters, of bounded length. Wrapping quotes are dropped.
 */
function readName(value: string): string | null {
  const name = value.trim().replace(/^"(.*)"$/, "$1").trim().replace(/\s+/g, " ");
  if (name.length === 0 || name.length > MAX_NAME_CHARS) return null;
  if (!/^[\p{L}\p{N}]/u.test(name) || /\p{Cc}/u.test(name)) return null;
  return name;
}

function isEmailAddress(value: string): boolean {
  const at = value.indexOf("@");
  if (at <= 0 || at !== value.lastIndexOf("@") || value.length > 254) return false;
  const domain = value.slice(at + 1);
  return !/[\s<>(),;:"]/.test(value) && domain.includes(".") && !domain.startsWith(".") && !domain.endsWith(".");
}

/**
 * The text after a keyword, without the ":" people put after it ("snooze: 2 monday"), the
 * closing "." or "!" and a courtesy word ("done 1, thanks!").
 */
function valueOf(rest: string): string {
  let value = trimEndChars(withoutColon(rest));
  for (;;) {
    const lower = value.toLowerCase();
    const word = COURTESY_WORDS.find((w) => lower.endsWith(w) && isBoundary(lower[lower.length - w.length - 1]));
    if (word === undefined) return value;
    value = trimEndChars(value.slice(0, value.length - word.length));
  }
}

/**
 * A name after a keyword ("company: Acme Inc."), kept as written but for a courtesy word set
 * off by punctuation ("Acme, thanks!") and a sentence's closing full stop. Abbreviations keep
 * their dot: the stop is dropped only after a word of five or more letters in a value with no
 * other dot ("role: Data Engineer." → "Data Engineer", "Acme Inc." stays).
 */
function nameValueOf(rest: string): string {
  let value = withoutColon(rest);
  for (;;) {
    const bare = trimEndChars(value, ".!");
    const lower = bare.toLowerCase();
    const word = COURTESY_WORDS.find((w) => lower.endsWith(w));
    const before = word === undefined ? "" : bare.slice(0, bare.length - word.length).trimEnd();
    if (before.length < 2 || !",.;!".includes(before.at(-1) ?? "")) break;
    value = before.slice(0, -1).trimEnd();
  }
  if (!value.endsWith(".") || value.indexOf(".") !== value.length - 1) return value;
  let start = value.length - 1;
  while (start > 0 && /\p{L}/u.test(value[start - 1] ?? "")) start--;
  return value.length - 1 - start >= 5 ? value.slice(0, -1) : value;
}

function withoutColon(rest: string): string {
  const trimmed = rest.trim();
  return (trimmed.startsWith(":") ? trimmed.slice(1) : trimmed).trim();
}

function stripLeadingWord(value: string, ...words: string[]): string {
  const trimmed = value.trim();
  const first = /^\S+/.exec(trimmed)?.[0].toLowerCase();
  return first !== undefined && words.includes(first) ? trimmed.slice(first.length).trim() : trimmed;
}

/** A line as a command can be read from it: without bullets, wrapping quotes, a leading "please". */
function cleanLine(raw: string): string {
  let line = raw.trim().replace(/^(?:[-*•·]\s+)/, "");
  const first = line[0];
  const last = line.at(-1);
  const wrapped = first !== undefined && last !== undefined && OPENING_QUOTES.includes(first) && CLOSING_QUOTES.includes(last);
  if (line.length >= 2 && wrapped) {
    line = line.slice(1, -1).trim();
  }
  return stripLeadingWord(line.replace(LEADING_COURTESY, ""), "please", "pls", "bitte", "also");
}

function isBoundary(char: string | undefined): boolean {
  return char === undefined || /[\s,.;:!]/.test(char);
}

function trimEndChars(value: string, chars = " \t.,;!"): string {
  let end = value.length;
  while (end > 0 && chars.includes(value[end - 1] ?? "")) end--;
  return value.slice(0, end);
}

/** The command word the user writes for a kind, for messages. */
function keywordOf(kind: CommandKind): string {
  return SPELLED_KEYWORDS.get(kind) ?? kind;
}

function itemRangeMessage(example: string): string {
  return `Item numbers are the numbers in the message you reply to (1 to ${MAX_ITEM_NUMBER}), e.g. "${example}".`;
}

function shorten(line: string): string {
  return line.length <= MAX_SHOWN_LINE_CHARS ? line : `${line.slice(0, MAX_SHOWN_LINE_CHARS - 1)}…`;
}
