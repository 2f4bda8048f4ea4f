import { describe, expect, it } from "vitest";
import { type Command, describeCommand, describeCommands, parseReply, type ReplyParse, type ReplyProblem } from "../../../src/core/commands/parse.ts";

/** Wednesday 4 March 2026 in the user's zone. */
const TODAY = "2026-03-04";
const OPTIONS = { today: TODAY, timeZone: "Europe/Berlin" };

describe("parseReply: done", () => {
  it.each([
    ["done 1 3", [1, 3]],
    ["Done 1, 3", [1, 3]],
    ["done #2", [2]],
    ["DONE 1 and 3", [1, 3]],
    ["done 1 & 3", [1, 3]],
    ["done 1,3", [1, 3]],
    ["done #1, #3.", [1, 3]],
    ["done drafts 1 and 3", [1, 3]],
    ["done: 2", [2]],
    ["done 3 1 3", [3, 1]],
    ["Done 1, thanks!", [1]],
    ["- done 2", [2]],
    ["`done 2`", [2]],
    ['"done 2"', [2]],
    ["Please done 2", [2]],
  ])("reads %j as done %j", (text, items) => {
    expect(parseOne(text)).toEqual({ kind: "done", items });
  });

  it.each([["done"], ["Done!"], ["done."], ["Done, thanks!"], ["done thank you"]])(
    "reads %j as a bare done with no number (the adapter decides if it is unambiguous)",
    (text) => {
      expect(parseOne(text)).toEqual({ kind: "done", items: [] });
    },
  );

  it("refuses a range: every number must be written", () => {
    expect(problemsOf("done 1-3")).toEqual([{ line: "done 1-3", message: 'Write every number, e.g. "done 1 2 3".' }]);
  });

  it.each([["done 0"], ["done 1000"], ["done 2026-03-04"]])("refuses %j: not an item number of a digest", (text) => {
    expect(problemsOf(text)).toHaveLength(1);
  });

  it("refuses words after the numbers", () => {
    expect(problemsOf("done 1 and also 3")).toEqual([
      { line: "done 1 and also 3", message: 'After "done" I expect item numbers, e.g. "done 1 3".' },
    ]);
  });

  it("refuses more than 20 numbers in one command", () => {
    const many = Array.from({ length: 21 }, (_, i) => i + 1).join(" ");
    expect(problemsOf(`done ${many}`)[0]?.message).toBe("At most 20 numbers per command.");
  });
});

describe("parseReply: status commands", () => {
  it.each<[string, Command]>([
    ["rejected 2", { kind: "rejected", items: [2], company: null }],
    ["rejected", { kind: "rejected", items: [], company: null }],
    ["Rejected: Acme", { kind: "rejected", items: [], company: "Acme" }],
    ["rejected by Nordlicht Systems GmbH", { kind: "rejected", items: [], company: "Nordlicht Systems GmbH" }],
    ["rejected 3M", { kind: "rejected", items: [], company: "3M" }],
    ["rejection 4", { kind: "rejected", items: [4], company: null }],
    ["offer 2", { kind: "offer", items: [2], company: null }],
    ["offer", { kind: "offer", items: [], company: null }],
    ["withdraw 2", { kind: "withdraw", items: [2], company: null }],
    ["withdrawn #5", { kind: "withdraw", items: [5], company: null }],
    ["Heard back from 3", { kind: "heard_back", items: [3], company: null }],
    ["heard back", { kind: "heard_back", items: [], company: null }],
    ["skip 2", { kind: "skip", items: [2] }],
    ["skip 2 4", { kind: "skip", items: [2, 4] }],
    ["forget 2", { kind: "forget", items: [2] }],
    ["forget all", { kind: "forget_all" }],
    ["Forget everything", { kind: "forget_all" }],
  ])("reads %j", (text, command) => {
    expect(parseOne(text)).toEqual(command);
  });

  it("R11: reads 'heard back N' as the employer having replied", () => {
    expect(parseOne("heard back 2")).toEqual({ kind: "heard_back", items: [2], company: null });
  });

  it.each([
    ["rejected 2 Acme", 'After "rejected" I expect an item number or a company, e.g. "rejected 2" or "rejected: Acme".'],
    ["rejected, sadly", 'After "rejected" I expect an item number or a company, e.g. "rejected 2" or "rejected: Acme".'],
    ["skip", 'Say which draft to skip, e.g. "skip 2".'],
    ["reject 2", 'Write "rejected 2" if they turned you down, or "withdraw 2" if you withdrew.'],
    ["heard from them", 'Write "heard back 2" when the employer replied.'],
    ["offer 2 Acme", 'After "offer" I expect an item number or a company, e.g. "offer 2" or "offer: Acme".'],
  ])("explains %j", (text, message) => {
    expect(problemsOf(text)).toEqual([{ line: text, message }]);
  });
});

