import { describe, expect, it } from "vitest";
import {
  cleanOrganisationName, extractInterviewers, looksLikePersonName, nameMatchesAddress, readCompany, readContact, readRole, readSignatureLines,
  type PartiesInput,
} from "../../../src/core/understanding/parties.ts";

describe("names", () => {
  it("strips department words from either end of a display name, unless the domain spells them", () => {
    expect(cleanOrganisationName("Recruiting Team Harrow Mills", "harrowmills")).toBe("Harrow Mills");
    expect(cleanOrganisationName("Harrow Mills Careers", "harrowmills")).toBe("Harrow Mills");
    expect(cleanOrganisationName("Equipo de Recursos Humanos - Olmedo", "olmedo")).toBe("Olmedo");
    expect(cleanOrganisationName("Ihr Team von Sonnhalde", "sonnhalde")).toBe("Sonnhalde");
    expect(cleanOrganisationName("Brightfield via HireDesk", "hiredesk")).toBe("Brightfield");
    expect(cleanOrganisationName("Northgate Recruitment", "northgate-recruitment")).toBe("Northgate Recruitment");
    expect(cleanOrganisationName("HR Team", "acme")).toBeNull();
  });

  it("tells a person's display name from an organisation's", () => {
    expect(nameMatchesAddress("Ann Lee", "ann.lee@firm.example")).toBe(true);
    expect(nameMatchesAddress("Tom Hadfield", "thadfield@firm.example")).toBe(true);
    expect(nameMatchesAddress("Carrow Housing Careers", "careers@carrow.example")).toBe(false);
    expect(looksLikePersonName("Dr Helen Varga")).toBe(true);
    expect(looksLikePersonName("Lotte de Graaf")).toBe(true);
    expect(looksLikePersonName("Harrow Mills Group")).toBe(false);
    expect(looksLikePersonName("Talent Acquisition")).toBe(false);
  });

  it("matches an initial and surname joined directly or by one of . _ -", () => {
    const matches = ["t.hadfield", "hadfield-t", "thadfield", "hadfield_t", "th.hadfield"].map((local) => nameMatchesAddress("Tom Hadfield", `${local}@firm.example`));
    expect(matches).toEqual([true, true, true, true, false]);
  });

  it("reads the lines under the last closing, up to the first contact detail", () => {
    expect(readSignatureLines("Hi,\nthanks.\n\nMit freundlichen Grüßen\n\nIhr Recruiting Team\nSonnhalde AG\n\nLindenweg 4\n12345 Musterstadt")).toEqual([
      "Ihr Recruiting Team",
      "Sonnhalde AG",
      "Lindenweg 4",
    ]);
  });

  it("takes a closing followed by a name on its line, in any case, and skips prose that merely starts like one", () => {
    expect(readSignatureLines("Thanks again.\nCheers, Ann\nAnn Berg\nTalent Partner\n+44 20 7946 0000")).toEqual(["Ann Berg", "Talent Partner"]);
    expect(readSignatureLines("Hello\nBEST REGARDS!!!\nJo Park")).toEqual(["Jo Park"]);
    expect(readSignatureLines("Best regards and many thanks for the long and detailed answer you sent.\nNot a signature")).toEqual([]);
  });

  it("gives each caller its own list", () => {
    const text = "Bye.\n\nKind regards,\nLea Vogt";
    readSignatureLines(text).push("changed");
    expect(readSignatureLines(text)).toEqual(["Lea Vogt"]);
  });
});

