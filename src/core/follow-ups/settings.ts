/**
 * The user's follow-up and digest settings: every default of the follow-up rules
 * (docs follow-up-rules.md) as a named, changeable value. Pure.
 *
 * `parseSettings` reads the JSON stored in `users.settings`: a missing or invalid field takes
 * its default, so one bad value never stops a digest. `SettingsPatch` is the strict schema for
 * changes coming in over HTTP or by command, where a bad value is an error to show the user.
 */
import * as z from "zod/mini";

const hourOfDay = () => z.number().check(z.int(), z.minimum(0), z.maximum(23));
const count = (min: number, max: number) => z.number().check(z.int(), z.minimum(min), z.maximum(max));

/** The rules' defaults. Where sources give a range, the less pushy end or the doc's default. */
export const DEFAULT_SETTINGS = {
  /** R1: a few hours after the interview ends, not minutes after. */
  thankYouDelayHours: 3,
  /** R1: a thank-you that would fall later than this local hour moves to the next business morning. */
  thankYouCutoffHour: 18,
  /** R1: past this many hours after the end (and past the next business day) the thank-you is shown as late. */
  thankYouLateAfterHours: 48,
  /** Local hour at which day-based follow-ups (R3–R9, a next-morning thank-you) become due. */
  morningHour: 8,
  /** R4: status check this many business days after the interview when no timeline was given. */
  statusCheckBusinessDays: 5,
  /** R3: even a promise of "tomorrow" waits this many business days after the interview or promise. */
  minimumWaitBusinessDays: 3,
  /** R6: the second follow-up this many business days after the first. */
  secondFollowUpBusinessDays: 5,
  /** R5: first check this many business days after applying (about a week). */
  applicationFirstCheckBusinessDays: 5,
  /** R5: second check this many business days after applying (about two weeks). */
  applicationSecondCheckBusinessDays: 10,
  /** R7: messages after the thank-you before the application is "gone quiet"; the last is R9's note. */
  maxFollowUps: 3,
  /** R9: calendar days of silence after the last word from the employer before one last note. */
  quietPeriodDays: 42,
  /** R8: ask for feedback in the reply to a rejection. */
  requestFeedback: true,
  /** Local time the morning digest is sent (hour and minute). */
  digestHour: 7,
  digestMinute: 0,
  /** Which days get a digest: "every_day" or "weekdays" (Monday–Friday). */
  digestDays: "every_day" as "every_day" | "weekdays",
  /** Send a short "nothing today" digest on a quiet day instead of nothing. */
  quietDigest: false,
  /** Closing line under the sign-off of every draft (the user's name); none when null. */
  signature: null as string | null,
} as const;

const FIELDS = {
  thankYouDelayHours: count(1, 12),
  thankYouCutoffHour: hourOfDay(),
  thankYouLateAfterHours: count(24, 168),
  morningHour: hourOfDay(),
  statusCheckBusinessDays: count(1, 30),
  minimumWaitBusinessDays: count(1, 10),
  secondFollowUpBusinessDays: count(1, 30),
  applicationFirstCheckBusinessDays: count(1, 30),
  applicationSecondCheckBusinessDays: count(1, 60),
  maxFollowUps: count(2, 6),
  quietPeriodDays: count(14, 120),
  requestFeedback: z.boolean(),
  digestHour: hourOfDay(),
  digestMinute: z.number().check(z.int(), z.minimum(0), z.maximum(59)),
  digestDays: z.enum(["every_day", "weekdays"]),
  quietDigest: z.boolean(),
  signature: z.nullable(z.string().check(z.trim(), z.maxLength(200))),
};

