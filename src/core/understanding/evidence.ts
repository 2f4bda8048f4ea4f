/**
 * Choosing one value for a field by agreement between the places a reader looks. Pure.
 *
 * A reader puts every candidate it finds on a ballot under a key (two spellings of one name
 * share a key), each time with a weight and a short reason. The candidate with the most weight
 * wins. Its confidence says how far its weight reaches a weight the reader calls sure, halved
 * when the runner-up is as heavy: two readings that disagree equally leave the field in doubt.
 * Below ABSTAIN_SCORE the value is not kept.
 */
import { ABSTAIN_SCORE, CONFIDENT_FIELDS, type ConfidentField, type FieldConfidence } from "./types.ts";

export interface Candidate<T> {
  value: T;
  weight: number;
  /** Why, in a reader's words, strongest first once chosen. */
  reasons: { weight: number; reason: string }[];
}

export type Ballot<T> = Map<string, Candidate<T>>;

/** What a reader decided for one field: the value (null when it abstains) and why. */
export interface Choice<T> {
  value: T | null;
  confidence: FieldConfidence | null;
}

export const NO_CHOICE: Choice<never> = { value: null, confidence: null };

/** Adds weight to a candidate; the first value given under a key is kept unless `replace` says otherwise. */
export function support<T>(ballot: Ballot<T>, key: string, value: T, weight: number, reason: string, replace?: (kept: T) => boolean): Candidate<T> {
  const existing = ballot.get(key);
  if (!existing) {
    const candidate = { value, weight, reasons: [{ weight, reason }] };
    ballot.set(key, candidate);
    return candidate;
  }
  existing.weight += weight;
  existing.reasons.push({ weight, reason });
  if (replace?.(existing.value)) existing.value = value;
  return existing;
}

/**
 * The heaviest candidate among `pool`, with its confidence against the runner-up; null value
 * below ABSTAIN_SCORE. `describe` names a value in the evidence (the runner-up's, for one).
 */
export function choose<T>(pool: Iterable<Candidate<T>>, sureWeight: number, describe: (value: T) => string): Choice<T> {
  let best: Candidate<T> | null = null;
  let rival: Candidate<T> | null = null;
  for (const candidate of pool) {
    if (!best || candidate.weight > best.weight) {
      rival = best ?? rival;
      best = candidate;
    } else if (!rival || candidate.weight > rival.weight) {
      rival = candidate;
    }
  }
  if (!best || best.weight <= 0) return NO_CHOICE;
  const runnerUp = rival?.weight ?? 0;
  const score = scoreOf(best.weight, runnerUp, sureWeight);
  const evidence = explain(best);
  if (rival) evidence.push(`against ${describe(rival.value)} (${formatWeight(runnerUp)})`);
  return { value: score >= ABSTAIN_SCORE ? best.value : null, confidence: { score, evidence } };
}

/** A value read from one place only: its confidence is fixed by how reliable that place is. */
export function readFrom<T>(value: T | null, score: number, reason: string): Choice<T> {
  return value === null ? NO_CHOICE : { value, confidence: { score, evidence: [reason] } };
}

function scoreOf(weight: number, runnerUp: number, sureWeight: number): number {
  const strength = Math.min(1, weight / sureWeight);
  return Math.round(strength * (1 - (0.5 * runnerUp) / weight) * 100) / 100;
}

function explain(candidate: Candidate<unknown>): string[] {
  return [...candidate.reasons].sort((a, b) => b.weight - a.weight).map((r) => `${r.reason} (${formatWeight(r.weight)})`);
}

function formatWeight(weight: number): string {
  return String(Math.round(weight * 10) / 10);
}

/** The confidence entries of the fields read by choice; a field with nothing read has none. */
export function confidenceOf(choices: Partial<Record<ConfidentField, Choice<unknown>>>): Partial<Record<ConfidentField, FieldConfidence>> {
  const record: Partial<Record<ConfidentField, FieldConfidence>> = {};
  for (const field of CONFIDENT_FIELDS) {
    const confidence = choices[field]?.confidence;
    if (confidence) record[field] = confidence;
  }
  return record;
}