describe("readCompany", () => {
  it("keeps a labelled company as written, legal form included", () => {
    expect(readCompany(input({ text: "Candidate\tMira\nCompany\tHalvorsen & Berg, Inc.\n" })).value).toBe("Halvorsen & Berg, Inc.");
  });

  it("prefers the client in 'position X (Client)' over the agency that sends", () => {
    const text = "Your status for the position Payroll Clerk (Greywell Foods) changed.\n\nRegards,\nQuinn Talent";
    expect(readCompany(input({ text, from: { name: "Quinn Talent", address: "no-reply@quinntalent.example" } })).value).toBe("Greywell Foods");
  });

  it("an agency writing about a placement names the employer the position is at", () => {
    const text = "Your interview for the Store Manager position at Oakhurst Grocers is confirmed.\n\nBest regards,\nPenhale Recruitment";
    expect(readCompany(input({ text, from: { name: "Penhale Recruitment", address: "jobs@penhale.example" } })).value).toBe("Oakhurst Grocers");
  });

  it("weighs display name, text and signature, and keeps the fullest written form", () => {
    const text = "Thank you for applying to Marrowind. We will be in touch.\n\nKind regards,\nMarrowind Ltd";
    expect(readCompany(input({ text, from: { name: "Marrowind Careers", address: "careers@marrowind.example" } })).value).toBe("Marrowind Ltd");
  });

  it("a one-word display name that is the sender's given name is not a company", () => {
    const text = "Hi Mira, thanks for your application.\n\nSam";
    expect(readCompany(input({ text, from: { name: "Sam", address: "sam.keller@ironvale.example" } })).value).toBeNull();
  });

  it("reads a phrase wherever its keyword stands, capitalised or repeated", () => {
    const text = "Thank you for your Application. Your Interview for the Position at Harbour Tide Foods is confirmed.\nInterview with us, the position at Harbour Tide Foods.";
    expect(readCompany(input({ text })).value).toBe("Harbour Tide Foods");
  });

  it("reads phrases the same when lower-casing lengthens the text (a dotted capital I)", () => {
    const text = "Thank you for applying to Corvel Systems. We enjoyed the interview at Corvel Systems.";
    expect(readCompany(input({ text: `İzmir office.\n${text}` })).value).toBe("Corvel Systems");
  });

  it("reads a 'Role (Company)' qualifier in the subject or the body", () => {
    expect(readCompany(input({ subject: "Position Payroll Clerk (Greywell Foods)", text: "Your status changed.\nRegards" })).value).toBe("Greywell Foods");
    expect(readCompany(input({ subject: "Update", text: "Hello,\nyour status for the Role Store Lead (Maple & Birch) changed.\nRegards" })).value).toBe("Maple & Birch");
  });

  it("never names a company from the sender's domain alone, nor from people's names", () => {
    const text = "Hi Mira,\n\nI saw your profile and would love to chat about opportunities.\n\nCheers,\nPaul Ostrander\nTalent Acquisition";
    expect(readCompany(input({ text, from: { name: "Paul Ostrander", address: "paul@ostrander-aero.example" } })).value).toBeNull();
  });
});

