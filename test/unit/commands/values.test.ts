import { describe, expect, it } from "vitest";
import {
  canonicalTimeZone,
  type DateAnchor,
  daysBetween,
  resolveDatePhrase,
  resolveTimelinePhrase,
  resolveTimeOfDay,
  resolveZoneToken,
  tokenize,
} from "../../../src/core/commands/values.ts";

/** Wednesday 4 March 2026 in the user's zone. */
const TODAY = "2026-03-04";

describe("tokenize", () => {
  it.each<[string, string[]]>([
    ["Until Monday", ["until", "monday"]],
    ["Tue., 3pm", ["tue", "3pm"]],
    ["dec 1, 2026", ["dec", "1", "2026"]],
    ["  in\t3   days \n", ["in", "3", "days"]],
    ["15.30", ["15.30"]],
    ["3.", ["3."]],
    ["7 a.m.", ["7", "a.m"]],
    ["Europe/Berlin", ["europe/berlin"]],
    ["", []],
    [" , ,", []],
  ])("%j → %j", (phrase, tokens) => {
    expect(tokenize(phrase)).toEqual(tokens);
  });
});

describe("resolveDatePhrase", () => {
  it.each<[string, string]>([
    ["today", "2026-03-04"],
    ["tomorrow", "2026-03-05"],
    ["friday", "2026-03-06"],
    ["mon", "2026-03-09"],
    ["thurs", "2026-03-05"],
    ["sun", "2026-03-08"],
    ["3d", "2026-03-07"],
    ["3 days", "2026-03-07"],
    ["1 day", "2026-03-05"],
    ["2 d", "2026-03-06"],
    ["2w", "2026-03-18"],
    ["1 week", "2026-03-11"],
    ["2 weeks", "2026-03-18"],
    ["366d", "2027-03-05"],
    ["52w", "2027-03-03"],
    ["2026-12-01", "2026-12-01"],
    ["2020-01-01", "2020-01-01"],
    ["2028-02-29", "2028-02-29"],
    ["dec 1", "2026-12-01"],
    ["1 december", "2026-12-01"],
    ["1st dec", "2026-12-01"],
    ["22nd sept", "2026-09-22"],
    ["december 1 2027", "2027-12-01"],
    ["1st december 2026", "2026-12-01"],
    ["march 1", "2027-03-01"],
    ["march 5", "2026-03-05"],
    ["until monday", "2026-03-09"],
    ["in 3 days", "2026-03-07"],
    ["by dec 1", "2026-12-01"],
    ["on 2026-12-01", "2026-12-01"],
  ])("reads %j on Wednesday 2026-03-04 as %s", (phrase, date) => {
    expect(resolveDatePhrase(tokenize(phrase), TODAY, "after_today")).toBe(date);
  });

  it.each<[string, DateAnchor, string]>([
    ["wednesday", "after_today", "2026-03-11"],
    ["wednesday", "from_today", "2026-03-04"],
    ["march 4", "after_today", "2027-03-04"],
    ["march 4", "from_today", "2026-03-04"],
    ["march 3", "from_today", "2027-03-03"],
  ])("reads %j with the anchor %s as %s (today is that day)", (phrase, anchor, date) => {
    expect(resolveDatePhrase(tokenize(phrase), TODAY, anchor)).toBe(date);
  });

  it.each<[string, string, string]>([
    ["2026-12-31", "tomorrow", "2027-01-01"],
    ["2026-12-30", "monday", "2027-01-04"],
    ["2026-12-30", "jan 2", "2027-01-02"],
    ["2026-12-30", "3d", "2027-01-02"],
    ["2028-02-28", "tomorrow", "2028-02-29"],
    ["2027-02-28", "tomorrow", "2027-03-01"],
    ["2027-03-01", "feb 29", "2028-02-29"],
    ["2026-03-07", "tomorrow", "2026-03-08"],
    ["2026-03-27", "monday", "2026-03-30"],
  ])("on %s reads %j as %s (year ends, leap days, daylight saving weekends)", (today, phrase, date) => {
    expect(resolveDatePhrase(tokenize(phrase), today, "after_today")).toBe(date);
  });

  it.each([
    [""],
    ["until"],
    ["someday"],
    ["monday morning please"],
    ["0d"],
    ["367d"],
    ["367 days"],
    ["1000d"],
    ["53w"],
    ["0 weeks"],
    ["3 months"],
    ["2026-02-30"],
    ["2027-02-29"],
    ["2026-13-01"],
    ["26-12-01"],
    ["feb 29"],
    ["feb 30 2028"],
    ["dec 32"],
    ["dec 1 26"],
    ["dec first"],
    ["1 2"],
    ["smarch 1"],
    ["until until monday"],
  ])("returns null for %j", (phrase) => {
    expect(resolveDatePhrase(tokenize(phrase), TODAY, "after_today")).toBeNull();
  });
});

