/**
 * Recorded changes as a list with their dates, and the one Undo: right after the entries of the
 * latest change undo can reverse (marked), saying what it would undo in the list's words. Undone
 * changes stay in the list, struck through.
 */
import type { FC } from "hono/jsx";
import type { DashboardUndo, TimelineEntry } from "../../db/dashboard.ts";
import { PostForm } from "./document.tsx";
import { formatClock, formatDay, isoOf } from "./page-text.tsx";

/** Words with their line breaks, as a note quoted in them was written. */
const Lines: FC<{ text: string }> = ({ text }) => (
  <>
    {text.split(/\r\n?|\n/).map((line, index) => (
      <>
        {index > 0 ? <br /> : null}
        {line}
      </>
    ))}
  </>
);

export const UndoForm: FC<{ undo: DashboardUndo; csrfToken: string }> = ({ undo, csrfToken }) => {
  const [only] = undo.changes;
  return (
    <PostForm action="/dashboard/undo" csrfToken={csrfToken} class="undo">
      {undo.changes.length === 1 && only ? (
        <p>
          Undo reverses the latest change{only.label !== null ? <> to <strong>{only.label}</strong></> : null}: {only.words}
        </p>
      ) : (
        <>
          <p>Undo reverses the latest change:</p>
          <ul>
            {undo.changes.map((change) => (
              <li>
                {change.label !== null ? <strong>{change.label}: </strong> : null}
                {change.words}
              </li>
            ))}
          </ul>
        </>
      )}
      <button type="submit">Undo</button>
    </PostForm>
  );
};

/** The Undo form follows the last entry (in the order shown) of the step it would reverse; that step's entries are marked. */
export const Timeline: FC<{ entries: readonly TimelineEntry[]; undo: DashboardUndo | null; csrfToken: string; timeZone: string }> = ({ entries, undo, csrfToken, timeZone }) => {
  const undoAfter = undo === null ? -1 : entries.findLastIndex((entry) => entry.inUndo);
  return (
    <ol class="timeline">
      {entries.map((entry, index) => (
        <li class={undo !== null && entry.inUndo ? "in-undo" : undefined}>
          <span class="small muted">
            <time datetime={isoOf(entry.at)}>
              {formatDay(entry.at, timeZone)}, {formatClock(entry.at, timeZone)}
            </time>
          </span>{" "}
          <span class={entry.undone ? "undone" : undefined}>
            {entry.label !== null ? <strong>{entry.label}: </strong> : null}
            <Lines text={entry.words} />
          </span>
          {entry.undone ? <span class="small muted"> (undone)</span> : null}
          {undo !== null && index === undoAfter ? <UndoForm undo={undo} csrfToken={csrfToken} /> : null}
        </li>
      ))}
    </ol>
  );
};
