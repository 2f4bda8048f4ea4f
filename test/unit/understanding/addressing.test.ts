import { describe, expect, it } from "vitest";
import { type AddressingInput, isSamePersonName, readAddressing } from "../../../src/core/understanding/addressing.ts";

const DANA = { name: "Dana Whitfield", address: "dana.whitfield@saltmarsh.example" };

function read(text: string, overrides: Partial<AddressingInput> = {}) {
  return readAddressing({ text, from: DANA, contact: { name: DANA.name, email: DANA.address }, company: "Saltmarsh Bakery", ...overrides });
}

describe("C9: the register of the greeting to the candidate", () => {
  it.each([
    ["Dear Ms Okonkwo,", "formal"],
    ["Dear Mr. Okonkwo,", "formal"],
    ["Dear Sir or Madam,", "formal"],
    ["Hi Ada,", "informal"],
    ["Hello Ada Okonkwo,", "informal"],
    ["Sehr geehrte Frau Okonkwo,", "formal"],
    ["Sehr geehrte/r Ada Okonkwo,", "formal"],
    ["Hallo Frau Okonkwo,", "polite"],
    ["Hi Frau Okonkwo,", "polite"],
    ["Guten Tag Herr Okonkwo,", "polite"],
    ["Hallo Ada,", "informal"],
    ["Madame,", "formal"],
    ["Madame, Monsieur,", "formal"],
    ["Bonjour Madame Okonkwo,", "polite"],
    ["Bonjour Ada,", "informal"],
    ["Estimada Sra. Okonkwo:", "formal"],
    ["Estimado/a Ada Okonkwo:", "formal"],
    ["Buenos días, Sra. Okonkwo:", "polite"],
    ["Hola Ada:", "informal"],
  ] as const)("%s → %s", (greeting, formality) => {
    expect(read(`${greeting}\n\nThank you for your time.\n\nBest,\nDana`)?.formality).toBe(formality);
  });

  it.each([
    // First name after "Dear": warm or stiff, it does not tell.
    "Dear Ada,",
    // A template's full name after "Bonjour" or "Guten Tag" says nothing of the writer.
    "Bonjour Ada Okonkwo,",
    "Guten Tag Ada Okonkwo,",
    "Buenos días, Ada:",
  ])("%s leaves the register unknown", (greeting) => {
    expect(read(`${greeting}\n\nThank you for your time.\n\nBest,\nDana`)?.formality).toBeNull();
  });

  it("reads the greeting after a heading or a date, but not a salutation deep in the text", () => {
    expect(read("Interview Cancelled\n\nHi Ada,\n\nWe need to move the interview.\n\nBest,\nDana")?.formality).toBe("informal");
    const deep = ["Your interview is confirmed.", "Date: 12 March", "Time: 10:00", "Place: Harbour Road 4", "Panel: two people", "Length: one hour", "Hi there, see you soon.", "Best,", "Dana"];
    expect(read(deep.join("\n"))?.formality).toBeNull();
  });
});