describe("resolveTimeOfDay", () => {
  it.each<[string, string]>([
    ["3pm", "15:00"],
    ["3 pm", "15:00"],
    ["3:30pm", "15:30"],
    ["3.30 p.m.", "15:30"],
    ["7 a.m.", "07:00"],
    ["7am", "07:00"],
    ["12am", "00:00"],
    ["12pm", "12:00"],
    ["12:59 am", "00:59"],
    ["noon", "12:00"],
    ["15:00", "15:00"],
    ["15.00", "15:00"],
    ["15h", "15:00"],
    ["15h30", "15:30"],
    ["9h", "09:00"],
    ["0:00", "00:00"],
    ["23:59", "23:59"],
  ])("reads %j as %s", (phrase, time) => {
    expect(resolveTimeOfDay(tokenize(phrase), false)).toBe(time);
  });

  it("reads a bare hour only when the caller allows it", () => {
    expect(resolveTimeOfDay(["7"], true)).toBe("07:00");
    expect(resolveTimeOfDay(["23"], true)).toBe("23:00");
    expect(resolveTimeOfDay(["7"], false)).toBeNull();
  });

  it("reads the suffix as written when it is not tokenized", () => {
    expect(resolveTimeOfDay(["7a.m."], false)).toBe("07:00");
  });

  it.each([
    [""],
    ["0am"],
    ["13pm"],
    ["13:00pm"],
    ["24:00"],
    ["24"],
    ["7:60"],
    ["7:5"],
    ["123"],
    ["3pm pm"],
    ["3 xyz"],
    ["3 pm sharp"],
    ["noon pm"],
    ["3 o'clock"],
    ["half past 3"],
  ])("returns null for %j", (phrase) => {
    expect(resolveTimeOfDay(tokenize(phrase), true)).toBeNull();
  });
});

describe("resolveZoneToken", () => {
  it.each<[string, string]>([
    ["PT", "America/Los_Angeles"],
    ["pst", "America/Los_Angeles"],
    ["PDT", "America/Los_Angeles"],
    ["MT", "America/Denver"],
    ["CT", "America/Chicago"],
    ["ET", "America/New_York"],
    ["EST", "America/New_York"],
    ["hst", "Pacific/Honolulu"],
    ["gmt", "UTC"],
    ["Z", "UTC"],
    ["BST", "Europe/London"],
    ["cest", "Europe/Paris"],
    ["EET", "Europe/Athens"],
    ["JST", "Asia/Tokyo"],
    ["aedt", "Australia/Sydney"],
    ["europe/berlin", "Europe/Berlin"],
    ["America/New_York", "America/New_York"],
  ])("reads %j as %s", (token, zone) => {
    expect(resolveZoneToken(token)).toBe(zone);
  });

  it.each([["IST"], ["CEST2"], ["Mars/Olympus_Mons"], ["+01:00"], [""]])("returns null for %j", (token) => {
    expect(resolveZoneToken(token)).toBeNull();
  });
});

describe("canonicalTimeZone", () => {
  it.each<[string, string]>([
    ["Europe/Berlin", "Europe/Berlin"],
    ["europe/berlin", "Europe/Berlin"],
    ["AMERICA/LOS_ANGELES", "America/Los_Angeles"],
    ["UTC", "UTC"],
    ["utc", "UTC"],
    ["Etc/UTC", "UTC"],
  ])("spells %j as %s", (name, zone) => {
    expect(canonicalTimeZone(name)).toBe(zone);
  });

  it.each([
    ["+01:00", "an offset"],
    ["EST", "a legacy abbreviation"],
    ["GMT", "an abbreviation the runtime knows"],
    ["Europe", "an area alone"],
    ["Europe/Nowhere", "an unknown location"],
    ["Europe/Berlin ", "trailing space"],
    [`America/${"A".repeat(60)}`, "more than 64 characters"],
  ])("refuses %j (%s)", (name) => {
    expect(canonicalTimeZone(name)).toBeNull();
  });
});

