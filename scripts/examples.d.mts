/** Types of scripts/examples.mjs, for the TypeScript tests that forward the examples. */

export declare const EXAMPLES_TODAY: string;

export declare class ExamplesError extends Error {}

export interface ExampleVars {
  owner: string;
  assistant: string;
  timeZone: string;
}

export declare const isBusinessDay: (date: string) => boolean;
export declare function addBusinessDays(date: string, count: number): string;
export declare function localDateOf(instant: number, zone: string): string;
export declare function atLocalTime(date: string, hour: number, minute: number, zone: string): number;
export declare function rfc5322Date(instant: number, zone: string): string;
export declare function readVars(): ExampleVars;
export declare function loadExamples(vars: Pick<ExampleVars, "owner" | "assistant">, today: string): { file: string; raw: Buffer }[];
export declare function ownerReply(
  vars: ExampleVars,
  message: { messageId?: string; replyTo?: { address?: string }[]; subject?: string; text?: string; date?: string },
  command: string,
): { replyTo: string; raw: string };
