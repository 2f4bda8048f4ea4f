/**
 * Recorded changes as a list with their dates, and the one Undo: right after the entries of the
 * latest change undo can reverse (marked), saying what it would undo, as the email `undo` names
 * it. Undone changes stay in the list, struck through.
 */
import type { FC } from "hono/jsx";
import type { DashboardUndo, TimelineEntry } from "../../db/dashboard.ts";
import { PostForm } from "./document.tsx";
import { formatClock, formatDay, isoOf } from "./words.tsx";

export const UndoForm: FC<{ undo: DashboardUndo; csrfToken: string }> = ({ undo, csrfToken }) => (
  <PostForm action="/dashboard/undo" csrfToken={csrfToken} class="undo">
    {undo.words.length === 1 ? (
      <p>Undo would reverse the latest change: {undo.words[0]}</p>
    ) : (
      <>
        <p>Undo would reverse the latest change:</p>
        <ul>
          {undo.words.map((line) => (
            <li>{line}</li>
          ))}
        </ul>
      </>
    )}
    <button type="submit">Undo</button>
  </PostForm>
);

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
            {entry.words}
          </span>
          {entry.undone ? <span class="small muted"> (undone)</span> : null}
          {undo !== null && index === undoAfter ? <UndoForm undo={undo} csrfToken={csrfToken} /> : null}
        </li>
      ))}
    </ol>
  );
};
