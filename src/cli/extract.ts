/**
 * `npm run --silent extract -- a.eml b.eml ...`: runs the worker's own reading of mail
 * (`readEmail`: parseMime → unwrapForward → understandEmail) on .eml files and prints one JSON object per
 * line. Owner addresses come from OWNER_EMAILS (comma-separated) when set; without them a
 * forward is still recognised by its forwarded block. Reads files; writes stdout only.
 */
import { readFileSync } from "node:fs";
import { readEmail } from "../core/understanding/read.ts";

const ownerAddresses = (process.env.OWNER_EMAILS ?? "")
  .split(",")
  .map((a) => a.trim())
  .filter(Boolean);

async function extract(file: string): Promise<Record<string, unknown>> {
  const read = await readEmail(new Uint8Array(readFileSync(file)), { ownerAddresses });
  if (!read.ok) return { file, error: read.error.error ?? read.error.problem };
  const { understanding: u, forwarded } = read.value;
  return {
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
}

for (const file of process.argv.slice(2)) {
  try {
    console.log(JSON.stringify(await extract(file)));
  } catch (error) {
    console.log(JSON.stringify({ file, error: error instanceof Error ? error.message : String(error) }));
  }
}