describe("parseReply: the ways people write it", () => {
  it.each<[string, Command]>([
    ["1 done", { kind: "done", items: [1] }],
    ["#2 done", { kind: "done", items: [2] }],
    ["1 and 3 done", { kind: "done", items: [1, 3] }],
    ["sent 2", { kind: "done", items: [2] }],
    ["I sent 2", { kind: "done", items: [2] }],
    ["done with 1 and 3", { kind: "done", items: [1, 3] }],
    ["done 1 & 3", { kind: "done", items: [1, 3] }],
    ["Thanks, done 1", { kind: "done", items: [1] }],
    ["2 rejected", { kind: "rejected", items: [2], company: null }],
    ["they rejected me", { kind: "rejected", items: [], company: null }],
    ["They rejected me.", { kind: "rejected", items: [], company: null }],
    ["rejected: northwind", { kind: "rejected", items: [], company: "northwind" }],
    ["heard back from Brightline", { kind: "heard_back", items: [], company: "Brightline" }],
    ["offer from Acme", { kind: "offer", items: [], company: "Acme" }],
    ["2 snooze monday", { kind: "snooze", item: 2, until: "2026-03-09" }],
    ["snooze 2 next monday", { kind: "snooze", item: 2, until: "2026-03-09" }],
  ])("reads %j", (text, command) => {
    expect(parseOne(text)).toEqual(command);
  });

  it.each<[string, Command]>([
    ["erledigt 1", { kind: "done", items: [1] }],
    ["Erledigt: 1 und 3", { kind: "done", items: [1, 3] }],
    ["abgelehnt 2", { kind: "rejected", items: [2], company: null }],
    ["später 2 montag", { kind: "snooze", item: 2, until: "2026-03-09" }],
    ["rückgängig", { kind: "undo" }],
    ["envoyé 1", { kind: "done", items: [1] }],
    ["Fait 1 et 3", { kind: "done", items: [1, 3] }],
    ["refusé 2", { kind: "rejected", items: [2], company: null }],
    ["reporter 2 lundi", { kind: "snooze", item: 2, until: "2026-03-09" }],
    ["annuler", { kind: "undo" }],
    ["hecho 1", { kind: "done", items: [1] }],
    ["enviado 1 y 3", { kind: "done", items: [1, 3] }],
    ["rechazado 2", { kind: "rejected", items: [2], company: null }],
    ["posponer 2 miércoles", { kind: "snooze", item: 2, until: "2026-03-11" }],
    ["ayuda", { kind: "help" }],
    ["lista", { kind: "list" }],
  ])("reads %j in German, French or Spanish", (text, command) => {
    expect(parseOne(text)).toEqual(command);
  });

  it("quotes free text that names a command, beside commands, and applies none of them", () => {
    expect(parse("done 1\nalso mark Brightline as rejected")).toMatchObject({ commands: [], problems: [{ line: "mark Brightline as rejected", message: "This is not a command I know." }] });
  });

  it("quotes free text when nothing else was asked, and offers the closest commands", () => {
    const result = parseReply("I finished the first one\n\nBest,\nJo", OPTIONS);
    expect(result.problems).toEqual([{ line: "I finished the first one", message: "This is not a command I know.", closest: expect.arrayContaining([expect.stringMatching(/^done 1 3/)]) }]);
    expect(parseReply("dnoe 1", OPTIONS).problems[0]?.closest[0]).toMatch(/^done 1 3/);
  });

  it("ignores a greeting and a sign-off beside commands", () => {
    expect(parse("Hi,\ndone 1\nThanks!\nJo Park").commands).toEqual([{ kind: "done", items: [1] }]);
  });

  it("does not read a look-alike letter as a command word", () => {
    expect(parse("\u212Aill 2").commands).toEqual([]);
    expect(parse("don\u0435 1").commands).toEqual([]);
  });

  it.each<[Command, string]>([
    [{ kind: "done", items: [5] }, "done 5"],
    [{ kind: "rejected", items: [], company: "Northwind" }, "rejected: Northwind"],
    [{ kind: "heard_back", items: [2], company: null }, "heard back 2"],
    [{ kind: "snooze", item: 2, until: "2026-03-09" }, "snooze 2 2026-03-09"],
    [{ kind: "undo" }, "undo"],
  ])("writes %j back as %j for undo", (command, text) => {
    expect(describeCommand(command)).toBe(text);
    expect(parseOne(text)).toEqual(command);
  });
});

