import { describe, expect, it } from "vitest";
import { findInterviewersInText, type NotInterviewers } from "../../../src/core/understanding/interviewers-in-text.ts";
import type { Person } from "../../../src/core/understanding/types.ts";

// The candidate, Robin Ellery, forwards mail from Ines Varga, who coordinates hiring at Wrenfield.
const NOT_INTERVIEWERS: NotInterviewers = {
  names: ["Robin Ellery", "Ines Varga", "Wrenfield"],
  emails: ["robin.ellery@mailbox.example", "ines.varga@wrenfield.example"],
};

function interviewersIn(text: string, notInterviewers: NotInterviewers = NOT_INTERVIEWERS): Person[] {
  return findInterviewersInText(text, notInterviewers);
}

function named(...names: string[]): Person[] {
  return names.map((name) => ({ name, email: null }));
}

describe("findInterviewersInText: who the text says interviews", () => {
  const found: [string, string, Person[]][] = [
    // English
    ["interview with a name and an appositive", "We would like to invite you to a video interview with Nkechi Adeyemi, our Head of Platform.", named("Nkechi Adeyemi")],
    ["call with a name and a role in parentheses", "Your phone call with Tomasz Wójcik (Hiring Manager) is confirmed for Tuesday.", named("Tomasz Wójcik")],
    ["speaking with a list", "You'll be speaking with Hannah Okoro (VP Engineering) and Felix Brandauer.", named("Hannah Okoro", "Felix Brandauer")],
    ["meeting with a list of three", "On Thursday you will be meeting with Nadia Costa, Ravi Menezes and Jon Albright.", named("Nadia Costa", "Ravi Menezes", "Jon Albright")],
    ["your interviewers will be", "Your interviewers will be Nadia Costa and Ravi Menezes.", named("Nadia Costa", "Ravi Menezes")],
    ["a panel label", "Panel: Nadia Costa, Ravi Menezes", named("Nadia Costa", "Ravi Menezes")],
    ["a role before the name", "You'll have a call with our CTO, Ada Lindgren, on Monday.", named("Ada Lindgren")],
    ["a role right before the name", "We'd like you to meet our Engineering Manager Yusuf Demir next week.", named("Yusuf Demir")],
    ["the list opens the sentence", "Hannah Okoro and Felix Brandauer will interview you.", named("Hannah Okoro", "Felix Brandauer")],
    ["conducted by, with a title", "The interview will be conducted by Dr. Helena Strand.", named("Helena Strand")],
    ["a round that includes people", "This final round will include Ravi Menezes and Jon Albright.", named("Ravi Menezes", "Jon Albright")],
    ["a sentence wrapped after its preposition", "We would like to invite you to a technical interview with\nMaeve O'Connor and Luis Peña next Tuesday afternoon.", named("Maeve O'Connor", "Luis Peña")],
    // German
    ["Gespräch führen, titles dropped", "Ihr Gespräch führen Frau Dr. Katrin Vogel und Herr Jonas Albers.", named("Katrin Vogel", "Jonas Albers")],
    ["Ihre Gesprächspartner sind", "Ihre Gesprächspartner sind Katrin Vogel (Teamleitung Data) und Jonas Albers.", named("Katrin Vogel", "Jonas Albers")],
    ["treffen Sie", "Vor Ort treffen Sie Frau Katrin Vogel und Herrn Jonas Albers.", named("Katrin Vogel", "Jonas Albers")],
    ["Vorstellungsgespräch mit a role", "Wir laden Sie zu einem Vorstellungsgespräch mit unserem Teamleiter Jonas Albers ein.", named("Jonas Albers")],
    // French
    ["entretien avec", "Nous vous proposons un entretien avec Claire Dubois, responsable data, le jeudi 12 mars.", named("Claire Dubois")],
    ["vous rencontrerez", "Vous rencontrerez Mme Élodie Marchand et M. Paul Girard.", named("Élodie Marchand", "Paul Girard")],
    // Spanish
    ["entrevista con", "Te invitamos a una entrevista técnica con Lucía Herrera, Head of Data.", named("Lucía Herrera")],
    ["conocerás a", "Conocerás a Lucía Herrera y Marta Solís.", named("Lucía Herrera", "Marta Solís")],
    // Dutch
    ["gesprek met", "We nodigen je uit voor een gesprek met Sanne de Wit en Daan Kuipers.", named("Sanne de Wit", "Daan Kuipers")],
    ["je spreekt met", "Op dinsdag spreek je met Daan Kuipers (teamleider data).", named("Daan Kuipers")],
    // Portuguese
    ["entrevista com", "Convidamos você para uma entrevista com João Ferreira e Ana Lima.", named("João Ferreira", "Ana Lima")],
    ["vai conhecer a role", "Você vai conhecer o nosso CTO, João Ferreira.", named("João Ferreira")],
  ];
  for (const [what, text, people] of found) {
    it(what, () => expect(interviewersIn(text)).toEqual(people));
  }

  it("keeps the address written with a name, inline or on the lines under a lead", () => {
    expect(interviewersIn("You will meet: Maeve O'Connor <maeve@wrenfield.example>, Luis Peña <luis.pena@wrenfield.example>")).toEqual([
      { name: "Maeve O'Connor", email: "maeve@wrenfield.example" },
      { name: "Luis Peña", email: "luis.pena@wrenfield.example" },
    ]);
    const listed = "Hi Robin,\n\nOn the day you will meet:\n\n- Maeve O'Connor <Maeve@Wrenfield.example>\n- Luis Peña – Staff Engineer\n\nPlease bring an ID.";
    expect(interviewersIn(listed)).toEqual([
      { name: "Maeve O'Connor", email: "maeve@wrenfield.example" },
      { name: "Luis Peña", email: null },
    ]);
  });

  it("names each person once, with the address when one mention gives it", () => {
    const text = "Your interview with Luis Peña is on Monday. You will meet: Luis Peña <luis.pena@wrenfield.example>";
    expect(interviewersIn(text)).toEqual([{ name: "Luis Peña", email: "luis.pena@wrenfield.example" }]);
  });
});

