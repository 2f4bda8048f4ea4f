/**
 * One cold measurement, run in a fresh process by bench/cold-start.ts: imports the core, then
 * reads ONE message (parseMime → unwrapForward → understandEmail) and prints a JSON line with
 * the main thread's CPU time and the wall time of each step. A fresh process has compiled no
 * function and no pattern yet, as a new Worker isolate on its first email. Then it reads a
 * second, different message: what is left once the first paid for compiling.
 *
 *   node --experimental-strip-types bench/first-message.ts <file.eml> <owner address> <second.eml>
 */
import { existsSync, readFileSync } from "node:fs";

const SCHEDSTAT = "/proc/thread-self/schedstat";
const PRECISE = existsSync(SCHEDSTAT);
const PAUSE = new Int32Array(new SharedArrayBuffer(4));

/**
 * CPU time of this thread in milliseconds. `threadCpuUsage` (getrusage) moves in scheduler
 * ticks of several milliseconds, too coarse for a 10 ms budget. Linux's schedstat counts in
 * nanoseconds, but only up to the thread's last switch, so the thread sleeps for a
 * millisecond first (no CPU) to bring the count up to date.
 */
function cpuMs(): number {
  if (!PRECISE) {
    const { user, system } = process.threadCpuUsage();
    return (user + system) / 1000;
  }
  Atomics.wait(PAUSE, 0, 0, 1);
  return Number(readFileSync(SCHEDSTAT, "utf8").split(" ")[0]) / 1e6;
}

const [file, owner, secondFile] = process.argv.slice(2);
if (!file || !owner || !secondFile) throw new Error("usage: first-message.ts <file.eml> <owner address> <second.eml>");
const raw = new Uint8Array(readFileSync(file));
const secondRaw = new Uint8Array(readFileSync(secondFile));

// Wall time around the CPU reading, so the reading's pause is in neither step.
const marks: { wallBefore: number; cpu: number; wallAfter: number }[] = [];
const mark = () => {
  const wallBefore = performance.now();
  marks.push({ wallBefore, cpu: cpuMs(), wallAfter: performance.now() });
};

mark();
const [{ parseMime }, { unwrapForward }, { understandEmail }] = await Promise.all([
  import("../src/core/parse-mime.ts"),
  import("../src/core/unwrap.ts"),
  import("../src/core/understand.ts"),
]);
mark();
const parsed = await parseMime(raw);
mark();
if (!parsed.ok) throw new Error(`${file}: ${parsed.error.reason}`);
const forwarded = await unwrapForward(parsed.value, { ownerAddresses: [owner] });
mark();
const understanding = understandEmail(forwarded);
mark();
const second = await parseMime(secondRaw);
if (second.ok) understandEmail(await unwrapForward(second.value, { ownerAddresses: [owner] }));
mark();

const step = (i: number) => ({ cpuMs: marks[i + 1]!.cpu - marks[i]!.cpu, wallMs: marks[i + 1]!.wallBefore - marks[i]!.wallAfter });
const between = (from: number, to: number) => {
  const steps = Array.from({ length: to - from }, (_, k) => step(from + k));
  return { cpuMs: steps.reduce((sum, s) => sum + s.cpuMs, 0), wallMs: steps.reduce((sum, s) => sum + s.wallMs, 0) };
};
console.log(
  JSON.stringify({
    import: step(0),
    parse: step(1),
    unwrap: step(2),
    understand: step(3),
    firstMessage: between(1, 4),
    secondMessage: step(4),
    kind: understanding.kind,
  }),
);
