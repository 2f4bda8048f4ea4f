/**
 * One cold measurement, run in a fresh process by bench/cold-start.ts, as a new Worker isolate
 * meets its first email: start-up (importing the core and, with `--warm-up`, reading the
 * built-in samples as src/index.ts does when the Worker's module is evaluated), then ONE message
 * read as the worker reads a forward (parseMime → unwrapForward → understandEmail → planFiling
 * → buildConfirmation). Prints a JSON line with the main thread's CPU time and the wall time of
 * each step. A fresh process has compiled no function and no pattern yet.
 *
 *   node --experimental-strip-types bench/first-message.ts <file.eml> <owner address> [--warm-up]
 */
import { readFileSync } from "node:fs";
import { threadCpuMs as cpuMs } from "./stats.ts";

/** Not the warm-up's zone, so the confirmation meets a zone the start-up did not format. */
const OWNER_TIME_ZONE = "America/New_York";

const [file, owner] = process.argv.slice(2);
const warmUp = process.argv.includes("--warm-up");
if (!file || !owner) throw new Error("usage: first-message.ts <file.eml> <owner address> [--warm-up]");
const raw = new Uint8Array(readFileSync(file));

// Wall time around the CPU reading, so the reading's pause is in neither step.
const marks: { wallBefore: number; cpu: number; wallAfter: number }[] = [];
const mark = () => {
  const wallBefore = performance.now();
  marks.push({ wallBefore, cpu: cpuMs(), wallAfter: performance.now() });
};

mark();
const [{ readEmail }, { planFiling }, { buildConfirmation }, { warmUpPipeline }] = await Promise.all([
  import("../src/core/understanding/read.ts"),
  import("../src/core/filing/plan.ts"),
  import("../src/core/filing/confirmation.ts"),
  import("../src/core/warm-up.ts"),
]);
if (warmUp && !(await warmUpPipeline())) throw new Error("the warm-up samples were not understood");
mark();
// Each step of the read is marked as it ends, so the one pipeline is timed step by step.
const read = await readEmail(raw, { ownerAddresses: [owner], onStep: mark });
if (!read.ok) throw new Error(`${file}: ${read.error.problem}`);
const { understanding, note, originalSubject } = read.value;
const plan = planFiling({ apps: [], understanding, note, originalSubject, sentAt: null });
buildConfirmation({
  understanding,
  outcome: plan.action === "skip" ? { kind: "not_job_related" } : { kind: "filed", applicationId: 1, isNew: true, changes: [], nextFollowUp: null },
  ownerTimeZone: OWNER_TIME_ZONE,
  originalSubject,
  replyAddress: "assistant@example.com",
});
mark();

const step = (i: number) => ({ cpuMs: marks[i + 1]!.cpu - marks[i]!.cpu, wallMs: marks[i + 1]!.wallBefore - marks[i]!.wallAfter });
const between = (from: number, to: number) => {
  const steps = Array.from({ length: to - from }, (_, k) => step(from + k));
  return { cpuMs: steps.reduce((sum, s) => sum + s.cpuMs, 0), wallMs: steps.reduce((sum, s) => sum + s.wallMs, 0) };
};
console.log(
  JSON.stringify({
    startUp: step(0),
    parse: step(1),
    unwrap: step(2),
    understand: step(3),
    confirm: step(4),
    firstMessage: between(1, 5),
    kind: understanding.kind,
  }),
);