describe("readCompany: candidates with evidence", () => {
  it("never takes a video, calendar or booking product for the employer", () => {
    const text = "Your interview is confirmed.\n\nJoin Zoom Meeting\nhttps://zoom.us/j/123\n\nInvitation from Google Calendar";
    expect(readCompany(input({ text, from: { name: "Calendly", address: "notifications@calendly.com" } })).value).toBeNull();
    expect(readCompany(input({ text: "Join the Microsoft Teams Meeting for your interview at Harrow Mills." })).value).toBe("Harrow Mills");
  });

  it("ends a name at a reader's boundaries: an abbreviation's dot does not, 'and I' does", () => {
    expect(readCompany(input({ text: "Thank you for your interest in the Staff Nurse position at St. Aldric Hospital." })).value).toBe("St. Aldric Hospital");
    expect(readCompany(input({ text: "It was good to meet you about the role at Brisco Freight and I hope we stay in touch." })).value).toBe("Brisco Freight");
  });

  it("drops a programme's department words from a sender name ('Early Careers')", () => {
    expect(cleanOrganisationName("Halloway Bio Early Careers", "hallowaybio")).toBe("Halloway Bio");
    expect(cleanOrganisationName("Campus Recruiting - Fenwick Analytics", "fenwick")).toBe("Fenwick Analytics");
  });

  it("a lone given name of a person in the mail is never the company", () => {
    const text = "Your interview with Dana is confirmed for Tuesday.\n\nBest regards,\nDana Whitmore";
    expect(readCompany(input({ text, from: { name: "Dana Whitmore", address: "dana@ironvale.example" } })).value).toBeNull();
  });

  it("'X via Service' and 'on behalf of X' give X; a person writing via a network stays a person", () => {
    expect(readCompany(input({ text: "Your interview at Ledgerwood is moved.", from: { name: "Ledgerwood via Hirewell", address: "no-reply@hirewell.example" } })).value).toBe("Ledgerwood");
    expect(readCompany(input({ from: { name: "Lisa Brandt on behalf of Corvin & Hale Careers", address: "careers@corvinhale.example" } })).value).toBe("Corvin & Hale");
    expect(readCompany(input({ text: "Hi Mira,\n\nWould you be open to a call?\n\nBest,\nJo Park", from: { name: "Jo Park via LinkedIn", address: "inmail-hit-reply@linkedin.com" } })).value).toBeNull();
  });

  it("a sender name that its own domain spells is the organisation, however it reads", () => {
    const text = "Thank you for applying to Jamworth Security. We will review your application soon.";
    expect(readCompany(input({ text, from: { name: "Jamworth Security", address: "scheduling@jamworthsecurity.example" } })).value).toBe("Jamworth Security");
    expect(readContact(input({ text, from: { name: "Jamworth Security", address: "scheduling@jamworthsecurity.example" } }), "Jamworth Security").value).toEqual({
      name: null,
      email: "scheduling@jamworthsecurity.example",
    });
  });

  it("finds a name the sender's domain spells, in the text, a signature or a calendar title", () => {
    const text = "We will not take your application further.\n\nBrindle Systems values every applicant.\n\nRowan Pike\nPeople Lead";
    const found = readCompany(input({ text, from: { name: "Rowan Pike", address: "rowan.pike@brindle.example" } }));
    expect(found.value).toBe("Brindle Systems");
    expect(found.confidence?.evidence).toContain("matches the sender's domain brindle.example (1.5)");
    const calendar = { organizer: null, attendees: [], summary: "Ardmore Capital – Treasury Analyst interview", location: null, description: null };
    expect(readCompany(input({ text: "See you then.", calendar, from: { name: "Ines Okafor", address: "iokafor@ardmorecapital.example" } })).value).toBe("Ardmore Capital");
  });

  it("does not read a name inside a link, and a service's or mail provider's domain spells nothing", () => {
    const text = "Join: https://zoom.us/j/1?pwd=Quillwood\n\nQuillwood is hiring.";
    expect(readCompany(input({ text, from: { name: "Ann Lee", address: "ann.lee@gmail.com" } })).value).toBeNull();
  });

  it("a person's display name beside their organisation gives both", () => {
    const from = { name: "Anna Schmidt | Quarzwerk GmbH", address: "a.schmidt@quarzwerk.example" };
    expect(readCompany(input({ text: "Vielen Dank für Ihre Bewerbung.", from })).value).toBe("Quarzwerk GmbH");
    expect(readContact(input({ text: "Vielen Dank für Ihre Bewerbung.", from }), "Quarzwerk GmbH").value).toEqual({ name: "Anna Schmidt", email: "a.schmidt@quarzwerk.example" });
  });

  it("a signature line alone names no company unless it reads as an organisation", () => {
    const text = (line: string): string => `Thanks for your time today.\n\nBest regards,\nKim Roe\n${line}`;
    const from = { name: "Kim Roe", address: "kim.roe@roe-mail.example" };
    expect(readCompany(input({ text: text("Sent from my iPhone"), from })).value).toBeNull();
    expect(readCompany(input({ text: text("Berlin, Germany"), from })).value).toBeNull();
    expect(readCompany(input({ text: text("Oakhurst Logistics"), from })).value).toBe("Oakhurst Logistics");
  });

  it("an ATS writing for an employer: the employer the position is at, not the ATS's brand", () => {
    const text = "Hello Sam, we would like to see you for an interview for the Junior Data Engineer role at Finch Labs next week.";
    expect(readCompany(input({ text, from: { name: "HireNest", address: "no-reply@hirenest.example" } })).value).toBe("Finch Labs");
  });

  it("reads a booking title's employer side: 'Interview: <candidate> <> <company>'", () => {
    const calendar = { organizer: { name: "Theo Lind", email: "theo@corbel.example" }, attendees: [], summary: "Interview: Mira Okonkwo <> Corbel", location: null, description: null };
    expect(readCompany(input({ text: "Your event is scheduled.", calendar })).value).toBe("Corbel");
  });
});

