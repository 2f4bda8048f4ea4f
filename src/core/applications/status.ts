/** The statuses an application moves through (follow-up-rules.md, "Statuses"). */
export const APPLICATION_STATUSES = ["applied", "interviewing", "waiting", "offer", "rejected", "withdrawn", "gone_quiet"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** An application that ended: its interviews still ahead are no longer expected to take place. */
export const CLOSED_STATUSES: readonly ApplicationStatus[] = ["offer", "rejected", "withdrawn"];
