/**
 * German draft phrasings (see src/core/follow-ups/phrases.ts for the contract). Pure data. Formal
 * "Sie"; the greeting "Guten Tag <Name>," needs no gender, and the line after a greeting ending
 * in a comma starts in lower case, as German letters do.
 */
import { toDateParts } from "../../time/business-days.ts";
import type { DraftPhrases } from "./types.ts";

const WEEKDAYS = ["Sonntag", "Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"];
const MONTHS = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];

const position = (role: string) => `die Position „${role}“`;
const toPosition = (role: string) => `zur Position „${role}“`;
const ofPosition = (role: string) => `der Position „${role}“`;
const at = (company: string | null) => (company ? ` bei ${company}` : "");
const atCompanyOrInTeam = (company: string | null) => (company ? `bei ${company}` : "in Ihrem Team");

const SHORT_INTERESTS = [
  () => "Ich bin weiterhin sehr an der Stelle interessiert.",
  () => "Mein Interesse an der Mitarbeit in Ihrem Team ist unverändert groß.",
  () => "Die Position reizt mich nach wie vor sehr.",
];

const STAY_IN_TOUCH = [
  () => "Darf ich mich wieder melden, wenn eine passende Stelle frei wird?",
  () => "Wäre es in Ordnung, wenn ich mich bei einer ähnlichen Stelle wieder bei Ihnen melde?",
  () => "Könnten Sie mein Profil im Blick behalten, falls sich etwas Passendes ergibt?",
];

const DOOR_OPEN = [
  () => "Falls sich Ihre Pläne ändern oder eine ähnliche Stelle frei wird, freue ich mich, von Ihnen zu hören.",
  () => "Sollte die Position erneut oder eine verwandte Stelle ausgeschrieben werden, würde ich mich über ein Gespräch freuen.",
  (f: { company: string | null }) =>
    `Ich bin weiterhin an ${f.company ?? "Ihrem Team"} interessiert und würde mich freuen, bei künftigen Stellen berücksichtigt zu werden.`,
];

