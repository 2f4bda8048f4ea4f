import { describe, expect, it } from "vitest";
import { findDateTimes, findDates, findDuration, type DateTimeContext } from "../../../src/core/understanding/dates.ts";

/** Sent on Friday 27 February 2026, 10:00 in the given offset. */
function sentFriday(offsetMin: number, language: DateTimeContext["language"] = "en"): DateTimeContext {
  return { sentAt: new Date(Date.UTC(2026, 1, 27, 10, 0) - offsetMin * 60_000).toISOString(), sentOffsetMin: offsetMin, language };
}

function ctx(sentAt: string, sentOffsetMin: number | null, language: DateTimeContext["language"], zoneHint?: string): DateTimeContext {
  return zoneHint ? { sentAt, sentOffsetMin, language, zoneHint } : { sentAt, sentOffsetMin, language };
}

function starts(text: string, context: DateTimeContext): (string | null)[] {
  return findDateTimes(text, context).map((m) => m.start ?? m.startLocal);
}

describe("findDateTimes in English", () => {
  it("reads a short date with a Pacific abbreviation", () => {
    expect(findDateTimes("Tue 3 Mar, 2:30 PM PT", sentFriday(-480))).toEqual([{
      start: "2026-03-03T14:30:00-08:00",
      startLocal: "2026-03-03T14:30:00",
      tz: "America/Los_Angeles",
      zoneFrom: "written",
      durationMin: null,
      index: 0,
      text: "Tue 3 Mar, 2:30 PM PT",
      isPast: false,
    }]);
  });

  it("reads an ordinal date with a zone in parentheses", () => {
    const [mention] = findDateTimes("Could you do Tuesday, March 3rd at 14:30 (CET)?", sentFriday(60));
    expect(mention).toMatchObject({ start: "2026-03-03T14:30:00+01:00", tz: "Europe/Berlin", index: 13, text: "Tuesday, March 3rd at 14:30 (CET)" });
  });

  it("reads 'tomorrow at 10am Pacific Time' against the send date", () => {
    const context = ctx("2026-04-15T17:00:00.000Z", -420, "en");
    expect(findDateTimes("Looking forward to tomorrow at 10am Pacific Time.", context)).toMatchObject([
      { start: "2026-04-16T10:00:00-07:00", tz: "America/Los_Angeles", text: "tomorrow at 10am Pacific Time" },
    ]);
  });

  it("reads the longest relative phrase at a word: 'the day after tomorrow', 'pasado mañana'", () => {
    expect(starts("See you the day after tomorrow at 10:00 CET.", sentFriday(60))).toEqual(["2026-03-01T10:00:00+01:00"]);
    expect(starts("Nos vemos pasado mañana a las 10:00 (hora de Madrid).", sentFriday(60, "es"))).toEqual(["2026-03-01T10:00:00+01:00"]);
  });

  it("reads a month-first date with a dotted month and several spaces before the day", () => {
    expect(starts("Mon, Sept.  14 at 10:00 CET", sentFriday(60))).toEqual(["2026-09-14T10:00:00+02:00"]);
  });

  it("does not take a word the runtime gives every object ('constructor') for a weekday", () => {
    expect(findDateTimes("The constructor review is at 10:00 CET.", sentFriday(60))).toEqual([]);
  });

  it("reads 'next Tuesday' as the first Tuesday after the send date, and 'Tuesday next week' as the one in the following week", () => {
    const monday = ctx("2026-04-13T15:00:00.000Z", -240, "en");
    expect(starts("next Tuesday at 3pm ET", monday)).toEqual(["2026-04-14T15:00:00-04:00"]);
    expect(starts("Tuesday next week at 3pm ET", monday)).toEqual(["2026-04-21T15:00:00-04:00"]);
    expect(starts("this Monday at 4pm ET", monday)).toEqual(["2026-04-13T16:00:00-04:00"]);
  });

  it("gives the duration of a range and infers the meridiem of its start", () => {
    expect(findDateTimes("When: Tuesday Apr 28, 2026 ⋅ 11am – 11:45am (Eastern Time - New York)", sentFriday(0))).toMatchObject([
      { start: "2026-04-28T11:00:00-04:00", durationMin: 45, tz: "America/New_York" },
    ]);
    expect(findDateTimes("Thursday, 7 May 2026, 2-3pm CEST", sentFriday(0))).toMatchObject([{ start: "2026-05-07T14:00:00+02:00", durationMin: 60 }]);
    expect(findDateTimes("Date: 7 May 2026, 14:00–15:30 (CEST)", sentFriday(0))).toMatchObject([{ startLocal: "2026-05-07T14:00:00", durationMin: 90 }]);
  });

  it("joins a date and a time on separate labelled lines", () => {
    const text = "Details:\n- Date: 22 April 2026\n- Time: 10:00 WITA\n- Location: Online";
    expect(findDateTimes(text, ctx("2026-04-17T01:05:00.000Z", 480, "en"))).toMatchObject([
      { start: "2026-04-22T10:00:00+08:00", tz: "Asia/Makassar", text: "22 April 2026\n- Time: 10:00 WITA" },
    ]);
  });

  it("takes a zone from a 'Timezone:' line of the same message", () => {
    const text = "- Date & Time: Thursday, April 23, 2026 at 2:00 PM\n- Timezone: America/Chicago";
    expect(starts(text, ctx("2026-04-20T20:05:00.000Z", -300, "en"))).toEqual(["2026-04-23T14:00:00-05:00"]);
  });

  it("leaves start null when no zone is written, and uses zoneHint when given", () => {
    const text = "Interview: 25-03-2026 14:00";
    expect(findDateTimes(text, ctx("2026-03-19T09:12:00.000Z", 60, "en"))).toMatchObject([{ start: null, tz: null, startLocal: "2026-03-25T14:00:00" }]);
    expect(findDateTimes(text, ctx("2026-03-19T09:12:00.000Z", 60, "en", "Europe/Stockholm"))).toMatchObject([
      { start: "2026-03-25T14:00:00+01:00", tz: "Europe/Stockholm" },
    ]);
  });

  it("ignores a zoneHint that is not a zone", () => {
    expect(findDateTimes("Interview: 25-03-2026 14:00", ctx("2026-03-19T09:12:00.000Z", 60, "en", "Atlantis/Capital"))).toMatchObject([{ start: null, tz: null }]);
  });

  it("does not use a zone when the text names two different ones", () => {
    const text = "Slot: 3 March 2026 at 10:00. Our offices are in CET; the panel joins from EST.";
    expect(findDateTimes(text, sentFriday(60))).toMatchObject([{ start: null, startLocal: "2026-03-03T10:00:00" }]);
  });

  it("is DST-correct on the US spring-forward day", () => {
    const context = ctx("2026-03-02T18:00:00.000Z", -480, "en");
    expect(starts("Sunday, March 8, 2026 at 1:30 AM PT", context)).toEqual(["2026-03-08T01:30:00-08:00"]);
    expect(starts("Sunday, March 8, 2026 at 3:30 AM PT", context)).toEqual(["2026-03-08T03:30:00-07:00"]);
  });

  it("is DST-correct on the EU change day, whatever the abbreviation says", () => {
    const context = ctx("2026-03-20T09:00:00.000Z", 60, "en");
    expect(starts("Saturday 28 March 2026, 10:00 CET", context)).toEqual(["2026-03-28T10:00:00+01:00"]);
    // "CET" names the Central European zone; on 29 March it is already on summer time.
    expect(starts("Sunday 29 March 2026, 10:00 CET", context)).toEqual(["2026-03-29T10:00:00+02:00"]);
  });

  it("returns each proposed slot, including several times on one date", () => {
    const text = "We could offer:\n- Monday, 9 March at 10:00 or 14:00\n- Wednesday, 11 March at 09:30\nAll times CET.";
    expect(starts(text, sentFriday(60))).toEqual([
      "2026-03-09T10:00:00+01:00",
      "2026-03-09T14:00:00+01:00",
      "2026-03-11T09:30:00+01:00",
    ]);
  });

  it("counts the same slot written twice (subject and body) once, keeping the copy with a zone", () => {
    const text = "Interview on 12 March at 15:00\n\nHi Sam, see you on 12 March at 15:00 (GMT).";
    expect(findDateTimes(text, sentFriday(0))).toMatchObject([{ start: "2026-03-12T15:00:00+00:00", tz: "Europe/London", index: 13 }]);
  });

  it("skips forwarded-header lines and reply introductions", () => {
    const text = [
      "From: Lena Park <lena@fernwood.example>",
      "Sent: Friday, February 27, 2026 9:05 AM",
      "To: Sam Holt <sam@mailbox.example>",
      "Subject: Interview",
      "",
      "On Thu, Feb 26, 2026 at 4:10 PM, Sam Holt <sam@mailbox.example> wrote:",
      "Interview: Monday, March 2, 2026 at 11:00 AM EST",
    ].join("\n");
    expect(starts(text, sentFriday(-300))).toEqual(["2026-03-02T11:00:00-05:00"]);
  });

  it("does not read phone numbers, versions, prices or office hours as appointments", () => {
    const text = "Call 030 555 0188 or 949-485-4440. Version 2.2.1, salary 28,000,000 VND. Office hours 9.30am - 6.30pm. Room 12.30.";
    expect(findDateTimes(text, sentFriday(60))).toEqual([]);
  });

  it("marks a time before the send date as past", () => {
    const [mention] = findDateTimes("Thanks for Wednesday, 25 February at 10:00 CET.", sentFriday(60));
    expect(mention?.isPast).toBe(true);
  });

  it("needs a send date for relative words and dates without a year", () => {
    const none: DateTimeContext = { sentAt: null, sentOffsetMin: null, language: "en" };
    expect(findDateTimes("tomorrow at 10am PT, or 3 March at 14:00 PT", none)).toEqual([]);
    expect(starts("3 March 2026 at 14:00 PT", none)).toEqual(["2026-03-03T14:00:00-08:00"]);
  });

  it("reads a date without a year as next year's when it would otherwise lie months in the past", () => {
    expect(starts("Let's meet on 8 January at 09:00 CET", ctx("2026-12-18T09:00:00.000Z", 60, "en"))).toEqual(["2027-01-08T09:00:00+01:00"]);
  });

  it("reads 'may' in lower case as the verb, not the month", () => {
    expect(findDateTimes("Option 1 may work at 10:00 CET", sentFriday(60))).toEqual([]);
  });
});

