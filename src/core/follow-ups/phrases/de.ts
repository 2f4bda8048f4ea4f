/**
 * German draft phrasings (see src/core/follow-ups/phrases/types.ts for the contract). Pure data.
 * Formal "Sie" throughout. The greeting mirrors the reader: "Sehr geehrte Frau Vogel," with "Mit
 * freundlichen Grüßen" for a formal mail (and when the register is unknown, as applications
 * are); "Hallo Frau Vogel," with "Viele Grüße" for a lighter one; "Hallo Katrin," when they
 * wrote by first name (the body stays "Sie"). Without a known title, "Guten Tag Katrin Vogel,"
 * needs no gender. The line after a greeting ending in a comma starts in lower case. A company
 * whose legal form is feminine takes its article ("bei der Lindenhof Software GmbH"); no phrase
 * puts a company name where its gender would decide the case.
 */
import { toDateParts } from "../../time/business-days.ts";
import { type Addressing, type DraftPhrases, type Formality, givenNameOf, type PhraseFacts } from "./types.ts";

const WEEKDAYS = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"];
const MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];

const position = (role: string) => `die Position „${role}“`;
const toPosition = (role: string) => `zur Position „${role}“`;
const ofPosition = (role: string) => `der Position „${role}“`;
/** Legal forms and words that make a company name feminine ("die … GmbH"); "e.V." is "der Verein". */
const FEMININE_COMPANY_RE = /(?:^|\s)(?:GmbH|gGmbH|mbH|AG|SE|KG|KGaA|UG(?: \(haftungsbeschränkt\))?|OHG|GbR|eG|PartG|Gruppe|Holding|Stiftung|Bank|Sparkasse|Versicherung|Agentur|Klinik|Universität|Hochschule)\.?$/;
/** "bei der Lindenhof Software GmbH", "beim Sportverein e.V.", "bei Brightline Labs". */
const atCompany = (company: string) =>
  FEMININE_COMPANY_RE.test(company) ? `bei der ${company}` : /(?:^|\s)e\.\s?V\.?$/.test(company) ? `beim ${company}` : `bei ${company}`;
const at = (company: string | null) => (company ? ` ${atCompany(company)}` : "");
const atCompanyOrInTeam = (company: string | null) => (company ? atCompany(company) : "in Ihrem Team");
/** "heute", "gestern", "am Freitag", "am Freitag, 13. März". */
const am = (f: PhraseFacts): string => (f.dateIs === "today" ? "heute" : f.dateIs === "yesterday" ? "gestern" : `am ${f.date}`);
/** "unser heutiges Gespräch", "unserem gestrigen Gespräch", "unseres Gesprächs am Freitag": the article with its adjective ending. */
const withDay = (f: PhraseFacts, article: string, ending: string, noun: string): string =>
  f.dateIs === "today" ? `${article} heutig${ending} ${noun}` : f.dateIs === "yesterday" ? `${article} gestrig${ending} ${noun}` : `${article} ${noun} am ${f.date}`;
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const lastWords = (name: string) => name.split(" ").slice(1).join(" ");

const SIGN_OFFS: Record<Formality | "unknown", readonly string[]> = {
  formal: ["Mit freundlichen Grüßen"],
  unknown: ["Mit freundlichen Grüßen"],
  polite: ["Viele Grüße", "Beste Grüße", "Freundliche Grüße"],
  informal: ["Viele Grüße", "Beste Grüße", "Herzliche Grüße"],
};

function greet(name: string | null, how: Addressing = {}): string {
  if (!name) return how.formality === "formal" ? "Sehr geehrte Damen und Herren," : "Guten Tag,";
  const signed = how.signedAs?.trim();
  if (how.formality === "informal") return `Hallo ${givenNameOf(name, how)},`;
  const family = how.familyName?.trim() || lastWords(name);
  if (how.title && family) {
    if (how.formality === "polite") return `Hallo ${how.title === "ms" ? "Frau" : "Herr"} ${family},`;
    return how.title === "ms" ? `Sehr geehrte Frau ${family},` : `Sehr geehrter Herr ${family},`;
  }
  // Signed with a first name only and no formal mail: they go by it.
  if (signed && !signed.includes(" ") && how.formality !== "formal" && how.formality !== "polite") return `Hallo ${signed},`;
  return `Guten Tag ${name},`;
}