describe("findInterviewersInText: nothing when the name is not an interviewer's, or not sure", () => {
  const nothing: [string, string][] = [
    ["a company with an organisation word", "We'd like to invite you to an interview with Brightmoor Labs."],
    ["a company the sender's domain spells", "Your interview with Saltgrove Hadley is confirmed."],
    ["a company the text names as the employer", "Thanks for applying for the analyst position at Fenwick Marlow. We'd like to set up a call with Fenwick Marlow next week."],
    ["a team", "We would like to invite you to a video call with our team."],
    ["the hiring team", "Your interview with the hiring team is confirmed."],
    ["me, us, HR", "You'll have a short call with me, then a chat with us, then an interview with HR."],
    ["a role without a name", "We would like to invite you for a follow-up interview with one of our engineers, then with our CEO."],
    ["a product", "Join the meeting with Microsoft Teams or join with Google Meet."],
    ["the coordinator who writes", "Your interview with Ines Varga is confirmed for Monday."],
    ["someone described as the coordinator", "You'll have a short call with Oskar Lind (Recruiting Coordinator) to plan the day."],
    ["the candidate", "Please confirm your interview with Robin Ellery on Monday."],
    ["with pleasure", "We will meet with pleasure and speak with great interest."],
    ["with any questions", "Feel free to reply with any questions about your interview."],
    ["someone to ask", "If you have questions about the interview, speak with Oskar Lind."],
    ["with best wishes", "With best wishes,\nNkechi Adeyemi"],
    ["the signer", "You'll be speaking with Oskar Lind and me.\n\nBest,\nOskar Lind\nTalent Partner"],
    ["a quoted older message", "Thanks for confirming!\n\n> On Monday you will meet Nkechi Adeyemi."],
    ["a message quoted under its header", "Sounds good.\n\nOn Tue, 3 Mar 2026 at 10:02, Oskar Lind <oskar@wrenfield.example> wrote:\nYou will meet Nkechi Adeyemi."],
    ["a choice between two", "Your interview will be with Nkechi Adeyemi or Luis Peña, depending on availability."],
    ["a condition", "If you pass this stage, you'll meet Nkechi Adeyemi."],
    ["a replacement", "Instead of Nkechi Adeyemi, you will now meet Luis Peña."],
    ["a team behind a possessive", "We'd like to set up a call with Nkechi Adeyemi's team."],
    ["a meeting's title", "Interview with Morgan Blake – Data Analyst"],
    ["a given name alone", "You'll have a quick call with Nkechi tomorrow."],
    ["days and rooms", "We can meet Tuesday March 3 in Meeting Room Alpha."],
    ["a German department and the candidate", "Wir freuen uns auf das Gespräch mit Ihnen und ein Gespräch mit der Personalabteilung."],
    ["a German firm", "Wir laden Sie zu einem Vorstellungsgespräch mit Hartwig Logistik ein."],
    ["a French team", "Nous vous proposons un entretien avec l'équipe RH."],
    ["a Spanish team", "Te invitamos a una entrevista con el equipo de Recursos Humanos."],
    ["a Dutch closing", "Tot dan!\n\nMet vriendelijke groet,\nSanne de Wit"],
    ["a Portuguese team", "Convidamos você para uma entrevista com a equipa de Recrutamento."],
  ];
  const withSender: NotInterviewers = { ...NOT_INTERVIEWERS, emails: [...NOT_INTERVIEWERS.emails, "oskar.lind@saltgrove-hadley.example"] };
  for (const [what, text] of nothing) {
    it(what, () => expect(interviewersIn(text, withSender)).toEqual([]));
  }

  it("the employer's name given among the names that are no one's", () => {
    const text = "We'd like to invite you to an interview with Orrin Castell next week.";
    expect(interviewersIn(text, { names: ["Orrin Castell"], emails: [] })).toEqual([]);
    expect(interviewersIn(text, { names: [], emails: [] })).toEqual(named("Orrin Castell"));
  });

  it("the candidate the greeting names, whatever the recipients say", () => {
    expect(interviewersIn("Dear Morgan Blake,\n\nWe look forward to your interview with Morgan Blake on Monday.", { names: [], emails: [] })).toEqual([]);
  });

  it("a person whose address is the coordinator's", () => {
    expect(interviewersIn("You will meet: Ines Varga <ines.varga@wrenfield.example>, Luis Peña", { names: [], emails: ["ines.varga@wrenfield.example"] })).toEqual(named("Luis Peña"));
  });
});
