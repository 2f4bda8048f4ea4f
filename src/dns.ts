/**
 * TXT lookups for the DKIM check, over DNS-over-HTTPS (Cloudflare's JSON API), since a Worker
 * has no resolver of its own. Answers are cached in the isolate for their TTL (bounded), so a
 * warm isolate checks the owner's next mail without a subrequest.
 *
 * Errors keep their meaning for the caller: a name that does not exist, or has no TXT record,
 * is a permanent answer (permerror, cached like any answer); a network failure, a timeout, an
 * HTTP error, an unreadable answer or SERVFAIL may heal (temperror, never cached), so the mail
 * is retried instead of refused or let in.
 */
import * as z from "zod/mini";
import type { ResolveTxt, TxtAnswer } from "./core/mail/dkim.ts";
import { err, ok } from "./core/result.ts";

const DOH_ENDPOINT = "https://cloudflare-dns.com/dns-query";
/** An answer slower than this is not coming; the sender retries the whole delivery later. */
const TIMEOUT_MS = 3000;
/** Distinct names kept; a mailbox meets a handful of signing domains and selectors. */
export const MAX_CACHED_NAMES = 256;
/** Keys are rotated rarely, but a revoked one must stop passing within the hour whatever its TTL. */
const MAX_TTL_S = 3600;
/** RFC 2308 takes a negative answer's lifetime from the SOA; without one, a minute. */
const DEFAULT_NEGATIVE_TTL_S = 60;
/** A key published after a failed lookup is seen within five minutes. */
const MAX_NEGATIVE_TTL_S = 300;
const RCODE_NOERROR = 0;
const RCODE_NXDOMAIN = 3;
const TYPE_TXT = 16;

const DohRecord = z.object({ type: z.number(), TTL: z.number(), data: z.string() });
const DohResponse = z.object({
  Status: z.number(),
  Answer: z.optional(z.array(DohRecord)),
  Authority: z.optional(z.array(DohRecord)),
});

export type Fetcher = (url: string, init: RequestInit) => Promise<Response>;

export interface CachedAnswer {
  answer: TxtAnswer;
  /** Epoch milliseconds. */
  expires: number;
}

/** Insertion-ordered, so the first key is the oldest entry. */
export type TxtCache = Map<string, CachedAnswer>;

const isolateCache: TxtCache = new Map();

export interface ResolverOptions {
  fetch?: Fetcher;
  cache?: TxtCache;
  now?: () => number;
}

/**
 * One TXT record's text: Cloudflare writes each character-string quoted, with `\"`, `\\` and
 * `\DDD` escapes; the strings of one record are joined with nothing between (RFC 6376 §3.6.2.2).
 */
export function txtRecordText(data: string): string {
  if (!data.startsWith('"')) return data;
  return [...data.matchAll(/"((?:[^"\\]|\\.)*)"/g)]
    .map((m) => m[1]!.replace(/\\(\d{3}|.)/g, (_, escaped: string) => (escaped.length === 3 ? String.fromCharCode(Number(escaped)) : escaped)))
    .join("");
}

function remember(cache: TxtCache, name: string, answer: TxtAnswer, ttlSeconds: number, now: number): void {
  if (ttlSeconds <= 0) return;
  cache.delete(name);
  if (cache.size >= MAX_CACHED_NAMES) cache.delete(cache.keys().next().value!);
  cache.set(name, { answer, expires: now + ttlSeconds * 1000 });
}

async function query(fetcher: Fetcher, name: string): Promise<{ answer: TxtAnswer; ttlSeconds: number }> {
  const temporary = (detail: string) => ({ answer: err({ kind: "temperror", detail } as const), ttlSeconds: 0 });
  let body: unknown;
  try {
    const response = await fetcher(`${DOH_ENDPOINT}?name=${encodeURIComponent(name)}&type=TXT`, {
      headers: { accept: "application/dns-json" },
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) return temporary(`DNS-over-HTTPS answered HTTP ${response.status}`);
    body = await response.json();
  } catch (error) {
    return temporary(`DNS-over-HTTPS failed: ${error instanceof Error ? error.name : "error"}`);
  }
  const parsed = DohResponse.safeParse(body);
  if (!parsed.success) return temporary("DNS-over-HTTPS answer unreadable");
  const { Status, Answer = [], Authority = [] } = parsed.data;
  const negativeTtl = Math.min(Authority[0]?.TTL ?? DEFAULT_NEGATIVE_TTL_S, MAX_NEGATIVE_TTL_S);
  if (Status === RCODE_NXDOMAIN) return { answer: err({ kind: "permerror", detail: "no such name (NXDOMAIN)" }), ttlSeconds: negativeTtl };
  if (Status !== RCODE_NOERROR) return temporary(`DNS rcode ${Status}`);
  // A CNAME chain comes first in the answer; only the TXT records at its end count.
  const records = Answer.filter((record) => record.type === TYPE_TXT);
  if (records.length === 0) return { answer: err({ kind: "permerror", detail: "no TXT record" }), ttlSeconds: negativeTtl };
  const ttlSeconds = Math.min(...records.map((record) => record.TTL), MAX_TTL_S);
  return { answer: ok(records.map((record) => txtRecordText(record.data))), ttlSeconds };
}

/** A `ResolveTxt` for verifyDkim; every option is for tests (the defaults are the runtime's). */
export function createTxtResolver(options: ResolverOptions = {}): ResolveTxt {
  // The global fetch is looked up at each call (a test's stub of it is seen) and called as a
  // plain function, never detached from the global.
  const { fetch: fetcher = (url, init) => fetch(url, init), cache = isolateCache, now = Date.now } = options;
  return async (name) => {
    const key = name.toLowerCase();
    const cached = cache.get(key);
    if (cached && cached.expires > now()) return cached.answer;
    cache.delete(key);
    const { answer, ttlSeconds } = await query(fetcher, key);
    remember(cache, key, answer, ttlSeconds, now());
    return answer;
  };
}