describe("findDateTimes: day and month order of numeric dates", () => {
  it("reads dd-mm-yyyy outside the US", () => {
    expect(starts("scheduled on 04-05-2026 at 10:00:00 to 11:00:00", ctx("2026-05-03T04:30:00.000Z", 330, "en"))).toEqual(["2026-05-04T10:00:00"]);
  });

  it("prefers the reading that is not in the past", () => {
    // 05/04 would be 5 April (past) or 4 May; an American sender does not change that.
    expect(starts("Interview 05/04/2026 at 10:00", ctx("2026-04-20T15:00:00.000Z", -300, "en"))).toEqual(["2026-05-04T10:00:00"]);
  });

  it("reads month first for English mail from an American offset when both readings lie ahead", () => {
    expect(starts("03-12-26 2:15 PM", ctx("2026-03-12T18:00:00.000Z", -240, "en"))).toEqual(["2026-03-12T14:15:00"]);
    expect(starts("Interview 06/07/2026 at 10:00", ctx("2026-03-12T18:00:00.000Z", -240, "en"))).toEqual(["2026-06-07T10:00:00"]);
    expect(starts("Interview 06/07/2026 at 10:00", ctx("2026-03-12T18:00:00.000Z", 60, "en"))).toEqual(["2026-07-06T10:00:00"]);
  });

  it("lets an unambiguous date settle the order for the whole text", () => {
    const text = "First round 25/03/2026 at 10:00, second round 06/04/2026 at 11:00";
    expect(starts(text, ctx("2026-03-12T18:00:00.000Z", -240, "en"))).toEqual(["2026-03-25T10:00:00", "2026-04-06T11:00:00"]);
  });

  it("reads ISO and dotted dates without doubt", () => {
    expect(starts("2026-04-06 11:00 and 06.04.2026 um 12:00 Uhr", ctx("2026-03-12T18:00:00.000Z", -240, "de"))).toEqual([
      "2026-04-06T11:00:00",
      "2026-04-06T12:00:00",
    ]);
  });
});

