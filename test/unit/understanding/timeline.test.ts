import { describe, expect, it } from "vitest";
import { findPromisedTimeline, type TimelineContext } from "../../../src/core/understanding/timeline.ts";

/** Wednesday 15 April 2026, 11:00 in Berlin. */
const WEDNESDAY: TimelineContext = { sentAt: "2026-04-15T09:00:00.000Z", tz: "Europe/Berlin", language: "en" };

function read(text: string, context: Partial<TimelineContext> = {}) {
  return findPromisedTimeline(text, { ...WEDNESDAY, ...context });
}

describe("findPromisedTimeline (R2)", () => {
  it("R2: counts 'within 5 business days' on business days from the send date", () => {
    expect(read("Thank you for applying. We'll get back to you within 5 business days.")).toEqual({
      amount: 5, unit: "business_days", text: "We'll get back to you within 5 business days.", by: "2026-04-22",
    });
  });

  it("R2: counts 'N days' without a qualifier as business days", () => {
    expect(read("We will get back to you within 3 days.")).toMatchObject({ amount: 3, unit: "days", by: "2026-04-20" });
    expect(read("Nous reviendrons vers vous dans les 10 jours.", { language: "fr" })).toMatchObject({ amount: 10, unit: "days", by: "2026-04-29" });
  });

  it("R2: counts weeks as calendar weeks", () => {
    expect(read("You will hear from us in the next 2 weeks.")).toMatchObject({ amount: 2, unit: "weeks", by: "2026-04-29" });
    expect(read("We will get back to you within a week.")).toMatchObject({ amount: 1, unit: "weeks", by: "2026-04-22" });
  });

  it("R2: moves a calendar-week date off the weekend", () => {
    const saturday = { sentAt: "2026-04-18T09:00:00.000Z" };
    expect(read("We will get back to you within 2 weeks.", saturday)).toMatchObject({ by: "2026-05-04" });
  });

  it("R2: months and hours", () => {
    expect(read("We will contact you within 2 months.")).toMatchObject({ amount: 2, unit: "months", by: "2026-06-15" });
    expect(read("You can expect feedback within 48 hours.")).toMatchObject({ amount: 48, unit: "hours", by: "2026-04-17" });
    // Friday 17:00 + 24 hours is Saturday; the answer is due Monday.
    expect(read("You can expect feedback within 24 hours.", { sentAt: "2026-04-17T15:00:00.000Z" })).toMatchObject({ by: "2026-04-20" });
  });

  it("R2: end of this week, end of next week, next week", () => {
    expect(read("We aim to respond by the end of the week.")).toMatchObject({ amount: null, unit: null, by: "2026-04-17" });
    expect(read("We will let you know our decision by end of next week.")).toMatchObject({ amount: null, by: "2026-04-24" });
    expect(read("We'll be in touch next week.")).toMatchObject({ by: "2026-04-24" });
    const sunday = { sentAt: "2026-04-19T09:00:00.000Z" };
    expect(read("We aim to respond by the end of the week.", sunday)).toMatchObject({ by: "2026-04-24" });
    expect(read("We'll be in touch next week.", sunday)).toMatchObject({ by: "2026-04-24" });
  });

  it("R2: a promise for tomorrow or a date", () => {
    expect(read("We will get back to you tomorrow.")).toMatchObject({ amount: 1, unit: "days", by: "2026-04-16" });
    expect(read("We will let you know by 24 April.")).toMatchObject({ amount: null, by: "2026-04-24" });
    expect(read("Wir geben Ihnen bis Freitag Bescheid.", { language: "de" })).toMatchObject({ by: "2026-04-17" });
  });

  it("R2: German 'innerhalb von 5 Werktagen'", () => {
    expect(read("Wir sichten Ihre Unterlagen innerhalb von 5 Werktagen.", { language: "de", sentAt: "2026-03-02T10:20:00.000Z" })).toEqual({
      amount: 5, unit: "business_days", text: "Wir sichten Ihre Unterlagen innerhalb von 5 Werktagen.", by: "2026-03-09",
    });
  });

  it("R2: Dutch ranges keep the lower bound and count to the upper one", () => {
    expect(read("Je kunt binnen 3-5 werkdagen een reactie van ons verwachten.", { language: "nl" })).toEqual({
      amount: 5, unit: "business_days", rangeMin: 3, text: "Je kunt binnen 3-5 werkdagen een reactie van ons verwachten.", by: "2026-04-22",
    });
    expect(read("We nemen binnen 2 werkdagen contact met je op.", { language: "nl", sentAt: "2026-04-16T09:30:00.000Z" })).toMatchObject({
      amount: 2, unit: "business_days", by: "2026-04-20",
    });
  });

  it("R2: Portuguese and Spanish concrete promises", () => {
    expect(read("Entraremos em contacto consigo no prazo de 5 dias úteis.", { language: "pt" })).toMatchObject({ amount: 5, unit: "business_days", by: "2026-04-22" });
    expect(read("Le contactaremos en un plazo de dos semanas.", { language: "es" })).toMatchObject({ amount: 2, unit: "weeks", by: "2026-04-29" });
  });

  it.each([
    ["Someone will review it shortly.", "en"],
    ["A new invitation will be sent to you soon with the updated details.", "en"],
    ["Wir melden uns in Kürze.", "de"],
    ["Nous vous contacterons prochainement pour la suite.", "fr"],
    ["Nos pondremos en contacto con usted en los próximos días.", "es"],
    ["Je hoort binnenkort van ons.", "nl"],
    ["Receberá uma resposta em breve.", "pt"],
  ] as const)("R2: keeps a vague promise without amount or date: %s", (text, language) => {
    expect(read(text, { language })).toEqual({ amount: null, unit: null, text, by: null });
  });

  it("R2: keeps the clause that makes the promise when a sentence joins several", () => {
    expect(read("Your application has been received and someone will review it shortly.")).toMatchObject({ text: "someone will review it shortly" });
  });

  it("R2: prefers a concrete promise to a vague one", () => {
    expect(read("We will review your application shortly. You will hear from us within 10 days.")).toMatchObject({ amount: 10, unit: "days", by: "2026-04-29" });
  });

  it("R2: finds the promise in a later line, after sentences that hold none", () => {
    const text = "Dear Ana,\nThank you for your time today. It was great to meet you.\nWe will get back to you within 3 days.\nBest regards,\nKai";
    expect(read(text)).toMatchObject({ amount: 3, unit: "days", text: "We will get back to you within 3 days.", by: "2026-04-20" });
  });

  it("R2: reads a promise set in emphasis stars", () => {
    expect(read("We will get back to you **within 5 business days**.")).toMatchObject({ amount: 5, unit: "business_days", text: "We will get back to you within 5 business days." });
    expect(read("We will let you know our decision by **end of next week**.")).toMatchObject({ amount: null, by: "2026-04-24" });
  });

  it("R2: 'please allow N business days' is a promise", () => {
    expect(read("Please allow up to 10 business days for us to review your application.")).toMatchObject({ amount: 10, unit: "business_days" });
  });

  it.each([
    "Please reply by Friday.",
    "Please submit the assignment within 3 days.",
    "Please let us know your availability within 3 days.",
    "Bitte senden Sie uns die Unterlagen innerhalb von 5 Werktagen.",
    "Merci de nous faire parvenir votre réponse dans les 3 jours.",
    "Solicitamos que nos comunique a sua decisão até 22/05/2026.",
    "Neem dan zo snel mogelijk contact met ons op via 030 555 0188.",
    "See you soon!",
    "We look forward to hearing from you soon.",
    "We will see you tomorrow at 10am.",
    "We will keep your CV on file for 6 months.",
    "We will contact you if we wish to reschedule.",
    "Your interview is tomorrow!",
  ])("R2: is not an employer promise: %s", (text) => {
    expect(read(text)).toBeNull();
  });

  it("R2: reads an owner's note that only states the amount", () => {
    expect(read("2 weeks")).toMatchObject({ amount: 2, unit: "weeks", by: "2026-04-29" });
    expect(read("within 5 Werktage")).toMatchObject({ amount: 5, unit: "business_days", by: "2026-04-22" });
  });

  it("R2: counts from the send date in the user's zone, else in the sender's offset", () => {
    // Friday 23:30 UTC is already Saturday in Berlin.
    const lateFriday = "2026-04-17T23:30:00.000Z";
    expect(read("We'll get back to you within 1 business day.", { sentAt: lateFriday })).toMatchObject({ by: "2026-04-20" });
    expect(read("We'll get back to you within 1 business day.", { sentAt: lateFriday, tz: null })).toMatchObject({ by: "2026-04-20" });
    expect(read("We'll get back to you within 1 business day.", { sentAt: "2026-04-17T23:30:00-07:00", tz: null })).toMatchObject({ by: "2026-04-20" });
    expect(read("We'll get back to you within 1 business day.", { sentAt: lateFriday, tz: null, sentOffsetMin: -420 })).toMatchObject({ by: "2026-04-20" });
    expect(read("We'll get back to you within 1 business day.", { sentAt: "2026-04-16T23:30:00.000Z", tz: "America/Los_Angeles" })).toMatchObject({ by: "2026-04-17" });
    expect(read("We'll get back to you within 1 business day.", { sentAt: "2026-04-16T23:30:00.000Z", tz: "Europe/Berlin" })).toMatchObject({ by: "2026-04-20" });
  });

  it("R2: has no date without a send time, but keeps the amount", () => {
    expect(read("We'll get back to you within 5 business days.", { sentAt: null })).toMatchObject({ amount: 5, unit: "business_days", by: null });
  });
});

