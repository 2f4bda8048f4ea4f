/**
 * Cold cost of the first message: runs bench/first-message.ts in a fresh `node` process per
 * measurement and keeps the median of each step over the runs.
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BENCH_OWNER } from "./ingest.ts";
import { median } from "./stats.ts";

const CHILD = fileURLToPath(new URL("./first-message.ts", import.meta.url));
const STEPS = ["import", "parse", "unwrap", "understand", "firstMessage", "secondMessage"] as const;
type Step = (typeof STEPS)[number];

interface Timing {
  cpuMs: number;
  wallMs: number;
}

export type ColdRun = Record<Step, Timing> & { kind: string };

export interface ColdReport {
  file: string;
  runs: ColdRun[];
  /** Median of each step over the runs. */
  median: Record<Step, Timing>;
}

function runOnce(file: string, secondFile: string): ColdRun {
  const out = execFileSync(process.execPath, ["--experimental-strip-types", "--no-warnings", CHILD, file, BENCH_OWNER, secondFile], { encoding: "utf8" });
  return JSON.parse(out.trim().split("\n").at(-1) ?? "") as ColdRun;
}

/** `secondFile` is read after `file` in the same process: the cost once compiling is paid. */
export function measureColdStart(file: string, secondFile: string, runs: number): ColdReport {
  const results = Array.from({ length: runs }, () => runOnce(file, secondFile));
  const medianOf = (step: Step): Timing => ({ cpuMs: median(results.map((r) => r[step].cpuMs)), wallMs: median(results.map((r) => r[step].wallMs)) });
  return { file, runs: results, median: Object.fromEntries(STEPS.map((s) => [s, medianOf(s)])) as Record<Step, Timing> };
}
