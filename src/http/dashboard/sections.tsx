/**
 * The overview's other parts: upcoming interviews, the funnel figures and the settings form.
 */
import type { FC } from "hono/jsx";
import type { DashboardInterview, DashboardSettings, FunnelColumn } from "../../db/dashboard.ts";
import type { FunnelFigures } from "../../core/applications/funnel.ts";
import { PostForm } from "./document.tsx";
import { applicationHref } from "./board.tsx";
import { describeWait } from "../../core/digest/render.ts";
import { describeDay, describeInterviewFormat, describeInterviewLength } from "../../core/applications/words.ts";
import { capitalize, describeInterviewTime, describePeople, formatDay, isHttpsUrl, isoOf, plural } from "./page-text.tsx";

/** A meeting link is a link only when it is https; anything else is shown as text, never followed. */
const MeetingLink: FC<{ url: string }> = ({ url }) =>
  isHttpsUrl(url) ? (
    <>
      Join: <a href={url.trim()}>{url}</a>
    </>
  ) : (
    <>
      Meeting link, shown as text because it is not an https link: <code>{url}</code>
    </>
  );

/** An interview on its application's own page, named by its day. */
function describeRound(interview: DashboardInterview, timeZone: string): string {
  if (interview.startAt !== null) return `Interview on ${formatDay(interview.startAt, timeZone)}`;
  return interview.startLocal !== null ? `Interview on ${describeDay(interview.startLocal.slice(0, 10))}` : "Interview, day not known";
}

export const Interview: FC<{ interview: DashboardInterview; headingLevel: 3 | 4; timeZone: string; withLink?: boolean }> = ({ interview, headingLevel, timeZone, withLink }) => {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const details = [interview.format ? capitalize(describeInterviewFormat(interview.format)) : null, interview.durationMin !== null ? describeInterviewLength(interview.durationMin) : null].filter((d): d is string => d !== null);
  return (
    <article class="item" aria-labelledby={`interview-${interview.id}`}>
      <Heading id={`interview-${interview.id}`}>{withLink ? <a href={applicationHref(interview.applicationId)}>{interview.label}</a> : describeRound(interview, timeZone)}</Heading>
      <p>
        {interview.startAt !== null ? <time datetime={isoOf(interview.startAt)}>{describeInterviewTime(interview, timeZone)}</time> : describeInterviewTime(interview, timeZone)}
        {interview.cancelled ? <strong> (cancelled)</strong> : null}
        {interview.afterClosing ? <strong> (not expected to take place: the application is closed)</strong> : null}
      </p>
      {details.length > 0 ? <p class="small">{details.join(", ")}</p> : null}
      {interview.interviewers.length > 0 ? <p class="small">With {describePeople(interview.interviewers)}</p> : null}
      {interview.meetingUrl ? (
        <p class="small">
          <MeetingLink url={interview.meetingUrl} />
        </p>
      ) : null}
    </article>
  );
};

export const UpcomingInterviews: FC<{ interviews: readonly DashboardInterview[]; more: number; timeZone: string }> = ({ interviews, more, timeZone }) => (
  <section id="interviews" aria-labelledby="interviews-title">
    <h2 id="interviews-title">Upcoming interviews</h2>
    {interviews.length === 0 ? (
      <p class="muted">No interview ahead.</p>
    ) : (
      <ol class="stack">
        {interviews.map((interview) => (
          <li>
            <Interview interview={interview} headingLevel={3} timeZone={timeZone} withLink />
          </li>
        ))}
      </ol>
    )}
    {more > 0 ? <p class="small">And {plural(more, "more interview")} later: each is on its application's page and in your calendar.</p> : null}
  </section>
);

const FIGURES: readonly (readonly [key: keyof FunnelFigures, words: string])[] = [
  ["applications", "Applications filed"],
  ["interviews", "Interviews held"],
  ["answers", "Answers from employers"],
  ["medianDaysToAnswer", "Typical wait for an answer"],
  ["offers", "Offers"],
  ["rejections", "Rejections"],
  ["goneQuiet", "Gone quiet"],
  ["followUpsSent", "Follow-ups sent"],
];

/** A count, or the typical wait as the digest's look back says it ("less than a day"). */
function describeFigure(key: keyof FunnelFigures, value: number | null): string {
  if (value === null) return "–";
  return key === "medianDaysToAnswer" ? describeWait(value) : value.toLocaleString("en-US");
}

export const Funnel: FC<{ columns: readonly FunnelColumn[] }> = ({ columns }) => (
  <section id="figures" aria-labelledby="figures-title">
    <h2 id="figures-title">How the search is going</h2>
    <p class="small muted">Counted from what happened, not from today's statuses: an interview before a rejection still counts, and an undone change never happened.</p>
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th scope="col">Figure</th>
            {columns.map((c) => (
              <th scope="col">{c.title}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {FIGURES.map(([key, words]) => (
            <tr>
              <th scope="row">{words}</th>
              {columns.map((c) => (
                <td>{describeFigure(key, c.figures[key])}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </section>
);

export const SettingsForm: FC<{ settings: DashboardSettings; csrfToken: string }> = ({ settings, csrfToken }) => (
  <section id="settings" aria-labelledby="settings-title">
    <h2 id="settings-title">Settings</h2>
    <PostForm action="/dashboard/settings" csrfToken={csrfToken}>
      <div class="field">
        <label for="timezone">Time zone</label>
        <span class="hint" id="timezone-hint">
          Its IANA name, e.g. Europe/Berlin or America/New_York. Digests and due times follow it.
        </span>
        <input type="text" id="timezone" name="timezone" value={settings.timeZone} required autocomplete="off" spellcheck={false} aria-describedby="timezone-hint" />
      </div>
      <div class="field">
        <label for="digest-time">Morning digest at</label>
        <span class="hint" id="digest-time-hint">
          Your local time, hours and minutes.
        </span>
        <input type="time" id="digest-time" name="digest_time" value={settings.digestTime} required aria-describedby="digest-time-hint" />
      </div>
      <div class="field">
        <label for="country">Country for public holidays</label>
        <span class="hint" id="country-hint">
          Two letters, e.g. DE or US: no follow-up falls due on its public holidays. Empty: weekends only.
        </span>
        <input type="text" id="country" name="country" value={settings.country ?? ""} maxlength={2} pattern="[A-Za-z]{2}" autocomplete="off" aria-describedby="country-hint" />
      </div>
      <div class="field">
        <label for="signature">Signature</label>
        <span class="hint" id="signature-hint">
          Ends every draft, e.g. your name.
        </span>
        <input type="text" id="signature" name="signature" value={settings.signature ?? ""} maxlength={200} autocomplete="name" aria-describedby="signature-hint" />
      </div>
      <div class="field check">
        <input type="checkbox" id="paused" name="paused" checked={settings.paused} />
        <label for="paused">Pause the morning digests</label>
      </div>
      <button type="submit" class="primary">
        Save settings
      </button>
    </PostForm>
  </section>
);