describe("findDateTimes in other languages", () => {
  it("German: 'am Dienstag, 14. April um 10:00 Uhr', 'morgen um 9:30' and dd.mm.yyyy with Uhrzeit", () => {
    const context = ctx("2026-04-08T07:30:00.000Z", 120, "de");
    expect(findDateTimes("Wir laden Sie am Dienstag, 14. April um 10:00 Uhr ein.", context)).toMatchObject([
      { startLocal: "2026-04-14T10:00:00", start: null, text: "Dienstag, 14. April um 10:00 Uhr" },
    ]);
    expect(starts("Passt es Ihnen morgen um 9:30?", context)).toEqual(["2026-04-09T09:30:00"]);
    expect(starts("Datum: 23.04.2026\nUhrzeit: 09:30 Uhr (MESZ)", context)).toEqual(["2026-04-23T09:30:00+02:00"]);
    expect(starts("Guten Morgen Frau Weiss, wir sehen uns am 14.04. um 10 Uhr.", context)).toEqual(["2026-04-14T10:00:00"]);
  });

  it("French: 'le jeudi 16 avril à 14h30' and 'demain à 9h'", () => {
    const context = ctx("2026-04-10T07:30:00.000Z", 120, "fr");
    expect(findDateTimes("Nous vous proposons le jeudi 16 avril à 14h30 (heure de Paris).", context)).toMatchObject([
      { start: "2026-04-16T14:30:00+02:00", tz: "Europe/Paris", text: "jeudi 16 avril à 14h30 (heure de Paris)" },
    ]);
    expect(starts("Rendez-vous demain à 9h", context)).toEqual(["2026-04-11T09:00:00"]);
    expect(starts("mardi prochain de 14h à 15h", context)).toEqual(["2026-04-14T14:00:00"]);
  });

  it("Spanish: 'el martes 9 de junio a las 11:00 (hora de Madrid)' and 'mañana a las 10'", () => {
    const context = ctx("2026-06-02T10:30:00.000Z", 120, "es");
    expect(findDateTimes("La entrevista será el martes 9 de junio a las 11:00 (hora de Madrid).", context)).toMatchObject([
      { start: "2026-06-09T11:00:00+02:00", tz: "Europe/Madrid" },
    ]);
    expect(starts("¿Le viene bien mañana a las 10:00?", context)).toEqual(["2026-06-03T10:00:00"]);
    expect(starts("Por la mañana a las 10:00 no puedo.", context)).toEqual([]);
  });

  it("Dutch: 'op donderdag 23 april om 13:30', three proposed slots with 'morgen', and 'afgelopen dinsdag' as past", () => {
    const context = ctx("2026-04-20T13:45:00.000Z", 120, "nl");
    expect(starts("We zien je graag op donderdag 23 april om 13:30.", context)).toEqual(["2026-04-23T13:30:00"]);
    const slots = "We stellen voor:\n- morgen om 14:00\n- woensdag 22 april om 10:30\n- vrijdag 24 april om 16:00";
    expect(starts(slots, context)).toEqual(["2026-04-21T14:00:00", "2026-04-22T10:30:00", "2026-04-24T16:00:00"]);
    const [past] = findDateTimes("Bedankt voor het gesprek van afgelopen dinsdag om 10:00.", context);
    expect(past).toMatchObject({ startLocal: "2026-04-14T10:00:00", isPast: true });
  });

  it("Portuguese: 'dia 12 de maio às 15h00 (hora de Lisboa)' and 'amanhã às 10h'", () => {
    const context = ctx("2026-05-05T15:10:00.000Z", 60, "pt");
    expect(findDateTimes("A entrevista será no dia 12 de maio às 15h00 (hora de Lisboa).", context)).toMatchObject([
      { start: "2026-05-12T15:00:00+01:00", tz: "Europe/Lisbon" },
    ]);
    expect(starts("Pode ser amanhã às 10h?", context)).toEqual(["2026-05-06T10:00:00"]);
    expect(starts("Data e hora: 12/05/2026 às 15:00", context)).toEqual(["2026-05-12T15:00:00"]);
  });
});

