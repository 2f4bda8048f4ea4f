/**
 * The deployment's settings (wrangler vars and secrets), parsed once where a handler starts.
 * A bad setting fails loudly with the name of the setting, never silently.
 */
import * as z from "zod/mini";
import type { TokenKeys } from "./core/mail/address-token.ts";
import { isIanaTimeZone } from "./core/time/zone-check.ts";

const EMAIL = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

const ConfigSchema = z.object({
  OWNER_EMAILS: z.pipe(
    z.string(),
    z.transform((value) =>
      value
        .split(",")
        .map((a) => a.trim().toLowerCase())
        .filter(Boolean),
    ),
  ).check(z.refine((list) => list.length > 0 && list.every((a) => EMAIL.test(a)), "OWNER_EMAILS must list one or more addresses")),
  ASSISTANT_EMAIL: z.string().check(z.regex(EMAIL, "ASSISTANT_EMAIL must be an address")),
  OWNER_TIMEZONE: z.string().check(z.refine(isIanaTimeZone, "OWNER_TIMEZONE must be an IANA time zone")),
  OWNER_COUNTRY: z.optional(z.string().check(z.regex(/^([A-Za-z]{2})?$/, "OWNER_COUNTRY must be a two-letter country code or empty"))),
  REPLY_TOKEN_SECRET: z.string().check(z.minLength(32, "REPLY_TOKEN_SECRET must be at least 32 characters")),
  REPLY_TOKEN_PREVIOUS_SECRET: z.optional(z.string().check(z.refine((s) => s === "" || s.length >= 32, "REPLY_TOKEN_PREVIOUS_SECRET must be empty or at least 32 characters"))),
  API_TOKEN: z.optional(z.string()),
  PUBLIC_URL: z.optional(
    z.string().check(z.refine((s) => s.trim() === "" || isBaseUrl(s.trim()), "PUBLIC_URL must be empty or an https:// address with no path, query or fragment (http:// only for localhost)")),
  ),
});

/** https with a host only; http only for this machine (`npm run demo`, `npm start`), where browsers treat it as secure too. */
function isBaseUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const url = new URL(value);
  const local = url.hostname === "localhost" || url.hostname === "127.0.0.1" || url.hostname === "[::1]";
  const scheme = url.protocol === "https:" || (url.protocol === "http:" && local);
  return scheme && url.username === "" && url.password === "" && url.pathname === "/" && url.search === "" && url.hash === "";
}

export interface Config {
  ownerEmails: string[];
  assistantEmail: string;
  ownerTimeZone: string;
  ownerCountry: string | null;
  /** The secrets of the reply tokens and the private forwarding address (src/core/mail/address-token.ts). */
  tokenKeys: TokenKeys;
  apiToken: string | null;
  /** Where the worker's web side is reached ("https://assistant.example.com"), for the links in mail to the calendar feed and the private page; null: those links are not offered. */
  publicUrl: string | null;
}

/** The owner's row as the deployment's settings describe it (created on first use). */
export function ownerOf(config: Config): { email: string; timeZone: string; country: string | null } {
  return { email: config.ownerEmails[0]!, timeZone: config.ownerTimeZone, country: config.ownerCountry };
}

export function parseConfig(env: Env): Config {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid configuration: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  const c = parsed.data;
  return {
    ownerEmails: c.OWNER_EMAILS,
    assistantEmail: c.ASSISTANT_EMAIL.toLowerCase(),
    ownerTimeZone: c.OWNER_TIMEZONE,
    ownerCountry: c.OWNER_COUNTRY ? c.OWNER_COUNTRY.toUpperCase() : null,
    tokenKeys: { current: c.REPLY_TOKEN_SECRET, previous: c.REPLY_TOKEN_PREVIOUS_SECRET ? c.REPLY_TOKEN_PREVIOUS_SECRET : null },
    apiToken: c.API_TOKEN && c.API_TOKEN.length > 0 ? c.API_TOKEN : null,
    publicUrl: c.PUBLIC_URL && c.PUBLIC_URL.trim() !== "" ? new URL(c.PUBLIC_URL.trim()).origin : null,
  };
}
