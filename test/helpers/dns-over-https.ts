/**
 * DNS for worker tests: the worker looks DKIM keys up over DNS-over-HTTPS with `fetch`
 * (src/dns.ts), so this answers those requests as Cloudflare's JSON API would, from a table of
 * TXT records: long records split into 255-character strings, an unknown name NXDOMAIN, and
 * "SERVFAIL" standing for a resolver failure. Any other request fails the test. Installed per
 * test; names must differ between tests, as the worker caches answers for their TTL.
 */
import { vi } from "vitest";

export type DnsRecords = Readonly<Record<string, string | "SERVFAIL">>;

export function serveDns(records: DnsRecords): { lookups: string[]; restore(): void } {
  const lookups: string[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input: RequestInfo | URL) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.hostname !== "cloudflare-dns.com") throw new Error(`unexpected request to ${url.hostname}`);
    const name = url.searchParams.get("name") ?? "";
    lookups.push(name);
    const record = records[name];
    if (record === "SERVFAIL") return Response.json({ Status: 2 });
    if (record === undefined) return Response.json({ Status: 3, Authority: [{ type: 6, TTL: 60, data: "ns.example. hostmaster.example. 1 2 3 4 60" }] });
    const strings = record.match(/.{1,255}/g)!.map((part) => `"${part.replace(/["\\]/g, "\\$&")}"`);
    return Response.json({ Status: 0, Answer: [{ name, type: 16, TTL: 300, data: strings.join(" ") }] });
  });
  return { lookups, restore: () => spy.mockRestore() };
}