describe("readRole", () => {
  it.each([
    ["We are pleased to invite you for the Senior .NET Developer position.", "Senior .NET Developer"],
    ["Thank you for applying for the position of Night Auditor at our hotel.", "Night Auditor"],
    ["Vielen Dank für Ihre Bewerbung als Fachinformatikerin (w/m/d) und Ihr Interesse.", "Fachinformatikerin (w/m/d)"],
    ["Merci pour votre candidature au poste de Responsable logistique, nous revenons vers vous.", "Responsable logistique"],
    ["Gracias por su interés en el puesto de Técnica de Laboratorio en Olmedo.", "Técnica de Laboratorio"],
    ["Obrigado pela candidatura à vaga de Designer Gráfico.", "Designer Gráfico"],
    ["Bedankt voor je sollicitatie voor de functie van Teamleider Logistiek.", "Teamleider Logistiek"],
    ["Job Opening\tWarehouse Associate", "Warehouse Associate"],
    ["Le invitamos a una entrevista para el puesto de Contable el jueves 14 de mayo.", "Contable"],
    ["Tidewell sent you a message about your application for Warehouse Associate.", "Warehouse Associate"],
  ])("%s", (text, role) => {
    expect(readRole(input({ text }), null).value).toBe(role);
  });

  it("takes the role named first in the text, whichever phrase names it, in any case", () => {
    expect(readRole(input({ text: "Thanks for your interest in the Data Analyst position. The position of Chief Baker is closed." }), null).value).toBe("Data Analyst");
    expect(readRole(input({ text: "İ. The position of Chief Baker is open. Thanks for your interest in the Data Analyst position." }), null).value).toBe("Chief Baker");
    expect(readRole(input({ text: "We reviewed your CV for the POSITION OF Line Cook." }), null).value).toBe("Line Cook");
  });

  it("falls back to a subject segment that ends in a job title", () => {
    expect(readRole(input({ subject: "Interview request - Pastry Chef", text: "Can you come in on Monday?" }), null).value).toBe("Pastry Chef");
  });

  it("takes the title out of a subject's or calendar title's segment, without the words around it", () => {
    const role = (subject: string, summary: string | null = null): string | null =>
      readRole(input({ subject, text: "See you soon.", calendar: summary ? { organizer: null, attendees: [], summary, location: null, description: null } : null }), "Acme").value;
    expect(role("Update sollicitatie Medior Backend Developer")).toBe("Medior Backend Developer");
    expect(role("Your Job Application: Sales and Partnerships Manager")).toBe("Sales and Partnerships Manager");
    expect(role("Invitation: Acme – Firmware Engineer interview @ Thu Mar 12, 2026 2pm - 3pm (CET)")).toBe("Firmware Engineer");
    expect(role("Update", "Acme – Treasury Analyst interview (rescheduled)")).toBe("Treasury Analyst");
    expect(role("Cancelled: Interview – Payments Tester (Ola Brandt)")).toBe("Payments Tester");
  });

  it("leaves markup and the rest of the sentence out of a role", () => {
    expect(readRole(input({ text: "Bedankt voor je sollicitatie voor de functie **Data Analist** bij ons." }), null).value).toBe("Data Analist");
    expect(readRole(input({ text: "La cita para el puesto de Analista de Riesgos está confirmada." }), null).value).toBe("Analista de Riesgos");
    expect(readRole(input({ text: "Vielen Dank für Ihre Bewerbung als Kaufmann für Büromanagement (m/w/d) bei uns." }), null).value).toBe("Kaufmann für Büromanagement (m/w/d)");
    expect(readRole(input({ text: "Vielen Dank für Ihre Bewerbung als Lagerhelfer für die Nachtschicht." }), null).value).toBe("Lagerhelfer");
  });

  it("reads a role from a greeting that addresses the candidate by it", () => {
    expect(readRole(input({ text: "Dear Data Engineer Candidate,\n\nthank you for your time." }), null).value).toBe("Data Engineer");
    expect(readRole(input({ text: "Hi Jordan, thank you for being a great candidate." }), null).value).toBeNull();
  });

  it("is surer when the subject names the same role", () => {
    const text = "Thank you for applying for the Night Auditor position.";
    const alone = readRole(input({ text }), null).confidence?.score ?? 0;
    expect(readRole(input({ text, subject: "Night Auditor application" }), null).confidence?.score).toBeGreaterThan(alone);
  });

  it("is null when no position is named (a calendar title is not a role)", () => {
    expect(readRole(input({ subject: "Invitation: Interview – Harrow Mills", text: "Title: Interview – Harrow Mills\nWhen: Tue 3 Mar" }), "Harrow Mills").value).toBeNull();
  });
});

