/** The statuses an application moves through (follow-up-rules.md, "Statuses"). */
export const APPLICATION_STATUSES = ["applied", "interviewing", "waiting", "offer", "rejected", "withdrawn", "gone_quiet"] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
