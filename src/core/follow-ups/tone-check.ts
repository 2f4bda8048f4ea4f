/**
 * The tone check every draft must pass before it is offered (C7, C8, C10). Pure.
 *
 * It rejects pushy, needy, guilt-tripping, complaining and ultimatum phrasing in English,
 * German, French and Spanish (a text is checked in its own language and in English, since
 * "ASAP" and friends cross borders), unfilled template markers ({{x}}, ${x}, %NAME%, <NAME>,
 * "[INSERT …]", TODO, undefined), and, when the posting asked for no calls, any suggestion
 * to phone. Placeholders the caller lists as intentional ("[ONE THING YOU DISCUSSED]") are not
 * problems: they make the verdict "needs_input" instead of "ready".
 */
import type { Language } from "../understanding/types.ts";

export type ToneProblemKind = "ultimatum" | "pushy" | "guilt" | "needy" | "complaint" | "template_marker" | "call_suggested";

export interface ToneProblem {
  kind: ToneProblemKind;
  /** The offending text as found. */
  match: string;
}

/** ready: send as is; needs_input: fill the listed placeholders first; rejected: rewrite. */
export type ToneVerdict = "ready" | "needs_input" | "rejected";

export interface ToneCheck {
  verdict: ToneVerdict;
  problems: ToneProblem[];
  /** Listed placeholders still present in the text. */
  placeholders: string[];
}

export interface ToneCheckOptions {
  /** Clearly marked placeholders the user is told to fill; not problems. */
  placeholders?: readonly string[];
  /** The posting asked for no phone calls (C8). */
  noCalls?: boolean;
}

type CheckedLanguage = "en" | "de" | "fr" | "es";
interface Pattern {
  kind: ToneProblemKind;
  re: RegExp;
  /** The phrasing without the word boundaries. */
  source: string;
}

/** A case-insensitive pattern that matches whole words, accented letters included. */
function words(kind: ToneProblemKind, source: string): Pattern {
  return { kind, re: new RegExp(`(?<![\\p{L}\\p{N}])(?:${source})(?![\\p{L}\\p{N}])`, "iu"), source };
}

const APOS = "['’]";

