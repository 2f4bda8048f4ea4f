/**
 * The one schema. Migrations in migrations/ are generated from this file with
 * `npm run db:generate` and never edited once merged. Instants are stored as epoch
 * milliseconds (UTC); local dates as "YYYY-MM-DD" text in the user's zone.
 */
import { sql } from "drizzle-orm";
import { APPLICATION_STATUSES } from "../core/applications/status.ts";
import { type AnySQLiteColumn, blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The owner's primary address: digests and confirmations go here. */
    email: text("email").notNull(),
    timeZone: text("time_zone").notNull(),
    /** ISO 3166-1 alpha-2 country for public holidays, or null for weekends only. */
    country: text("country"),
    /** Follow-up and digest settings as JSON, parsed with zod when read (src/core/follow-ups/settings.ts). */
    settings: text("settings", { mode: "json" }).notNull().default(sql`'{}'`),
    paused: integer("paused", { mode: "boolean" }).notNull().default(false),
    /** Rotations of the reply tokens (`new reply address`): older tokens no longer verify (src/core/mail/address-token.ts). */
    replyGeneration: integer("reply_generation").notNull().default(0),
    /** Rotations of the private forwarding address (`new forwarding address`). */
    forwardingGeneration: integer("forwarding_generation").notNull().default(0),
    /** Rotations of the calendar feed's address (`new calendar link`): an older feed URL stops working. */
    calendarGeneration: integer("calendar_generation").notNull().default(0),
    /** When the welcome mail went out; null until the first message of this user is accepted. */
    welcomedAt: integer("welcomed_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("users_email_uq").on(t.email)],
);

/**
 * Every accepted inbound message, kept whole before anything that can fail. The raw bytes live
 * in `raw_chunks` (gzip, split to stay under D1's row size limit).
 */
export const inboundMessages = sqliteTable(
  "inbound_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
    envelopeFrom: text("envelope_from").notNull(),
    envelopeTo: text("envelope_to").notNull(),
    /** SHA-256 (hex) of the raw bytes: the same delivery twice is one row. */
    rawSha256: text("raw_sha256").notNull(),
    rawSize: integer("raw_size").notNull(),
    chunkCount: integer("chunk_count").notNull(),
    /**
     * "forward" (an email to understand), "command" (a reply to the assistant), or "page" (an
     * action on the private page: its raw bytes are the command as text, so its changes have a
     * row to hang on and `undo` treats them as a reply's).
     */
    channel: text("channel", { enum: ["forward", "command", "page"] }).notNull(),
    /** stored → understood | not_understood | ignored | failed. */
    state: text("state", { enum: ["stored", "understood", "not_understood", "ignored", "failed"] })
      .notNull()
      .default("stored"),
    outerMessageId: text("outer_message_id"),
    /** Message-ID of the forwarded original: the same recruiter mail forwarded twice is one record. */
    originalMessageId: text("original_message_id"),
    subject: text("subject"),
    /** The understanding (src/core/understanding/types.ts) as JSON, rewritten when re-understood. */
    understanding: text("understanding", { mode: "json" }),
    /** Why it was not understood or failed, in words for the owner. */
    problem: text("problem"),
    applicationId: integer("application_id").references((): AnySQLiteColumn => applications.id),
    parserVersion: integer("parser_version"),
  },
  (t) => [
    uniqueIndex("inbound_user_sha_uq").on(t.userId, t.rawSha256),
    index("inbound_user_original_idx").on(t.userId, t.originalMessageId),
    index("inbound_application_idx").on(t.applicationId),
  ],
);

export const rawChunks = sqliteTable(
  "raw_chunks",
  {
    messageId: integer("message_id")
      .notNull()
      .references(() => inboundMessages.id, { onDelete: "cascade" }),
    seq: integer("seq").notNull(),
    bytes: blob("bytes", { mode: "buffer" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.seq] })],
);

