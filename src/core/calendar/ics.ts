/**
 * iCalendar text (RFC 5545) as the feed and the invite write it: components of properties,
 * TEXT values escaped (§3.3.11), parameter values quoted (§3.2), UTC and floating date-times
 * (§3.3.5), lines folded at 75 octets without splitting a UTF-8 character (§3.1), CRLF line
 * ends. Pure.
 *
 * Written here rather than with ical.js's serialiser, by measurement (the worker built as
 * scripts/check-bundle.mjs builds it, wrangler's dry run): writing the feed through ical.js
 * 2.2.1 (Component, Property, Time, Duration) adds 46.8 KiB gzip (220.5 KiB raw), taking the
 * worker from 370.3 to 417.2 KiB gzip, over its 400 KiB budget; this writer and the event model
 * together add 3.8 KiB gzip (13.3 KiB raw). The feed needs a handful of property kinds, and the
 * tests read every output back with ical.js.
 */

export interface Property {
  name: string;
  value: string;
  params?: Readonly<Record<string, string>>;
}

export interface Component {
  name: string;
  properties: readonly Property[];
  components?: readonly Component[];
}

/** A line may hold 75 octets, line break excluded; a continuation line spends one on its leading space. */
const MAX_LINE_OCTETS = 75;
/** CONTROL characters TEXT may not hold (all but HTAB; line breaks are escaped before this runs). */
const TEXT_CONTROLS = /[\x00-\x08\x0a-\x1f\x7f]/g;
/** What a parameter value may not hold even quoted: DQUOTE and CONTROLs (§3.1, QSAFE-CHAR). */
const PARAM_UNSAFE = /["\x00-\x08\x0a-\x1f\x7f]/g;

/** A TEXT value: backslash, semicolon, comma escaped; every line break as "\n"; other controls dropped. */
export function escapeText(value: string): string {
  return value
    .replace(/\r\n?/g, "\n")
    .replace(/[\\;,]/g, (char) => `\\${char}`)
    .replace(/\n/g, "\\n")
    .replace(TEXT_CONTROLS, "");
}

/** A parameter value, quoted when it holds ":", ";" or "," (§3.2). */
function paramValue(value: string): string {
  const safe = value.replace(PARAM_UNSAFE, "");
  return /[:;,]/.test(safe) ? `"${safe}"` : safe;
}

/**
 * One content line folded into lines of at most 75 octets, each after the first starting with
 * a space. Cuts fall between code points, so no UTF-8 sequence is split.
 */
export function foldLine(line: string): string {
  const encoder = new TextEncoder();
  if (encoder.encode(line).length <= MAX_LINE_OCTETS) return line;
  const lines: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = lines.length === 0 ? MAX_LINE_OCTETS : MAX_LINE_OCTETS - 1;
    if (octets + size > limit) {
      lines.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  lines.push(current);
  return lines.join("\r\n ");
}

function contentLine({ name, value, params }: Property): string {
  const parameters = Object.entries(params ?? {})
    .map(([key, v]) => `;${key}=${paramValue(v)}`)
    .join("");
  return foldLine(`${name}${parameters}:${value}`);
}

function componentLines(component: Component): string[] {
  return [
    `BEGIN:${component.name}`,
    ...component.properties.map(contentLine),
    ...(component.components ?? []).flatMap(componentLines),
    `END:${component.name}`,
  ];
}

/** The component as iCalendar text: CRLF after every line, the last included. */
export function writeComponent(component: Component): string {
  return `${componentLines(component).join("\r\n")}\r\n`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "20260303T223000Z": a UTC DATE-TIME (form #2). */
export function formatUtcDateTime(instantMs: number): string {
  const d = new Date(instantMs);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
}

/** "2026-03-03T14:30:00" → "20260303T143000": a floating DATE-TIME (form #1), or null for anything else. */
export function formatFloatingDateTime(local: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(local);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match;
  return `${year}${month}${day}T${hour}${minute}${second ?? "00"}`;
}
