/**
 * `npm run --silent plan -- [--now ISO] [--tz ZONE] [--country CC] [--signature NAME] a.eml ...`: what the
 * worker would file and draft for these emails, without a worker. The files are treated as
 * forwarded in order, each arriving at its original Date: readEmail (parseMime → unwrapForward →
 * understandEmail) → planFiling against the applications so far → applied to an in-memory copy
 * of the tables (src/core/filing/memory-store.ts) → the worker's follow-up refresh (planRefresh:
 * buildHistory → planFollowUps, and the status time implies); then the same refresh at `now`
 * for every application. Prints one JSON object: the applications with their status and
 * follow-ups (due times as ISO 8601 in the user's zone), and a summary of the checks every
 * draft must pass (`PlanSummary`), also printed as one line on stderr.
 *
 * `now` defaults to the latest Date among the emails (the output says which was used), the
 * zone to OWNER_TIMEZONE or UTC, the country to OWNER_COUNTRY; owner addresses come from
 * OWNER_EMAILS. Settings are the defaults, with the signature from `--signature` or OWNER_SIGNATURE. Reads the named files; writes stdout (the report)
 * and stderr (usage errors) only.
 */
import { readFileSync } from "node:fs";
import { parseLocalDateTime } from "../core/time/business-days.ts";
import { fileKeptMessage } from "../core/filing/file.ts";
import type { FollowUpPlan } from "../core/follow-ups/rules.ts";
import {
  changeApplicationStatus,
  createMemoryFilingStore,
  EMPTY_FILING_MEMORY,
  type FilingMemory,
  loadRecords,
  storeMessage,
} from "../core/filing/memory-store.ts";
import { err, ok, type Result } from "../core/result.ts";
import { isIanaTimeZone } from "../core/time/zone-check.ts";
import { formatInZone } from "../core/time/zones.ts";
import { readEmail, type EmailReading } from "../core/understanding/read.ts";
import type { DraftLanguage } from "../core/follow-ups/phrases/types.ts";
import type { Understanding } from "../core/understanding/types.ts";
import type { ApplicationStatus } from "../core/applications/status.ts";
import { planRefresh } from "../core/follow-ups/refresh.ts";
import { PLACEHOLDERS } from "../core/follow-ups/drafts.ts";

export const PLAN_USAGE = "usage: npm run --silent plan -- [--now ISO] [--tz ZONE] [--country CC] [--signature NAME] a.eml [b.eml ...]";

export interface PlanOptions {
  /** The moment to plan at (epoch ms); null for the latest Date among the emails. */
  now: number | null;
  /** The user's IANA zone: business days, due times and the printed instants. */
  timeZone: string;
  /** ISO 3166-1 alpha-2 country whose public holidays are skipped, or null. */
  country: string | null;
  ownerAddresses: readonly string[];
  /** The name under every draft; null leaves its placeholder. */
  signature: string | null;
}

export interface PlanArgs {
  options: PlanOptions;
  files: string[];
}

export interface ForwardFile {
  /** Shown in the report; the file's path for the CLI. */
  name: string;
  raw: Uint8Array;
}

export interface PlannedDraft {
  key: string;
  rule: string;
  interviewId: number | null;
  due: string;
  latest: string | null;
  late: boolean;
  state: "due" | "upcoming";
  to: { name: string | null; email: string }[];
  subject: string;
  body: string;
  language: DraftLanguage;
  placeholders: string[];
  verdict: "ready" | "needs_input";
  reason: string;
}

export interface PlannedApplication {
  id: number;
  company: string | null;
  role: string | null;
  status: ApplicationStatus;
  contact: { name: string | null; email: string | null } | null;
  language: string;
  noCalls: boolean;
  interviews: { id: number; start: string | null; startLocal: string | null; timeZone: string | null; durationMin: number | null; status: "scheduled" | "cancelled" }[];
  /** R2: the date the promised timeline runs to. */
  promisedBy: string | null;
  /** R11: the employer answered after the latest anchor. */
  pausedByReply: boolean;
  goneQuiet: boolean;
  suggestion: string | null;
  followUps: PlannedDraft[];
}

