/**
 * `npm run bench`: where the milliseconds go, in one run, against the budgets.
 *  1. ingest per message, warm: postal-mime alone vs the whole understanding pipeline;
 *  2. the first message in a fresh process (cold);
 *  3. the digest's rules, drafts and rendering for 10, 100 and 1,000 active applications;
 *  4. the digest job's D1 queries for the same (worker tier, real D1);
 *  5. the deployable bundle's size;
 *  6. the DKIM check of an invite: the first in a fresh process (with and without the warm-up) and warm;
 *  7. the private page for 1,000 applications: its render CPU and its HTML size.
 * Timings are reported, not asserted (they depend on the machine); the deterministic budgets
 * (queries, bundle size) are also tests. The last line sums the run up.
 *
 *   npm run bench [-- --only=ingest,cold,digest,queries,bundle,dkim,dashboard]
 */
import { execFileSync } from "node:child_process";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { measureColdStart, runCold, type ColdReport, type ColdRun } from "./cold-start.ts";
import { countDigestQueries, type DigestQueryCount } from "./digest-queries.ts";
import { measureDigestLoad, type DigestLoadCost } from "./digest-load.ts";
import { measureDkim, type DkimCost } from "./dkim.ts";
import { measureDashboard, type DashboardCost } from "./dashboard.ts";
import { listMessages, measureIngest, type MessageCost } from "./ingest.ts";
import { median, ms, percentile } from "./stats.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const MESSAGE_DIRS = [path.join(ROOT, "../shared/corpus/cases"), path.join(ROOT, "test/fixtures/emails")];
/** Reference invites for the cold start without warm-up: a plain-text forward and a calendar attachment. */
const COLD_INVITES = ["test/fixtures/emails/gmail-forward-invite.eml", "test/fixtures/emails/thunderbird-attachment-invite-ics.eml"];
const COLD_RUNS = 5;
/** The kinds that carry an interview slot: the "typical invite" of the cold budget. */
const INVITE_KINDS = new Set(["invitation", "scheduling_confirmation", "next_round", "reschedule"]);
/** Workers' limit on evaluating the module (global scope), where the warm-up runs. */
const START_UP_LIMIT_MS = 1000;
const DIGEST_APPLICATIONS = [10, 100, 1000];
const DKIM_RUNS = 5;

const BUDGET = {
  /** (b)/(a) warm: no more than the whole pipeline cost, against postal-mime alone, when this budget was set. */
  pipelineRatio: 3.9,
  /** The first message after start-up, for 95 % of the messages (and the typical invite). */
  coldFirstMessageCpuMs: 10,
  digestQueries: 3,
  digestCpuMs: 50,
  bundleGzipKiB: 400,
  dashboardRenderMs: 50,
  dashboardHtmlKB: 100,
};

const SECTIONS = ["ingest", "cold", "digest", "queries", "bundle", "dkim", "dashboard"] as const;
type Section = (typeof SECTIONS)[number];

function selectedSections(): Set<Section> {
  const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length);
  if (!only) return new Set(SECTIONS);
  const picked = only.split(",").filter((s): s is Section => (SECTIONS as readonly string[]).includes(s));
  return new Set(picked);
}

function verdict(within: boolean): string {
  return within ? "ok" : "OVER";
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ")).join("\n");
}

