/**
 * The private page's one-time login links and its sessions. Only a hash of each secret is
 * stored, so a copy of the database opens nothing: a link's secret travels once, in the mail to
 * the owner; a session's lives in the browser's cookie.
 */
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "./client.ts";
import { loginLinks, sessions, users } from "./schema.ts";
import type { UserRow } from "./users.ts";

/** A link works for this long after it is mailed, and once. */
export const LOGIN_LINK_TTL_MS = 15 * 60 * 1000;
/** A session ends after this long without a visit; each visit extends it (`touchSession`). */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
/**
 * A session's expiry moves forward at most this often: a visit within the hour after the last
 * recorded one writes nothing, so reading the page is not a write each time.
 */
export const SESSION_TOUCH_INTERVAL_MS = 60 * 60 * 1000;
const SECRET_BYTES = 32;

/** A fresh link's secret (base64url, 43 characters); the caller puts it in the link it mails. */
export async function createLoginLink(db: Db, userId: number, now: Date): Promise<string> {
  const secret = randomSecret();
  await db.insert(loginLinks).values({ userId, secretHash: await hashSecret(secret), createdAt: now, expiresAt: new Date(now.getTime() + LOGIN_LINK_TTL_MS) });
  return secret;
}

export function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(SECRET_BYTES));
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** What `randomSecret` makes: a string of any other shape is no secret of ours and is not looked up. */
export const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** SHA-256 of a secret, hex: what the tables keep. */
export async function hashSecret(secret: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * Uses up a login link: one UPDATE that succeeds only while the link is unused and unexpired,
 * so two requests racing with the same secret cannot both get through. The user it was for,
 * or null for a link that is wrong, expired or already used (told apart nowhere).
 */
export async function consumeLoginLink(db: Db, secret: string, now: Date): Promise<number | null> {
  const [used] = await db
    .update(loginLinks)
    .set({ usedAt: now })
    .where(and(eq(loginLinks.secretHash, await hashSecret(secret)), isNull(loginLinks.usedAt), gt(loginLinks.expiresAt, now)))
    .returning({ userId: loginLinks.userId });
  return used?.userId ?? null;
}

/** A new session for the user; its secret goes in the cookie and is not kept. */
export async function createSession(db: Db, userId: number, now: Date): Promise<string> {
  const secret = randomSecret();
  await db.insert(sessions).values({ userId, secretHash: await hashSecret(secret), createdAt: now, lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) });
  return secret;
}

export interface ActiveSession {
  id: number;
  user: UserRow;
  lastSeenAt: Date;
  expiresAt: Date;
}

/** The session a cookie's secret opens: not revoked, not expired, its user still there. */
export async function findActiveSession(db: Db, secret: string, now: Date): Promise<ActiveSession | null> {
  const [row] = await db
    .select({ id: sessions.id, lastSeenAt: sessions.lastSeenAt, expiresAt: sessions.expiresAt, user: users })
    .from(sessions)
    .innerJoin(users, eq(sessions.userId, users.id))
    .where(and(eq(sessions.secretHash, await hashSecret(secret)), isNull(sessions.revokedAt), gt(sessions.expiresAt, now)));
  return row ?? null;
}

/** Records a visit and extends the session to SESSION_TTL_MS from now. */
export async function touchSession(db: Db, sessionId: number, now: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ lastSeenAt: now, expiresAt: new Date(now.getTime() + SESSION_TTL_MS) })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends one session (this browser's "Log out"); `logout` by reply ends them all (src/db/commands.ts). */
export async function revokeSession(db: Db, sessionId: number, now: Date): Promise<void> {
  await db.update(sessions).set({ revokedAt: now }).where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}