export const GERMAN_PHRASES: DraftPhrases = {
  greeting: (name) => (name ? `Guten Tag ${name},` : "Guten Tag,"),
  signOffs: ["Mit freundlichen Grüßen", "Viele Grüße", "Beste Grüße"],
  formatDate: (day) => {
    const parts = toDateParts(day);
    return `${WEEKDAYS[parts.weekday]}, ${parts.day}. ${MONTHS[parts.month - 1]}`;
  },
  notePoints: [
    (note) => `Besonders in Erinnerung geblieben ist mir: ${note}`,
    (note) => `Ein Punkt aus unserem Gespräch beschäftigt mich noch: ${note}`,
    (note) => `Besonders interessant fand ich: ${note}`,
  ],
  placeholderPoints: [
    (p) => `Besonders gefallen hat mir unser Austausch über ${p}.`,
    (p) => `Unser Gespräch über ${p} war für mich ein Höhepunkt.`,
    (p) => `Besonders wertvoll fand ich, mehr über ${p} zu erfahren.`,
  ],
  callQuestions: [() => "Kann ich Ihnen noch etwas zukommen lassen, per E-Mail oder in einem kurzen Telefonat?"],

  thankYou: {
    subject: (f) => `Vielen Dank für das Gespräch – ${f.role}`,
    openings: [
      (f) => `vielen Dank, dass Sie sich am ${f.date} Zeit für das Gespräch über ${position(f.role)} genommen haben.`,
      (f) => `herzlichen Dank für unser Gespräch am ${f.date} über ${position(f.role)}${at(f.company)}.`,
      (f) => `ich habe mich sehr über die Gelegenheit gefreut, am ${f.date} mit Ihnen über ${position(f.role)} zu sprechen.`,
    ],
    interests: [
      () => "Das Gespräch hat mein Interesse an der Position bestärkt, und ich bin überzeugt, dass ich mit meiner Erfahrung schnell einen Beitrag leisten kann.",
      () => "Ich bin jetzt noch mehr an der Stelle interessiert und denke, dass mein Hintergrund gut zu den Anforderungen des Teams passt.",
      (f) => `Ich würde sehr gern ${atCompanyOrInTeam(f.company)} mitarbeiten und bin überzeugt, dass meine Erfahrung gut zu Ihren Anforderungen passt.`,
    ],
    questions: [
      () => "Wann wäre ein guter Zeitpunkt, um mich wegen der nächsten Schritte noch einmal zu melden?",
      () => "Könnten Sie mir sagen, wann ich mich wegen der nächsten Schritte wieder melden darf?",
      () => "Wann passt es Ihnen, wenn ich mich wieder bei Ihnen melde?",
    ],
  },

  statusCheck: {
    subject: (f) => `Nachfrage zur Position „${f.role}“`,
    openings: [
      (f) => `ich hoffe, es geht Ihnen gut. Nach unserem Gespräch am ${f.date} möchte ich mich nach dem Stand ${toPosition(f.role)} erkundigen.`,
      (f) => `ich melde mich zu meinem Vorstellungsgespräch für ${position(f.role)} am ${f.date}.`,
      (f) => `nach unserem Gespräch am ${f.date} über ${position(f.role)} möchte ich gern nachfragen, wie der Stand des Verfahrens ist.`,
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
  },

  secondFollowUp: {
    subject: (f) => `Nachfrage zur Position „${f.role}“`,
    openings: [
      (f) => `ich möchte mich kurz ${toPosition(f.role)} melden, über die wir am ${f.date} gesprochen haben.`,
      (f) => `eine kurze Nachricht ${toPosition(f.role)}, im Anschluss an unser Gespräch am ${f.date}.`,
      (f) => `ich schreibe Ihnen kurz wegen ${ofPosition(f.role)} und unseres Gesprächs am ${f.date}.`,
    ],
    interests: SHORT_INTERESTS,
    questions: [
      () => "Können Sie mir schon etwas zum zeitlichen Ablauf sagen?",
      () => "Wie ist der aktuelle Stand des Verfahrens?",
      () => "Kann ich Ihnen noch etwas zusenden, das weiterhilft?",
    ],
  },

  applicationCheck: {
    subject: (f) => `Meine Bewerbung – ${f.role}`,
    openings: [
      (f) => `ich habe mich auf ${position(f.role)} beworben und möchte mich vergewissern, dass meine Unterlagen angekommen sind.`,
      (f) => `ich melde mich zu meiner Bewerbung für ${position(f.role)}.`,
      (f) => `vor Kurzem habe ich mich auf ${position(f.role)}${at(f.company)} beworben, und ich möchte mein Interesse noch einmal bekräftigen.`,
    ],
    interests: [
      () => "Meine Erfahrung passt gut zu der Stelle, und ich würde mich über ein Gespräch freuen.",
      (f) => `Die Position interessiert mich sehr, und ich bin überzeugt, dass ich ${f.company ?? "Ihr Team"} schnell unterstützen könnte.`,
      () => "Die Stelle passt sehr gut zu meinem Hintergrund, und ich erzähle Ihnen gern mehr darüber.",
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
      (f) => `ich möchte mich kurz zu meiner Bewerbung für ${position(f.role)} melden.`,
      (f) => `eine kurze Nachricht zu meiner Bewerbung für ${position(f.role)}.`,
      (f) => `ich schreibe Ihnen kurz wegen meiner Bewerbung für ${position(f.role)}.`,
    ],
    interests: SHORT_INTERESTS,
    questions: [
      () => "Können Sie mir schon etwas zum zeitlichen Ablauf sagen?",
      () => "Ist meine Bewerbung noch im Auswahlverfahren?",
      () => "Kann ich Ihnen noch etwas zusenden, das weiterhilft?",
    ],
  },

  rejectionReply: {
    subject: (f) => `Vielen Dank – ${f.role}`,
    openings: [
      (f) => `vielen Dank für Ihre Nachricht und für die Zeit, die Sie und das Team sich für mich genommen haben, auch für unser Gespräch am ${f.date} über ${position(f.role)}.`,
      (f) => `vielen Dank für Ihre Rückmeldung und dafür, dass Sie mich für ${position(f.role)} berücksichtigt haben. Unser Gespräch am ${f.date} hat mir sehr gefallen.`,
      (f) => `danke für die Information und für die Gelegenheit, mich am ${f.date} für ${position(f.role)} vorzustellen.`,
    ],
    openingsWithoutDate: [
      (f) => `vielen Dank für Ihre Nachricht und dafür, dass Sie mich für ${position(f.role)} berücksichtigt haben.`,
      (f) => `vielen Dank für Ihre Rückmeldung und für die Zeit, die Sie sich für meine Bewerbung als „${f.role}“ genommen haben.`,
      (f) => `danke für die Information ${toPosition(f.role)}.`,
    ],
    interests: [
      (f) => `Ich habe gern mehr über ${f.company ?? "Ihr Team"} erfahren und würde mich freuen, bei künftigen Stellen berücksichtigt zu werden.`,
      (f) => `Ich bin weiterhin an ${f.company ?? "Ihrem Team"} interessiert und würde mich gern in Zukunft auf eine passende Stelle bewerben.`,
      () => "Ich würde gern in Kontakt bleiben und bei anderen offenen Stellen berücksichtigt werden.",
    ],
    feedbackQuestions: [
      () => "Wären Sie bereit, mir eine kurze Rückmeldung zu geben, wie ich meine Bewerbung verbessern könnte?",
      () => "Ein kurzes Feedback aus dem Verfahren würde mir sehr helfen – hätten Sie vielleicht eines für mich?",
      () => "Gibt es Feedback, das mir bei künftigen Bewerbungen helfen könnte?",
    ],
    questions: STAY_IN_TOUCH,
  },

  lastNoteAfterHire: {
    subject: (f) => `Vielen Dank – ${f.role}`,
    openings: [
      (f) => `vielen Dank für die Nachricht, dass ${position(f.role)} besetzt ist, und herzlichen Glückwunsch zur neuen Verstärkung.`,
      (f) => `danke für die Information ${toPosition(f.role)}. Ich habe ${f.company ?? "Ihr Team"} im Verfahren gern kennengelernt.`,
      (f) => `nochmals vielen Dank, dass Sie mich für ${position(f.role)} in Betracht gezogen haben; ich habe die Zeit mit Ihnen sehr geschätzt.`,
    ],
    interests: DOOR_OPEN,
    questions: STAY_IN_TOUCH,
  },

  lastNoteAfterSilence: {
    subject: (f) => `Vielen Dank – ${f.role}`,
    openings: [
      (f) => `ich möchte unseren Austausch über ${position(f.role)}, über die wir am ${f.date} gesprochen haben, gern mit einer kurzen Nachricht abrunden.`,
      (f) => `ich möchte mich noch einmal für unser Gespräch am ${f.date} über ${position(f.role)} bedanken.`,
      (f) => `mir ist bewusst, dass sich Prioritäten verschieben können, daher eine kurze Nachricht ${toPosition(f.role)}, über die wir am ${f.date} gesprochen haben.`,
    ],
    interests: DOOR_OPEN,
    questions: STAY_IN_TOUCH,
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
      (f) => `seit unserem Gespräch am ${f.date} über ${position(f.role)} gibt es eine Neuigkeit, die ich gern mit Ihnen teilen möchte:`,
      (f) => `ich möchte Ihnen gern ein kurzes Update ${toPosition(f.role)} geben, über die wir am ${f.date} gesprochen haben:`,
      (f) => `zu unserem Gespräch am ${f.date} über ${position(f.role)} möchte ich gern eine neue Entwicklung ergänzen:`,
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