describe("parseReply: snooze", () => {
  it.each([
    ["snooze 2 monday", "2026-03-09"],
    ["snooze 2 until monday", "2026-03-09"],
    ["snooze 2 mon", "2026-03-09"],
    ["snooze 2 wednesday", "2026-03-11"],
    ["snooze 2 tomorrow", "2026-03-05"],
    ["snooze 2 3d", "2026-03-07"],
    ["snooze 2 3 days", "2026-03-07"],
    ["snooze 2 for 3 days", "2026-03-07"],
    ["snooze 2 in 2 weeks", "2026-03-18"],
    ["snooze 2 1w", "2026-03-11"],
    ["snooze 2 2026-12-01", "2026-12-01"],
    ["snooze 2 dec 1", "2026-12-01"],
    ["snooze 2 until 1st December", "2026-12-01"],
    ["snooze 2 march 1", "2027-03-01"],
    ["Snooze #2 until Monday.", "2026-03-09"],
  ])("reads %j as a snooze until %s (today is Wednesday 2026-03-04)", (text, until) => {
    expect(parseOne(text)).toEqual({ kind: "snooze", item: 2, until });
  });

  it.each([
    ["2026-03-27", "snooze 2 monday", "2026-03-30"],
    ["2026-03-27", "snooze 2 3d", "2026-03-30"],
    ["2026-12-30", "snooze 2 monday", "2027-01-04"],
    ["2026-12-30", "snooze 2 jan 2", "2027-01-02"],
    ["2027-03-01", "snooze 2 feb 29", "2028-02-29"],
    ["2026-03-09", "snooze 2 monday", "2026-03-16"],
  ])("on %s reads %j as a snooze until %s (across DST, the year end, leap days; a weekday is never today)", (today, text, until) => {
    expect(parseReply(text, { today, timeZone: "Europe/Berlin" }).commands).toEqual([{ kind: "snooze", item: 2, until }]);
  });

  it.each([
    ["snooze monday", "Say which item and until when"],
    ["snooze 2", "Say which item and until when"],
    ["snooze 2 someday", "I could not read the date"],
    ["snooze 2 2026-02-30", "I could not read the date"],
    ["snooze 2 today", "The snooze date must be after today (2026-03-04)."],
    ["snooze 2 2026-01-10", "The snooze date must be after today (2026-03-04)."],
    ["snooze 2 2062-12-01", "The snooze date is more than a year away; check the year."],
    ["snooze 2 400 days", "I could not read the date"],
  ])("explains %j", (text, start) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message.startsWith(start)).toBe(true);
  });
});