const TONE_PATTERNS: Record<CheckedLanguage, readonly Pattern[]> = {
  en: [
    words("pushy", "asap"),
    words("pushy", "as soon as possible"),
    words("pushy", `(?:please\\s+)?(?:respond|reply|answer|get back to me|write back)\\s+(?:immediately|right away|at once|urgently|today)`),
    words("pushy", "urgently|(?:this|it)(?: is|" + APOS + "s) urgent|urgent (?:reply|response|answer|matter)"),
    words("pushy", "i (?:really )?need (?:an?|your) (?:answer|response|reply|decision)(?: today| now| by)?"),
    words("pushy", "i need to (?:know|hear)(?: from you)?(?: today| now| by| soon)?"),
    words("ultimatum", "last chance|final (?:chance|reminder|warning|notice)"),
    words("ultimatum", `(?:or|otherwise|else) i${APOS}?(?:ll| will| shall) (?:accept|take|withdraw|go with|move on)`),
    words("ultimatum", `if i (?:don${APOS}t|do not) (?:hear|get an answer)(?: back)?(?: from you)? (?:by|before|today)`),
    words("guilt", `(?:i )?(?:haven${APOS}t|have not|never) heard (?:back|from you|anything)`),
    words("guilt", `(?:i )?(?:didn${APOS}t|did not|never) (?:hear back|get (?:a|any) (?:reply|response|answer)|receive (?:a|any) (?:reply|response|answer))`),
    words("guilt", "no (?:reply|response|answer|word) (?:yet|so far|from you)"),
    words("guilt", "(?:i am|i'm|i’m) (?:still|yet to) (?:waiting|hear)|still waiting"),
    words("guilt", "as (?:i )?(?:said|mentioned|wrote|noted|stated) (?:in|on) my (?:last|previous|earlier|prior) (?:e-?mail|message|note)"),
    words("guilt", "as per my (?:last|previous|earlier) (?:e-?mail|message)"),
    words("guilt", "my (?:last|previous|earlier|first) (?:e-?mail|message|note) (?:went |has gone |was left )?unanswered"),
    words("guilt", "following up again|(?:once|yet) again following up"),
    words("needy", `i (?:really |desperately )?need this (?:job|role|position)|desperate(?:ly)?|(?:i${APOS}m|i am) begging|please give me (?:a|one more|another) chance`),
    words("complaint", "disappoint(?:ed|ing)|frustrat(?:ed|ing)|unprofessional|ignor(?:ed|ing) (?:me|my)"),
  ],
  de: [
    words("pushy", "so schnell wie möglich|schnellstmöglich|umgehende? (?:Antwort|Rückmeldung)|dringend"),
    words("pushy", "(?:antworten|melden) Sie (?:sich )?(?:bitte )?(?:umgehend|sofort|heute)"),
    words("pushy", "ich brauche (?:heute |sofort |jetzt |bis \\p{L}+ )?(?:eine|Ihre) (?:Antwort|Rückmeldung|Entscheidung)"),
    words("ultimatum", "letzte Chance|letzte Erinnerung"),
    words("ultimatum", "(?:sonst|andernfalls|ansonsten) (?:werde ich|nehme ich|sage ich|ziehe ich)"),
    words("guilt", "(?:noch )?(?:nichts|keine Antwort|keine Rückmeldung) von Ihnen (?:gehört|erhalten|bekommen)"),
    words("guilt", "ich habe (?:noch |bisher |leider )*(?:nichts|keine Antwort|keine Rückmeldung) (?:gehört|erhalten|bekommen)"),
    words("guilt", "(?:leider )?(?:noch|bisher) keine (?:Antwort|Rückmeldung)"),
    words("guilt", "wie (?:bereits |schon )?in meiner (?:letzten|vorigen|vorherigen) (?:E-?Mail|Mail|Nachricht)"),
    words("guilt", "wie ich (?:Ihnen )?(?:bereits|schon) (?:geschrieben|erwähnt|mitgeteilt) habe"),
    words("guilt", "(?:ich )?warte (?:immer )?noch|meine (?:letzte|vorige|erste) (?:E-?Mail|Mail|Nachricht) (?:ist |blieb )?unbeantwortet"),
    words("needy", "ich brauche (?:diesen|den) Job|geben Sie mir (?:bitte )?(?:eine|noch eine) Chance|verzweifelt"),
    words("complaint", "enttäuscht|unprofessionell|frustriert"),
  ],
  fr: [
    words("pushy", "dès que possible|au plus vite|urgent|urgente|urgemment|de toute urgence"),
    words("pushy", "(?:répondre|répondez|répondiez|réponse) (?:immédiatement|sans délai|aujourd'hui|aujourd’hui)"),
    words("pushy", `j${APOS}ai besoin d${APOS}une réponse|il me faut (?:une|votre) réponse`),
    words("ultimatum", `dernière chance|dernier rappel|faute de réponse|sinon (?:je|j${APOS}\\p{L}+)`),
    words("guilt", `je n${APOS}ai (?:toujours |encore )?pas (?:eu|reçu) (?:de |votre )?(?:réponse|nouvelles|retour)`),
    words("guilt", "sans (?:réponse|nouvelles|retour) de votre part|toujours sans (?:réponse|nouvelles)"),
    words("guilt", `comme (?:je l${APOS}ai|je vous l${APOS}ai) (?:dit|écrit|mentionné|indiqué) dans mon (?:dernier|précédent) (?:e-?mail|mail|message|courriel)`),
    words("guilt", `mon (?:dernier|précédent|premier) (?:e-?mail|mail|message|courriel) (?:est )?resté sans réponse|j${APOS}attends toujours`),
    words("needy", `j${APOS}ai (?:vraiment )?besoin de ce (?:poste|travail|job)|donnez-moi (?:une|ma) chance|désespérée?`),
    words("complaint", "déçue?|pas professionnel(?:le)?|frustrée?"),
  ],
  es: [
    words("pushy", "lo antes posible|cuanto antes|urgente|urgentemente"),
    words("pushy", "(?:responda|responder|conteste|contestar|respuesta) (?:inmediatamente|de inmediato|hoy mismo|ya)"),
    words("pushy", "necesito (?:una|su) respuesta"),
    words("ultimatum", "última oportunidad|último aviso|de lo contrario|si no (?:recibo|tengo) (?:respuesta|noticias)"),
    words("guilt", "no he (?:tenido|recibido) (?:ninguna )?(?:respuesta|noticias)|no he sabido nada|sigo sin (?:respuesta|noticias)"),
    words("guilt", "como (?:le )?(?:dije|mencioné|indiqué|escribí) en mi (?:último|anterior) (?:correo|mensaje|e-?mail)"),
    words("guilt", "sigo esperando|mi (?:último|anterior|primer) (?:correo|mensaje) (?:quedó )?sin respuesta"),
    words("needy", "necesito (?:este|el) (?:trabajo|empleo|puesto)|denme (?:una )?oportunidad|deme (?:una )?oportunidad|desesperad[oa]"),
    words("complaint", "decepcionad[oa]|poco profesional|frustrad[oa]"),
  ],
};