describe("readContact (C9)", () => {
  it("a human sender is the contact", () => {
    expect(readContact(input({ from: { name: "Ann Lee", address: "ann.lee@firm.example" } }), null).value).toEqual({ name: "Ann Lee", email: "ann.lee@firm.example" });
  });

  it("a human calendar organizer comes first", () => {
    const calendar = { organizer: { name: "Bo Hansen", email: "bo.hansen@firm.example" }, attendees: [], summary: null, location: null, description: null };
    expect(readContact(input({ from: { name: "HR Team", address: "hr@firm.example" }, calendar }), null).value).toEqual({ name: "Bo Hansen", email: "bo.hansen@firm.example" });
  });

  it("a signer behind a no-reply address gets no address", () => {
    const text = "Your status has changed.\n\nTake care,\n\nDana Whitmore\n\nQuinn Talent";
    expect(readContact(input({ text, from: { name: "Quinn Talent", address: "no-reply@quinntalent.example" } }), "Quinn Talent").value).toEqual({ name: "Dana Whitmore", email: null });
  });

  it("a signer of mail sent through a scheduling tool is reached at the employer's mailbox it came from", () => {
    const text = "Your interview is cancelled.\n\nThank you,\nRhea Castell\n\nSent via Slotwise Scheduler";
    expect(readContact(input({ text, from: { name: "Carrow Careers", address: "careers@carrow.example" } }), "Carrow").value).toEqual({ name: "Rhea Castell", email: "careers@carrow.example" });
  });

  it("a labelled contact person, with titles removed", () => {
    const text = "Termin: 12.05.2026\nAnsprechpartner: Herr Jonas Albrecht\n\nIhr Recruiting Team";
    expect(readContact(input({ text, from: { name: "Recruiting Team Sonnhalde", address: "jobs@sonnhalde.example" } }), "Sonnhalde").value).toEqual({ name: "Jonas Albrecht", email: "jobs@sonnhalde.example" });
  });

  it("with no person named, the employer's team mailbox: a follow-up can go there", () => {
    const text = "See you then.\n\nBest regards,\nThe Harrow Mills Hiring Team";
    expect(readContact(input({ text, from: { name: "Harrow Mills Careers", address: "careers@harrowmills.example" } }), "Harrow Mills").value).toEqual({ name: null, email: "careers@harrowmills.example" });
  });
});