describe("resolveTimelinePhrase (R2)", () => {
  it.each([
    ["5 business days", { amount: 5, unit: "business_days", text: "5 business days", by: null }],
    ["5 working days", { amount: 5, unit: "business_days", text: "5 working days", by: null }],
    ["5 work days", { amount: 5, unit: "business_days", text: "5 work days", by: null }],
    ["5 days", { amount: 5, unit: "business_days", text: "5 days", by: null }],
    ["5d", { amount: 5, unit: "business_days", text: "5d", by: null }],
    ["5 bd", { amount: 5, unit: "business_days", text: "5 bd", by: null }],
    ["1 day", { amount: 1, unit: "business_days", text: "1 day", by: null }],
    ["10 calendar days", { amount: 10, unit: "days", text: "10 calendar days", by: null }],
    ["48 hours", { amount: 48, unit: "hours", text: "48 hours", by: null }],
    ["48h", { amount: 48, unit: "hours", text: "48h", by: null }],
    ["2 weeks", { amount: 2, unit: "weeks", text: "2 weeks", by: null }],
    ["2w", { amount: 2, unit: "weeks", text: "2w", by: null }],
    ["1 month", { amount: 1, unit: "months", text: "1 month", by: null }],
    ["in 2 weeks", { amount: 2, unit: "weeks", text: "in 2 weeks", by: null }],
    ["Within 3 Days", { amount: 3, unit: "business_days", text: "Within 3 Days", by: null }],
    ["365 days", { amount: 365, unit: "business_days", text: "365 days", by: null }],
    ["  5 days  ", { amount: 5, unit: "business_days", text: "5 days", by: null }],
  ])("reads %j as an amount", (phrase, timeline) => {
    expect(resolveTimelinePhrase(phrase, TODAY)).toEqual(timeline);
  });

  it.each([
    ["3-5 days", { amount: 5, unit: "business_days", text: "3-5 days", by: null, rangeMin: 3 }],
    ["3 to 5 business days", { amount: 5, unit: "business_days", text: "3 to 5 business days", by: null, rangeMin: 3 }],
    ["1-2w", { amount: 2, unit: "weeks", text: "1-2w", by: null, rangeMin: 1 }],
    ["5-5 days", { amount: 5, unit: "business_days", text: "5-5 days", by: null }],
  ])("reads the range %j as its upper end, keeping the lower", (phrase, timeline) => {
    expect(resolveTimelinePhrase(phrase, TODAY)).toEqual(timeline);
  });

  it.each([
    ["friday", "2026-03-06"],
    ["by friday", "2026-03-06"],
    ["wednesday", "2026-03-04"],
    ["today", "2026-03-04"],
    ["by dec 1", "2026-12-01"],
    ["2026-03-20", "2026-03-20"],
  ])("reads %j as a date (a weekday may be today)", (phrase, by) => {
    expect(resolveTimelinePhrase(phrase, TODAY)).toEqual({ amount: null, unit: null, text: phrase, by });
  });

  it.each([
    [""],
    ["soon"],
    ["0 days"],
    ["400 days"],
    ["5-3 days"],
    ["3-0 days"],
    ["5 fortnights"],
    ["5 calendar weeks"],
    ["5 business weeks"],
    ["5 business days or so"],
    ["5"],
    ["2026-03-01"],
    ["in in 5 days"],
  ])("returns null for %j", (phrase) => {
    expect(resolveTimelinePhrase(phrase, TODAY)).toBeNull();
  });
});

describe("daysBetween", () => {
  it.each<[string, string, number]>([
    ["2026-03-04", "2026-03-04", 0],
    ["2026-03-04", "2026-03-09", 5],
    ["2026-03-09", "2026-03-04", -5],
    ["2026-03-07", "2026-03-09", 2],
    ["2026-12-31", "2027-01-01", 1],
    ["2028-02-28", "2028-03-01", 2],
    ["2027-02-28", "2027-03-01", 1],
    ["2026-03-04", "2027-03-04", 365],
    ["2028-01-01", "2029-01-01", 366],
  ])("%s → %s is %i days", (from, to, days) => {
    expect(daysBetween(from, to)).toBe(days);
  });
});