function reportIngest(costs: MessageCost[]): { parseP50: number; pipelineP50: number; ratio: number } {
  const parse = costs.map((c) => c.parseMs);
  const pipeline = costs.map((c) => c.pipelineMs);
  const ratio = median(pipeline) / median(parse);
  const ratios = costs.map((c) => c.pipelineMs / c.parseMs);
  console.log(`\n== 1. Ingest per message, warm (${costs.length} messages; each the median of tinybench samples)`);
  console.log(
    table([
      ["", "median", "p95"],
      ["(a) postal-mime alone (PostalMime.parse)", `${ms(median(parse))} ms`, `${ms(percentile(parse, 95))} ms`],
      ["(b) parseMime → unwrapForward → understandEmail", `${ms(median(pipeline))} ms`, `${ms(percentile(pipeline, 95))} ms`],
      ["(b)/(a) per message", median(ratios).toFixed(2), percentile(ratios, 95).toFixed(2)],
    ]),
  );
  console.log(`(b)/(a) of the medians: ${ratio.toFixed(2)} (budget ≤ ${BUDGET.pipelineRatio}) ${verdict(ratio <= BUDGET.pipelineRatio)}`);
  const slowest = [...costs].sort((x, y) => y.pipelineMs - x.pipelineMs).slice(0, 3);
  console.log(`slowest: ${slowest.map((c) => `${path.basename(c.file)} ${ms(c.pipelineMs)} ms (parse ${ms(c.parseMs)})`).join("; ")}`);
  return { parseP50: median(parse), pipelineP50: median(pipeline), ratio };
}

function stepRow(label: string, m: Record<string, { cpuMs: number; wallMs: number }>): string[] {
  return [label, ...["startUp", "parse", "unwrap", "understand", "confirm", "firstMessage"].map((k) => `${ms(m[k]!.cpuMs)} ms`), `${ms(m.firstMessage!.wallMs)} ms`];
}

function reportCold(withoutWarmUp: ColdReport[], withWarmUp: ColdRun[]): { typical: number; p95: number; startUp: number } {
  console.log("\n== 2. First message in a fresh process (cold): main-thread CPU");
  console.log("parseMime → unwrapForward → understandEmail, then planFiling + buildConfirmation (\"confirm\"); start-up = importing the core (+ the warm-up)");
  console.log(`(i) without the start-up warm-up, median of ${COLD_RUNS} runs:`);
  const header = ["", "start-up", "parse", "unwrap", "understand", "confirm", "first message", "(wall)"];
  console.log(table([header, ...withoutWarmUp.map((r) => stepRow(path.basename(r.file), r.median))]));
  const invites = withWarmUp.filter((r) => INVITE_KINDS.has(r.kind));
  const first = (runs: ColdRun[]) => runs.map((r) => r.firstMessage.cpuMs);
  console.log(`(ii) with the warm-up src/index.ts runs at start-up (as deployed), every message once in its own process:`);
  const summaryRow = (label: string, runs: ColdRun[]) => [label, String(runs.length), `${ms(median(runs.map((r) => r.startUp.cpuMs)))} ms`, `${ms(median(first(runs)))} ms`, `${ms(percentile(first(runs), 95))} ms`, `${ms(Math.max(...first(runs)))} ms`];
  console.log(table([["", "messages", "start-up", "first message p50", "p95", "worst"], summaryRow("invites (a slot to read)", invites), summaryRow("all messages", withWarmUp)]));
  const worst = [...withWarmUp].sort((x, y) => y.firstMessage.cpuMs - x.firstMessage.cpuMs).slice(0, 3);
  console.log(`slowest first messages: ${worst.map((r) => `${path.basename(r.file)} ${ms(r.firstMessage.cpuMs)} ms`).join("; ")}`);
  console.log("(start-up includes Node's TypeScript stripping of the imported files; a Worker evaluates its bundle once, at isolate start-up)");
  const typical = median(first(invites));
  const p95 = percentile(first(withWarmUp), 95);
  const startUp = median(withWarmUp.map((r) => r.startUp.cpuMs));
  console.log(`start-up with warm-up: ${ms(startUp)} ms CPU (Workers start-up limit ${START_UP_LIMIT_MS} ms) ${verdict(startUp < START_UP_LIMIT_MS)}`);
  console.log(`first message, typical invite: ${ms(typical)} ms CPU (budget < ${BUDGET.coldFirstMessageCpuMs} ms) ${verdict(typical < BUDGET.coldFirstMessageCpuMs)}`);
  console.log(`first message, 95 % of all messages: ${ms(p95)} ms CPU (budget < ${BUDGET.coldFirstMessageCpuMs} ms) ${verdict(p95 < BUDGET.coldFirstMessageCpuMs)}`);
  return { typical, p95, startUp };
}