describe("findPromisedTimeline: promises as they are written", () => {
  it("reads a sentence the mail client wrapped across lines, quoted or not", () => {
    const wrapped = "Thank you for the time you spent with our team on Tuesday. We will get back to you within\n5 business days with our decision.";
    expect(read(wrapped)).toMatchObject({ amount: 5, unit: "business_days", by: "2026-04-22" });
    const quoted = "> Thank you for the time you spent with our team on Tuesday. We will get back to\n> you within two weeks.";
    expect(read(quoted)).toMatchObject({ amount: 2, unit: "weeks", by: "2026-04-29" });
  });

  it("'within a few days' is a promise with a unit and no amount", () => {
    expect(read("We usually answer applications within a few days.")).toMatchObject({ amount: null, unit: "days", by: null });
    expect(read("You will hear from us within the next couple of weeks.")).toMatchObject({ amount: null, unit: "weeks" });
    expect(read("Wir melden uns innerhalb weniger Tage bei Ihnen.", { language: "de" })).toMatchObject({ amount: null, unit: "days" });
    expect(read("We hebben binnen enkele dagen een antwoord voor je.", { language: "nl" })).toMatchObject({ amount: null, unit: "days" });
  });

  it("a recruiter promising for the employer in the first person", () => {
    expect(read("I'll follow up by the end of next week with an update.")).toMatchObject({ by: "2026-04-24" });
    expect(read("Ich melde mich innerhalb von 3 Werktagen bei Ihnen.", { language: "de" })).toMatchObject({ amount: 3, unit: "business_days" });
    expect(read("Le contactaré en un plazo de 5 días.", { language: "es" })).toMatchObject({ amount: 5, unit: "days" });
    expect(read("I will send you the assignment by Friday.")).toBeNull();
  });

  it("the promise to answer the candidate wins over the employer's own steps", () => {
    const text = "We are completing interviews this week.\nWe will make our decision by end of next week.\nYou can expect to hear from us within 5 business days.";
    expect(read(text)).toMatchObject({ amount: 5, unit: "business_days", by: "2026-04-22" });
    expect(read("We will make our decision by end of next week.")).toMatchObject({ by: "2026-04-24" });
  });
});