describe("parseReply: timeline (R2)", () => {
  it.each([
    ["timeline 2 5 business days", { amount: 5, unit: "business_days", text: "5 business days", by: null }],
    ["timeline 2 5 working days", { amount: 5, unit: "business_days", text: "5 working days", by: null }],
    ["timeline 2 5d", { amount: 5, unit: "business_days", text: "5d", by: null }],
    ["timeline 2 10 calendar days", { amount: 10, unit: "days", text: "10 calendar days", by: null }],
    ["timeline 2 within 2 weeks", { amount: 2, unit: "weeks", text: "within 2 weeks", by: null }],
    ["timeline 2 3-5 days", { amount: 5, unit: "business_days", text: "3-5 days", by: null, rangeMin: 3 }],
    ["timeline 2 3 to 5 business days", { amount: 5, unit: "business_days", text: "3 to 5 business days", by: null, rangeMin: 3 }],
    ["timeline 2 1 month", { amount: 1, unit: "months", text: "1 month", by: null }],
    ["timeline 2 friday", { amount: null, unit: null, text: "friday", by: "2026-03-06" }],
    ["timeline 2 by Friday", { amount: null, unit: null, text: "by Friday", by: "2026-03-06" }],
    ["timeline 2 wednesday", { amount: null, unit: null, text: "wednesday", by: "2026-03-04" }],
    ["timeline 2 2026-03-20", { amount: null, unit: null, text: "2026-03-20", by: "2026-03-20" }],
  ])("R2: reads %j", (text, timeline) => {
    expect(parseOne(text)).toEqual({ kind: "timeline", item: 2, timeline });
  });

  it("R2: counts 'N days' without a qualifier as business days", () => {
    expect(parseOne("timeline 3 5 days")).toEqual({
      kind: "timeline",
      item: 3,
      timeline: { amount: 5, unit: "business_days", text: "5 days", by: null },
    });
  });

  it.each([["timeline 2"], ["timeline friday"], ["timeline 2 soon"], ["timeline 2 2026-01-01"], ["timeline 2 5-3 days"]])(
    "explains %j",
    (text) => {
      expect(problemsOf(text)).toHaveLength(1);
    },
  );
});

describe("parseReply: offer elsewhere (R10)", () => {
  it.each<[string, Command]>([
    ["offer elsewhere 2 friday", { kind: "offer_elsewhere", item: 2, deadline: "2026-03-06" }],
    ["offer elsewhere friday", { kind: "offer_elsewhere", item: null, deadline: "2026-03-06" }],
    ["Offer elsewhere 2 by 2026-03-20", { kind: "offer_elsewhere", item: 2, deadline: "2026-03-20" }],
    ["offer elsewhere dec 1", { kind: "offer_elsewhere", item: null, deadline: "2026-12-01" }],
    ["offer elsewhere 12 march", { kind: "offer_elsewhere", item: null, deadline: "2026-03-12" }],
    ["offer elsewhere 2 3d", { kind: "offer_elsewhere", item: 2, deadline: "2026-03-07" }],
    ["offer elsewhere today", { kind: "offer_elsewhere", item: null, deadline: TODAY }],
  ])("R10: reads %j", (text, command) => {
    expect(parseOne(text)).toEqual(command);
  });

  it.each([
    ["offer elsewhere", "Say the deadline of the other offer"],
    ["offer elsewhere 2", "Say the deadline of the other offer"],
    ["offer elsewhere 2026-03-01", "The deadline has passed (today is 2026-03-04)."],
    ["offer elsewhere 1000 friday", "Item numbers are the numbers in the message you reply to"],
  ])("R10: explains %j", (text, start) => {
    expect(problemsOf(text)[0]?.message.startsWith(start)).toBe(true);
  });
});