function reportDigest(costs: DigestLoadCost[]): number {
  console.log("\n== 3. Digest: rules + drafts + rendering, pure (buildHistory → planFollowUps → reconcileFollowUps → planDigest → renderDigest), median");
  console.log("(rules: every open application's follow-ups planned and reconciled; a draft is written only for a follow-up shown, so \"whole\" holds the drafts)");
  const rows = [["applications", "drafts", "whole", "rules", "plan", "render"]];
  for (const c of costs) rows.push([String(c.applications), String(c.drafts), `${ms(c.composeMs)} ms`, `${ms(c.refreshMs)} ms`, `${ms(c.planMs)} ms`, `${ms(c.renderMs)} ms`]);
  console.log(table(rows));
  const largest = costs.at(-1)!;
  console.log(`${largest.applications} applications: ${ms(largest.composeMs)} ms (budget < ${BUDGET.digestCpuMs} ms) ${verdict(largest.composeMs < BUDGET.digestCpuMs)}`);
  return largest.composeMs;
}

function reportQueries(counts: DigestQueryCount[]): number {
  console.log("\n== 4. Digest job D1 queries (real local D1, counting proxy; a batch is one query)");
  console.log(table([["applications", "queries", "test"], ...counts.map((c) => [String(c.applications), String(c.queries), c.passed ? "passed" : "FAILED"])]));
  const worst = Math.max(...counts.map((c) => c.queries));
  const flat = new Set(counts.map((c) => c.queries)).size === 1;
  console.log(`at most ${worst} queries, ${flat ? "the same for every count" : "GROWING with the count"} (budget ≤ ${BUDGET.digestQueries}) ${verdict(worst <= BUDGET.digestQueries && flat)}`);
  return worst;
}

function reportBundle(): { rawKiB: number; gzipKiB: number } {
  const size = JSON.parse(execFileSync(process.execPath, [path.join(ROOT, "scripts/check-bundle.mjs"), "--json"], { cwd: ROOT, encoding: "utf8" })) as { rawKiB: number; gzipKiB: number };
  console.log("\n== 5. Bundle (wrangler deploy --dry-run --outdir dist)");
  console.log(`${size.rawKiB} KiB raw, ${size.gzipKiB} KiB gzip (budget < ${BUDGET.bundleGzipKiB} KiB gzip) ${verdict(size.gzipKiB < BUDGET.bundleGzipKiB)}`);
  return size;
}

/** The DKIM check adds to the first message's budget; `coldTypical` is the rest of it, when section 2 ran. */
function reportDkim(costs: DkimCost[], coldTypical: number | null): number {
  console.log(`\n== 6. DKIM check of the invite (relaxed/relaxed, key served from memory), median of ${DKIM_RUNS} fresh processes`);
  const rows = [["", "start-up", "Node's WebCrypto load", "first check", "(wall)", "warm check"]];
  for (const c of costs) {
    rows.push([`${c.signature}, ${c.warmUp ? "with the warm-up" : "no warm-up"}`, `${ms(c.startUpCpuMs)} ms`, c.warmUp ? "(in start-up)" : `${ms(c.nodeWebCryptoCpuMs)} ms`, `${ms(c.firstCpuMs)} ms`, `${ms(c.firstWallMs)} ms`, `${ms(c.warmCpuMs)} ms`]);
  }
  console.log(table(rows));
  console.log("(first check: main-thread CPU, as in section 2; warm: whole-process CPU, Node's crypto thread pool included; Node loads WebCrypto on first use, workerd has it built in)");
  const first = Math.max(...costs.filter((c) => c.warmUp).map((c) => c.firstCpuMs));
  if (coldTypical === null) {
    console.log(`first check with the warm-up: ${ms(first)} ms CPU (run with section 2 for the first message's total)`);
  } else {
    const total = coldTypical + first;
    console.log(`first message with its DKIM check, typical invite: ${ms(coldTypical)} + ${ms(first)} = ${ms(total)} ms CPU (budget < ${BUDGET.coldFirstMessageCpuMs} ms) ${verdict(total < BUDGET.coldFirstMessageCpuMs)}`);
  }
  return first;
}