describe("findDateTimes: zones and times as senders write them", () => {
  it("'EST' in summer is New York's clock, not a fixed -05:00", () => {
    expect(starts("Interview on June 9, 2026 at 2:00 PM EST.", ctx("2026-06-01T14:00:00.000Z", -240, "en"))).toEqual(["2026-06-09T14:00:00-04:00"]);
  });

  it("an Outlook '(UTC-05:00) Eastern Time (US & Canada)' is the named zone, on summer time in June", () => {
    const text = "When: Wednesday, June 10, 2026 10:00 AM-10:45 AM (UTC-05:00) Eastern Time (US & Canada).";
    expect(findDateTimes(text, ctx("2026-06-01T14:00:00.000Z", -240, "en"))).toMatchObject([
      { start: "2026-06-10T10:00:00-04:00", tz: "America/New_York", zoneFrom: "written", durationMin: 45 },
    ]);
  });

  it("a display name in the reader's language names the Windows zone's city", () => {
    const text = "Wann: Dienstag, 9. Juni 2026 14:00-15:00 (UTC+01:00) Amsterdam, Berlin, Bern, Rom, Stockholm, Wien";
    expect(findDateTimes(text, ctx("2026-06-01T08:00:00.000Z", 120, "de"))).toMatchObject([{ start: "2026-06-09T14:00:00+02:00", tz: "Europe/Berlin" }]);
    const french = "Quand : mardi 9 juin 2026 14:00-15:00 (UTC+01:00) Bruxelles, Copenhague, Madrid, Paris.";
    expect(findDateTimes(french, ctx("2026-06-01T08:00:00.000Z", 120, "fr"))).toMatchObject([{ start: "2026-06-09T14:00:00+02:00", tz: "Europe/Paris" }]);
  });

  it("a zone on its own line below the time, and 'ET' after a range", () => {
    const context = ctx("2026-05-02T14:00:00.000Z", -240, "en");
    expect(starts("Thursday, May 14, 2026\n10:00am - 10:45am\nEastern Time", context)).toEqual(["2026-05-14T10:00:00-04:00"]);
    expect(findDateTimes("on Thursday, May 14 at 10:00–10:45 a.m. ET", context)).toMatchObject([{ start: "2026-05-14T10:00:00-04:00", durationMin: 45 }]);
  });

  it("'14h30', '10 h 30', 'a. m.' and 'p. m.', 'horário de Brasília'", () => {
    expect(starts("le jeudi 14 mai 2026 de 10 h 30 à 11 h 15", ctx("2026-05-04T08:00:00.000Z", 120, "fr"))).toEqual(["2026-05-14T10:30:00"]);
    expect(starts("el jueves 14 de mayo a las 3:30 p. m.", ctx("2026-05-04T08:00:00.000Z", -360, "es"))).toEqual(["2026-05-14T15:30:00"]);
    expect(starts("el jueves 14 de mayo a las 10 a. m.", ctx("2026-05-04T08:00:00.000Z", -360, "es"))).toEqual(["2026-05-14T10:00:00"]);
    expect(starts("quinta-feira, 14 de maio, às 14h30 (horário de Brasília)", ctx("2026-05-04T12:00:00.000Z", -180, "pt"))).toEqual(["2026-05-14T14:30:00-03:00"]);
  });

  it("a length written like a time is no time", () => {
    expect(starts("Entretien le 14 mai 2026, durée : 1 h 30", ctx("2026-05-04T08:00:00.000Z", 120, "fr"))).toEqual([]);
  });

  it("a day/month date in French mail, and where its zone comes from", () => {
    const context = ctx("2026-05-04T15:45:00.000Z", 60, "fr", "Africa/Casablanca");
    expect(findDateTimes("L'entretien aura lieu le 14/05/2026 à 10h30.", context)).toMatchObject([
      { start: "2026-05-14T10:30:00+01:00", tz: "Africa/Casablanca", zoneFrom: "hint" },
    ]);
  });
});