describe("readContact: whom a follow-up goes to", () => {
  it("a person relayed by a service is reached at the reply address", () => {
    const from = { name: "Nadia Osei", address: "no-reply@us.greenhouse-mail.io" };
    expect(readContact(input({ from, replyTo: { name: null, address: "nadia.osei@tarnwood.example" } }), null).value).toEqual({ name: "Nadia Osei", email: "nadia.osei@tarnwood.example" });
    expect(readContact(input({ from }), null).value).toEqual({ name: "Nadia Osei", email: null });
  });

  it("never a service's address, even one that reads like a team mailbox", () => {
    for (const address of ["no-reply@acme.example", "hr-notifications@acme.example", "calendar-notification@google.com", "acme@myworkday.com", "messenger@smartrecruiters.com"]) {
      expect(readContact(input({ text: "Your status changed.", from: { name: "Acme", address } }), "Acme").value).toBeNull();
    }
  });

  it("a calendar organizer's address when nothing better is known", () => {
    const calendar = { organizer: { name: null, email: "ravi.menon@quarrylane.example" }, attendees: [], summary: null, location: null, description: null };
    expect(readContact(input({ from: { name: "Google Calendar", address: "calendar-notification@google.com" }, calendar }), null).value).toEqual({ name: null, email: "ravi.menon@quarrylane.example" });
  });

  it("a named person's own address when the text gives it", () => {
    const text = "Questions? Write to Sanne de Vries (sanne.devries@veldkamp.example).\n\nMet vriendelijke groet,\nSanne de Vries";
    expect(readContact(input({ text, from: { name: "Veldkamp Talent", address: "no-reply@ashbyhq.com" } }), "Veldkamp").value).toEqual({ name: "Sanne de Vries", email: "sanne.devries@veldkamp.example" });
  });

  it("a lone given name as display name is not a name to greet by", () => {
    expect(readContact(input({ from: { name: "Someone", address: "someone@firm.example" } }), null).value).toEqual({ name: null, email: "someone@firm.example" });
  });
});

describe("extractInterviewers", () => {
  it("calendar attendees minus the owner, and people named under an interviewer label", () => {
    const calendar = {
      organizer: null,
      attendees: [{ name: "Mira Okonkwo", email: "me@example.com" }, { name: "Bo Hansen", email: "bo.hansen@firm.example" }],
      summary: null,
      location: null,
      description: null,
    };
    expect(extractInterviewers(input({ text: "Interviewers: Ana Ruiz and Ken Ito", calendar }), null)).toEqual([
      { name: "Bo Hansen", email: "bo.hansen@firm.example" },
      { name: "Ana Ruiz", email: null },
      { name: "Ken Ito", email: null },
    ]);
  });

  it("people the text says the candidate meets, but never the sender, nor someone already known", () => {
    const text = "We would like to invite you to a video interview with Tomas Reyes, our Head of Data, and Bo Hansen.\n\nBest,\nLia Moreau";
    const calendar = { organizer: null, attendees: [{ name: null, email: "bo.hansen@firm.example" }], summary: null, location: null, description: null };
    expect(extractInterviewers(input({ text, calendar, from: { name: "Lia Moreau", address: "lia.moreau@firm.example" } }), "Firm")).toEqual([
      { name: null, email: "bo.hansen@firm.example" },
      { name: "Tomas Reyes", email: null },
    ]);
    expect(extractInterviewers(input({ text: "Your interview with Lia Moreau is confirmed.", from: { name: "Lia Moreau", address: "lia.moreau@firm.example" } }), null)).toEqual([]);
  });
});

function input(overrides: Partial<PartiesInput>): PartiesInput {
  return {
    subject: "",
    text: "",
    from: null,
    replyTo: null,
    recipients: [{ name: "Mira Okonkwo", address: "me@example.com" }],
    calendar: null,
    links: [],
    ...overrides,
  };
}
