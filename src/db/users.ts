/**
 * The user (owner) row: created from the deployment's settings on first use, read, and its
 * settings written.
 */
import { eq } from "drizzle-orm";
import type { AddressKind } from "../core/applications/inverse.ts";
import type { Db } from "./client.ts";
import { users } from "./schema.ts";

export type UserRow = typeof users.$inferSelect;

/** The user's field that counts the rotations of each capability address. */
export const GENERATION_COLUMNS = {
  reply: "replyGeneration",
  forwarding: "forwardingGeneration",
  calendar: "calendarGeneration",
} as const satisfies Record<AddressKind, keyof UserRow>;

/** How many times each capability address was replaced: its current generation. */
export function addressGenerationsOf(user: UserRow): Record<AddressKind, number> {
  return { reply: user.replyGeneration, forwarding: user.forwardingGeneration, calendar: user.calendarGeneration };
}

/** The owner's row, created from the deployment's settings on first use. */
export async function ensureOwner(db: Db, owner: { email: string; timeZone: string; country: string | null }, now: Date): Promise<UserRow> {
  const [inserted] = await db
    .insert(users)
    .values({ email: owner.email, timeZone: owner.timeZone, country: owner.country, createdAt: now })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (inserted) return inserted;
  const [existing] = await db.select().from(users).where(eq(users.email, owner.email));
  if (!existing) throw new Error("owner row vanished between insert and select");
  return existing;
}

export async function getUser(db: Db, id: number): Promise<UserRow | null> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row ?? null;
}

export async function saveUserSettings(db: Db, userId: number, settings: Record<string, unknown>): Promise<void> {
  await db.update(users).set({ settings }).where(eq(users.id, userId));
}

/** The welcome mail went out: it is not sent again. */
export async function markWelcomed(db: Db, userId: number, at: Date): Promise<void> {
  await db.update(users).set({ welcomedAt: at }).where(eq(users.id, userId));
}
