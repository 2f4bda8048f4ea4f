/**
 * The DKIM check's CPU per message: a typical invite (test/fixtures/emails/gmail-forward-invite.eml)
 * signed as Gmail and Outlook sign (RSA-2048, relaxed/relaxed) and with Ed25519, checked in a
 * fresh process (a new isolate's first message) and then warm. The key is served from memory:
 * DNS is waiting, not CPU, and is left out as the budget says. Each fresh process runs with or
 * without the start-up warm-up (src/core/mail/dkim-warm-up.ts, run by src/core/warm-up.ts).
 *
 * The first check is timed as bench/first-message.ts times the rest of the first message (this
 * thread's CPU), so the two add up against the same budget. Node runs WebCrypto's work on its
 * thread pool (workerd on the isolate's thread), so the warm figure is the whole process's CPU
 * over many checks, pool included. Node also loads its WebCrypto code on first use, which
 * workerd has built in: without the warm-up that is timed on its own, not in the first check.
 *
 *   node --experimental-strip-types bench/dkim.ts                                  the figures
 *   node --experimental-strip-types bench/dkim.ts --child <case.json> [--warm-up]  one fresh process
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { median, threadCpuMs } from "./stats.ts";

const SELF = fileURLToPath(import.meta.url);
const INVITE = fileURLToPath(new URL("../test/fixtures/emails/gmail-forward-invite.eml", import.meta.url));
const NOW = new Date("2026-03-10T18:06:00Z");
const WARM_CHECKS = 300;

interface Timings {
  /** Evaluating the verifier's modules, and the warm-up when it runs. */
  startUpCpuMs: number;
  /** Node loading its WebCrypto code (one SHA-256 of nothing), which workerd has built in; 0 with the warm-up, which includes it. */
  nodeWebCryptoCpuMs: number;
  /** The first check of the process, this thread's CPU. */
  firstCpuMs: number;
  firstWallMs: number;
  /** Each later check: the whole process's CPU, the mean of WARM_CHECKS. */
  warmCpuMs: number;
}

export interface DkimCost extends Timings {
  signature: string;
  warmUp: boolean;
}

interface Case {
  raw: string;
  record: string;
}

/** Every thread of the process, to the microsecond. */
function processCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

async function child(caseFile: string, warmUp: boolean): Promise<Timings> {
  const { raw, record } = JSON.parse(readFileSync(caseFile, "utf8")) as Case;
  const bytes = new TextEncoder().encode(raw);
  const resolve = async () => ({ ok: true, value: [record] }) as const;
  // Node loads the code behind `performance` on first use (about 1 ms): not the check's cost.
  performance.now();
  const before = threadCpuMs();
  const { verifyDkim } = await import("../src/core/mail/dkim.ts");
  if (warmUp) {
    const { warmUpDkim } = await import("../src/core/mail/dkim-warm-up.ts");
    if (!(await warmUpDkim())) throw new Error("the DKIM warm-up sample did not pass");
  }
  const started = threadCpuMs();
  let nodeWebCryptoCpuMs = 0;
  if (!warmUp) {
    await crypto.subtle.digest("SHA-256", new Uint8Array());
    nodeWebCryptoCpuMs = threadCpuMs() - started;
  }
  const ready = threadCpuMs();
  const wallStart = performance.now();
  const first = await verifyDkim(bytes, resolve, NOW);
  const firstWallMs = performance.now() - wallStart;
  const firstCpuMs = threadCpuMs() - ready;
  if (first.signatures[0]?.status !== "pass") throw new Error(`the signature did not pass: ${JSON.stringify(first.signatures)}`);
  const checked = processCpuMs();
  for (let i = 0; i < WARM_CHECKS; i++) await verifyDkim(bytes, resolve, NOW);
  return { startUpCpuMs: started - before, nodeWebCryptoCpuMs, firstCpuMs, firstWallMs, warmCpuMs: (processCpuMs() - checked) / WARM_CHECKS };
}

/** The median of `runs` fresh processes, for each kind of signature, without and with the warm-up. */
export async function measureDkim(runs: number): Promise<DkimCost[]> {
  const { generateDkimKey, signMessage } = await import("../test/helpers/dkim-sign.ts");
  const invite = readFileSync(INVITE, "utf8");
  const dir = mkdtempSync(path.join(tmpdir(), "dkim-bench-"));
  try {
    const costs: DkimCost[] = [];
    for (const [signature, algorithm] of [["RSA-2048", "rsa-sha256"], ["Ed25519", "ed25519-sha256"]] as const) {
      const key = await generateDkimKey(algorithm);
      const file = path.join(dir, `${algorithm}.json`);
      writeFileSync(file, JSON.stringify({ raw: await signMessage(invite, key, { domain: "example.com", selector: "s1" }), record: key.record } satisfies Case));
      for (const warmUp of [false, true]) {
        const results = Array.from({ length: runs }, () => {
          const args = ["--experimental-strip-types", "--no-warnings", SELF, "--child", file, ...(warmUp ? ["--warm-up"] : [])];
          return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" }).trim().split("\n").at(-1)!) as Timings;
        });
        const medianOf = (key: keyof Timings) => median(results.map((r) => r[key]));
        costs.push({
          signature,
          warmUp,
          startUpCpuMs: medianOf("startUpCpuMs"),
          nodeWebCryptoCpuMs: medianOf("nodeWebCryptoCpuMs"),
          firstCpuMs: medianOf("firstCpuMs"),
          firstWallMs: medianOf("firstWallMs"),
          warmCpuMs: medianOf("warmCpuMs"),
        });
      }
    }
    return costs;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === SELF) {
  const at = process.argv.indexOf("--child");
  if (at >= 0) console.log(JSON.stringify(await child(process.argv[at + 1]!, process.argv.includes("--warm-up"))));
  else console.table(await measureDkim(5));
}
