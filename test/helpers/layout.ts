/**
 * The layout's import rules (README, "Project layout"), checked over source text: every
 * `import`/`export … from`/`import()` of a relative path or a package, type-only ones included.
 *
 * - `core/<feature>/` imports only the features listed for it in CORE_IMPORTS, plus files at
 *   the root of core/ that are shared by all (result.ts). The warm-up (core/warm-up.ts) reads
 *   samples through the whole pipeline, so it may use any feature.
 * - Nothing in core/ imports db/, the adapters, config.ts, deps.ts, `cloudflare:*` or drizzle.
 * - The adapters `email/`, `cron/` and `http/` do not import each other; `db/` imports only
 *   core/ and itself; only index.ts imports the adapters.
 * - No circles between files.
 */
import path from "node:path";

/** For each core feature, the core features it may import. */
export const CORE_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  text: [],
  time: ["text"],
  mail: ["text"],
  understanding: ["mail", "time", "text"],
  applications: ["understanding", "text"],
  filing: ["applications", "understanding", "mail", "time", "text"],
  "follow-ups": ["applications", "understanding", "mail", "time", "text"],
  digest: ["follow-ups", "applications", "understanding", "mail", "time", "text"],
  commands: ["follow-ups", "applications", "understanding", "mail", "time", "text"],
  calendar: ["applications", "understanding", "time", "text"],
};
/** Files at the root of core/ that every feature may import. */
const CORE_SHARED = new Set(["src/core/result.ts"]);
/** The pipeline-wide file at the root of core/ that may import any feature. */
const CORE_WHOLE_PIPELINE = new Set(["src/core/warm-up.ts"]);
const ADAPTERS = ["email", "cron", "http", "cli"];
const FORBIDDEN_PACKAGES_IN_CORE = [/^cloudflare:/, /^drizzle-orm/];

const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s+(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

export interface ImportEdge {
  from: string;
  /** A repository path for a relative import, else the package specifier. */
  to: string;
}

export function readImports(file: string, source: string): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const match of source.matchAll(IMPORT_RE)) {
    const spec = match[1] ?? match[2]!;
    edges.push({ from: file, to: spec.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)) : spec });
  }
  return edges;
}

/** Source files: TypeScript, and the private page's JSX (.tsx). */
export const SOURCE_FILE = /\.tsx?$/;

/** "src/core/filing/plan.ts" → "core/filing"; "src/core/result.ts" → "core"; "src/db/x.ts" → "db"; "src/http/dashboard/page.tsx" → "http". */
function placeOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] !== "src") return "outside";
  if (parts[1] === "core") return parts.length > 3 ? `core/${parts[2]}` : "core";
  return parts.length > 2 ? parts[1]! : parts[1]!.replace(SOURCE_FILE, "");
}

function ruleBroken({ from, to }: ImportEdge): string | null {
  const source = placeOf(from);
  if (!to.startsWith("src/")) {
    if (source.startsWith("core") && FORBIDDEN_PACKAGES_IN_CORE.some((re) => re.test(to))) return "the core uses no bindings or database";
    return null;
  }
  const target = placeOf(to);
  if (source === target) return null;
  if (source.startsWith("core")) {
    if (!target.startsWith("core")) return "the core imports nothing outside core/";
    if (CORE_SHARED.has(to) || CORE_WHOLE_PIPELINE.has(from)) return null;
    if (target === "core") return "only the warm-up and the adapters use core/'s root files";
    const feature = source.slice("core/".length);
    const allowed = CORE_IMPORTS[feature];
    if (!allowed) return `core/${feature} is not a known feature`;
    return allowed.includes(target.slice("core/".length)) ? null : `core/${feature} may not import ${target}`;
  }
  if (source === "db" && target !== "core" && !target.startsWith("core/")) return "db/ imports only core/";
  if (ADAPTERS.includes(target) && source !== "index") return `${target}/ is an adapter: only index.ts uses it`;
  return null;
}

/** Every import that breaks a rule, with the rule. */
export function layoutViolations(edges: readonly ImportEdge[]): string[] {
  return edges.flatMap((edge) => {
    const rule = ruleBroken(edge);
    return rule ? [`${edge.from} → ${edge.to}: ${rule}`] : [];
  });
}

/** The import circles between files (each a strongly connected set of two or more files, or a file importing itself). */
export function importCircles(edges: readonly ImportEdge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) if (to.startsWith("src/")) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const circles: string[][] = [];
  let counter = 0;
  const visit = (file: string): void => {
    index.set(file, counter);
    low.set(file, counter++);
    stack.push(file);
    onStack.add(file);
    for (const target of next.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) === index.get(file)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== file);
      if (group.length > 1 || next.get(file)?.includes(file)) circles.push(group.sort());
    }
  };
  for (const file of next.keys()) if (!index.has(file)) visit(file);
  return circles;
}
