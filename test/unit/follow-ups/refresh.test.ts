import { describe, expect, it } from "vitest";
import { composeDigest } from "../../../src/core/digest/compose.ts";
import { planRefresh, recordsAfterRefresh, type UserRecords } from "../../../src/core/follow-ups/refresh.ts";
import { activeUserRecords } from "../../helpers/seed-bulk.ts";

const NOW = Date.parse("2026-03-09T06:00:00Z"); // Monday 07:00 in Berlin
const USER = { timeZone: "Europe/Berlin", country: "DE", settings: {} };

function records(count: number): UserRecords {
  return activeUserRecords({ count, now: new Date(NOW), timeZone: USER.timeZone });
}

/** The records as the database holds them after the refresh's statements ran. */
function written(before: UserRecords): UserRecords {
  return recordsAfterRefresh(before, planRefresh(before, USER, NOW));
}

describe("recordsAfterRefresh", () => {
  it("adds every planned follow-up once, pending, numbered after the stored ones in insertion order", () => {
    const before = records(8);
    const refresh = planRefresh(before, USER, NOW);
    const after = recordsAfterRefresh(before, refresh);
    const planned = [...refresh.plans.values()].flatMap((plan) => plan.followUps.map((f) => `${plan.applicationId}/${f.key}`));
    expect(planned.length).toBeGreaterThan(8);
    expect(after.followUps.map((f) => `${f.applicationId}/${f.key}`).sort()).toEqual([...planned].sort());
    expect(after.followUps.every((f) => f.state === "pending" && f.snoozedUntil === null)).toBe(true);
    expect(after.followUps.map((f) => f.id)).toEqual(after.followUps.map((_, i) => i + 1));
  });

  it("shows the statuses the passage of time implies", () => {
    const before = records(8);
    const refresh = planRefresh(before, USER, NOW);
    const changed = refresh.changes.filter((c) => c.statusChange !== null);
    expect(changed.length).toBeGreaterThan(0);
    const after = recordsAfterRefresh(before, refresh);
    for (const { applicationId, statusChange } of changed) {
      expect(after.applications.find((a) => a.id === applicationId)?.status).toBe(statusChange?.to);
    }
  });

  it("a second refresh of the records as written plans no writes", () => {
    const refresh = planRefresh(written(records(12)), USER, NOW);
    expect(refresh.changes).toEqual([]);
  });

  it("cancels a pending follow-up the plan dropped and revives a cancelled one it brought back", () => {
    const stored = written(records(4));
    const revived = stored.followUps[0]!;
    const dropped = { ...stored.followUps[1]!, id: 999, key: "R4:dropped" };
    const before = { ...stored, followUps: [{ ...revived, state: "cancelled" as const, body: "an older draft" }, ...stored.followUps.slice(1), dropped] };
    const after = recordsAfterRefresh(before, planRefresh(before, USER, NOW));
    expect(after.followUps.find((f) => f.id === revived.id)).toEqual(revived);
    expect(after.followUps.find((f) => f.id === 999)?.state).toBe("cancelled");
    expect(after.followUps).toHaveLength(before.followUps.length);
  });
});

describe("drafts whose text alone changed", () => {
  const input = { user: USER, undelivered: [], localDate: "2026-03-09", scheduledFor: NOW, replyAddress: "assistant+t@example.com" };

  it("are left for later by a refresh, which still rewrites a moved or re-addressed follow-up with its draft", () => {
    const stored = written(records(8));
    const [stale, moved, readdressed] = stored.followUps;
    const before = {
      ...stored,
      followUps: stored.followUps.map((f) => {
        if (f.id === stale?.id) return { ...f, body: "an older draft", subject: "Older subject" };
        if (f.id === moved?.id) return { ...f, dueAt: f.dueAt - 60_000, body: "an older draft" };
        if (f.id === readdressed?.id) return { ...f, recipients: [{ name: "Someone Else", email: "else@example.com" }] };
        return f;
      }),
    };
    const after = recordsAfterRefresh(before, planRefresh(before, USER, NOW));
    expect(after.followUps.find((f) => f.id === stale?.id)?.body).toBe("an older draft");
    expect(after.followUps.find((f) => f.id === moved?.id)).toEqual(moved);
    expect(after.followUps.find((f) => f.id === readdressed?.id)).toEqual(readdressed);
  });

  it("are shown as drafted now and stored so, in the same refresh; those not shown stay as they are", () => {
    const stored = written(records(8));
    const fresh = composeDigest({ ...input, records: stored });
    const shownKey = fresh.items[0]?.followUpKey;
    const shownRow = stored.followUps.find((f) => f.key === shownKey && f.applicationId === fresh.items[0]?.applicationId);
    const laterRow = stored.followUps.find((f) => f.dueAt >= Date.parse("2026-03-10T00:00:00+01:00") && f.state === "pending");
    expect(shownRow).toBeDefined();
    expect(laterRow).toBeDefined();
    const stale = { subject: "Older subject", body: "an older draft", placeholders: ["[OLD]"] };
    const before = { ...stored, followUps: stored.followUps.map((f) => (f.id === shownRow?.id || f.id === laterRow?.id ? { ...f, ...stale } : f)) };

    const composed = composeDigest({ ...input, records: before });
    expect(composed.plan.content.drafts).toEqual(fresh.plan.content.drafts);
    expect(composed.email).toEqual(fresh.email);
    expect(composed.refresh.changes).toEqual([
      {
        applicationId: shownRow?.applicationId,
        statusChange: null,
        writes: [{ op: "update", id: shownRow?.id, revive: false, fields: expect.objectContaining({ subject: shownRow?.subject, body: shownRow?.body, placeholders: shownRow?.placeholders }) }],
      },
    ]);
    const next = recordsAfterRefresh(before, composed.refresh);
    expect(next.followUps.find((f) => f.id === shownRow?.id)).toEqual(shownRow);
    expect(next.followUps.find((f) => f.id === laterRow?.id)).toMatchObject(stale);
  });
});

describe("composeDigest", () => {
  it("numbers today's drafts and names each by application and key, stored or not", () => {
    const input = { user: USER, undelivered: [], localDate: "2026-03-09", scheduledFor: NOW, replyAddress: "assistant+t@example.com" };
    const fresh = composeDigest({ ...input, records: records(8) });
    const stored = composeDigest({ ...input, records: written(records(8)) });
    expect(fresh.items.length).toBeGreaterThan(0);
    expect(fresh.items.map((i) => i.number)).toEqual(fresh.items.map((_, index) => index + 1));
    expect(stored.items).toEqual(fresh.items);
    expect(stored.email?.subject).toContain(`${fresh.items.length} follow-ups to send`);
    expect(stored.refresh.changes).toEqual([]);
  });

  it("sends nothing on a quiet day unless the user asked for 'nothing today'", () => {
    const input = { records: { applications: [], interviews: [], events: [], followUps: [] }, undelivered: [], localDate: "2026-03-09", scheduledFor: NOW, replyAddress: "assistant+t@example.com" };
    expect(composeDigest({ ...input, user: USER }).email).toBeNull();
    expect(composeDigest({ ...input, user: { ...USER, settings: { quietDigest: true } } }).email?.text).toContain("2026");
  });
});
