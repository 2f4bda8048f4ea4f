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

describe("classifyKind: the same cues in every language", () => {
  it.each<[string, string, string]>([
    ["en", "Your application", "Our hiring team reviewed your application and did not select it for further consideration."],
    ["en", "Your application", "Thank you for your interest and your time. We wish you all the best in your future endeavours."],
    ["en", "Update", "We have decided to pursue candidates whose experience more closely matches the role."],
    ["de", "Ihre Bewerbung", "Nach sorgfältiger Prüfung haben wir entschieden, Ihre Bewerbung nicht weiter zu berücksichtigen."],
    ["de", "Absage", "Vielen Dank für Ihre Bewerbung. Wir wünschen Ihnen für Ihren weiteren beruflichen Werdegang alles Gute."],
    ["fr", "Votre candidature", "Nous avons décidé de ne pas donner suite à votre candidature."],
    ["fr", "Votre candidature", "Malheureusement, d’autres candidats correspondent davantage au profil recherché."],
    ["fr", "Candidature", "Votre candidature n'a pas été sélectionnée. Nous vous souhaitons plein succès dans vos recherches."],
    ["es", "Tu candidatura", "Hemos decidido continuar el proceso con otros candidatos."],
    ["es", "Candidatura", "Le deseamos mucho éxito en su búsqueda de empleo."],
    ["pt", "Candidatura", "Decidimos avançar com outros candidatos para esta vaga."],
    ["pt", "Candidatura", "Desejamos-lhe muito sucesso na sua procura de emprego. Infelizmente não foi selecionado."],
    ["nl", "Sollicitatie", "We hebben besloten niet verder te gaan met je sollicitatie."],
    ["nl", "Sollicitatie", "We wensen je veel succes bij je verdere zoektocht naar een baan."],
  ])("rejection (%s): %s", (_, subject, text) => {
    expect(read(subject, text).kind).toBe("rejection");
  });

  it.each<[string, string, string]>([
    ["en", "Interview update", "I'm sorry, but we need to reschedule your interview on Tuesday. Could we change the time to Thursday at 3pm?"],
    ["de", "Änderung des Vorstellungsgesprächs", "Wir müssen Ihr Vorstellungsgespräch am Dienstag leider verlegen."],
    ["de", "Ihr Termin", "Können wir das Vorstellungsgespräch auf Donnerstag, 14 Uhr verschieben?"],
    ["fr", "Votre entretien", "Nous devons malheureusement reporter votre entretien de mardi."],
    ["fr", "Modification de votre entretien", "Voici le nouvel horaire proposé."],
    ["es", "Cambio de entrevista", "Tenemos que reprogramar su entrevista del martes."],
    ["pt", "Entrevista", "Precisamos de remarcar a sua entrevista para quinta-feira."],
    ["nl", "Je gesprek", "Helaas moeten we je sollicitatiegesprek van dinsdag verzetten naar donderdag."],
    ["en", "Event rescheduled: 30 Minute Interview", "Your event has been rescheduled. Former: Monday 10:00. Updated: Tuesday 11:00."],
  ])("reschedule (%s): %s", (_, subject, text) => {
    expect(read(subject, text).kind).toBe("reschedule");
  });

  it.each<[string, string, string]>([
    ["en", "Interview", "Unfortunately we have to cancel your interview tomorrow because the role is on hold."],
    ["de", "Ihr Termin", "Leider müssen wir das Vorstellungsgespräch am Freitag absagen."],
    ["fr", "Entretien", "Nous sommes contraints d’annuler l’entretien prévu jeudi."],
    ["es", "Entrevista", "Lamentablemente tenemos que cancelar la entrevista del lunes."],
    ["pt", "Entrevista", "Infelizmente tivemos de cancelar a entrevista de segunda-feira."],
    ["nl", "Gesprek", "Helaas moeten we het sollicitatiegesprek van maandag annuleren."],
  ])("cancellation (%s): %s", (_, subject, text) => {
    expect(read(subject, text).kind).toBe("cancellation");
  });

  it.each<[string, string, string]>([
    ["en", "Good news", "Congratulations! You have been selected as the successful candidate and we would like to offer you the position."],
    ["de", "Ihre Bewerbung", "Wir freuen uns, Ihnen die Stelle als Elektroniker anbieten zu können."],
    ["fr", "Bonne nouvelle", "Nous avons le plaisir de vous proposer le poste de technicienne."],
    ["es", "Buenas noticias", "Nos complace ofrecerle el puesto de analista."],
    ["pt", "Boas notícias", "Temos o prazer de lhe oferecer a vaga de analista. Em anexo segue a carta-oferta."],
    ["nl", "Goed nieuws", "Graag bieden we je de functie van monteur aan; het contractvoorstel volgt."],
  ])("offer (%s): %s", (_, subject, text) => {
    expect(read(subject, text).kind).toBe("offer");
  });

  it.each<[string, string, string]>([
    ["en", "Interview confirmed", "I am writing to confirm your upcoming interview on Monday at 10:00."],
    ["en", "Confirmed: 30 Minute Interview with Dana Reyes", "Hi Sam, your 30 Minute Interview with Dana Reyes at 10:00am on Monday, June 1, 2026 is scheduled."],
    ["de", "Ihr Termin", "Ihr Vorstellungsgespräch am Montag um 10 Uhr ist hiermit bestätigt."],
    ["fr", "Entretien", "Votre entretien du lundi 8 juin à 10h est bien confirmé."],
    ["es", "Entrevista", "Su entrevista del lunes a las 10:00 ha quedado confirmada."],
    ["pt", "Entrevista", "A sua entrevista de segunda-feira às 10h está confirmada."],
    ["nl", "Gesprek", "Je sollicitatiegesprek op maandag om 10.00 uur is ingepland."],
    ["en", "RE: Availability", "Tuesday at 10 works for us. I've sent you a calendar invite.\n\nOn Mon, Sam wrote:\n> I am available for an interview on Tuesday at 10 or Wednesday at 2."],
  ])("scheduling confirmation (%s): %s", (_, subject, text) => {
    expect(read(subject, text).kind).toBe("scheduling_confirmation");
  });

  it.each<[string, string, string]>([
    ["en", "Application received", "Thank you for applying. If you are not selected for an interview, we will keep your resume on file."],
    ["en", "Application received", "Only shortlisted candidates will be contacted for an interview."],
    ["en", "Application received", "If you do not hear from us within two weeks, please consider your application unsuccessful."],
    ["en", "Thanks for applying", "Unfortunately we are unable to respond to every applicant individually. We will review your application carefully."],
    ["en", "Thanks for applying", "We will let you know whether you have been selected for the role."],
    ["de", "Eingangsbestätigung", "Vielen Dank für Ihre Bewerbung. Sollten Sie nicht in die engere Auswahl kommen, erhalten Sie eine kurze Nachricht."],
    ["fr", "Accusé de réception", "Si votre candidature n’est pas retenue, nous conserverons votre CV."],
    ["es", "Candidatura recibida", "Solo los candidatos preseleccionados serán contactados para una entrevista."],
    ["pt", "Candidatura recebida", "Caso não seja selecionado, guardaremos o seu currículo."],
    ["nl", "Ontvangstbevestiging", "Mocht je niet geselecteerd worden, dan laten we het je weten."],
  ])("acknowledgement stays generic (%s): %s", (_, subject, text) => {
    expect(read(subject, text).kind).toBe("generic");
  });

  it("good wishes for the future close a rejection, but not an offer or an invitation", () => {
    expect(read("Your application", "Thank you for your application and your time. We wish you all the best in your future endeavours.").kind).toBe("rejection");
    expect(read("Offer", "We are delighted to offer you the role. We wish you every success in your future career with us.").kind).toBe("offer");
    expect(read("Interview", "We would like to invite you to an interview. We wish you the best of luck in your job search so far.").kind).toBe("invitation");
  });

  it("a conditional clause is set aside, the statement joined to it is not", () => {
    expect(read("Your application", "We will not be moving forward with your application, but if a suitable role opens we will contact you.").kind).toBe("rejection");
  });

  it("a booking tool's footer offering to reschedule or cancel is no reschedule", () => {
    const text = "Your interview with Dana Reyes is scheduled for Monday, June 1 at 10:00am.\nNeed to make changes to this event?\nReschedule\nCancel";
    expect(read("Confirmed: Interview with Dana Reyes", text).kind).toBe("scheduling_confirmation");
  });

  it("asking the candidate to confirm is an invitation, not a confirmation", () => {
    expect(read("Interview", "We would like to invite you to an interview. Please reply to confirm your interview slot.").kind).toBe("invitation");
  });

  it("an updated calendar request without other wording is a reschedule", () => {
    expect(read("Interview – Sam Okafor", "Interview with the team.", { method: "REQUEST", status: "CONFIRMED", sequence: 2 }).kind).toBe("reschedule");
  });
});
