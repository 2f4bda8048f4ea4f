/**
 * Warm ingest cost per message, measured with tinybench after a warm-up pass over every
 * message: (a) postal-mime alone (`PostalMime.parse` with the options parseMime passes), and
 * (b) the whole read pipeline the worker runs on a forward (`readEmail`: parseMime, with its
 * size guards, → unwrapForward → understandEmail). The difference is the project's own overhead.
 * Reads the .eml files it is given; prints nothing.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Bench } from "tinybench";
import PostalMime from "postal-mime";
import { POSTAL_MIME_OPTIONS } from "../src/core/mail/parse.ts";
import { readEmail } from "../src/core/understanding/read.ts";

/** The owner address of the project's fixtures; corpus mail is read the same way. */
export const BENCH_OWNER = "me@example.com";
/** Per task: sample for at least this long (and at least TASK_MIN_ITERATIONS times). */
const TASK_TIME_MS = 60;
const TASK_MIN_ITERATIONS = 20;

export interface MessageCost {
  file: string;
  bytes: number;
  /** Median of the samples, in milliseconds. */
  parseMs: number;
  pipelineMs: number;
}

/** Every .eml file directly under each directory that exists, sorted by path. */
export function listMessages(directories: readonly string[]): string[] {
  return directories
    .filter((dir) => existsSync(dir))
    .flatMap((dir) => readdirSync(dir).filter((name) => name.endsWith(".eml")).map((name) => path.join(dir, name)))
    .sort();
}

export async function understandRaw(raw: Uint8Array): Promise<void> {
  await readEmail(raw, { ownerAddresses: [BENCH_OWNER] });
}

export async function measureIngest(files: readonly string[]): Promise<MessageCost[]> {
  const messages = files.map((file) => ({ file, raw: new Uint8Array(readFileSync(file)) }));
  // One pass first, so no task pays for compiling code or patterns that another task needs too.
  for (const { raw } of messages) await understandRaw(raw);

  const bench = new Bench({ time: TASK_TIME_MS, iterations: TASK_MIN_ITERATIONS, warmupTime: 10 });
  for (const { file, raw } of messages) {
    bench.add(`parse ${file}`, async () => {
      await PostalMime.parse(raw, POSTAL_MIME_OPTIONS);
    });
    bench.add(`pipeline ${file}`, () => understandRaw(raw));
  }
  await bench.run();

  const p50 = (name: string): number => {
    const result = bench.getTask(name)?.result;
    if (!result || !("latency" in result)) throw new Error(`benchmark task did not complete: ${name}`);
    return result.latency.p50;
  };
  return messages.map(({ file, raw }) => ({ file, bytes: raw.byteLength, parseMs: p50(`parse ${file}`), pipelineMs: p50(`pipeline ${file}`) }));
}
