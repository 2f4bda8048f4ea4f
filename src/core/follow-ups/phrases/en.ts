/**
 * English draft phrasings (see src/core/follow-ups/phrases/types.ts for the contract). Pure data.
 * Dates follow the reader: "Friday, March 13" in North America, "Friday, 13 March" elsewhere; a
 * day close to the send day is "today", "yesterday" or its weekday ("on Friday").
 */
import { toDateParts } from "../../time/business-days.ts";
import { type Addressing, type DraftPhrases, type Formality, givenNameOf, type PhraseFacts } from "./types.ts";

const WEEKDAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

const at = (company: string | null) => (company ? ` at ${company}` : "");
const companyOrTeam = (company: string | null) => company ?? "the team";
/** "today", "yesterday", "on Friday", "on Friday, 13 March". */
const on = (f: PhraseFacts): string => (f.dateIs === "today" ? "today" : f.dateIs === "yesterday" ? "yesterday" : `on ${f.date}`);

/** Time zones whose readers write the month first (the United States and Canada). */
const MONTH_FIRST_ZONE_RE =
  /^(?:US\/|Canada\/|America\/(?:New_York|Chicago|Denver|Los_Angeles|Phoenix|Anchorage|Juneau|Sitka|Yakutat|Nome|Metlakatla|Adak|Boise|Detroit|Menominee|Indiana\/|Kentucky\/|North_Dakota\/|Louisville|Indianapolis|Fort_Wayne|Knox_IN|Shiprock|Toronto|Montreal|Vancouver|Edmonton|Calgary|Winnipeg|Regina|Halifax|St_Johns|Moncton|Glace_Bay|Goose_Bay|Whitehorse|Dawson|Dawson_Creek|Fort_Nelson|Creston|Iqaluit|Rankin_Inlet|Resolute|Cambridge_Bay|Inuvik|Yellowknife|Swift_Current|Atikokan|Nipigon|Thunder_Bay|Rainy_River|Pangnirtung)\b)|^Pacific\/Honolulu$|^Pacific\/(?:Guam|Saipan|Pago_Pago)$|^America\/Puerto_Rico$/;
const MONTH_FIRST_COUNTRIES = new Set(["US", "CA", "PR", "GU", "VI", "AS", "MP", "UM", "PH"]);

/** The English reader writes the month first: by their country where known, else by their time zone. */
export function readsMonthFirst(country: string | null | undefined, timeZone: string | null | undefined): boolean {
  if (country) return MONTH_FIRST_COUNTRIES.has(country.toUpperCase());
  return timeZone ? MONTH_FIRST_ZONE_RE.test(timeZone) : false;
}

const TITLES = { ms: "Ms", mr: "Mr" } as const;
const afterFirstWord = (name: string) => name.split(" ").slice(1).join(" ");

const SIGN_OFFS: Record<Formality | "unknown", readonly string[]> = {
  formal: ["Kind regards,", "Best regards,", "With kind regards,"],
  polite: ["Kind regards,", "Best regards,", "With kind regards,"],
  unknown: ["Best regards,", "Kind regards,", "Best wishes,"],
  informal: ["Best,", "Best regards,", "All the best,"],
};

/**
 * "Hi Dana," when they wrote by first name; "Dear Ms Whitfield," when they wrote formally and
 * their title is known; otherwise "Dear" and the name they signed with ("Dear Dana,"), the
 * full name when that is all there is.
 */
function greet(name: string | null, how: Addressing = {}): string {
  if (!name) return "Hello,";
  const signed = how.signedAs?.trim() || name;
  if (how.formality === "informal") return `Hi ${givenNameOf(name, how)},`;
  const family = how.familyName?.trim() || afterFirstWord(name);
  if ((how.formality === "formal" || how.formality === "polite") && how.title && family) {
    return `Dear ${TITLES[how.title]}${how.northAmerican ? "." : ""} ${family},`;
  }
  return `Dear ${signed},`;
}

const SHORT_INTERESTS = [
  () => "I am still very interested in the role.",
  () => "My interest in joining the team is as strong as ever.",
  () => "The role remains very appealing to me.",
];

const STAY_IN_TOUCH = [
  () => "May I stay in touch in case a suitable role opens up?",
  () => "Would it be all right if I got in touch again when a similar role comes up?",
  () => "Could you keep my details in mind should anything suitable come up?",
];