export const applications = sqliteTable(
  "applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    company: text("company"),
    /** Normalised company ("Acme, Inc." → "acme") used to match mail to an application. */
    companyKey: text("company_key"),
    role: text("role"),
    roleKey: text("role_key"),
    status: text("status", { enum: APPLICATION_STATUSES }).notNull(),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    /** Language the employer writes in; drafts use it. */
    language: text("language").notNull().default("en"),
    noCalls: integer("no_calls", { mode: "boolean" }).notNull().default(false),
    /** The latest promised timeline (R2) as JSON. */
    promisedTimeline: text("promised_timeline", { mode: "json" }),
    /** The owner's own notes from forwards, newest last, as JSON string array (C3). */
    notes: text("notes", { mode: "json" }).notNull().default(sql`'[]'`),
    /** Set when the owner said the email was not about a job (`ignore`) or undid its filing: hidden everywhere. */
    archivedAt: integer("archived_at", { mode: "timestamp_ms" }),
    /** The inbound message that created it: a retried filing never creates a second one. */
    sourceMessageId: integer("source_message_id").references(() => inboundMessages.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("applications_user_company_idx").on(t.userId, t.companyKey),
    uniqueIndex("applications_source_message_uq").on(t.sourceMessageId),
  ],
);

export const interviews = sqliteTable(
  "interviews",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    /** Calendar UID when the invite had one: updates and cancellations find it by UID. */
    calendarUid: text("calendar_uid"),
    startAt: integer("start_at", { mode: "timestamp_ms" }),
    /** Naive local start when the email gave no zone. */
    startLocal: text("start_local"),
    timeZone: text("time_zone"),
    durationMin: integer("duration_min"),
    format: text("format", { enum: ["phone", "video", "onsite"] }),
    meetingUrl: text("meeting_url"),
    /** Interviewers as JSON [{name, email}]. */
    interviewers: text("interviewers", { mode: "json" }).notNull().default(sql`'[]'`),
    status: text("status", { enum: ["scheduled", "cancelled"] }).notNull(),
    /** Raised on every change of time, place, link or status: the calendar feed's SEQUENCE (RFC 5545), so calendars replace the event. */
    sequence: integer("sequence").notNull().default(0),
    sourceMessageId: integer("source_message_id").references(() => inboundMessages.id),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("interviews_application_idx").on(t.applicationId),
    index("interviews_start_idx").on(t.startAt),
    // One interview per inbound message, so a retried filing never inserts it twice.
    uniqueIndex("interviews_source_message_uq").on(t.sourceMessageId),
  ],
);

/**
 * The history of every application: each change is an event with the data to reverse it, so
 * history can be shown and undone exactly.
 */
export const events = sqliteTable(
  "events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    applicationId: integer("application_id").references(() => applications.id, { onDelete: "cascade" }),
    inboundMessageId: integer("inbound_message_id").references(() => inboundMessages.id),
    type: text("type").notNull(),
    /** What happened, as JSON. */
    payload: text("payload", { mode: "json" }).notNull(),
    /** How to reverse it, as JSON (null when it cannot be reversed). */
    inverse: text("inverse", { mode: "json" }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    undoneAt: integer("undone_at", { mode: "timestamp_ms" }),
  },
  (t) => [index("events_application_idx").on(t.applicationId), index("events_user_at_idx").on(t.userId, t.at)],
);

/** Mail the assistant sent (confirmations, digests): what was sent, for threading and audit. */
export const outboundMessages = sqliteTable(
  "outbound_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    /** "refusal": a notice that a reply was not accepted (a few a day at most); "welcome": the first mail; "relay": a provider's forwarding confirmation passed on. */
    kind: text("kind", { enum: ["confirmation", "digest", "notice", "refusal", "welcome", "relay"] }).notNull(),
    messageId: text("message_id").notNull(),
    inReplyTo: integer("in_reply_to").references(() => inboundMessages.id),
    subject: text("subject").notNull(),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }).notNull(),
    /** A `list` answer's numbered applications as JSON [{number, applicationId}], so `forget 2` in reply finds its application. */
    items: text("items", { mode: "json" }),
  },
  (t) => [
    uniqueIndex("outbound_message_id_uq").on(t.messageId),
    // One confirmation per inbound message, however often its handling is retried.
    uniqueIndex("outbound_reply_kind_uq").on(t.inReplyTo, t.kind),
  ],
);