/**
 * Each language's tone phrasings joined into one, without the word boundaries (so it matches
 * wherever any pattern does, and sometimes where none does): a draft that matches nothing
 * (nearly all of them) is cleared in one cheap scan instead of one per pattern, which was most
 * of what drafting a follow-up cost. Only a text that matches is checked pattern by pattern.
 */
const ANY_TONE_PATTERN = Object.fromEntries(
  Object.entries(TONE_PATTERNS).map(([lang, patterns]) => [lang, new RegExp(patterns.map((p) => p.source).join("|"), "iu")]),
) as Record<CheckedLanguage, RegExp>;

const CALL_PATTERNS: Record<CheckedLanguage, Pattern> = {
  en: words("call_suggested", "call(?:s|ing)?|phone(?:d|s)?|telephone|ring me"),
  de: words("call_suggested", "Telefonat\\p{L}*|telefonisch|anrufen|Anruf\\p{L}*|Telefon\\p{L}*|rufen Sie mich"),
  fr: words("call_suggested", "appel(?:s|er)?|téléphone\\p{L}*|téléphonique|appelez-moi"),
  es: words("call_suggested", "llamada\\p{L}*|llamar\\p{L}*|llámeme|teléfono|telefónic[oa]"),
};

const TEMPLATE_MARKERS: readonly RegExp[] = [
  /\{\{[^{}\n]*\}\}/,
  /\$\{[^{}\n]*\}/,
  /%[A-Za-z][A-Za-z0-9_]*%/,
  /<[A-Z][A-Z0-9_ ]*>/,
  /<\s*(?:first_?name|last_?name|name|company|position|role|title)\s*>/i,
  /\[\s*(?:insert|add|enter|your)\b[^\]\n]*\]/i,
  /(?<![\p{L}\p{N}])(?:TODO|TBD|FIXME|XXX)(?![\p{L}\p{N}])/u,
  /(?<![\p{L}\p{N}])(?:undefined|NaN)(?![\p{L}\p{N}])|\[object Object\]/u,
];

/** Every template marker at once, case-insensitive: a loose first pass that clean text (nearly all) never matches. */
const ANY_TEMPLATE_MARKER = new RegExp(TEMPLATE_MARKERS.map((re) => re.source).join("|"), "iu");

/** A bracketed all-capitals segment: how placeholders are marked, listed or not. */
const BRACKETED_CAPS_RE = /\[[^\]\na-z]*[A-Z][^\]\na-z]*\]/g;

export function checkTone(text: string, language: Language, options: ToneCheckOptions = {}): ToneCheck {
  const listed = options.placeholders ?? [];
  const problems: ToneProblem[] = [];
  const checked: CheckedLanguage[] = language === "de" || language === "fr" || language === "es" ? ["en", language] : ["en"];

  for (const lang of checked) {
    if (ANY_TONE_PATTERN[lang].test(text)) {
      for (const { kind, re } of TONE_PATTERNS[lang]) {
        const match = re.exec(text);
        if (match) problems.push({ kind, match: match[0] });
      }
    }
    if (options.noCalls) {
      const match = CALL_PATTERNS[lang].re.exec(text);
      if (match) problems.push({ kind: "call_suggested", match: match[0] });
    }
  }

  const withoutListed = listed.reduce((rest, placeholder) => rest.split(placeholder).join(" "), text);
  if (ANY_TEMPLATE_MARKER.test(withoutListed)) {
    for (const re of TEMPLATE_MARKERS) {
      const match = re.exec(withoutListed);
      if (match) problems.push({ kind: "template_marker", match: match[0] });
    }
  }
  for (const match of withoutListed.matchAll(BRACKETED_CAPS_RE)) {
    if (!problems.some((p) => p.match === match[0])) problems.push({ kind: "template_marker", match: match[0] });
  }

  const placeholders = listed.filter((placeholder) => text.includes(placeholder));
  const verdict: ToneVerdict = problems.length > 0 ? "rejected" : placeholders.length > 0 ? "needs_input" : "ready";
  return { verdict, problems, placeholders };
}
