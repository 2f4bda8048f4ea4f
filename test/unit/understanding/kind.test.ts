import { describe, expect, it } from "vitest";
import { classifyKind, isJobRelated } from "../../../src/core/understanding/kind.ts";
import type { EmailKind } from "../../../src/core/understanding/types.ts";

const read = (subject: string, text: string, calendar: { method: string | null; status: string | null; sequence: number | null } | null = null) =>
  classifyKind({ subject, text, calendar });

describe("classifyKind", () => {
  it.each<[EmailKind, string, string]>([
    ["invitation", "Interview", "We would like to invite you to an interview for the Welder position next week."],
    ["invitation", "Einladung", "Wir laden Sie herzlich zu einem Vorstellungsgespräch ein."],
    ["invitation", "Entretien", "Nous souhaitons vous convier à un entretien pour le poste de comptable."],
    ["invitation", "Entrevista", "Nos gustaría invitarle a una entrevista para el puesto de enfermera."],
    ["invitation", "Entrevista", "Temos o prazer de o convidar para uma entrevista para a vaga de motorista."],
    ["invitation", "Uitnodiging", "Graag nodigen we je uit voor een sollicitatiegesprek."],
    ["scheduling_confirmation", "Your interview", "Your interview with the panel has been scheduled for Monday."],
    ["scheduling_confirmation", "Bevestiging", "Hierbij bevestigen we je sollicitatiegesprek op maandag."],
    ["reschedule", "Update", "Your interview has been moved to Thursday afternoon."],
    ["reschedule", "Termin", "Ihr Vorstellungsgespräch wurde leider auf Freitag verschoben."],
    ["cancellation", "Cancelled: Interview", "The interview has been cancelled; we regret to inform you of this change."],
    ["cancellation", "Entretien", "Votre entretien de mardi est annulé."],
    ["rejection", "Your application", "Unfortunately we will not be moving forward with your application."],
    ["rejection", "Candidatura", "Lamentamos informarle de que no ha sido seleccionada para el puesto."],
    ["rejection", "Sollicitatie", "Helaas hebben we gekozen voor een andere kandidaat."],
    ["offer", "Offer", "We are pleased to offer you the position of Line Cook."],
    ["offer", "Proposta", "Temos o prazer de lhe apresentar uma proposta de colaboração."],
    ["next_round", "Next steps", "We'd like to move you to the next round of our hiring process."],
    ["next_round", "Volgende stap", "We willen graag de volgende stap zetten in je sollicitatie."],
    ["generic", "Application received", "Thank you for your application. We will review it carefully."],
  ])("%s: %s", (kind, subject, text) => {
    expect(read(subject, text).kind).toBe(kind);
  });

  it("a calendar cancellation wins over everything the text says", () => {
    expect(read("Interview", "We are pleased to invite you to an interview.", { method: "CANCEL", status: null, sequence: 1 }).kind).toBe("cancellation");
  });

  it("a calendar request without any wording is an invitation", () => {
    expect(read("Interview – Mira Okonkwo", "Interview with the team.", { method: "REQUEST", status: "CONFIRMED", sequence: 0 }).kind).toBe("invitation");
  });

  it("'if you need to reschedule' does not make a reschedule", () => {
    expect(read("Interview details", "Your interview is confirmed for Monday. If you need to reschedule, let us know.").kind).toBe("scheduling_confirmation");
  });

  it("only the conditional sentence is set aside, wherever it stands", () => {
    expect(read("Thank you", "If you pass this stage, we will invite you to a second round. Thank you for applying.").kind).toBe("generic");
    expect(read("Interview", "Thank you for applying.\nWe would like to invite you to an interview on Monday.\nIf you cannot make it, tell us.").kind).toBe("invitation");
  });

  it("a conditional invitation in an acknowledgement stays generic", () => {
    const text = "Vielen Dank für Ihre Bewerbung. Bei positiver Vorauswahl laden wir Sie zu einem Gespräch ein.";
    expect(read("Ihre Bewerbung", text).kind).toBe("generic");
  });

  it("a newsletter or receipt is not job-related, and then generic", () => {
    expect(read("Your order has shipped", "Thanks for shopping with us! Your parcel arrives Tuesday.")).toEqual({ kind: "generic", isJobRelated: false });
    expect(isJobRelated("Spring sale: 20% off all shoes")).toBe(false);
    expect(isJobRelated("Your role and salary are attached")).toBe(true);
  });
});