describe("parseReply: corrections", () => {
  it.each<[string, Command]>([
    ["company: Acme", { kind: "company", company: "Acme" }],
    ["Company: Acme Inc.", { kind: "company", company: "Acme Inc." }],
    ["company: Vireo Health, thanks!", { kind: "company", company: "Vireo Health" }],
    ['company: "Blue Heron Studio"', { kind: "company", company: "Blue Heron Studio" }],
    ["role: Senior Data Engineer", { kind: "role", role: "Senior Data Engineer" }],
    ["role: Data Engineer.", { kind: "role", role: "Data Engineer" }],
    ["role: Sr. Eng.", { kind: "role", role: "Sr. Eng." }],
    ["contact: Jo Park <jo.park@acme.example>", { kind: "contact", name: "Jo Park", email: "jo.park@acme.example" }],
    ['contact: "Park, Jo" <jo.park@acme.example>', { kind: "contact", name: "Park, Jo", email: "jo.park@acme.example" }],
    ["contact: <jo.park@acme.example>", { kind: "contact", name: null, email: "jo.park@acme.example" }],
    ["contact: jo.park@acme.example", { kind: "contact", name: null, email: "jo.park@acme.example" }],
    ["contact: Jo Park", { kind: "contact", name: "Jo Park", email: null }],
    ["ignore", { kind: "ignore" }],
    ["Ignore this email", { kind: "ignore" }],
  ])("reads %j", (text, command) => {
    expect(parseOne(text)).toEqual(command);
  });

  it.each<[string, Command]>([
    ["time: tue 3pm PT", { kind: "time", date: "2026-03-10", time: "15:00", timeZone: "America/Los_Angeles" }],
    ["time: tue 3 pm pt", { kind: "time", date: "2026-03-10", time: "15:00", timeZone: "America/Los_Angeles" }],
    ["time: wed 9:30am", { kind: "time", date: TODAY, time: "09:30", timeZone: "Europe/Berlin" }],
    ["time: tomorrow at 10:30", { kind: "time", date: "2026-03-05", time: "10:30", timeZone: "Europe/Berlin" }],
    ["time: 2026-03-12 15:00 Europe/Madrid", { kind: "time", date: "2026-03-12", time: "15:00", timeZone: "Europe/Madrid" }],
    ["time: march 12, 2pm ET", { kind: "time", date: "2026-03-12", time: "14:00", timeZone: "America/New_York" }],
    ["time: 14h30 CET", { kind: "time", date: null, time: "14:30", timeZone: "Europe/Paris" }],
    ["time: 12am UTC", { kind: "time", date: null, time: "00:00", timeZone: "UTC" }],
    ["time: 12pm", { kind: "time", date: null, time: "12:00", timeZone: "Europe/Berlin" }],
    ["time: fri noon", { kind: "time", date: "2026-03-06", time: "12:00", timeZone: "Europe/Berlin" }],
  ])("reads %j", (text, command) => {
    expect(parseOne(text)).toEqual(command);
  });

  it("reads a weekday in a corrected time as today when it is today, unlike a snooze", () => {
    expect(parseReply("time: mon 3pm", { today: "2026-03-09", timeZone: "Europe/Berlin" }).commands).toEqual([
      { kind: "time", date: "2026-03-09", time: "15:00", timeZone: "Europe/Berlin" },
    ]);
  });

  it.each([
    ["company:", 'Write the company after the colon, e.g. "company: Acme".'],
    ["role", 'Write the role after the colon, e.g. "role: Data Engineer".'],
    ["time: tue 3", 'I could not read the time. Write it like "time: tue 3pm PT" or "time: 2026-12-03 15:00 Europe/Berlin".'],
    ["time: someday 3pm", 'I could not read the date. Write it like "time: tue 3pm PT" or "time: 2026-12-03 15:00 Europe/Berlin".'],
    ["time: tue 3pm IST", 'I do not know the time zone "ist". Write its name, e.g. "time: tue 3pm Asia/Kolkata".'],
    ["time: 13pm", 'I could not read the time. Write it like "time: tue 3pm PT" or "time: 2026-12-03 15:00 Europe/Berlin".'],
    ["contact: Jo <not-an-address>", 'I could not read the contact. Write it like "contact: Jo Park <jo@acme.example>".'],
    ["contact: jo@", 'I could not read the contact. Write it like "contact: Jo Park <jo@acme.example>".'],
    ["ignore 2", '"ignore" takes nothing after it: write just "ignore".'],
  ])("explains %j", (text, message) => {
    expect(problemsOf(text)).toEqual([{ line: text, message }]);
  });
});

