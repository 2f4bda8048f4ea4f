/**
 * The private page, rendered on the server (Hono JSX): `renderDashboard` turns one page's data
 * (src/db/dashboard.ts) into a complete HTML document. Three pages share the shell:
 *
 * - the overview (`/dashboard`): follow-ups to send with their drafts, upcoming interviews, the
 *   board, the latest changes with Undo, the funnel figures and the settings;
 * - one board column, paged (`/dashboard?status=rejected&page=2`);
 * - one application with its whole timeline (`/dashboard/applications/:id`).
 *
 * Everything works without JavaScript: every action is a form (method post, with the CSRF
 * token), every draft's text is selectable. Text from emails is only ever a JSX text child or
 * attribute value, which Hono escapes; markup is never built from data. The routes that serve
 * these pages and take their forms are in src/http/dashboard-actions.ts.
 */
import type { FC } from "hono/jsx";
import { APPLICATION_STATUSES, type ApplicationStatus } from "../../core/applications/status.ts";
import type { ApplicationPage, DashboardData, DashboardNote, DashboardView, OverviewPage, StatusPage } from "../../db/dashboard.ts";
import { applicationHref, Board, Card, StatusForm, statusHref } from "./board.tsx";
import { Shell } from "./document.tsx";
import { Draft } from "./drafts.tsx";
import { Funnel, Interview, SettingsForm, UpcomingInterviews } from "./sections.tsx";
import { Timeline } from "./timeline.tsx";
import { capitalize, describePerson, formatDay, isoOf, plural } from "./page-text.tsx";

export interface DashboardOptions {
  /** Goes in every form as the hidden `csrf` field. */
  csrfToken: string;
  /** The last action's confirmation, shown once; plain text lines, possibly indented or empty. */
  notice: readonly string[] | null;
  /** The interview calendar's address; null when the assistant has no public address. */
  calendarUrl: string | null;
  /** The response's CSP nonce, for the one inline style sheet and script. */
  nonce: string;
}

/** Parses the page a request asks for; null when it names no such page (the route answers 404). */
export function parseDashboardView(query: { status?: string | undefined; page?: string | undefined }, applicationId?: string): DashboardView | null {
  if (applicationId !== undefined) {
    return /^[1-9]\d{0,15}$/.test(applicationId) ? { kind: "application", applicationId: Number(applicationId) } : null;
  }
  if (query.status === undefined) return { kind: "overview" };
  if (!(APPLICATION_STATUSES as readonly string[]).includes(query.status)) return null;
  const page = query.page === undefined ? 1 : /^[1-9]\d{0,5}$/.test(query.page) ? Number(query.page) : null;
  return page === null ? null : { kind: "status", status: query.status as ApplicationStatus, page };
}

export function renderDashboard(data: DashboardData, options: DashboardOptions): string {
  const document = <DashboardDocument data={data} options={options} />;
  // Every component is synchronous, so the whole document renders to a string at once; an
  // asynchronous one would make the node (or its string) a promise.
  const html: unknown = document instanceof Promise ? document : document.toString();
  if (typeof html !== "string") throw new Error("the dashboard rendered asynchronously");
  return `<!doctype html>${html}`;
}

const OVERVIEW_CONTENTS = [
  { id: "send", words: "Follow-ups" },
  { id: "interviews", words: "Interviews" },
  { id: "applications", words: "Applications" },
  { id: "changes", words: "Latest changes" },
  { id: "figures", words: "Figures" },
  { id: "settings", words: "Settings" },
] as const;

const DashboardDocument: FC<{ data: DashboardData; options: DashboardOptions }> = ({ data, options }) => {
  const { page } = data;
  const shell = { ownerEmail: data.owner.email, csrfToken: options.csrfToken, nonce: options.nonce, notice: options.notice, calendarUrl: options.calendarUrl };
  switch (page.kind) {
    case "overview":
      return (
        <Shell title="Your job search" contents={OVERVIEW_CONTENTS} {...shell}>
          <Overview data={data} page={page} csrfToken={options.csrfToken} />
        </Shell>
      );
    case "status":
      return (
        <Shell title={`${capitalize(page.column.words)}: your applications`} {...shell}>
          <StatusColumn data={data} page={page} csrfToken={options.csrfToken} />
        </Shell>
      );
    case "application":
      return (
        <Shell title={`${page.card.label}: your application`} {...shell}>
          <Application data={data} page={page} csrfToken={options.csrfToken} />
        </Shell>
      );
  }
};