describe("C9: the name they signed with", () => {
  it.each([
    ["Best,\nDana", "Dana"],
    ["Best regards,\n\nDana Whitfield\nSenior Recruiter", "Dana Whitfield"],
    ["Sincerely, Dana Whitfield", "Dana Whitfield"],
    ["Thanks,\n-- \nDana W.", "Dana W."],
    ["Thank you for your understanding,\nDana", "Dana"],
    ["Thank you.\nRegards,\nDana", "Dana"],
    ["Best,\n— Dana", "Dana"],
  ])("%j → %s", (signOff, signed) => {
    expect(read(`Hi Ada,\n\nSee you on Tuesday.\n\n${signOff}`)?.signedAs).toBe(signed);
  });

  it("reads the sign-off in German, French and Spanish", () => {
    const katrin = { name: "Katrin Vogel", address: "katrin.vogel@brennholt.example" };
    expect(read("Hallo Ada,\n\nbis Dienstag.\n\nViele Grüße\nKatrin", { from: katrin, contact: null })?.signedAs).toBe("Katrin");
    expect(read("Mit freundlichen Grüßen\n\ni.A. Katrin Vogel\nPersonalabteilung", { from: katrin, contact: null })?.signedAs).toBe("Katrin Vogel");
    const marie = { name: "Marie Dubois", address: "marie.dubois@lumen.example" };
    expect(read("Bonjour Ada,\n\nÀ mardi.\n\nCordialement,\nMarie Dubois", { from: marie, contact: null })?.signedAs).toBe("Marie Dubois");
    const ana = { name: "Ana López García", address: "ana.lopez@albora.example" };
    expect(read("Hola Ada:\n\nNos vemos el martes.\n\nSaludos,\nAna", { from: ana, contact: null })?.signedAs).toBe("Ana");
  });

  it("takes no name from a team, a company or someone else signing: a wrong name is worse than none", () => {
    expect(read("Hi Ada,\n\nSee you.\n\nBest regards,\nThe Saltmarsh Hiring Team")?.signedAs).toBeNull();
    expect(read("Hi Ada,\n\nSee you.\n\nBest regards,\nSaltmarsh Bakery")?.signedAs).toBeNull();
    expect(read("Hi Ada,\n\nSee you.\n\nBest,\nPriya")?.signedAs).toBeNull();
    expect(read("Hi Ada,\n\nSee you.\n\nBest,\nWhitfield")?.signedAs).toBeNull();
    expect(read("Hi Ada,\n\nThanks, and see you on Tuesday at the office.")?.signedAs).toBeNull();
  });

  it("finds no courtesy title in a name word that only an object's own properties would answer to", () => {
    for (const word of ["Constructor", "ToString", "ValueOf", "__proto__"]) {
      const writer = { name: `${word} Lee`, address: "lee@saltmarsh.example" };
      const reading = read("Hi Ada,\n\nSee you.\n\nBest,\nLee", { from: writer, contact: { name: writer.name, email: writer.address } });
      expect(reading?.title ?? null, word).toBeNull();
    }
  });

  it("reads nothing from quoted earlier mail: the candidate's own sign-off is not the recruiter's", () => {
    const ada = { name: "Ada Okonkwo", address: "ada@mailbox.example" };
    expect(read("Hi Ada,\n\nSounds good.\n\n> Hi Dana,\n> Best,\n> Ada", { contact: { name: ada.name, email: ada.address } })?.signedAs).toBeNull();
  });

  it("signs for the contact when an applicant system sends the mail, with the contact's address", () => {
    const system = { name: "Halden Institute via Applicant Desk", address: "no-reply@applicant-desk.example" };
    const helen = { name: "Helen Marsh", email: "h.marsh@halden.example" };
    expect(read("Dear Priya,\n\nWe confirm your interview.\n\nYours sincerely,\nDr Helen Marsh", { from: system, contact: helen, company: "Halden Institute" })).toEqual({
      email: "h.marsh@halden.example",
      name: "Helen Marsh",
      signedAs: "Helen Marsh",
      familyName: "Marsh",
      title: null,
      formality: null,
    });
  });

  it("prefers the sender when the contact is someone else with the same given name", () => {
    const other = { name: "Dana Reyes", email: "dana.reyes@saltmarsh.example" };
    expect(read("Hi Ada,\n\nSee you.\n\nBest,\nDana", { contact: other })?.email).toBe(DANA.address);
  });

  it("without a closing, takes the sender's full name standing alone as the signature, not a name introduced by a colon", () => {
    const nina = { name: "Nina Castillo", address: "nina.castillo@tallgrass.example" };
    expect(read("Hi Ada,\n\nCould we move to Friday?\n\nNina Castillo\nRecruiting Coordinator", { from: nina, contact: null })?.signedAs).toBe("Nina Castillo");
    expect(read("Hi Ada,\n\nYou will be contacted by:\nNina Castillo\nEmail: nina@tallgrass.example", { from: nina, contact: null })?.signedAs).toBeNull();
  });

  it("matches a sender known only by an address that spells the name", () => {
    const tom = { name: null, address: "thadley@skyforge.example" };
    expect(read("Hi Marcus,\n\nOpen to a call?\n\nBest,\nTom Hadley", { from: tom, contact: null })?.signedAs).toBe("Tom Hadley");
    expect(read("Hi Marcus,\n\nOpen to a call?\n\nBest,\nRob Lane", { from: tom, contact: null })?.signedAs).toBeNull();
  });

  it("reads the family name from a 'Family, Given' header, and not from a degree or a middle initial", () => {
    const reversed = { name: "Whitfield, Dana", address: DANA.address };
    expect(read("Hi Ada,\n\nSee you.\n\nBest,\nDana", { from: reversed, contact: null })).toMatchObject({ signedAs: "Dana", familyName: "Whitfield" });
    const doctor = { name: "Dana Whitfield, PhD", address: DANA.address };
    expect(read("Hi Ada,\n\nSee you.\n\nBest,\nDana", { from: doctor, contact: null })).toMatchObject({ signedAs: "Dana", familyName: "Whitfield" });
    expect(read("Hi Ada,\n\nSee you.\n\nBest,\nDana M. Whitfield")?.familyName).toBe("Whitfield");
  });

  it("reads a given name that is also a title elsewhere as a name", () => {
    const don = { name: "Don Ellery", address: "don.ellery@saltmarsh.example" };
    expect(read("Hi Ada,\n\nSee you.\n\nCheers,\nDon", { from: don, contact: null })).toMatchObject({ signedAs: "Don", title: null });
  });
});