describe("parseReply: settings", () => {
  it.each<[string, Command]>([
    ["timezone Europe/Berlin", { kind: "timezone", timeZone: "Europe/Berlin" }],
    ["timezone: Europe/Berlin", { kind: "timezone", timeZone: "Europe/Berlin" }],
    ["time zone Europe/Berlin", { kind: "timezone", timeZone: "Europe/Berlin" }],
    ["Timezone america/new_york", { kind: "timezone", timeZone: "America/New_York" }],
    ["tz UTC", { kind: "timezone", timeZone: "UTC" }],
    ["digest 7:30", { kind: "digest_time", time: "07:30" }],
    ["digest 07:30", { kind: "digest_time", time: "07:30" }],
    ["digest 7am", { kind: "digest_time", time: "07:00" }],
    ["digest 7 a.m.", { kind: "digest_time", time: "07:00" }],
    ["digest at 6:45pm", { kind: "digest_time", time: "18:45" }],
    ["digest 7", { kind: "digest_time", time: "07:00" }],
    ["digest 0:00", { kind: "digest_time", time: "00:00" }],
    ["digest 23:59", { kind: "digest_time", time: "23:59" }],
    ["country DE", { kind: "country", country: "DE" }],
    ["country: nl", { kind: "country", country: "NL" }],
    ["country UK", { kind: "country", country: "GB" }],
    ["country none", { kind: "country", country: null }],
    ["pause", { kind: "pause" }],
    ["Pause digests", { kind: "pause" }],
    ["resume", { kind: "resume" }],
  ])("reads %j", (text, command) => {
    expect(parseOne(text)).toEqual(command);
  });

  it.each([
    ["timezone Mars/Olympus"],
    ["timezone PST"],
    ["timezone +01:00"],
    ["timezone"],
    ["digest 24:00"],
    ["digest 7:60"],
    ["digest 13pm"],
    ["digest soon"],
    ["country Germany"],
    ["country D"],
    ["pause for two weeks"],
  ])("refuses %j", (text) => {
    expect(problemsOf(text)).toHaveLength(1);
  });

  it("names the zone it does not know", () => {
    expect(problemsOf("timezone Mars/Olympus")[0]?.message).toBe(
      '"Mars/Olympus" is not a time zone I know. Use a name like "timezone Europe/Berlin" or "timezone America/New_York".',
    );
  });
});

describe("parseReply: undo, list, help", () => {
  it.each<[string, Command]>([
    ["undo", { kind: "undo" }],
    ["Undo that", { kind: "undo" }],
    ["list", { kind: "list" }],
    ["help", { kind: "help" }],
    ["Help!", { kind: "help" }],
  ])("reads %j", (text, command) => {
    expect(parseOne(text)).toEqual(command);
  });

  it("refuses a number after undo: it always reverses the last change", () => {
    expect(problemsOf("undo 2")).toEqual([{ line: "undo 2", message: '"undo" takes nothing after it: write just "undo".' }]);
  });
});

