import { describe, expect, it } from "vitest";
import {
  cleanOrganisationName, extractCompany, extractContact, extractInterviewers, extractRole, looksLikePersonName, nameMatchesAddress, readSignatureLines,
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

describe("extractCompany", () => {
  it("keeps a labelled company as written, legal form included", () => {
    expect(extractCompany(input({ text: "Candidate\tMira\nCompany\tHalvorsen & Berg, Inc.\n" }))).toBe("Halvorsen & Berg, Inc.");
  });

  it("prefers the client in 'position X (Client)' over the agency that sends", () => {
    const text = "Your status for the position Payroll Clerk (Greywell Foods) changed.\n\nRegards,\nQuinn Talent";
    expect(extractCompany(input({ text, from: { name: "Quinn Talent", address: "no-reply@quinntalent.example" } }))).toBe("Greywell Foods");
  });

  it("an agency writing about a placement names the employer the position is at", () => {
    const text = "Your interview for the Store Manager position at Oakhurst Grocers is confirmed.\n\nBest regards,\nPenhale Recruitment";
    expect(extractCompany(input({ text, from: { name: "Penhale Recruitment", address: "jobs@penhale.example" } }))).toBe("Oakhurst Grocers");
  });

  it("weighs display name, text and signature, and keeps the fullest written form", () => {
    const text = "Thank you for applying to Marrowind. We will be in touch.\n\nKind regards,\nMarrowind Ltd";
    expect(extractCompany(input({ text, from: { name: "Marrowind Careers", address: "careers@marrowind.example" } }))).toBe("Marrowind Ltd");
  });

  it("a one-word display name that is the sender's given name is not a company", () => {
    const text = "Hi Mira, thanks for your application.\n\nSam";
    expect(extractCompany(input({ text, from: { name: "Sam", address: "sam.keller@ironvale.example" } }))).toBeNull();
  });

  it("reads a phrase wherever its keyword stands, capitalised or repeated", () => {
    const text = "Thank you for your Application. Your Interview for the Position at Harbour Tide Foods is confirmed.\nInterview with us, the position at Harbour Tide Foods.";
    expect(extractCompany(input({ text }))).toBe("Harbour Tide Foods");
  });

  it("reads phrases the same when lower-casing lengthens the text (a dotted capital I)", () => {
    const text = "Thank you for applying to Corvel Systems. We enjoyed the interview at Corvel Systems.";
    expect(extractCompany(input({ text: `İzmir office.\n${text}` }))).toBe("Corvel Systems");
  });

  it("reads a 'Role (Company)' qualifier in the subject or the body", () => {
    expect(extractCompany(input({ subject: "Position Payroll Clerk (Greywell Foods)", text: "Your status changed.\nRegards" }))).toBe("Greywell Foods");
    expect(extractCompany(input({ subject: "Update", text: "Hello,\nyour status for the Role Store Lead (Maple & Birch) changed.\nRegards" }))).toBe("Maple & Birch");
  });

  it("never names a company from the sender's domain alone, nor from people's names", () => {
    const text = "Hi Mira,\n\nI saw your profile and would love to chat about opportunities.\n\nCheers,\nPaul Ostrander\nTalent Acquisition";
    expect(extractCompany(input({ text, from: { name: "Paul Ostrander", address: "paul@ostrander-aero.example" } }))).toBeNull();
  });
});

describe("extractRole", () => {
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
  ])("%s", (text, role) => {
    expect(extractRole(input({ text }), null)).toBe(role);
  });

  it("takes the role named first in the text, whichever phrase names it, in any case", () => {
    expect(extractRole(input({ text: "Thanks for your interest in the Data Analyst position. The position of Chief Baker is closed." }), null)).toBe("Data Analyst");
    expect(extractRole(input({ text: "İ. The position of Chief Baker is open. Thanks for your interest in the Data Analyst position." }), null)).toBe("Chief Baker");
    expect(extractRole(input({ text: "We reviewed your CV for the POSITION OF Line Cook." }), null)).toBe("Line Cook");
  });

  it("falls back to a subject segment that ends in a job title", () => {
    expect(extractRole(input({ subject: "Interview request - Pastry Chef", text: "Can you come in on Monday?" }), null)).toBe("Pastry Chef");
  });

  it("is null when no position is named (a calendar title is not a role)", () => {
    expect(extractRole(input({ subject: "Invitation: Interview – Harrow Mills", text: "Title: Interview – Harrow Mills\nWhen: Tue 3 Mar" }), "Harrow Mills")).toBeNull();
  });
});

describe("extractContact (C9)", () => {
  it("a human sender is the contact", () => {
    expect(extractContact(input({ from: { name: "Ann Lee", address: "ann.lee@firm.example" } }), null)).toEqual({ name: "Ann Lee", email: "ann.lee@firm.example" });
  });

  it("a human calendar organizer comes first", () => {
    const calendar = { organizer: { name: "Bo Hansen", email: "bo.hansen@firm.example" }, attendees: [], summary: null, location: null, description: null };
    expect(extractContact(input({ from: { name: "HR Team", address: "hr@firm.example" }, calendar }), null)).toEqual({ name: "Bo Hansen", email: "bo.hansen@firm.example" });
  });

  it("a signer behind a no-reply address gets no address", () => {
    const text = "Your status has changed.\n\nTake care,\n\nDana Whitmore\n\nQuinn Talent";
    expect(extractContact(input({ text, from: { name: "Quinn Talent", address: "no-reply@quinntalent.example" } }), "Quinn Talent")).toEqual({ name: "Dana Whitmore", email: null });
  });

  it("a signer of mail sent through a scheduling tool gets no address", () => {
    const text = "Your interview is cancelled.\n\nThank you,\nRhea Castell\n\nSent via Slotwise Scheduler";
    expect(extractContact(input({ text, from: { name: "Carrow Careers", address: "careers@carrow.example" } }), "Carrow")).toEqual({ name: "Rhea Castell", email: null });
  });

  it("a labelled contact person, with titles removed", () => {
    const text = "Termin: 12.05.2026\nAnsprechpartner: Herr Jonas Albrecht\n\nIhr Recruiting Team";
    expect(extractContact(input({ text, from: { name: "Recruiting Team Sonnhalde", address: "jobs@sonnhalde.example" } }), "Sonnhalde")).toEqual({ name: "Jonas Albrecht", email: null });
  });

  it("never a team mailbox without a person", () => {
    const text = "See you then.\n\nBest regards,\nThe Harrow Mills Hiring Team";
    expect(extractContact(input({ text, from: { name: "Harrow Mills Careers", address: "careers@harrowmills.example" } }), "Harrow Mills")).toBeNull();
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
    expect(extractInterviewers(input({ text: "Interviewers: Ana Ruiz and Ken Ito", calendar }))).toEqual([
      { name: "Bo Hansen", email: "bo.hansen@firm.example" },
      { name: "Ana Ruiz", email: null },
      { name: "Ken Ito", email: null },
    ]);
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
    ...overrides,
  };
}