export const FOLLOW_UP_STATES = ["pending", "shown", "sent", "skipped", "cancelled"] as const;

/**
 * The rules engine's output, persisted: one row per planned follow-up, keyed by the engine's
 * stable key so recomputing after every event updates rows in place (idempotently). Rows the
 * user acted on (sent, skipped) are never rewritten by a recomputation.
 */
export const followUps = sqliteTable(
  "follow_ups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    applicationId: integer("application_id")
      .notNull()
      .references(() => applications.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    rule: text("rule").notNull(),
    dueAt: integer("due_at", { mode: "timestamp_ms" }).notNull(),
    latestAt: integer("latest_at", { mode: "timestamp_ms" }),
    /** Recipients as JSON [{name, email}]. */
    recipients: text("recipients", { mode: "json" }).notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    placeholders: text("placeholders", { mode: "json" }).notNull().default(sql`'[]'`),
    state: text("state", { enum: FOLLOW_UP_STATES }).notNull(),
    /** The user asked to see it again later (`snooze`). */
    snoozedUntil: integer("snoozed_until", { mode: "timestamp_ms" }),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("follow_ups_application_key_uq").on(t.applicationId, t.key), index("follow_ups_user_state_due_idx").on(t.userId, t.state, t.dueAt)],
);

/**
 * One row per user per local date: the claim that makes a digest go out at most once. A tick
 * claims it (unique key) as "sending", sends, and marks it sent; a retried or overlapping tick
 * finds it sending or sent and does nothing.
 */
export const digests = sqliteTable(
  "digests",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    localDate: text("local_date").notNull(),
    /** sending → sent | failed (retried while attempts last); "empty" for a quiet day with nothing to send. "claimed" is no longer written. */
    status: text("status", { enum: ["claimed", "sending", "sent", "failed", "empty"] }).notNull(),
    claimedAt: integer("claimed_at", { mode: "timestamp_ms" }).notNull(),
    /** Equal to claimedAt: a claim goes straight to "sending", so it holds no lease. */
    leaseUntil: integer("lease_until", { mode: "timestamp_ms" }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    /** The numbered items as JSON [{number, followUpId, applicationId}], so `done 2` finds its draft. */
    items: text("items", { mode: "json" }).notNull().default(sql`'[]'`),
    messageId: text("message_id"),
    subject: text("subject"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    error: text("error"),
    /** When a later digest told the user this one never went out. */
    reportedAt: integer("reported_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("digests_user_date_uq").on(t.userId, t.localDate), index("digests_message_idx").on(t.messageId)],
);

/**
 * One-time links to the private page, mailed on request (`dashboard`). Only a hash of the
 * link's secret is kept: a copy of the database cannot log in. A link works once, for 15
 * minutes; opening it only shows a "Log in" button, so a mail scanner that fetches it does not
 * use it up.
 */
export const loginLinks = sqliteTable(
  "login_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** SHA-256 (hex) of the secret in the link. */
    secretHash: text("secret_hash").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("login_links_secret_uq").on(t.secretHash), index("login_links_user_idx").on(t.userId)],
);

/**
 * Sessions of the private page, one per browser that logged in. The cookie holds the secret;
 * only its hash is kept. `logout` by reply (or on the page) revokes them all.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** SHA-256 (hex) of the cookie's secret. */
    secretHash: text("secret_hash").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }).notNull(),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [uniqueIndex("sessions_secret_uq").on(t.secretHash), index("sessions_user_idx").on(t.userId)],
);