export interface EmailOutcome {
  file: string;
  outcome: "filed" | "duplicate" | "not_job_related" | "not_understood";
  kind: Understanding["kind"] | null;
  applicationId: number | null;
  /** When it counts as arrived: its original Date, else the forward's, else the previous email's (or now). */
  arrivedAt: string;
  problem?: string;
}

/**
 * What must hold for every draft: no line of the owner's note quoted unless marked `point:`
 * (C3), nothing "ready" without a recipient and a signature (C10), and no thank-you due before
 * its interview ends (R1). The last three counts should be 0.
 */
export interface PlanSummary {
  drafts: number;
  ready: number;
  quotingUnmarkedNote: number;
  readyWithoutRecipientOrSignature: number;
  thankYouBeforeInterviewEnds: number;
}

export interface PlanReport {
  now: string;
  nowFrom: "--now" | "latest email date";
  timeZone: string;
  country: string | null;
  emails: EmailOutcome[];
  applications: PlannedApplication[];
  summary: PlanSummary;
}

interface ReadFile {
  name: string;
  outerSubject: string | null;
  /** When the email arrived: its original Date, else the forward's own Date; null without either. */
  date: number | null;
  reading: EmailReading | null;
  problem: string | null;
}

/** A note line shorter than this could match a draft's own words by chance; it is not checked. */
const MIN_NOTE_LINE_CHARS = 12;

const OFFSET_ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/i;
const DATE_ONLY_RE = /^\d{4}-\d{2}-\d{2}$/;
const COUNTRY_RE = /^[A-Za-z]{2}$/;

/**
 * The command line and the environment → options and files. `--now` takes an ISO instant with
 * an offset, or a local date-time or date read in the chosen zone (a date alone is its midnight).
 */
export function parsePlanArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): Result<PlanArgs, string> {
  let nowText: string | null = null;
  let timeZone = env.OWNER_TIMEZONE?.trim() || "UTC";
  let country = env.OWNER_COUNTRY?.trim() || null;
  let signature = env.OWNER_SIGNATURE?.trim() || null;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, null];
    if (flag === "--now" || flag === "--tz" || flag === "--country" || flag === "--signature") {
      const value = inline ?? argv[++i];
      if (value === undefined || value === "") return err(`${flag} needs a value\n${PLAN_USAGE}`);
      if (flag === "--now") nowText = value;
      else if (flag === "--tz") timeZone = value;
      else if (flag === "--signature") signature = value.trim();
      else country = value;
    } else if (flag === "--help" || flag === "-h") {
      return err(PLAN_USAGE);
    } else if (flag.startsWith("--")) {
      return err(`unknown option ${flag}\n${PLAN_USAGE}`);
    } else {
      files.push(arg);
    }
  }
  if (files.length === 0) return err(`no .eml files given\n${PLAN_USAGE}`);
  if (!isIanaTimeZone(timeZone)) return err(`unknown time zone "${timeZone}" (an IANA name such as Europe/Berlin)`);
  if (country !== null && !COUNTRY_RE.test(country)) return err(`country must be a two-letter code such as DE, not "${country}"`);
  let now: number | null = null;
  if (nowText !== null) {
    now = parseNow(nowText, timeZone);
    if (now === null) return err(`--now must be an ISO date-time such as 2026-03-20T09:00:00+01:00, not "${nowText}"`);
  }
  const ownerAddresses = (env.OWNER_EMAILS ?? "")
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean);
  return ok({ options: { now, timeZone, country: country?.toUpperCase() ?? null, ownerAddresses, signature }, files });
}

function parseNow(text: string, timeZone: string): number | null {
  const value = text.trim();
  if (OFFSET_ISO_RE.test(value)) {
    const instant = Date.parse(value);
    return Number.isFinite(instant) ? instant : null;
  }
  return parseLocalDateTime(DATE_ONLY_RE.test(value) ? `${value}T00:00` : value, timeZone);
}

/**
 * Files the emails in order, each at the time it arrived, and plans every application's
 * follow-ups at `now`. Fails only when no `now` is given and no email carries a date.
 */