describe("findDates", () => {
  it("reads dates without a time against the send date", () => {
    const context = ctx("2026-04-15T10:00:00.000Z", 120, "en");
    expect(findDates("by Friday or at the latest 24 April, not 2026-05-01", context).map((d) => d.date)).toEqual(["2026-04-17", "2026-04-24", "2026-05-01"]);
  });
});

describe("findDuration", () => {
  it.each([
    ["The interview lasts 45 minutes.", 45],
    ["Duration: 1 hour", 60],
    ["Dauer: ca. 45 Minuten", 45],
    ["Durée : 1h30", 90],
    ["Quick intro (30 min)", 30],
    ["This is a 60-minute interview", 60],
    ["a 1.5 hour case study", 90],
    ["1,5 Stunden", 90],
    ["half an hour", 30],
    ["une heure", 60],
    ["una hora y media", 90],
    ["You will receive the link 30 minutes before the call. Duration: 45 minutes", 45],
    ["Please arrive 10 minutes early; the panel runs for about 60 minutes.", 60],
    ["It is a 5 minutes walk from the station; the talk takes 40 minutes.", 40],
  ])("reads %s as %d minutes", (text, minutes) => {
    expect(findDuration(text)).toBe(minutes);
  });

  it.each([
    "Estimated duration: 60-90 minutes",
    "Das Gespräch dauert 45 bis 60 Minuten.",
    "ca. 45–60 Minuten",
    "een gesprek van ongeveer 15-20 minuten",
    "Duração estimada: 60-90 minutos",
    "We will answer within 48 hours.",
    "no length given",
  ])("returns null for %s", (text) => {
    expect(findDuration(text)).toBeNull();
  });
});
