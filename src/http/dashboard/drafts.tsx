/**
 * A follow-up draft on the page: to whom, the subject, the text in a read-only text box (so it
 * can be selected and copied without any script), "Open in mail" (a mailto: link built as the
 * digest builds it), and the Mark sent and Skip forms. A draft that is not ready says what is
 * missing: a recipient's address, or the marked spots to fill in (or, for an optional one, to
 * fill in or delete); and what to check first, in the digest's words: a detail I was not sure
 * of, with the reply that settles it and where to send it.
 */
import type { FC } from "hono/jsx";
import { buildDraftMailto, MAX_MAILTO_CHARS } from "../../core/digest/mailto.ts";
import type { DashboardDraft, DashboardPerson } from "../../db/dashboard.ts";
import { PostForm } from "./document.tsx";
import { capitalize, describePeople, describePerson, formatClock, formatDay, isoOf } from "./page-text.tsx";

/** Rows of the text box: the whole draft up to a limit, then it scrolls. */
const MAX_BODY_ROWS = 14;

function describeMissingAddresses(to: readonly DashboardPerson[]): string | null {
  const missing = to.filter((p) => !p.email);
  if (to.length === 0 || missing.length === to.length) return "No address known: add the recipient in your mail app.";
  if (missing.length === 0) return null;
  return `No address known for ${missing.map(describePerson).join(", ")}: add it in your mail app.`;
}

function describeWhen(draft: DashboardDraft, now: number, timeZone: string): string {
  if (draft.late) return `Late: it was best sent by ${formatDay(draft.dueAt, timeZone)}, ${formatClock(draft.dueAt, timeZone)}. Still worth sending.`;
  if (draft.snoozedUntil !== null) return `Snoozed until ${formatDay(draft.snoozedUntil, timeZone)}, ${formatClock(draft.snoozedUntil, timeZone)}`;
  if (draft.dueAt <= now) return `Due since ${formatDay(draft.dueAt, timeZone)}, ${formatClock(draft.dueAt, timeZone)}`;
  return `Due ${formatDay(draft.dueAt, timeZone)}, ${formatClock(draft.dueAt, timeZone)}`;
}

/** A textarea drops one newline right after its start tag: a body that starts with one keeps it. */
function textareaText(body: string): string {
  return body.startsWith("\n") || body.startsWith("\r") ? `\n${body}` : body;
}

export const Draft: FC<{ draft: DashboardDraft; headingLevel: 3 | 4; csrfToken: string; timeZone: string; now: number }> = ({ draft, headingLevel, csrfToken, timeZone, now }) => {
  const Heading = headingLevel === 3 ? "h3" : "h4";
  const title = `${capitalize(draft.kind)}: ${draft.label}`;
  const addresses = draft.to.flatMap((p) => (p.email ? [p.email] : []));
  const link = buildDraftMailto({ to: addresses, subject: draft.subject, body: draft.body });
  const missing = describeMissingAddresses(draft.to);
  const bodyId = `draft-${draft.id}-text`;
  const rows = Math.min(MAX_BODY_ROWS, draft.body.split("\n").length + 1);
  const limit = MAX_MAILTO_CHARS.toLocaleString("en-US");
  return (
    <article class={draft.late ? "item late" : "item"} aria-labelledby={`draft-${draft.id}`}>
      <Heading id={`draft-${draft.id}`}>
        {title}
        {draft.late ? <span class="badge">Late</span> : null}
        {draft.checks.length > 0 ? <span class="badge">Check before sending</span> : null}
      </Heading>
      <p class="small">
        <time datetime={isoOf(draft.dueAt)}>{describeWhen(draft, now, timeZone)}</time>
      </p>
      <dl class="pairs">
        <dt>To</dt>
        <dd>{describePeople(draft.to)}</dd>
        <dt>Subject</dt>
        <dd>{draft.subject}</dd>
      </dl>
      {missing || draft.placeholders.length > 0 || draft.optionalPlaceholders.length > 0 || draft.checks.length > 0 ? (
        <div class="warn">
          <p>
            <strong>Needs your input:</strong>
          </p>
          {missing || draft.placeholders.length > 0 || draft.optionalPlaceholders.length > 0 ? (
            <ul>
              {missing ? <li>{missing}</li> : null}
              {draft.placeholders.length > 0 ? <li>Fill in before sending: {draft.placeholders.join(", ")}</li> : null}
              {draft.optionalPlaceholders.map((spot) => (
                <li>Optional: replace {spot} with something new, or delete its sentence</li>
              ))}
            </ul>
          ) : null}
          {draft.checks.length > 0 ? (
            <>
              <p>
                <strong>Check before sending:</strong>
              </p>
              <ul>
                {draft.checks.map((check) => (
                  <li>{check}</li>
                ))}
              </ul>
              <p class="small">
                {draft.checks.length === 1 ? "Send the reply" : "Send the replies, one per line,"} in answer to my confirmation of their email, the one whose subject starts with "Filed:".
              </p>
            </>
          ) : null}
        </div>
      ) : null}
      <label for={bodyId}>Text</label>
      <textarea id={bodyId} readonly rows={rows}>
        {textareaText(draft.body)}
      </textarea>
      <div class="actions">
        <button type="button" data-copy={bodyId} hidden>
          Copy text
        </button>
        {link.href ? (
          <a class="button primary" href={link.href}>
            {link.includesBody ? "Open in mail" : "Open in mail (recipient and subject)"}
          </a>
        ) : null}
        <PostForm action={`/dashboard/follow-ups/${draft.id}/sent`} csrfToken={csrfToken}>
          <button type="submit" aria-label={`Mark sent: ${title}`}>
            Mark sent
          </button>
        </PostForm>
        <PostForm action={`/dashboard/follow-ups/${draft.id}/skip`} csrfToken={csrfToken}>
          <button type="submit" aria-label={`Skip: ${title}`}>
            Skip
          </button>
        </PostForm>
      </div>
      {link.href === null ? (
        <p class="small muted">This message is too long for a mail link (some mail apps cut or refuse links over {limit} characters): copy the text into a new email.</p>
      ) : !link.includesBody ? (
        <p class="small muted">The text is too long for a mail link (some mail apps cut or refuse links over {limit} characters), so the link fills in the recipient and subject: copy the text into it.</p>
      ) : null}
    </article>
  );
};