export const ENGLISH_PHRASES: DraftPhrases = {
  greeting: greet,
  teamGreeting: "Dear Hiring Team,",
  signOffs: SIGN_OFFS.unknown,
  signOffsFor: (formality) => SIGN_OFFS[formality ?? "unknown"],
  formatDate: (day, style) => {
    const parts = toDateParts(day);
    const month = MONTHS[parts.month - 1];
    return style?.monthFirst ? `${WEEKDAYS[parts.weekday]}, ${month} ${parts.day}` : `${WEEKDAYS[parts.weekday]}, ${parts.day} ${month}`;
  },
  formatWeekday: (day) => WEEKDAYS[toDateParts(day).weekday] ?? day,
  notePoints: [
    (note) => `One thing that stayed with me from our conversation: ${note}`,
    (note) => `Something from our conversation I have thought about since: ${note}`,
    (note) => `What stood out for me in particular: ${note}`,
  ],
  placeholderPoints: [
    (p) => `I especially enjoyed our discussion about ${p}.`,
    (p) => `Our conversation about ${p} was a highlight for me.`,
    (p) => `I particularly valued hearing about ${p}.`,
  ],
  callQuestions: [() => "Is there anything else I can provide, by email or in a short call?"],

  thankYou: {
    subject: (f) => `Thank you – ${f.role} interview`,
    openings: [
      (f) => `Thank you for taking the time to speak with me ${on(f)} about the ${f.role} position.`,
      (f) => `Thank you for our conversation ${on(f)} about the ${f.role} role${at(f.company)}.`,
      (f) => `I appreciated the chance to talk with you ${on(f)} about the ${f.role} position.`,
    ],
    interests: [
      () => "The conversation confirmed my interest in the role, and I am confident my experience would let me contribute from the start.",
      () => "I am even more interested in the position now, and I believe my background is a strong fit for what the team needs.",
      (f) => `Our conversation left me keen to join ${companyOrTeam(f.company)}, and I believe my experience matches what you are looking for.`,
    ],
    questions: [
      () => "When would be a good time for me to check in about the next steps?",
      () => "May I ask when it would be best to follow up about the next steps?",
      () => "At what point in the process would it make sense for me to check in?",
    ],
  },

  statusCheck: {
    subject: (f) => `Following up – ${f.role}`,
    openings: [
      (f) => `I hope you are well. I am writing to check in on the ${f.role} position, following our interview ${on(f)}.`,
      (f) => `I wanted to follow up on my interview for the ${f.role} role ${on(f)}.`,
      (f) => `Following our conversation ${on(f)} about the ${f.role} position, I would like to ask how the process is going.`,
    ],
    updateLeads: [
      () => "Since we spoke, there is one thing I would like to add:",
      () => "One more point that may be useful to you:",
      () => "Something new since our conversation:",
    ],
    interests: [
      () => "I remain very interested in the role and confident that I could contribute to the team.",
      () => "The position is still a top priority for me, and I believe my experience is a good match.",
      (f) => `I am still very enthusiastic about joining ${companyOrTeam(f.company)} and about what I could bring to the role.`,
    ],
    questions: [
      () => "Could you share an update on the next steps and their timing?",
      () => "Is there any further information I can provide to help with your decision?",
      () => "Could you let me know where things stand and what the next steps would be?",
    ],
  },

  secondFollowUp: {
    subject: (f) => `Following up – ${f.role}`,
    openings: [
      (f) => `I would like to check in briefly about the ${f.role} position we discussed ${on(f)}.`,
      (f) => `A short note about the ${f.role} role, following our interview ${on(f)}.`,
      (f) => `I am writing briefly about the ${f.role} position and our conversation ${on(f)}.`,
    ],
    interests: SHORT_INTERESTS,
    questions: [
      () => "Is there an update you could share on the timing?",
      () => "Would you be able to share where the process stands?",
      () => "Is there anything further I can send that would help?",
    ],
  },

  applicationCheck: {
    subject: (f) => `My application – ${f.role}`,
    openings: [
      (f) => `I am writing to follow up on my application for the ${f.role} position.`,
      (f) => `I am following up on my application for the ${f.role} role.`,
      (f) => `I recently applied for the ${f.role} position${at(f.company)}, and I would like to reiterate my interest.`,
    ],
    interests: [
      () => "My experience matches the role well, and I would welcome the chance to discuss it with you.",
      (f) => `I am very interested in the position and believe I could contribute to ${companyOrTeam(f.company)} from the start.`,
      () => "The role fits my background closely, and I would be glad to tell you more about it.",
    ],
    questions: [
      () => "Could you let me know how the selection process will continue?",
      () => "Is there any further information I can send to support my application?",
      () => "Could you tell me about the next steps and their timing?",
    ],
  },

  applicationSecondCheck: {
    subject: (f) => `My application – ${f.role}`,
    openings: [
      (f) => `I would like to check in briefly about my application for the ${f.role} position.`,
      (f) => `A short note about my application for the ${f.role} role.`,
      (f) => `I am writing briefly about my application for the ${f.role} position.`,
    ],
    interests: SHORT_INTERESTS,
    questions: [
      () => "Is there an update you could share on the timing?",
      () => "Could you let me know whether my application is still under consideration?",
      () => "Is there anything further I can send that would help?",
    ],
  },

  rejectionReply: {
    subject: (f) => `Thank you – ${f.role}`,
    openings: [
      (f) => `Thank you for letting me know, and for the time you and the team spent with me, including our conversation ${on(f)} about the ${f.role} position.`,
      (f) => `Thank you for your message and for considering me for the ${f.role} position. I enjoyed our conversation ${on(f)}.`,
      (f) => `Thank you for the update, and for the opportunity to interview for the ${f.role} role ${on(f)}.`,
    ],
    openingsWithoutDate: [
      (f) => `Thank you for letting me know, and for considering me for the ${f.role} position.`,
      (f) => `Thank you for your message and for the time you spent on my application for the ${f.role} role.`,
      (f) => `Thank you for the update on the ${f.role} position.`,
    ],
    interests: [
      (f) => `I enjoyed learning about ${companyOrTeam(f.company)}, and I would be glad to be considered for future roles.`,
      (f) => `I remain interested in ${companyOrTeam(f.company)} and would welcome the chance to apply for a suitable role in the future.`,
      () => "I would be glad to stay in touch and to be considered for other openings.",
    ],
    feedbackQuestions: [
      () => "If you have a moment, would you be willing to share any feedback on how I could strengthen my application?",
      () => "Any feedback from the process would help me a great deal; would you be open to sharing some?",
      () => "Is there any feedback you could share that would help me in future applications?",
    ],
    questions: STAY_IN_TOUCH,
  },

  lastNoteAfterHire: {
    subject: (f) => `Thank you – ${f.role}`,
    openings: [
      (f) => `Thank you for letting me know that the ${f.role} position has been filled, and congratulations on the new hire.`,
      (f) => `Thank you for the update on the ${f.role} role. I enjoyed getting to know ${companyOrTeam(f.company)} during the process.`,
      (f) => `Thank you again for considering me for the ${f.role} position; I appreciated the time you spent with me.`,
    ],
    interests: [
      () => "If your plans change or a similar role opens up, I would be glad to hear from you.",
      () => "Should the position open again or a related one come up, I would welcome the chance to talk.",
      (f) => `I remain interested in ${companyOrTeam(f.company)} and would be happy to be considered for future openings.`,
    ],
    questions: STAY_IN_TOUCH,
  },

  lastNoteAfterSilence: {
    subject: (f) => `Following up – ${f.role}`,
    openings: [
      (f) => `I wanted to thank you again for our conversation ${on(f)} about the ${f.role} position; I remain very interested in it.`,
      (f) => `I am still very interested in the ${f.role} role we discussed ${on(f)}, so I wanted to send a short note.`,
      (f) => `Our conversation ${on(f)} about the ${f.role} position is still on my mind, and my interest in the role is as strong as ever.`,
    ],
    updateLeads: [
      () => "One thing I can add since we spoke:",
      () => "Since our conversation, there is something new I would like to share:",
      () => "A short update from my side since then:",
    ],
    interests: [
      () => "I would be glad to continue the conversation whenever the timing suits you.",
      () => "I would welcome the chance to take the next step when you are ready.",
      (f) => `I would still very much like to contribute to ${companyOrTeam(f.company)}.`,
    ],
    questions: [
      () => "Is the position still open, and is there anything further I could share?",
      () => "Could you let me know where the process stands?",
      () => "Is there anything else that would help with your decision?",
    ],
  },

  thankYouViaCoordinator: {
    subject: (f) => `Thank you – ${f.role} interview`,
    openings: [
      (f) => `Thank you for arranging my interview ${on(f)} for the ${f.role} position.`,
      (f) => `Thank you for organising my conversation ${on(f)} about the ${f.role} role${at(f.company)}.`,
      (f) => `Thank you for setting up my interview ${on(f)} for the ${f.role} position.`,
    ],
    interests: [
      (f) => `I enjoyed speaking with ${f.interviewers ?? "the team"}, and the conversation confirmed my interest in the role.`,
      (f) => `The conversation with ${f.interviewers ?? "the team"} left me even more interested in the position.`,
      (f) => `Meeting ${f.interviewers ?? "the team"} made me keen to join ${companyOrTeam(f.company)}.`,
    ],
    questions: [
      () => "Could you pass my thanks on, or share an email address so that I can thank them directly?",
      () => "Would you be so kind as to pass on my thanks, or let me have an address to write to directly?",
      () => "Could you forward my thanks, or tell me how best to reach them directly?",
    ],
  },

  thankYouAfterWithdrawal: {
    subject: (f) => `Thank you – ${f.role} interview`,
    openings: [
      (f) => `Thank you for taking the time to speak with me ${on(f)} about the ${f.role} position.`,
      (f) => `Thank you for our conversation ${on(f)} about the ${f.role} role${at(f.company)}.`,
      (f) => `I appreciated the chance to talk with you ${on(f)} about the ${f.role} position.`,
    ],
    interests: [
      () => "Although I have withdrawn from the process, I very much enjoyed learning about the team and its work.",
      (f) => `I have decided to withdraw my application, but I valued learning about ${companyOrTeam(f.company)}.`,
      () => "While I have withdrawn from the process, I appreciated the openness of our conversation.",
    ],
    questions: STAY_IN_TOUCH,
  },

  conversation: {
    subject: (f) => `The ${f.role} role`,
    openings: [
      (f) => `Thank you for your message about the ${f.role} role${at(f.company)}.`,
      (f) => `Thank you for getting in touch about the ${f.role} position.`,
      (f) => `Thank you for contacting me about the ${f.role} role.`,
    ],
    interests: [
      () => "I would be glad to learn more about it and to tell you about my experience.",
      () => "It sounds like a good match for my background, and I would welcome a conversation.",
      (f) => `I would be happy to hear more about the role and about ${companyOrTeam(f.company)}.`,
    ],
    questions: [
      () => "Could you tell me more about the next steps?",
      () => "What would be a good next step from your side?",
      () => "Would you like me to send my CV or any other details?",
    ],
  },

  offerElsewhere: {
    subject: (f) => `${f.role} – an update from my side`,
    openings: [
      (f) => `I wanted to let you know that I have received an offer from another company, with a decision due by ${f.deadline}.`,
      (f) => `Since we spoke, I have received another offer and have been asked to reply by ${f.deadline}.`,
      (f) => `A quick update from my side: I have received another job offer and have been asked to respond by ${f.deadline}.`,
    ],
    interests: [
      (f) => `The ${f.role} position${at(f.company)} remains my first choice, so I wanted to let you know before I decide.`,
      (f) => `I would much prefer to join ${companyOrTeam(f.company)} in the ${f.role} role, which is why I wanted to tell you before making a decision.`,
      (f) => `Because the ${f.role} role is the one I am most excited about, I wanted to share this with you first.`,
    ],
    questions: [
      () => "Would it be possible to share where things stand in your process before then?",
      () => "Is there any chance of an update on your timing before that date?",
      () => "Could you let me know whether a decision on your side might be possible by then?",
    ],
  },

  newInformation: {
    subject: (f) => `${f.role} – an update from my side`,
    openings: [
      (f) => `Since our conversation ${on(f)} about the ${f.role} position, there is one update I would like to share:`,
      (f) => `I thought it might be useful to share a short update related to the ${f.role} role we discussed ${on(f)}:`,
      (f) => `There is one new development I would like to add to our conversation ${on(f)} about the ${f.role} position:`,
    ],
    openingsWithoutDate: [
      (f) => `Since I applied for the ${f.role} position, there is one update I would like to share:`,
      (f) => `I thought it might be useful to share a short update related to the ${f.role} role:`,
      (f) => `There is one new development I would like to add to my application for the ${f.role} position:`,
    ],
    interests: [
      () => "I remain very interested in the role and confident that I could contribute to the team.",
      () => "The position is still a top priority for me, and I believe this makes my fit even stronger.",
      (f) => `I am still very enthusiastic about joining ${companyOrTeam(f.company)}.`,
    ],
    questions: [
      () => "Would it be helpful if I shared more detail on this?",
      () => "Is there anything else that would help with your decision?",
      () => "Could you let me know what the next steps in the process are?",
    ],
  },
};