describe("C9: the writer's own courtesy title, only when their mail shows it", () => {
  it("from a title before the signed name", () => {
    expect(read("Dear Ada,\n\nSee you.\n\nKind regards,\nMs. Dana Whitfield")).toMatchObject({ signedAs: "Dana Whitfield", title: "ms" });
    const sergio = { name: "Sergio Ruiz", address: "sergio.ruiz@albora.example" };
    expect(read("Estimada Sra. Okonkwo:\n\nUn cordial saludo,\nSr. Sergio Ruiz", { from: sergio, contact: null })?.title).toBe("mr");
  });

  it("from a gendered job title under the name, in German, French and Spanish", () => {
    const katrin = { name: "Katrin Okonkwo", address: "k.okonkwo@brennholt.example" };
    expect(read("Sehr geehrte Frau Meyer,\n\nMit freundlichen Grüßen\nKatrin Okonkwo\nPersonalreferentin\nBrennholt Werke GmbH", { from: katrin, contact: null })).toMatchObject({
      formality: "formal",
      signedAs: "Katrin Okonkwo",
      title: "ms",
    });
    const jonas = { name: "Jonas Richter", address: "j.richter@brennholt.example" };
    expect(read("Hallo Ada,\n\nViele Grüße\nJonas Richter\nPersonalreferent", { from: jonas, contact: null })?.title).toBe("mr");
    const marie = { name: "Marie Dubois", address: "marie.dubois@lumen.example" };
    expect(read("Madame,\n\nCordialement,\nMarie Dubois\nChargée de recrutement", { from: marie, contact: null })?.title).toBe("ms");
    const hugo = { name: "Hugo Martin", address: "hugo.martin@lumen.example" };
    expect(read("Bonjour Ada,\n\nCordialement,\nHugo Martin, Chargé de recrutement", { from: hugo, contact: null })?.title).toBe("mr");
    const elena = { name: "Elena Vidal", address: "elena.vidal@marea.example" };
    expect(read("Hola Martín:\n\nSaludos cordiales,\nElena Vidal\nCoordinadora de RR. HH.", { from: elena, contact: null })?.title).toBe("ms");
  });

  it("never from an English job title, a first name or the greeting, which names the candidate", () => {
    expect(read("Dear Ms Okonkwo,\n\nKind regards,\nDana Whitfield\nSenior Recruiter")?.title).toBeNull();
    expect(read("Hi Ada,\n\nBest,\nDana Whitfield\nTalent Partner (she/her)")?.title).toBeNull();
  });

  it("from the mail naming the contact with a title, when an unsigned team mail speaks for them", () => {
    const team = { name: "Recruiting Team Weidenbach", address: "bewerbung@weidenbach.example" };
    const tobias = { name: "Tobias Reindl", email: "bewerbung@weidenbach.example" };
    const text = "Sehr geehrte Frau Schulz,\n\nDatum: 05.05.2026\nAnsprechpartner: Herr Tobias Reindl\n\nMit freundlichen Grüßen\n\nIhr Recruiting Team";
    expect(read(text, { from: team, contact: tobias, company: "Weidenbach Holding AG" })).toEqual({
      email: "bewerbung@weidenbach.example",
      name: "Tobias Reindl",
      signedAs: null,
      familyName: null,
      title: "mr",
      formality: "formal",
    });
  });

  it("reads a middle initial as an initial, and sources that disagree as nothing", () => {
    expect(read("Hi Ada,\n\nBest,\nDana M. Whitfield")).toMatchObject({ signedAs: "Dana M. Whitfield", title: null });
    expect(read("Hi Ada,\n\nBest,\nMs Dana Whitfield\nPersonalreferent")?.title).toBeNull();
  });
});

describe("what the reading is kept for", () => {
  it("is null when the mail shows nothing about its writer", () => {
    expect(read("Your interview is on Tuesday at 10:00.")).toBeNull();
    expect(readAddressing({ text: "Hi Ada,\n\nBest,\nDana", from: null, contact: null, company: null })).toBeNull();
  });

  it("keeps the register of an unsigned mail for the sender's address", () => {
    const careers = { name: "Saltmarsh Careers", address: "careers@saltmarsh.example" };
    expect(read("Hi Ada,\n\nSee you on Tuesday.\n\nThe Saltmarsh team", { from: careers, contact: null })).toEqual({
      email: "careers@saltmarsh.example",
      name: "Saltmarsh Careers",
      signedAs: null,
      familyName: null,
      title: null,
      formality: "informal",
    });
  });
});

describe("isSamePersonName", () => {
  it.each([
    ["Dana", "Dana Whitfield", true],
    ["Dana W.", "Dana Whitfield", true],
    ["Dana Whitfield", "Whitfield, Dana", true],
    ["Dr. Helen Marsh", "Helen Marsh", true],
    ["Katrin von Berg", "Katrin Berg", true],
    ["Dana", "Priya Raman", false],
    ["Whitfield", "Dana Whitfield", false],
    ["Dana Reyes", "Dana Whitfield", false],
    ["D.", "Dana Whitfield", false],
  ] as const)("%s / %s → %s", (a, b, same) => {
    expect(isSamePersonName(a, b)).toBe(same);
    expect(isSamePersonName(b, a)).toBe(same);
  });
});
