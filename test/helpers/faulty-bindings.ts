/**
 * Fault injection at the binding boundary, for worker tests. Each wrapper passes every call
 * through to the real binding (the local D1, the simulated send_email) and counts it; the
 * test picks which call fails and with which error, using the messages and codes the real
 * services return.
 *
 * D1 calls counted: `run`, `all`, `first` and `raw` on any prepared statement (drizzle calls
 * `prepare(sql).bind(...params).all()/run()/raw()`, so statements from `bind()` are wrapped
 * too), plus `batch` and `exec`. A batch is one call, whatever its length: it is one round
 * trip and one transaction.
 *
 * `timing: "before"` fails the call without reaching D1 (the request never arrived);
 * `"after"` lets the call run, then fails it (the response was lost: the write happened, and
 * only idempotent code survives the retry).
 */

/** Error messages D1 returns (developers.cloudflare.com/d1/observability/debug-d1/). */
export const D1_ERRORS = {
  networkLost: "D1_ERROR: Network connection lost.",
  overloaded: "D1 DB is overloaded. Too many requests queued.",
  uniqueConstraint: "D1_ERROR: UNIQUE constraint failed: inbound_messages.user_id, inbound_messages.raw_sha256: SQLITE_CONSTRAINT",
} as const;

/** Error codes the send_email binding throws with (email-service/api/send-emails/workers-api/). */
export const SEND_ERRORS = {
  E_RATE_LIMIT_EXCEEDED: "Rate limit exceeded. Retry later.",
  E_RECIPIENT_NOT_ALLOWED: "Recipient is not allowed by the binding's destination restrictions.",
  E_DELIVERY_FAILED: "Delivery failed.",
} as const;

export type SendErrorCode = keyof typeof SEND_ERRORS;

export type FaultTiming = "before" | "after";

export interface D1FaultOptions {
  /** 1-based numbers of the calls that fail; none by default (a counting wrapper only). */
  failOn?: number | readonly number[];
  /** The error message; "D1_ERROR: Network connection lost." by default. */
  error?: string;
  timing?: FaultTiming;
}

export interface FaultyD1 {
  db: D1Database;
  /** Calls made so far. */
  readonly calls: number;
  /** One line per call ("all SELECT …", "batch ×3"), for a readable failure message. */
  readonly log: readonly string[];
  /** Faults actually thrown. */
  readonly faults: number;
}

const STATEMENT_METHODS = ["run", "all", "first", "raw"] as const;

export function faultyD1(real: D1Database, options: D1FaultOptions = {}): FaultyD1 {
  const failOn = new Set(typeof options.failOn === "number" ? [options.failOn] : (options.failOn ?? []));
  const message = options.error ?? D1_ERRORS.networkLost;
  const timing = options.timing ?? "before";
  const log: string[] = [];
  let faults = 0;
  const realOf = new WeakMap<object, D1PreparedStatement>();

  async function call<T>(label: string, run: () => Promise<T>): Promise<T> {
    log.push(label);
    if (!failOn.has(log.length)) return run();
    faults++;
    if (timing === "after") await run();
    throw new Error(message);
  }

  function wrapStatement(statement: D1PreparedStatement, sql: string): D1PreparedStatement {
    const wrapper: Record<string, unknown> = {
      bind: (...values: unknown[]) => wrapStatement(statement.bind(...values), sql),
    };
    for (const method of STATEMENT_METHODS) {
      // The statement methods take optional arguments of different types; they are passed on as given.
      wrapper[method] = (...args: unknown[]) =>
        call(`${method} ${sql.slice(0, 80)}`, () => (statement[method] as (...a: unknown[]) => Promise<unknown>).apply(statement, args));
    }
    realOf.set(wrapper, statement);
    return wrapper as unknown as D1PreparedStatement;
  }

  const db = {
    prepare: (sql: string) => wrapStatement(real.prepare(sql), sql),
    batch: (statements: D1PreparedStatement[]) =>
      call(`batch ×${statements.length}`, () => real.batch(statements.map((s) => realOf.get(s) ?? s))),
    exec: (sql: string) => call(`exec ${sql.slice(0, 80)}`, () => real.exec(sql)),
    dump: () => real.dump(),
    withSession: () => {
      throw new Error("faultyD1 does not wrap sessions");
    },
  };
  return {
    db: db as unknown as D1Database,
    get calls() {
      return log.length;
    },
    log,
    get faults() {
      return faults;
    },
  };
}

export interface SendFaultOptions {
  /** 1-based numbers of the sends that fail. */
  failOn?: number | readonly number[];
  code?: SendErrorCode;
  /** "after": the message went out but the caller saw an error (a lost response). */
  timing?: FaultTiming;
}

export interface FaultySendEmail {
  binding: SendEmail;
  readonly calls: number;
}

/** An error shaped like the binding's: a message naming the code, and `code`. */
export function sendError(code: SendErrorCode): Error & { code: SendErrorCode } {
  return Object.assign(new Error(`${code}: ${SEND_ERRORS[code]}`), { code });
}

export function faultySendEmail(real: SendEmail, options: SendFaultOptions = {}): FaultySendEmail {
  const failOn = new Set(typeof options.failOn === "number" ? [options.failOn] : (options.failOn ?? []));
  const code = options.code ?? "E_DELIVERY_FAILED";
  let calls = 0;
  const binding = {
    async send(message: EmailMessage) {
      calls++;
      if (!failOn.has(calls)) return real.send(message);
      if (options.timing === "after") await real.send(message);
      throw sendError(code);
    },
  };
  return {
    binding: binding as unknown as SendEmail,
    get calls() {
      return calls;
    },
  };
}
