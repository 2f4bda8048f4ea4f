/**
 * The owner's plus-addresses as the worker computes them (src/mailer.ts), for worker tests that
 * send forwards to the private forwarding address or replies to the reply address. The owner's
 * row is created first, as an owner who has used the assistant before: welcomed already, so
 * the tests count only the mail their case sends (the welcome has its own tests).
 */
import { env } from "cloudflare:workers";
import { ownerOf, parseConfig } from "../../src/config.ts";
import { createDb } from "../../src/db/client.ts";
import { ensureOwner, markWelcomed } from "../../src/db/users.ts";
import { forwardingAddressFor, replyAddressFor } from "../../src/mailer.ts";

const LONG_AGO = new Date("2026-01-01T00:00:00Z");

async function owner() {
  const config = parseConfig(env);
  const db = createDb(env.DB);
  const user = await ensureOwner(db, ownerOf(config), LONG_AGO);
  if (user.welcomedAt === null) await markWelcomed(db, user.id, LONG_AGO);
  return { config, user };
}

export async function forwardingAddress(): Promise<string> {
  const { config, user } = await owner();
  return forwardingAddressFor(config, user);
}

export async function replyAddress(): Promise<string> {
  const { config, user } = await owner();
  return replyAddressFor(config, user);
}
