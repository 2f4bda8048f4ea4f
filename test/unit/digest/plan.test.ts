import { describe, expect, it } from "vitest";
import { MAX_DIGEST_DRAFTS, planDigest } from "../../../src/core/digest/plan.ts";
import type { ApplicationRecord } from "../../../src/core/applications/records.ts";

const SCHEDULED = Date.parse("2026-03-09T06:00:00Z"); // 07:00 in Berlin

function app(id: number): ApplicationRecord {
  return { id, company: `Company ${id}`, role: "Engineer", status: "waiting", contactName: null, contactEmail: null, language: "en", noCalls: false, notes: [], promisedTimeline: null };
}

describe("planDigest", () => {
  it("shows at most MAX_DIGEST_DRAFTS drafts, oldest first, and counts the rest for the next digests", () => {
    const count = MAX_DIGEST_DRAFTS + 5;
    const applications = Array.from({ length: count }, (_, i) => app(i + 1));
    const followUps = applications.map((a, i) => ({
      id: 100 + i,
      applicationId: a.id,
      key: `R4:${a.id}`,
      rule: "R4",
      state: "pending" as const,
      dueAt: SCHEDULED - (count - i) * 60_000,
      latestAt: null,
      recipients: [{ name: null, email: `hr${a.id}@example.com` }],
      subject: "Status",
      body: "Hello",
      placeholders: [],
      snoozedUntil: null,
    }));
    const plan = planDigest({ scheduledFor: SCHEDULED, localDate: "2026-03-09", timeZone: "Europe/Berlin", applications, interviews: [], followUps, plans: new Map(), undelivered: [], replyAddress: "assistant+t@example.com" });
    expect(plan.content.drafts).toHaveLength(MAX_DIGEST_DRAFTS);
    expect(plan.content.moreDrafts).toBe(5);
    expect(plan.items.map((i) => i.number)).toEqual(Array.from({ length: MAX_DIGEST_DRAFTS }, (_, i) => i + 1));
    expect(plan.items[0]).toEqual({ number: 1, followUpId: 100, applicationId: 1 });
  });
});