/** Stored settings: each field falls back to its default when missing or invalid. */
export const Settings = z.object({
  thankYouDelayHours: z.catch(FIELDS.thankYouDelayHours, DEFAULT_SETTINGS.thankYouDelayHours),
  thankYouCutoffHour: z.catch(FIELDS.thankYouCutoffHour, DEFAULT_SETTINGS.thankYouCutoffHour),
  thankYouLateAfterHours: z.catch(FIELDS.thankYouLateAfterHours, DEFAULT_SETTINGS.thankYouLateAfterHours),
  morningHour: z.catch(FIELDS.morningHour, DEFAULT_SETTINGS.morningHour),
  statusCheckBusinessDays: z.catch(FIELDS.statusCheckBusinessDays, DEFAULT_SETTINGS.statusCheckBusinessDays),
  minimumWaitBusinessDays: z.catch(FIELDS.minimumWaitBusinessDays, DEFAULT_SETTINGS.minimumWaitBusinessDays),
  secondFollowUpBusinessDays: z.catch(FIELDS.secondFollowUpBusinessDays, DEFAULT_SETTINGS.secondFollowUpBusinessDays),
  applicationFirstCheckBusinessDays: z.catch(
    FIELDS.applicationFirstCheckBusinessDays,
    DEFAULT_SETTINGS.applicationFirstCheckBusinessDays,
  ),
  applicationSecondCheckBusinessDays: z.catch(
    FIELDS.applicationSecondCheckBusinessDays,
    DEFAULT_SETTINGS.applicationSecondCheckBusinessDays,
  ),
  maxFollowUps: z.catch(FIELDS.maxFollowUps, DEFAULT_SETTINGS.maxFollowUps),
  quietPeriodDays: z.catch(FIELDS.quietPeriodDays, DEFAULT_SETTINGS.quietPeriodDays),
  requestFeedback: z.catch(FIELDS.requestFeedback, DEFAULT_SETTINGS.requestFeedback),
  digestHour: z.catch(FIELDS.digestHour, DEFAULT_SETTINGS.digestHour),
  digestMinute: z.catch(FIELDS.digestMinute, DEFAULT_SETTINGS.digestMinute),
  digestDays: z.catch(FIELDS.digestDays, DEFAULT_SETTINGS.digestDays),
  quietDigest: z.catch(FIELDS.quietDigest, DEFAULT_SETTINGS.quietDigest),
  signature: z.catch(FIELDS.signature, DEFAULT_SETTINGS.signature),
});
export type Settings = z.infer<typeof Settings>;

/** A change to some settings; unknown keys and out-of-range values are rejected. */
export const SettingsPatch = z.strictObject({
  thankYouDelayHours: z.optional(FIELDS.thankYouDelayHours),
  thankYouCutoffHour: z.optional(FIELDS.thankYouCutoffHour),
  thankYouLateAfterHours: z.optional(FIELDS.thankYouLateAfterHours),
  morningHour: z.optional(FIELDS.morningHour),
  statusCheckBusinessDays: z.optional(FIELDS.statusCheckBusinessDays),
  minimumWaitBusinessDays: z.optional(FIELDS.minimumWaitBusinessDays),
  secondFollowUpBusinessDays: z.optional(FIELDS.secondFollowUpBusinessDays),
  applicationFirstCheckBusinessDays: z.optional(FIELDS.applicationFirstCheckBusinessDays),
  applicationSecondCheckBusinessDays: z.optional(FIELDS.applicationSecondCheckBusinessDays),
  maxFollowUps: z.optional(FIELDS.maxFollowUps),
  quietPeriodDays: z.optional(FIELDS.quietPeriodDays),
  requestFeedback: z.optional(FIELDS.requestFeedback),
  digestHour: z.optional(FIELDS.digestHour),
  digestMinute: z.optional(FIELDS.digestMinute),
  digestDays: z.optional(FIELDS.digestDays),
  quietDigest: z.optional(FIELDS.quietDigest),
  signature: z.optional(FIELDS.signature),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

/** Settings from stored JSON (anything: a non-object is treated as empty), defaults filled in. */
export function parseSettings(json: unknown): Settings {
  const parsed = Settings.safeParse(json);
  return parsed.success ? parsed.data : Settings.parse({});
}