describe("parseReply: several lines, free text, all or nothing", () => {
  it("reads one command per line, in order", () => {
    expect(parse("done 1 3\nrejected 2\nsnooze 4 friday")).toEqual({
      commands: [
        { kind: "done", items: [1, 3] },
        { kind: "rejected", items: [2], company: null },
        { kind: "snooze", item: 4, until: "2026-03-06" },
      ],
      problems: [],
      ignored: [],
    });
  });

  it("ignores free text before and after the commands and reports it", () => {
    expect(parse("Hi!\n\ndone 1\n\nThanks so much,\nSam")).toEqual({
      commands: [{ kind: "done", items: [1] }],
      problems: [],
      ignored: ["Hi!", "Thanks so much,", "Sam"],
    });
  });

  it("returns no command and no problem for a reply of free text only", () => {
    expect(parse("Thanks!\nok")).toEqual({ commands: [], problems: [], ignored: ["Thanks!", "ok"] });
  });

  it("applies nothing when one line is an attempted command that does not parse", () => {
    expect(parse("done 1\nsnooze 2 someday\nrejected 3")).toEqual({
      commands: [],
      problems: [
        {
          line: "snooze 2 someday",
          message: 'I could not read the date. Write it like "snooze 2 monday", "snooze 2 3d" or "snooze 2 2026-12-01".',
        },
      ],
      ignored: [],
    });
  });

  it("treats a line that starts with a command word as an attempted command, not as free text", () => {
    expect(parse("done 1\nDone with the interview, it went well")).toMatchObject({ commands: [], problems: [{ line: "Done with the interview, it went well" }] });
  });

  it("does not read two commands written on one line", () => {
    expect(parse("done 1 rejected 2").commands).toEqual([]);
  });

  it("never reads commands from the quoted digest", () => {
    const reply = "done 1\n\nOn Wed, Mar 4, 2026 at 7:00 AM Follow-up Assistant <assistant+k3x9q@assist.example> wrote:\n> 2. Brightwater Labs\n> Reply \"done 2\" when sent.\n> done 2\n";
    expect(parse(reply).commands).toEqual([{ kind: "done", items: [1] }]);
  });

  it("returns nothing for an empty reply", () => {
    expect(parse("")).toEqual({ commands: [], problems: [], ignored: [] });
  });

  it("refuses undo together with other commands", () => {
    expect(parse("done 1\nundo")).toEqual({
      commands: [],
      problems: [{ line: "undo", message: 'Send "undo" in a reply of its own, so nothing else is changed by accident.' }],
      ignored: [],
    });
  });

  it("refuses forget all together with other commands", () => {
    expect(parse("forget all\nlist").problems).toEqual([
      { line: "forget all", message: 'Send "forget all" in a reply of its own, so nothing else is changed by accident.' },
    ]);
  });

  it("refuses pause and resume in one reply", () => {
    expect(parse("pause\nresume").problems).toEqual([
      { line: "pause / resume", message: '"pause" and "resume" contradict each other; send only one.' },
    ]);
  });

  it("refuses two different values for one setting, and accepts the same value twice", () => {
    expect(parse("digest 7:30\ndigest 8:00").problems).toEqual([
      { line: "digest 8:00", message: 'Two different values for "digest"; send only the right one.' },
    ]);
    expect(parse("digest 7:30\ndigest 07:30").commands).toEqual([
      { kind: "digest_time", time: "07:30" },
      { kind: "digest_time", time: "07:30" },
    ]);
  });

  it("refuses ignore together with a correction", () => {
    expect(parse("ignore\ncompany: Acme").problems).toHaveLength(1);
  });

  it("caps the number of commands in one reply", () => {
    const reply = Array.from({ length: 31 }, (_, i) => `done ${i + 1}`).join("\n");
    expect(parse(reply)).toMatchObject({
      commands: [],
      problems: [{ line: "done 31", message: "Too many commands: send at most 30 per reply." }],
    });
  });

  it("refuses an over-long line that starts with a command word and shortens it in the report", () => {
    const line = `done ${"1 ".repeat(150)}`;
    const { problems } = parse(line);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.line.length).toBe(120);
    expect(problems[0]?.message).toBe("This line is too long for a command. Put each command on its own short line.");
  });
});