export async function planForwards(files: readonly ForwardFile[], options: PlanOptions): Promise<Result<PlanReport, string>> {
  const read = await Promise.all(files.map((file) => readForward(file, options.ownerAddresses)));
  const dates = read.map((r) => r.date).filter((d): d is number => d !== null);
  const now = options.now ?? (dates.length > 0 ? Math.max(...dates) : null);
  if (now === null) return err("none of the emails has a Date: give --now");
  const user = { timeZone: options.timeZone, country: options.country, settings: { signature: options.signature } };

  let memory = EMPTY_FILING_MEMORY;
  const emails: EmailOutcome[] = [];
  let previousArrival: number | null = null;
  for (const file of read) {
    const arrival: number = file.date ?? previousArrival ?? now;
    previousArrival = arrival;
    const outcome = await fileForward(memory, file, arrival);
    memory = outcome.memory;
    if (outcome.applicationId !== null) memory = refresh(memory, outcome.applicationId, arrival).memory;
    emails.push({
      file: file.name,
      outcome: outcome.outcome,
      kind: file.reading?.understanding.kind ?? null,
      applicationId: outcome.applicationId,
      arrivedAt: formatInZone(arrival, options.timeZone),
      ...(file.problem === null ? {} : { problem: file.problem }),
    });
  }

  const final = refresh(memory, undefined, now);
  const applications = final.memory.applications.map((app) => describeApplication(final.memory, app.id, final.plans.get(app.id), options.timeZone));
  return ok({
    now: formatInZone(now, options.timeZone),
    nowFrom: options.now === null ? "latest email date" : "--now",
    timeZone: options.timeZone,
    country: options.country,
    emails,
    applications,
    summary: summarisePlan(final.memory, applications),
  });

  /**
   * The worker's follow-up refresh (`refreshFollowUps`) at `at`: the rules, and the status the
   * passage of time implies. No follow-up was ever sent or skipped here, so none is stored.
   */
  function refresh(start: FilingMemory, applicationId: number | undefined, at: number): { memory: FilingMemory; plans: Map<number, FollowUpPlan> } {
    const { plans, changes } = planRefresh({ ...loadRecords(start, applicationId), followUps: [] }, user, at);
    let current = start;
    for (const { applicationId: id, statusChange } of changes) {
      if (statusChange) current = changeApplicationStatus(current, { applicationId: id, ...statusChange, at, because: "time passed" });
    }
    return { memory: current, plans };
  }
}

/** What the worker does with one kept message (`fileKeptMessage`), over memory. */
async function fileForward(
  start: FilingMemory,
  file: ReadFile,
  arrival: number,
): Promise<{ memory: FilingMemory; outcome: EmailOutcome["outcome"]; applicationId: number | null }> {
  const { memory, messageId } = storeMessage(start, file.outerSubject);
  const store = createMemoryFilingStore(memory);
  const read = file.reading ? ok(file.reading) : err({ problem: file.problem ?? "it could not be read" });
  const result = await fileKeptMessage(store, { id: messageId, fallbackSubject: file.outerSubject }, read, arrival);
  switch (result.state) {
    case "understood":
      return { memory: store.memory, outcome: "filed", applicationId: result.applicationId };
    case "ignored":
      return { memory: store.memory, outcome: "duplicate", applicationId: null };
    case "not_understood":
      return { memory: store.memory, outcome: result.outcome.kind === "not_job_related" ? "not_job_related" : "not_understood", applicationId: null };
    case "filed_before":
      throw new Error("memory has no concurrent deliveries");
  }
}

/** Reads a file as the worker reads a kept message (`readEmail`). */
async function readForward(file: ForwardFile, ownerAddresses: readonly string[]): Promise<ReadFile> {
  const read = await readEmail(file.raw, { ownerAddresses });
  if (!read.ok) {
    const { outer, problem, error } = read.error;
    return { name: file.name, outerSubject: outer?.subject ?? null, date: outer?.date ?? null, reading: null, problem: error === null ? problem : `reading it failed: ${error}` };
  }
  const reading = read.value;
  return { name: file.name, outerSubject: reading.outer.subject, date: reading.sentAt ?? reading.outer.date, reading, problem: null };
}

