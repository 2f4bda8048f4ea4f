/** Order statistics for the benchmark report (nearest-rank percentiles over plain numbers), and the CPU clock the fresh-process measurements read. */
import { existsSync, readFileSync } from "node:fs";

const SCHEDSTAT = "/proc/thread-self/schedstat";
const PRECISE = existsSync(SCHEDSTAT);
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Milliseconds with two decimals below 10 ms and one above, as the report prints them. */
export function ms(value: number): string {
  return Number.isFinite(value) ? value.toFixed(value < 10 ? 2 : 1) : "n/a";
}

/**
 * CPU time of this thread in milliseconds. `threadCpuUsage` (getrusage) moves in scheduler
 * ticks of several milliseconds, too coarse for a 10 ms budget. Linux's schedstat counts in
 * nanoseconds, but only up to the thread's last switch, so the thread sleeps for a
 * millisecond first (no CPU) to bring the count up to date.
 */
export function threadCpuMs(): number {
  if (!PRECISE) {
    const { user, system } = process.threadCpuUsage();
    return (user + system) / 1000;
  }
  Atomics.wait(PAUSE, 0, 0, 1);
  return Number(readFileSync(SCHEDSTAT, "utf8").split(" ")[0]) / 1e6;
}