const SHORT_INTERESTS = [
  () => "Ich bin weiterhin sehr an der Stelle interessiert.",
  () => "Mein Interesse an der Mitarbeit in Ihrem Team ist unverändert groß.",
  () => "Die Position reizt mich nach wie vor sehr.",
];

const STAY_IN_TOUCH = [
  () => "Darf ich mich wieder melden, wenn eine passende Stelle frei wird?",
  () => "Wäre es Ihnen recht, wenn ich mich bei einer ähnlichen Ausschreibung wieder bei Ihnen melde?",
  () => "Könnten Sie mein Profil im Blick behalten, falls sich etwas Passendes ergibt?",
];

const DOOR_OPEN = [
  () => "Falls sich Ihre Pläne ändern oder eine ähnliche Stelle frei wird, würde ich mich freuen, von Ihnen zu hören.",
  () => "Sollte die Position erneut oder eine verwandte Stelle ausgeschrieben werden, würde ich mich über ein Gespräch freuen.",
  () => "Ihr Unternehmen interessiert mich weiterhin, und ich würde mich freuen, bei künftigen Stellen berücksichtigt zu werden.",
];

export const GERMAN_PHRASES: DraftPhrases = {
  greeting: greet,
  teamGreeting: "Sehr geehrte Damen und Herren,",
  signOffs: SIGN_OFFS.unknown,
  signOffsFor: (formality) => SIGN_OFFS[formality ?? "unknown"],
  formatDate: (day) => {
    const parts = toDateParts(day);
    return `${WEEKDAYS[parts.weekday]}, ${parts.day}. ${MONTHS[parts.month - 1]}`;
  },
  formatWeekday: (day) => WEEKDAYS[toDateParts(day).weekday] ?? day,
  notePoints: [
    (note) => `Besonders in Erinnerung geblieben ist mir: ${note}`,
    (note) => `Ein Punkt aus unserem Gespräch hat mich besonders angesprochen: ${note}`,
    (note) => `Besonders interessant fand ich: ${note}`,
  ],
  placeholderPoints: [
    (p) => `Besonders gefallen hat mir unser Austausch über ${p}.`,
    (p) => `Sehr spannend fand ich unser Gespräch über ${p}.`,
    (p) => `Sehr aufschlussreich war für mich, mehr über ${p} zu erfahren.`,
  ],
  callQuestions: [() => "Kann ich Ihnen noch weitere Informationen geben – per E-Mail oder in einem kurzen Telefonat?"],

  thankYou: {
    subject: (f) => `Vielen Dank für das Gespräch – ${f.role}`,
    openings: [
      (f) => `vielen Dank, dass Sie sich ${am(f)} Zeit für das Gespräch über ${position(f.role)} genommen haben.`,
      (f) => `herzlichen Dank für ${withDay(f, "unser", "es", "Gespräch")} über ${position(f.role)}${at(f.company)}.`,
      (f) => `ich habe mich sehr über die Gelegenheit gefreut, ${am(f)} mit Ihnen über ${position(f.role)} zu sprechen.`,
    ],
    interests: [
      () => "Das Gespräch hat mein Interesse an der Position bestärkt, und ich bin überzeugt, dass ich mit meiner Erfahrung schnell zum Erfolg des Teams beitragen kann.",
      () => "Mein Interesse an der Stelle ist durch das Gespräch noch gewachsen, und ich denke, dass mein Profil gut zu den Anforderungen des Teams passt.",
      (f) => `Ich würde sehr gern ${atCompanyOrInTeam(f.company)} mitarbeiten und bin überzeugt, dass meine Erfahrung gut zu Ihren Anforderungen passt.`,
    ],
    questions: [
      () => "Wann wäre ein guter Zeitpunkt, um mich wegen der nächsten Schritte noch einmal zu melden?",
      () => "Könnten Sie mir sagen, wann ich mich am besten wegen der nächsten Schritte bei Ihnen melden kann?",
      () => "Wann wäre es Ihnen recht, wenn ich mich wieder bei Ihnen melde?",
    ],
  },

  statusCheck: {
    subject: (f) => `Nachfrage zur Position „${f.role}“`,
    openings: [
      (f) => `nach ${withDay(f, "unserem", "en", "Gespräch")} möchte ich mich gern nach dem aktuellen Stand im Auswahlverfahren für ${position(f.role)} erkundigen.`,
      (f) => `gern komme ich auf ${withDay(f, "mein", "es", "Vorstellungsgespräch")} für ${position(f.role)} zurück.`,
      (f) => `nach ${withDay(f, "unserem", "en", "Gespräch")} über ${position(f.role)} möchte ich gern nachfragen, wie der aktuelle Stand ist.`,
    ],
    interests: [
      () => "Ich bin weiterhin sehr an der Stelle interessiert und überzeugt, dass ich das Team gut verstärken könnte.",
      () => "Die Position hat für mich nach wie vor hohe Priorität, und ich denke, dass meine Erfahrung gut passt.",
      (f) => `Ich würde mich nach wie vor sehr freuen, ${atCompanyOrInTeam(f.company)} mitzuarbeiten.`,
    ],
    questions: [
      () => "Können Sie mir etwas zu den nächsten Schritten und dem zeitlichen Ablauf sagen?",
      () => "Gibt es weitere Informationen, die Ihnen bei der Entscheidung helfen würden?",
      () => "Könnten Sie mir sagen, wie der aktuelle Stand ist und wie es weitergeht?",
    ],
    updateLeads: [
      () => "Seit unserem Gespräch gibt es etwas, das ich gern ergänzen möchte:",
      () => "Eine Ergänzung, die für Sie interessant sein könnte:",
      () => "Seit unserem Gespräch gibt es eine Neuigkeit von meiner Seite:",
    ],
  },

  secondFollowUp: {
    subject: (f) => `Nachfrage zur Position „${f.role}“`,
    openings: [
      (f) => `ich möchte kurz wegen ${ofPosition(f.role)} nachfragen, über die wir ${am(f)} gesprochen haben.`,
      (f) => `gern greife ich ${withDay(f, "unser", "es", "Gespräch")} über ${position(f.role)} kurz auf.`,
      (f) => `ich schreibe Ihnen kurz wegen ${ofPosition(f.role)} und ${withDay(f, "unseres", "en", "Gesprächs")}.`,
    ],
    interests: SHORT_INTERESTS,
    questions: [
      () => "Können Sie mir schon etwas zum zeitlichen Ablauf sagen?",
      () => "Könnten Sie mir sagen, wie der aktuelle Stand ist?",
      () => "Kann ich Ihnen noch Unterlagen zusenden, die Ihnen weiterhelfen?",
    ],
  },

  applicationCheck: {
    subject: (f) => `Meine Bewerbung – ${f.role}`,
    openings: [
      (f) => `ich möchte gern zu meiner Bewerbung für ${position(f.role)} nachfragen.`,
      (f) => `ich möchte mich nach dem Stand meiner Bewerbung für ${position(f.role)} erkundigen.`,
      (f) => `vor Kurzem habe ich mich auf ${position(f.role)}${at(f.company)} beworben und möchte mein Interesse daran noch einmal bekräftigen.`,
    ],
    interests: [
      () => "Meine Erfahrung passt gut zu der Stelle, und ich würde mich über ein Gespräch freuen.",
      () => "Die Position interessiert mich sehr, und ich bin überzeugt, dass ich Ihr Team schnell unterstützen könnte.",
      () => "Die Stelle passt sehr gut zu meinem Profil, und ich stelle mich Ihnen gern in einem Gespräch näher vor.",
    ],
    questions: [
      () => "Könnten Sie mir sagen, wie das Auswahlverfahren weitergeht?",
      () => "Gibt es weitere Informationen, die ich Ihnen für meine Bewerbung zusenden kann?",
      () => "Können Sie mir etwas zu den nächsten Schritten und dem zeitlichen Ablauf sagen?",
    ],
  },

  applicationSecondCheck: {
    subject: (f) => `Meine Bewerbung – ${f.role}`,
    openings: [
      (f) => `ich möchte kurz wegen meiner Bewerbung für ${position(f.role)} nachfragen.`,
      (f) => `ich erlaube mir eine kurze Nachfrage zu meiner Bewerbung für ${position(f.role)}.`,
      (f) => `ich schreibe Ihnen kurz wegen meiner Bewerbung für ${position(f.role)}.`,
    ],
    interests: SHORT_INTERESTS,
    questions: [
      () => "Können Sie mir schon etwas zum zeitlichen Ablauf sagen?",
      () => "Wird meine Bewerbung noch berücksichtigt?",
      () => "Kann ich Ihnen noch Unterlagen zusenden, die Ihnen weiterhelfen?",
    ],
  },

  rejectionReply: {
    subject: (f) => `Vielen Dank – ${f.role}`,
    openings: [
      (f) => `vielen Dank für Ihre Rückmeldung und für die Zeit, die Sie sich ${am(f)} im Gespräch über ${position(f.role)} für mich genommen haben.`,
      (f) => `vielen Dank für Ihre Nachricht und dafür, dass Sie mich für ${position(f.role)} in Betracht gezogen haben. ${capitalised(withDay(f, "unser", "es", "Gespräch"))} habe ich in guter Erinnerung.`,
      (f) => `vielen Dank für die Information und für die Gelegenheit, mich ${am(f)} für ${position(f.role)} vorzustellen.`,
    ],
    openingsWithoutDate: [
      (f) => `vielen Dank für Ihre Nachricht und dafür, dass Sie mich für ${position(f.role)} in Betracht gezogen haben.`,
      (f) => `vielen Dank für Ihre Rückmeldung und für die Zeit, die Sie sich für meine Bewerbung als „${f.role}“ genommen haben.`,
      (f) => `vielen Dank für Ihre Nachricht ${toPosition(f.role)}.`,
    ],
    interests: [
      () => "Ich habe Ihr Unternehmen gern kennengelernt und würde mich freuen, bei künftigen Stellen berücksichtigt zu werden.",
      () => "Ihr Unternehmen interessiert mich weiterhin, und ich würde mich gern in Zukunft auf eine passende Stelle bewerben.",
      () => "Ich würde gern in Kontakt bleiben und bei anderen offenen Stellen berücksichtigt werden.",
    ],
    feedbackQuestions: [
      () => "Wären Sie bereit, mir kurz zurückzumelden, was ich an meiner Bewerbung verbessern könnte?",
      () => "Ein kurzes Feedback aus dem Auswahlverfahren würde mir sehr helfen – wäre das möglich?",
      () => "Gibt es Feedback, das mir bei künftigen Bewerbungen helfen könnte?",
    ],
    questions: STAY_IN_TOUCH,
  },

  lastNoteAfterHire: {
    subject: (f) => `Vielen Dank – ${f.role}`,
    openings: [
      (f) => `vielen Dank für die Nachricht, dass ${position(f.role)} besetzt ist, und herzlichen Glückwunsch zur neuen Verstärkung.`,
      (f) => `vielen Dank für die Information ${toPosition(f.role)}. Ich habe Ihr Team im Verfahren gern kennengelernt.`,
      (f) => `nochmals vielen Dank, dass Sie mich für ${position(f.role)} in Betracht gezogen haben; die Gespräche mit Ihnen habe ich sehr geschätzt.`,
    ],
    interests: DOOR_OPEN,
    questions: STAY_IN_TOUCH,
  },

  lastNoteAfterSilence: {
    subject: (f) => `Nachfrage zur Position „${f.role}“`,
    openings: [
      (f) => `ich möchte mich noch einmal für ${withDay(f, "unser", "es", "Gespräch")} über ${position(f.role)} bedanken; die Stelle interessiert mich weiterhin sehr.`,
      (f) => `${position(f.role)}, über die wir ${am(f)} gesprochen haben, interessiert mich nach wie vor sehr, deshalb melde ich mich kurz bei Ihnen.`,
      (f) => `${withDay(f, "unser", "es", "Gespräch")} über ${position(f.role)} ist mir in guter Erinnerung, und mein Interesse an der Stelle ist unverändert groß.`,
    ],
    updateLeads: [
      () => "Seit unserem Gespräch kann ich eine Neuigkeit ergänzen:",
      () => "Eine kurze Ergänzung von meiner Seite:",
      () => "Seitdem gibt es etwas Neues, das ich gern mit Ihnen teile:",
    ],
    interests: [
      () => "Ich würde das Gespräch gern fortsetzen, wann immer es Ihnen passt.",
      () => "Über den nächsten Schritt würde ich mich sehr freuen, sobald es bei Ihnen zeitlich passt.",
      (f) => `Ich würde weiterhin sehr gern ${atCompanyOrInTeam(f.company)} mitarbeiten.`,
    ],
    questions: [
      () => "Ist die Stelle noch offen, und kann ich Ihnen noch etwas zusenden?",
      () => "Könnten Sie mir sagen, wie der Stand des Verfahrens ist?",
      () => "Gibt es noch etwas, das Ihnen bei der Entscheidung helfen würde?",
    ],
  },

  thankYouViaCoordinator: {
    subject: (f) => `Vielen Dank für das Gespräch – ${f.role}`,
    openings: [
      (f) => `vielen Dank, dass Sie ${withDay(f, "mein", "es", "Gespräch")} ${toPosition(f.role)} organisiert haben.`,
      (f) => `herzlichen Dank für die Organisation ${withDay(f, "meines", "en", "Vorstellungsgesprächs")} ${toPosition(f.role)}${at(f.company)}.`,
      (f) => `vielen Dank, dass Sie ${withDay(f, "das", "e", "Gespräch")} über ${position(f.role)} für mich vereinbart haben.`,
    ],
    interests: [
      (f) => `Das Gespräch mit ${f.interviewers ?? "Ihrem Team"} hat mir sehr gefallen und mein Interesse an der Stelle bestätigt.`,
      (f) => `Nach dem Gespräch mit ${f.interviewers ?? "Ihrem Team"} interessiert mich die Stelle noch mehr.`,
      (f) => `Das Gespräch mit ${f.interviewers ?? "Ihrem Team"} hat mich darin bestärkt, dass ich sehr gern ${atCompanyOrInTeam(f.company)} arbeiten würde.`,
    ],
    questions: [
      () => "Könnten Sie meinen Dank weitergeben oder mir eine E-Mail-Adresse nennen, damit ich mich direkt bedanken kann?",
      () => "Würden Sie meinen Dank freundlicherweise weiterleiten oder mir eine Adresse nennen, an die ich direkt schreiben kann?",
      () => "Dürfte ich Sie bitten, meinen Dank weiterzugeben oder mir zu sagen, wie ich die Gesprächspartner direkt erreiche?",
    ],
  },

  thankYouAfterWithdrawal: {
    subject: (f) => `Vielen Dank für das Gespräch – ${f.role}`,
    openings: [
      (f) => `vielen Dank, dass Sie sich ${am(f)} Zeit für das Gespräch über ${position(f.role)} genommen haben.`,
      (f) => `herzlichen Dank für ${withDay(f, "unser", "es", "Gespräch")} über ${position(f.role)}${at(f.company)}.`,
      (f) => `ich habe mich sehr über die Gelegenheit gefreut, ${am(f)} mit Ihnen über ${position(f.role)} zu sprechen.`,
    ],
    interests: [
      () => "Auch wenn ich meine Bewerbung zurückgezogen habe, habe ich mich sehr gefreut, Ihr Team und seine Arbeit kennenzulernen.",
      (f) => `Ich habe mich entschieden, meine Bewerbung zurückzuziehen, habe den Einblick in Ihr Unternehmen aber sehr geschätzt.`,
      () => "Obwohl ich meine Bewerbung zurückgezogen habe, habe ich die Offenheit unseres Gesprächs sehr geschätzt.",
    ],
    questions: STAY_IN_TOUCH,
  },

  conversation: {
    subject: (f) => `Ihre Nachricht zur Position „${f.role}“`,
    openings: [
      (f) => `vielen Dank für Ihre Nachricht ${toPosition(f.role)}${at(f.company)}.`,
      (f) => `herzlichen Dank, dass Sie sich wegen ${ofPosition(f.role)} bei mir gemeldet haben.`,
      (f) => `vielen Dank für Ihre Kontaktaufnahme wegen ${ofPosition(f.role)}.`,
    ],
    interests: [
      () => "Ich würde gern mehr darüber erfahren und Ihnen von meiner Erfahrung erzählen.",
      () => "Die Stelle passt gut zu meinem Profil, und ich würde mich über ein Gespräch freuen.",
      () => "Ich würde gern mehr über die Stelle und Ihr Unternehmen erfahren.",
    ],
    questions: [
      () => "Könnten Sie mir mehr zu den nächsten Schritten sagen?",
      () => "Was wäre aus Ihrer Sicht ein guter nächster Schritt?",
      () => "Soll ich Ihnen meinen Lebenslauf oder weitere Unterlagen schicken?",
    ],
  },

  offerElsewhere: {
    subject: (f) => `Kurzes Update zu meiner Bewerbung – ${f.role}`,
    openings: [
      (f) => `ich möchte Ihnen mitteilen, dass ich ein Angebot eines anderen Unternehmens erhalten habe, zu dem ich mich bis ${f.deadline} äußern soll.`,
      (f) => `seit unserem Gespräch habe ich ein weiteres Angebot erhalten und wurde gebeten, bis ${f.deadline} zu antworten.`,
      (f) => `ein kurzes Update von meiner Seite: Mir liegt ein anderes Stellenangebot vor, auf das ich bis ${f.deadline} antworten soll.`,
    ],
    interests: [
      (f) => `Die Position „${f.role}“${at(f.company)} ist weiterhin meine erste Wahl, deshalb wollte ich Sie vor meiner Entscheidung informieren.`,
      (f) => `Ich würde sehr viel lieber ${atCompanyOrInTeam(f.company)} als „${f.role}“ anfangen und wollte Ihnen das deshalb vor meiner Entscheidung sagen.`,
      (f) => `Da mich ${position(f.role)} am meisten begeistert, wollte ich Ihnen dies zuerst mitteilen.`,
    ],
    questions: [
      () => "Wäre es möglich, mir bis dahin etwas zum Stand Ihres Verfahrens zu sagen?",
      () => "Gibt es eine Möglichkeit, vor diesem Datum etwas zu Ihrem Zeitplan zu erfahren?",
      () => "Könnten Sie mir sagen, ob eine Entscheidung Ihrerseits bis dahin möglich wäre?",
    ],
  },

  newInformation: {
    subject: (f) => `Kurzes Update zu meiner Bewerbung – ${f.role}`,
    openings: [
      (f) => `seit ${withDay(f, "unserem", "en", "Gespräch")} über ${position(f.role)} gibt es eine Neuigkeit, die ich gern mit Ihnen teilen möchte:`,
      (f) => `ich möchte Ihnen gern kurz etwas Neues ${toPosition(f.role)} mitteilen, über die wir ${am(f)} gesprochen haben:`,
      (f) => `zu ${withDay(f, "unserem", "en", "Gespräch")} über ${position(f.role)} möchte ich gern eine neue Entwicklung ergänzen:`,
    ],
    openingsWithoutDate: [
      (f) => `seit meiner Bewerbung für ${position(f.role)} gibt es eine Neuigkeit, die ich gern mit Ihnen teilen möchte:`,
      (f) => `ich möchte Ihnen gern ein kurzes Update zu meiner Bewerbung für ${position(f.role)} geben:`,
      (f) => `es gibt eine neue Entwicklung, die ich gern zu meiner Bewerbung für ${position(f.role)} ergänzen möchte:`,
    ],
    interests: [
      () => "Ich bin weiterhin sehr an der Stelle interessiert und überzeugt, dass ich das Team gut verstärken könnte.",
      () => "Die Position hat für mich nach wie vor hohe Priorität, und ich denke, dass dies gut zu Ihren Anforderungen passt.",
      (f) => `Ich würde mich nach wie vor sehr freuen, ${atCompanyOrInTeam(f.company)} mitzuarbeiten.`,
    ],
    questions: [
      () => "Wäre es hilfreich, wenn ich Ihnen dazu mehr erzähle?",
      () => "Gibt es noch etwas, das Ihnen bei der Entscheidung helfen würde?",
      () => "Könnten Sie mir sagen, wie die nächsten Schritte im Verfahren aussehen?",
    ],
  },
};
