/**
 * The applications as a board: one column per status, each card with the company and role, the
 * date of its latest change, its next step, a small form to change its status and a link to
 * its whole timeline (its own page). On a phone the columns stack.
 */
import type { FC } from "hono/jsx";
import type { BoardColumn, DashboardCard } from "../../db/dashboard.ts";
import { PostForm } from "./document.tsx";
import { capitalize, formatDay, isoOf, plural } from "./page-text.tsx";

export function applicationHref(id: number): string {
  return `/dashboard/applications/${id}`;
}

export function statusHref(status: string, page = 1): string {
  return page > 1 ? `/dashboard?status=${encodeURIComponent(status)}&page=${page}` : `/dashboard?status=${encodeURIComponent(status)}`;
}

/** The status form: a choice of the endings (and "heard back" while open) and a button; nothing is chosen until the owner chooses. */
export const StatusForm: FC<{ card: DashboardCard; csrfToken: string }> = ({ card, csrfToken }) => {
  const selectId = `status-${card.id}`;
  return (
    <PostForm action={`/dashboard/applications/${card.id}/status`} csrfToken={csrfToken} class="inline">
      <label for={selectId}>Change status</label>
      <select id={selectId} name="status" required>
        <option value="">Choose…</option>
        {card.statusChoices.map((choice) => (
          <option value={choice.value}>{capitalize(choice.words)}</option>
        ))}
      </select>
      <button type="submit" aria-describedby={`card-${card.id}`}>
        Save
      </button>
    </PostForm>
  );
};

export const Card: FC<{ card: DashboardCard; headingLevel: 2 | 4; csrfToken: string; timeZone: string }> = ({ card, headingLevel, csrfToken, timeZone }) => {
  const Heading = headingLevel === 2 ? "h2" : "h4";
  return (
    <article class="item">
      <Heading id={`card-${card.id}`}>
        <a href={applicationHref(card.id)}>{card.company ?? card.label}</a>
      </Heading>
      {card.company !== null && card.role !== null ? <p>{card.role}</p> : null}
      <p class="small muted">
        {card.lastEventAt !== null ? (
          <>
            Last change <time datetime={isoOf(card.lastEventAt)}>{formatDay(card.lastEventAt, timeZone)}</time>
          </>
        ) : (
          "No changes recorded"
        )}
      </p>
      {card.nextStep !== null ? <p class="small">Next: {card.nextStep}</p> : null}
      <StatusForm card={card} csrfToken={csrfToken} />
    </article>
  );
};

/** The board's columns, each with its most recent cards and a link to all of them when some are left out. */
export const Board: FC<{ columns: readonly BoardColumn[]; csrfToken: string; timeZone: string }> = ({ columns, csrfToken, timeZone }) => (
  <div class="board">
    {columns.map((column) => (
      <section class="column" aria-labelledby={`column-${column.status}`}>
        <h3 id={`column-${column.status}`}>
          {capitalize(column.words)} <span class="muted">({column.total.toLocaleString("en-US")})</span>
        </h3>
        {column.cards.length === 0 ? (
          <p class="small muted">None</p>
        ) : (
          <ol class="stack">
            {column.cards.map((card) => (
              <li>
                <Card card={card} headingLevel={4} csrfToken={csrfToken} timeZone={timeZone} />
              </li>
            ))}
          </ol>
        )}
        {column.total > column.cards.length ? (
          <p class="small">
            <a href={statusHref(column.status)}>
              Show all {plural(column.total, "application")} ({column.words})
            </a>
          </p>
        ) : null}
      </section>
    ))}
  </div>
);
