/**
 * The private page's one-time login links. Only a hash of each secret is stored, so a copy of
 * the database opens nothing; the secret itself travels once, in the mail to the owner.
 */
import type { Db } from "./client.ts";
import { loginLinks } from "./schema.ts";

/** A link works for this long after it is mailed, and once. */
export const LOGIN_LINK_TTL_MS = 15 * 60 * 1000;
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

/** SHA-256 of a secret, hex: what the tables keep. */
export async function hashSecret(secret: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(secret)));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}