function summarisePlan(memory: FilingMemory, applications: readonly PlannedApplication[]): PlanSummary {
  const summary: PlanSummary = { drafts: 0, ready: 0, quotingUnmarkedNote: 0, readyWithoutRecipientOrSignature: 0, thankYouBeforeInterviewEnds: 0 };
  for (const app of applications) {
    const notes = loadRecords(memory, app.id).applications[0]?.notes ?? [];
    const privateLines = notes
      .flatMap((note) => note.split("\n"))
      .map((line) => line.trim())
      .filter((line) => line.length >= MIN_NOTE_LINE_CHARS && !/^point\s*:/i.test(line));
    const ends = new Map(app.interviews.map((i) => [i.id, i.start === null ? null : Date.parse(i.start) + (i.durationMin ?? 60) * 60_000]));
    for (const draft of app.followUps) {
      summary.drafts++;
      if (draft.verdict === "ready") summary.ready++;
      if (privateLines.some((line) => draft.body.includes(line))) summary.quotingUnmarkedNote++;
      if (draft.verdict === "ready" && (draft.to.length === 0 || draft.placeholders.includes(PLACEHOLDERS.signature))) summary.readyWithoutRecipientOrSignature++;
      const end = draft.interviewId === null ? null : ends.get(draft.interviewId);
      if (draft.rule === "R1" && end != null && Date.parse(draft.due) < end) summary.thankYouBeforeInterviewEnds++;
    }
  }
  return summary;
}

function describeApplication(memory: FilingMemory, id: number, plan: FollowUpPlan | undefined, timeZone: string): PlannedApplication {
  const records = loadRecords(memory, id);
  const app = records.applications[0];
  if (!app || !plan) throw new Error(`application ${id} has no records or plan`);
  const instant = (ms: number | null) => (ms === null ? null : formatInZone(ms, timeZone));
  return {
    id,
    company: app.company,
    role: app.role,
    status: app.status,
    contact: app.contactName || app.contactEmail ? { name: app.contactName, email: app.contactEmail } : null,
    language: app.language,
    noCalls: app.noCalls,
    interviews: records.interviews.map((i) => ({
      id: i.id,
      start: instant(i.startAt),
      startLocal: i.startLocal,
      timeZone: i.timeZone,
      durationMin: i.durationMin,
      status: i.status,
    })),
    promisedBy: plan.promisedBy,
    pausedByReply: plan.pausedByReply,
    goneQuiet: plan.goneQuiet,
    suggestion: plan.suggestion,
    followUps: plan.followUps.map((f) => ({
      key: f.key,
      rule: f.rule,
      interviewId: f.interviewId,
      due: formatInZone(f.dueAt, timeZone),
      latest: instant(f.latestAt),
      late: f.late,
      state: f.state,
      to: f.to,
      subject: f.subject,
      body: f.body,
      language: f.language,
      placeholders: f.placeholders,
      verdict: f.verdict,
      reason: f.reason,
    })),
  };
}

async function main(): Promise<number> {
  const args = parsePlanArgs(process.argv.slice(2), process.env);
  if (!args.ok) {
    console.error(args.error);
    return 2;
  }
  const files = args.value.files.map((name) => ({ name, raw: new Uint8Array(readFileSync(name)) }));
  const report = await planForwards(files, args.value.options);
  if (!report.ok) {
    console.error(report.error);
    return 1;
  }
  console.log(JSON.stringify(report.value, null, 2));
  const s = report.value.summary;
  console.error(
    `drafts: ${s.drafts}, ready: ${s.ready}, quoting an unmarked note: ${s.quotingUnmarkedNote}, ready without recipient or signature: ${s.readyWithoutRecipientOrSignature}, thank-you before the interview ends: ${s.thankYouBeforeInterviewEnds}`,
  );
  return 0;
}

if (import.meta.main) process.exitCode = await main();
