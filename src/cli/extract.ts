/**
 * `npm run --silent extract -- a.eml b.eml ...`: runs the worker's own reading of mail
 * (`readEmail`: parseMime → unwrapForward → understandEmail) on .eml files and prints one JSON object per
 * line. Owner addresses come from OWNER_EMAILS (comma-separated) when set; without them a
 * forward is still recognised by its forwarded block. Reads files; writes stdout only.
 *
 * `--explain` prints, after each file's JSON line, every field's value, confidence and evidence
 * for a person to read; the JSON lines stay as they are without it.
 */
import { readFileSync } from "node:fs";
import { readEmail } from "../core/understanding/read.ts";
import { CONFIDENT_FIELDS, SURE_SCORE, type Understanding } from "../core/understanding/types.ts";

const ownerAddresses = (process.env.OWNER_EMAILS ?? "")
  .split(",")
  .map((a) => a.trim())
  .filter(Boolean);

interface Extraction {
  /** The JSON line. */
  line: Record<string, unknown>;
  understanding: Understanding | null;
}

async function extract(file: string): Promise<Extraction> {
  const read = await readEmail(new Uint8Array(readFileSync(file)), { ownerAddresses });
  if (!read.ok) return { line: { file, error: read.error.error ?? read.error.problem }, understanding: null };
  const { understanding: u, forwarded } = read.value;
  const line = {
    file,
    kind: u.kind,
    company: u.company,
    role: u.role,
    contact_name: u.contact?.name ?? null,
    contact_email: u.contact?.email ?? null,
    start: u.start,
    tz: u.tz,
    duration_min: u.durationMin,
    format: u.format,
    meeting_url: u.meetingUrl,
    promised_timeline: u.promisedTimeline
      ? { amount: u.promisedTimeline.amount, unit: u.promisedTimeline.unit, text: u.promisedTimeline.text, by: u.promisedTimeline.by }
      : null,
    is_job_related: u.isJobRelated,
    language: u.language,
    start_local: u.startLocal,
    proposed_slots: u.proposedSlots,
    previous_start: u.previousStart,
    scheduling_url: u.schedulingUrl,
    no_calls: u.noCalls,
    interviewers: u.interviewers,
    calendar: u.calendar,
    style: forwarded.style,
    depth: forwarded.depth,
    original_from: forwarded.original.from,
    original_date: forwarded.original.date,
    note: forwarded.note,
  };
  return { line, understanding: u };
}

/** One block per file: each field with a confidence, its value, its score and what supports it. */
function explain(u: Understanding): string {
  const lines: string[] = [];
  for (const field of CONFIDENT_FIELDS) {
    const confidence = u.confidence?.[field];
    const value = u[field];
    if (!confidence) {
      if (value !== null) lines.push(`  ${field}: ${JSON.stringify(value)} (nothing to doubt)`);
      continue;
    }
    const verdict = value === null ? "left empty" : confidence.score >= SURE_SCORE ? "sure" : "unsure";
    lines.push(`  ${field}: ${JSON.stringify(value)} — ${verdict}, confidence ${confidence.score.toFixed(2)}`);
    for (const reason of confidence.evidence) lines.push(`      · ${reason}`);
  }
  return lines.join("\n");
}

const args = process.argv.slice(2);
const explaining = args.includes("--explain");
for (const file of args.filter((a) => a !== "--explain")) {
  try {
    const { line, understanding } = await extract(file);
    console.log(JSON.stringify(line));
    if (explaining && understanding) console.log(explain(understanding));
  } catch (error) {
    console.log(JSON.stringify({ file, error: error instanceof Error ? error.message : String(error) }));
  }
}
