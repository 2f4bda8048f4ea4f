/**
 * The owner's notes stored with an application are private (C3): drafts quote only a line the
 * owner marked for them with `point:` ("point: their robots stream telemetry over LTE"). Pure.
 * The marker is read here, beside the records, because the note is written when a forward is
 * filed and read much later, when a thank-you or a status check is drafted.
 */

/** A line the owner marks for the drafts. */
const POINT_LINE_RE = /^\s*point\s*:\s*(\S.*)$/i;

/** The lines of a note marked for the drafts with `point:`, in order, without the marker. */
export function readMarkedPoints(note: string): string[] {
  return note.split(/\r\n?|\n/).flatMap((line) => {
    const point = POINT_LINE_RE.exec(line)?.[1]?.trim();
    return point ? [point] : [];
  });
}
