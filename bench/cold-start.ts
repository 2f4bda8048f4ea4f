/**
 * Cold cost of the first message: runs bench/first-message.ts in a fresh `node` process per
 * measurement, with or without the start-up warm-up (src/core/warm-up.ts).
 */
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { BENCH_OWNER } from "./ingest.ts";
import { median } from "./stats.ts";

const CHILD = fileURLToPath(new URL("./first-message.ts", import.meta.url));
export const COLD_STEPS = ["startUp", "parse", "unwrap", "understand", "confirm", "firstMessage"] as const;
type Step = (typeof COLD_STEPS)[number];

export interface Timing {
  cpuMs: number;
  wallMs: number;
}

export type ColdRun = Record<Step, Timing> & { file: string; kind: string };

export interface ColdReport {
  file: string;
  /** Median of each step over the runs. */
  median: Record<Step, Timing>;
}

export function runCold(file: string, warmUp: boolean): ColdRun {
  const args = ["--experimental-strip-types", "--no-warnings", CHILD, file, BENCH_OWNER, ...(warmUp ? ["--warm-up"] : [])];
  const out = execFileSync(process.execPath, args, { encoding: "utf8" });
  return { ...(JSON.parse(out.trim().split("\n").at(-1) ?? "") as Omit<ColdRun, "file">), file };
}

/** The median of each step over `runs` fresh processes reading `file`. */
export function measureColdStart(file: string, runs: number, warmUp: boolean): ColdReport {
  const results = Array.from({ length: runs }, () => runCold(file, warmUp));
  const medianOf = (step: Step): Timing => ({ cpuMs: median(results.map((r) => r[step].cpuMs)), wallMs: median(results.map((r) => r[step].wallMs)) });
  return { file, median: Object.fromEntries(COLD_STEPS.map((s) => [s, medianOf(s)])) as Record<Step, Timing> };
}
