/** Types of scripts/local-worker.mjs, for the TypeScript tests that drive a local worker. */

export declare const WRANGLER_BIN: string;

export declare class LocalWorkerError extends Error {}

export declare function sleep(ms: number): Promise<void>;

export declare function runWrangler(args: string[], timeoutMs: number, what?: string): string;

export interface LocalWorkerOptions {
  tempPrefix: string;
  serveBuilt?: boolean;
  logLevel?: string;
  secrets?: Record<string, string>;
  vars?: Record<string, string>;
  ownPublicUrl?: boolean;
  readyTimeoutMs?: number;
  requestTimeoutMs?: number;
  pollMs?: number;
  onLine?: (line: string) => void;
}

export declare class LocalWorker {
  constructor(options: LocalWorkerOptions);
  readonly workDir: string;
  readonly stateDir: string;
  readonly apiToken: string;
  readonly log: string[];
  /** "http://127.0.0.1:<port>", set by `start()`. */
  readonly base: string;
  /** Paths of the .eml files the worker sent, in the order sent. */
  readonly sentMail: string[];
  migrate(): void;
  start(): Promise<void>;
  waitForMail(before: number, count: number, timeoutMs?: number): Promise<string[]>;
  sendEmail(from: string, to: string, raw: string | Uint8Array): Promise<Response>;
  addresses(): Promise<{ plain: string; forwarding: string; reply: string; calendar: string | null }>;
  runCron(instant: number): Promise<Response>;
  stop(): Promise<void>;
  close(): Promise<void>;
  closeOnSignals(): void;
  logTail(lines?: number): string;
}