const Overview: FC<{ data: DashboardData; page: OverviewPage; csrfToken: string }> = ({ data, page, csrfToken }) => {
  const timeZone = data.owner.timeZone;
  return (
    <>
      <h1>Your job search</h1>
      <p class="muted">
        {plural(page.totalApplications, "application")}. Times are in your time zone, {timeZone}.
      </p>
      <section id="send" aria-labelledby="send-title">
        <h2 id="send-title">Follow-ups to send</h2>
        {page.dueDrafts.length === 0 ? (
          <p class="muted">Nothing to send today.</p>
        ) : (
          <ol class="stack">
            {page.dueDrafts.map((draft) => (
              <li>
                <Draft draft={draft} headingLevel={3} csrfToken={csrfToken} timeZone={timeZone} now={data.now} />
              </li>
            ))}
          </ol>
        )}
        {page.moreDueDrafts > 0 ? <p class="small">{plural(page.moreDueDrafts, "more follow-up")} due: they appear here as you send or skip these, and each is on its application's page.</p> : null}
        {page.soon.length > 0 ? (
          <>
            <h3>Coming in the next days</h3>
            <ul>
              {page.soon.map((followUp) => (
                <li>
                  <a href={`${applicationHref(followUp.applicationId)}#follow-ups`}>
                    {capitalize(followUp.kind)}: {followUp.label}
                  </a>
                  , <time datetime={isoOf(followUp.at)}>{formatDay(followUp.at, timeZone)}</time>
                </li>
              ))}
            </ul>
            {page.moreSoon > 0 ? <p class="small">And {plural(page.moreSoon, "more")}: each is on its application's page.</p> : null}
          </>
        ) : null}
      </section>
      <UpcomingInterviews interviews={page.interviews} more={page.moreInterviews} timeZone={timeZone} />
      <section id="applications" aria-labelledby="applications-title">
        <h2 id="applications-title">Applications</h2>
        <p class="small muted">By status, the most recently changed first. Open an application for its whole timeline.</p>
        <Board columns={page.board} csrfToken={csrfToken} timeZone={timeZone} />
      </section>
      <section id="changes" aria-labelledby="changes-title">
        <h2 id="changes-title">Latest changes</h2>
        {page.recent.length === 0 ? <p class="muted">Nothing yet: forward an interview email to get started.</p> : <Timeline entries={page.recent} undo={data.undo} csrfToken={csrfToken} timeZone={timeZone} />}
      </section>
      <Funnel columns={page.funnel} />
      <SettingsForm settings={page.settings} csrfToken={csrfToken} />
    </>
  );
};

const StatusColumn: FC<{ data: DashboardData; page: StatusPage; csrfToken: string }> = ({ data, page, csrfToken }) => {
  const { column } = page;
  return (
    <>
      <p class="small">
        <a href="/dashboard">Back to the overview</a>
      </p>
      <h1>
        {capitalize(column.words)}: {plural(column.total, "application")}
      </h1>
      {page.pages > 1 ? (
        <p class="muted">
          Page {page.page} of {page.pages}, the most recently changed first.
        </p>
      ) : null}
      {column.cards.length === 0 ? (
        <p class="muted">None.</p>
      ) : (
        <ol class="stack">
          {column.cards.map((card) => (
            <li>
              <Card card={card} headingLevel={2} csrfToken={csrfToken} timeZone={data.owner.timeZone} />
            </li>
          ))}
        </ol>
      )}
      {page.pages > 1 ? (
        <nav class="pager" aria-label="Pages">
          {page.page > 1 ? <a href={statusHref(column.status, page.page - 1)}>Newer</a> : null}
          {page.page < page.pages ? <a href={statusHref(column.status, page.page + 1)}>Older</a> : null}
        </nav>
      ) : null}
    </>
  );
};

/** A note as written, line by line: what stays private, and the lines marked for the drafts. */
const Note: FC<{ note: DashboardNote }> = ({ note }) => (
  <>
    {note.privateLines.length > 0 ? (
      <p>
        <strong>Private note (never quoted):</strong>
        {note.privateLines.map((line) => (
          <>
            <br />
            {line}
          </>
        ))}
      </p>
    ) : null}
    {note.points.map((point) => (
      <p>
        <strong>{point.used ? "For the thank-you and status check:" : "Marked for the drafts, but a newer line is used:"}</strong> {point.text}
      </p>
    ))}
  </>
);

const Application: FC<{ data: DashboardData; page: ApplicationPage; csrfToken: string }> = ({ data, page, csrfToken }) => {
  const { card } = page;
  const timeZone = data.owner.timeZone;
  const undoHere = data.undo !== null && page.timeline.some((entry) => entry.inUndo);
  return (
    <>
      <p class="small">
        <a href="/dashboard">Back to the overview</a>
      </p>
      <h1 id={`card-${card.id}`}>{card.label}</h1>
      <section class="panel" aria-label="Summary">
        <dl class="pairs">
          <dt>Status</dt>
          <dd>{capitalize(card.statusWords)}</dd>
          {card.nextStep !== null ? (
            <>
              <dt>Next</dt>
              <dd>{card.nextStep}</dd>
            </>
          ) : null}
          {page.contact !== null ? (
            <>
              <dt>Contact</dt>
              <dd>{describePerson(page.contact)}</dd>
            </>
          ) : null}
          {page.promised !== null ? (
            <>
              <dt>They said</dt>
              <dd>"{page.promised}"</dd>
            </>
          ) : null}
        </dl>
        {page.notes.length > 0 ? (
          <>
            <p>Your notes:</p>
            <ul>
              {page.notes.map((note) => (
                <li>
                  <Note note={note} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
        <StatusForm card={card} csrfToken={csrfToken} />
      </section>
      {page.drafts.length > 0 ? (
        <section id="follow-ups" aria-labelledby="drafts-title">
          <h2 id="drafts-title">Follow-ups</h2>
          <ol class="stack">
            {page.drafts.map((draft) => (
              <li>
                <Draft draft={draft} headingLevel={3} csrfToken={csrfToken} timeZone={timeZone} now={data.now} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {page.interviews.length > 0 ? (
        <section aria-labelledby="rounds-title">
          <h2 id="rounds-title">Interviews</h2>
          <ol class="stack">
            {page.interviews.map((interview) => (
              <li>
                <Interview interview={interview} headingLevel={3} timeZone={timeZone} />
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <section aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        {page.timeline.length === 0 ? <p class="muted">No changes recorded.</p> : <Timeline entries={page.timeline} undo={undoHere ? data.undo : null} csrfToken={csrfToken} timeZone={timeZone} />}
        {data.undo !== null && !undoHere ? (
          <p class="small muted">
            The latest change was to another application or to your settings: <a href="/dashboard#changes">undo it from the overview</a>.
          </p>
        ) : null}
      </section>
    </>
  );
};