describe("describeCommands", () => {
  it("gives one example for every command word", () => {
    const help = describeCommands();
    for (const example of [
      "done 1 3", "rejected 2", "offer 2", "withdraw 2", "heard back 2", "skip 2", "snooze 2 monday",
      "timeline 2 5 business days", "offer elsewhere 2 friday", "company: Acme", "role: Data Engineer",
      "time: tue 3pm PT", "contact: Jo Park <jo@acme.example>", "ignore", "timezone Europe/Berlin",
      "digest 7:30", "country DE", "pause", "resume", "undo", "list", "forget 2", "help",
    ]) {
      expect(help).toContain(example);
    }
  });

  it("has examples that parse to what they show", () => {
    const exampleLines = describeCommands()
      .split("\n")
      .map((line) => line.split(/\s{2,}/)[0] ?? "")
      .filter((example) => example.length > 0 && !example.startsWith("Reply") && !example.startsWith("If ") && !example.startsWith("Also understood"));
    for (const example of exampleLines) {
      const lines = example.includes(" / ") ? example.split(" / ") : [example];
      for (const line of lines) expect(parse(line), line).toMatchObject({ problems: [], commands: [{}] });
    }
  });

  it("shows each correction with the item's number it takes in reply to a digest or list, and that form parses", () => {
    const help = describeCommands();
    for (const word of ["company", "role", "time", "contact"]) {
      const line = help.split("\n").find((l) => l.startsWith(`${word}: `))!;
      const numbered = new RegExp(`in reply to a digest or list[^:]*: (${word} 3: [^)]+)\\)$`).exec(line)?.[1];
      expect(numbered, line).toBeDefined();
      expect(parseOne(numbered!), numbered).toMatchObject({ kind: word, item: 3 });
    }
  });
});

/** The parse without each problem's closest commands, which their own tests check. */
function parse(text: string): Omit<ReplyParse, "problems"> & { problems: Omit<ReplyProblem, "closest">[] } {
  const result = parseReply(text, OPTIONS);
  return { ...result, problems: result.problems.map(({ line, message }) => ({ line, message })) };
}

function parseOne(text: string): Command | undefined {
  const result = parse(text);
  expect(result.problems).toEqual([]);
  expect(result.commands).toHaveLength(1);
  return result.commands[0];
}

function problemsOf(text: string): Omit<ReplyProblem, "closest">[] {
  const result = parse(text);
  expect(result.commands).toEqual([]);
  return result.problems;
}

describe("parseReply: the calendar and the private page", () => {
  it.each([
    ["calendar", { kind: "calendar_link" }],
    ["Calendar link please", { kind: "calendar_link" }],
    ["Kalender", { kind: "calendar_link" }],
    ["new calendar link", { kind: "new_calendar_link" }],
    ["dashboard", { kind: "dashboard" }],
    ["log in", { kind: "dashboard" }],
    ["tableau de bord", { kind: "dashboard" }],
    ["logout", { kind: "logout" }],
    ["log out everywhere", { kind: "logout" }],
    ["Abmelden", { kind: "logout" }],
  ])("reads %j", (text, command) => {
    expect(parseOne(text)).toEqual(command);
  });

  it("a sentence about a calendar beside a command is free text, not a command not understood", () => {
    expect(parse("done 1\nI added the interview to my calendar already")).toMatchObject({ problems: [], commands: [{ kind: "done", items: [1] }] });
  });

  it("refuses what would be guessed: a number after logout", () => {
    expect(problemsOf("logout 2")).toEqual([{ line: "logout 2", message: '"logout" takes nothing after it: write just "logout".' }]);
  });
});

describe("parseReply: numbered corrections", () => {
  it.each([
    ["contact 2: Jo Park <jo@acme.example>", { kind: "contact", name: "Jo Park", email: "jo@acme.example", item: 2 }],
    ["company #1: Acme Labs", { kind: "company", company: "Acme Labs", item: 1 }],
    ["role 3: Data Engineer", { kind: "role", role: "Data Engineer", item: 3 }],
    ["time 2: tue 3pm Europe/Berlin", { kind: "time", date: "2026-03-10", time: "15:00", timeZone: "Europe/Berlin", item: 2 }],
  ])("reads %j with its item", (text, command) => {
    expect(parseOne(text)).toEqual(command);
  });

  it("a number after the colon is the value, not an item", () => {
    expect(parseOne("time: 3 pm")).toEqual({ kind: "time", date: null, time: "15:00", timeZone: "Europe/Berlin" });
  });

  it("says it back with its number, for undo", () => {
    expect(describeCommand({ kind: "contact", name: "Jo Park", email: "jo@acme.example", item: 2 })).toBe("contact 2: Jo Park <jo@acme.example>");
  });
});
