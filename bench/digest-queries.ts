/**
 * The digest job's D1 queries for 10, 100 and 1,000 active applications, counted against a
 * real local D1 by test/worker/digest-queries.test.ts (which also asserts them). Runs that test
 * in the worker tier and reads the counts from the test metadata in vitest's JSON report.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TEST_FILE = "test/worker/digest-queries.test.ts";

export interface DigestQueryCount {
  applications: number;
  queries: number;
  passed: boolean;
}

interface JsonReport {
  testResults: { assertionResults: { status: string; meta?: { digestQueries?: { applications: number; queries: number } } }[] }[];
}

export function countDigestQueries(): DigestQueryCount[] {
  const dir = mkdtempSync(path.join(tmpdir(), "digest-queries-"));
  const report = path.join(dir, "report.json");
  try {
    try {
      execFileSync(path.join(ROOT, "node_modules/.bin/vitest"), ["run", "--project", "worker", TEST_FILE, "--reporter=json", `--outputFile.json=${report}`], {
        cwd: ROOT,
        stdio: ["ignore", "ignore", "pipe"],
        env: { ...process.env, NO_COLOR: "1" },
      });
    } catch {
      // A failed assertion still writes the report; the counts say what went wrong.
    }
    const results = (JSON.parse(readFileSync(report, "utf8")) as JsonReport).testResults.flatMap((file) => file.assertionResults);
    return results.flatMap((r) => (r.meta?.digestQueries ? [{ applications: r.meta.digestQueries.applications, queries: r.meta.digestQueries.queries, passed: r.status === "passed" }] : []));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