function reportDashboard(cost: DashboardCost): void {
  const kb = (bytes: number) => (bytes / 1000).toFixed(1);
  console.log(`\n== 7. Private page, ${cost.applications.toLocaleString("en-US")} applications (page module bundled by esbuild; median and p95 of the runs)`);
  console.log(
    table([
      ["", "median", "p95"],
      ["loadDashboard after its reads (buildDashboard)", `${ms(cost.buildMedianMs)} ms`, ""],
      ["render (renderDashboard, whole document)", `${ms(cost.renderMedianMs)} ms`, `${ms(cost.renderP95Ms)} ms`],
    ]),
  );
  console.log(`render: ${ms(cost.renderMedianMs)} ms median, ${ms(cost.renderP95Ms)} ms p95 (budget < ${BUDGET.dashboardRenderMs} ms) ${verdict(cost.renderP95Ms < BUDGET.dashboardRenderMs)}`);
  console.log(`a page request's CPU besides D1 (shaping + render): ${ms(cost.buildMedianMs + cost.renderMedianMs)} ms median`);
  console.log(`HTML: overview ${kb(cost.htmlBytes)} KB, one column's page ${kb(cost.columnHtmlBytes)} KB (budget < ${BUDGET.dashboardHtmlKB} KB) ${verdict(Math.max(cost.htmlBytes, cost.columnHtmlBytes) < BUDGET.dashboardHtmlKB * 1000)}`);
}

const sections = selectedSections();
console.log(`followup-assistant bench — Node ${process.version}, ${availableParallelism()} CPUs`);
const summary: string[] = [];
let coldTypical: number | null = null;

if (sections.has("ingest")) {
  const files = listMessages(MESSAGE_DIRS);
  const ingest = reportIngest(await measureIngest(files));
  summary.push(`ingest p50 parse ${ms(ingest.parseP50)} / pipeline ${ms(ingest.pipelineP50)} ms (×${ingest.ratio.toFixed(2)})`);
}
if (sections.has("cold")) {
  const withoutWarmUp = COLD_INVITES.map((file) => measureColdStart(path.join(ROOT, file), COLD_RUNS, false));
  const withWarmUp = listMessages(MESSAGE_DIRS).map((file) => runCold(file, true));
  const cold = reportCold(withoutWarmUp, withWarmUp);
  coldTypical = cold.typical;
  summary.push(`cold first invite ${ms(cold.typical)} ms CPU (p95 of all ${ms(cold.p95)} ms) after a ${ms(cold.startUp)} ms start-up`);
}
if (sections.has("digest")) {
  const largest = reportDigest(await measureDigestLoad(DIGEST_APPLICATIONS));
  summary.push(`digest ${DIGEST_APPLICATIONS.at(-1)} apps ${ms(largest)} ms`);
}
if (sections.has("queries")) {
  summary.push(`${reportQueries(countDigestQueries())} D1 queries`);
}
if (sections.has("bundle")) {
  const size = reportBundle();
  summary.push(`bundle ${size.rawKiB} KiB / ${size.gzipKiB} KiB gzip`);
}
if (sections.has("dkim")) {
  const costs = await measureDkim(DKIM_RUNS);
  const first = reportDkim(costs, coldTypical);
  summary.push(`DKIM first ${ms(first)} / warm ${ms(Math.max(...costs.map((c) => c.warmCpuMs)))} ms`);
}
if (sections.has("dashboard")) {
  const cost = await measureDashboard(1000);
  reportDashboard(cost);
  summary.push(`page 1000 apps ${ms(cost.renderMedianMs)} ms / ${(cost.htmlBytes / 1000).toFixed(1)} KB`);
}
console.log(`\nSUMMARY: ${summary.join(" | ")}`);
