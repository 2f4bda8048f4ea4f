import { describe, expect, it } from "vitest";
import { detectLanguage } from "../../../src/core/understanding/language.ts";

describe("detectLanguage", () => {
  it.each([
    ["en", "Thank you for your application. We would like to meet you and the team next week."],
    ["de", "Vielen Dank für Ihre Bewerbung. Wir möchten Sie gerne zu einem Gespräch bei uns einladen."],
    ["fr", "Nous vous remercions pour votre candidature et sommes heureux de vous proposer un entretien."],
    ["es", "Estimada candidata, gracias por su interés. Nos gustaría invitarle a una entrevista con el equipo."],
    ["pt", "Obrigado pela sua candidatura. Gostaríamos de o convidar para uma entrevista com a nossa equipa."],
    ["nl", "Bedankt voor je sollicitatie. We willen je graag uitnodigen voor een gesprek met het team."],
  ])("%s", (language, text) => {
    expect(detectLanguage(text)).toBe(language);
  });

  it("is 'other' without enough distinctive words, and ignores the letters inside links", () => {
    expect(detectLanguage("Termin 10:00")).toBe("other");
    expect(detectLanguage("https://teams.example/l/a-e-o-u-de-het-een?x=o-e-a")).toBe("other");
    expect(detectLanguage("Thank you. WWW.EXAMPLE.COM/de/het/een/op/te/van")).toBe("other");
    expect(detectLanguage("Thank you. example.com/de/het/een/op/te/van")).toBe("nl");
  });
});
