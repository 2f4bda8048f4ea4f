/**
 * The calendar feed, `GET /cal/<token>.ics` (and HEAD): the owner's interviews and follow-ups
 * due as an RFC 5545 calendar (src/core/calendar/feed.ts) for a calendar app to subscribe to.
 *
 * Mounted before the API's auth: calendar apps send no headers, and Google's servers, which
 * fetch a subscription, cannot pass Cloudflare Access. The token in the path is the permission
 * (src/core/mail/address-token.ts, kind "calendar"), like the reply token in an address; the
 * owner replaces it with `new calendar link`, which raises the generation it must carry.
 *
 * Any failure (malformed, forged, another kind of token, an older generation, no such user)
 * gets the same 404 with the same body, so the answer tells nothing about why. The feed is
 * private to its holder: no shared cache may keep it, search engines may not index it, and no
 * cookie is read or set.
 */
import { Hono } from "hono";
import { parseConfig } from "../config.ts";
import { createDb } from "../db/client.ts";
import { findCalendarOwner, loadCalendarFeed } from "../db/calendar.ts";
import { buildCalendarFeed } from "../core/calendar/feed.ts";
import { verifyAddressToken } from "../core/mail/address-token.ts";
import { findDigestShowing } from "../core/digest/schedule.ts";
import { scheduleOf } from "../command-runner.ts";
import { calendarUidDomain } from "../mailer.ts";
import type { AppEnv } from "./env.ts";

const FEED_FILE = /^([A-Za-z2-7]{1,64})\.ics$/;

function notFound(): Response {
  return new Response("not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Robots-Tag": "noindex" } });
}

export const calendarFeed = new Hono<AppEnv>().get("/:file", async (c) => {
  const token = FEED_FILE.exec(c.req.param("file"))?.[1];
  if (token === undefined) return notFound();
  const config = parseConfig(c.env);
  const claims = await verifyAddressToken(config.tokenKeys, token);
  if (claims === null || claims.kind !== "calendar") return notFound();
  const db = createDb(c.env.DB);
  const user = await findCalendarOwner(db, claims);
  if (user === null) return notFound();
  const now = new Date();
  const { interviews, followUps } = await loadCalendarFeed(db, user.id, now);
  const ics = buildCalendarFeed({
    now: now.getTime(),
    uidDomain: calendarUidDomain(config),
    ownerTimeZone: user.timeZone,
    // The digest that shows each draft, found as the answers to commands find it.
    digests: { schedule: scheduleOf(user), findDigestShowing },
    dashboardUrl: config.publicUrl === null ? null : `${config.publicUrl}/dashboard`,
    interviews,
    followUps,
  });
  return c.body(ics, 200, {
    "Content-Type": "text/calendar; charset=utf-8",
    "Cache-Control": "private, max-age=300",
    "X-Robots-Tag": "noindex",
  });
});
