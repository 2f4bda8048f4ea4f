/**
 * The page's shell: the document, its one style sheet and one small script (both inline with
 * the response's CSP nonce, set by src/http/session.ts), the header with whose
 * search it is, the calendar and the logout button, and the notice of the last action.
 *
 * The style sheet uses system fonts, stacks everything in one column on a phone, wraps long
 * addresses and links instead of scrolling sideways, keeps text contrast at WCAG AA or better
 * and shows a clear outline on the focused control. The script only adds the "Copy" buttons:
 * without it the drafts are selectable text and every action is a plain form.
 */
import type { Child, FC } from "hono/jsx";

export const DASHBOARD_CSS = `
*,*::before,*::after{box-sizing:border-box}
[hidden]{display:none!important}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
body{margin:0;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:1rem;line-height:1.5;color:#1a1a1a;background:#f6f7f9;overflow-wrap:anywhere}
a{color:#0b57d0}
a:hover{text-decoration-thickness:2px}
:focus-visible{outline:3px solid #0b57d0;outline-offset:2px}
.skip{position:absolute;left:-999rem}
.skip:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
.wrap{max-width:76rem;margin:0 auto;padding:0 1rem}
header.top{background:#fff;border-bottom:1px solid #d0d4da;padding:1rem 0}
header.top .wrap{display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:baseline;justify-content:space-between}
h1{font-size:1.5rem;margin:0;line-height:1.25}
h2{font-size:1.25rem;margin:0 0 .75rem}
h3{font-size:1.0625rem;margin:0 0 .5rem}
h4{font-size:1rem;margin:0 0 .25rem}
p{margin:0 0 .5rem}
nav.toc ul{list-style:none;display:flex;flex-wrap:wrap;gap:.25rem 1rem;padding:0;margin:.75rem 0 0}
main{padding:1rem 0 2rem}
main>section,.panel{background:#fff;border:1px solid #d0d4da;border-radius:.5rem;padding:1rem;margin:0 0 1rem}
.muted{color:#4a5058}
.small{font-size:.875rem}
.notice{border-left:4px solid #1a7f37;background:#eef8f0;padding:.75rem 1rem;margin:0 0 1rem;border-radius:.25rem}
.notice pre{margin:0;white-space:pre-wrap;font:inherit}
.notice:empty{display:none}
.stack{list-style:none;padding:0;margin:0;display:grid;gap:.75rem}
.item{border:1px solid #d0d4da;border-radius:.5rem;padding:.75rem;background:#fff}
.late{border-color:#b35900}
.badge{display:inline-block;font-size:.8125rem;font-weight:600;padding:0 .4rem;border-radius:.25rem;background:#fde7c9;color:#6b3100;margin-left:.25rem}
.board{display:grid;gap:1rem;grid-template-columns:repeat(auto-fill,minmax(16rem,1fr));align-items:start}
.column{background:#f6f7f9;border-radius:.5rem;padding:.75rem}
dl.pairs{display:grid;grid-template-columns:max-content 1fr;gap:.125rem .75rem;margin:0 0 .5rem}
dl.pairs dt{font-weight:600}
dl.pairs dd{margin:0;min-width:0}
textarea,input,select,button{font:inherit;color:inherit;max-width:100%}
textarea{width:100%;border:1px solid #767676;border-radius:.25rem;padding:.5rem;background:#fff;resize:vertical}
input[type=text],input[type=time],select{border:1px solid #767676;border-radius:.25rem;padding:.375rem .5rem;background:#fff}
input[type=text]{width:100%;max-width:24rem}
input[type=checkbox]{width:1.25rem;height:1.25rem;vertical-align:middle}
button,.button{display:inline-block;border:1px solid #0b57d0;border-radius:.375rem;padding:.375rem .875rem;background:#fff;color:#0b57d0;font-weight:600;cursor:pointer;text-decoration:none;line-height:1.5}
button.primary,.button.primary{background:#0b57d0;color:#fff}
button:hover,.button:hover{background:#e8f0fe}
button.primary:hover,.button.primary:hover{background:#0842a0}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-top:.5rem}
.actions form{margin:0}
form.inline{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin:.5rem 0 0}
.field{margin:0 0 .75rem}
.field label{display:block;font-weight:600}
.field .hint{display:block;font-size:.875rem;color:#4a5058}
.check label{display:inline;font-weight:600;margin-left:.375rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:.375rem .5rem;border-bottom:1px solid #d0d4da;vertical-align:top;overflow-wrap:normal}
td{text-align:right;font-variant-numeric:tabular-nums}
.table-wrap{overflow-x:auto}
ol.timeline{list-style:none;padding:0;margin:0}
ol.timeline li{padding:.375rem 0;border-bottom:1px solid #e3e6ea}
ol.timeline li:last-child{border-bottom:0}
ol.timeline li.in-undo{border-left:4px solid #b35900;padding-left:.5rem}
.undone{color:#4a5058;text-decoration:line-through}
.undo,.warn{margin:.5rem 0;padding:.5rem .75rem;background:#fff8e6;border:1px solid #b35900;border-radius:.375rem}
.undo ul,.warn ul{margin:.25rem 0 .5rem;padding-left:1.25rem}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:.875rem;background:#eef0f3;padding:0 .25rem;border-radius:.25rem}
.pager{display:flex;flex-wrap:wrap;gap:1rem;margin-top:1rem}
.vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
footer{padding:1rem 0 2rem}
@media (max-width:40rem){h1{font-size:1.3rem}main>section,.panel{padding:.75rem}dl.pairs{grid-template-columns:1fr}dl.pairs dd{margin-bottom:.25rem}}
`
  .trim()
  .replaceAll("\n", "");

/**
 * Shows each "Copy" button (hidden without the script) and copies its draft's text; where the
 * clipboard is refused, it selects the text for the owner to copy.
 */
export const COPY_SCRIPT = `
for (const button of document.querySelectorAll("button[data-copy]")) {
  button.hidden = false;
  button.addEventListener("click", async () => {
    const text = document.getElementById(button.dataset.copy);
    const status = document.getElementById("copy-status");
    try {
      await navigator.clipboard.writeText(text.value);
      status.textContent = "Copied the text to the clipboard.";
    } catch {
      text.focus();
      text.select();
      status.textContent = "The text is selected: copy it with your keyboard or menu.";
    }
  });
}
`
  .trim()
  .replace(/\n\s*/g, "");

export interface ShellOptions {
  title: string;
  ownerEmail: string;
  csrfToken: string;
  nonce: string;
  notice: readonly string[] | null;
  calendarUrl: string | null;
  /** In-page sections for the "On this page" list, overview only. */
  contents?: readonly { id: string; words: string }[];
  children: Child;
}

/** A form that posts to an action, with the CSRF token every form carries. */
export const PostForm: FC<{ action: string; csrfToken: string; class?: string; children: Child }> = (props) => (
  <form method="post" action={props.action} class={props.class}>
    <input type="hidden" name="csrf" value={props.csrfToken} />
    {props.children}
  </form>
);

const CALENDAR_APPS: readonly (readonly [app: string, steps: string])[] = [
  ["Google Calendar", "Other calendars → + → From URL"],
  ["Outlook", "Add calendar → Subscribe from web"],
  ["Apple Calendar", "File → New Calendar Subscription"],
];

const Calendar: FC<{ url: string | null }> = ({ url }) => {
  if (url === null) return <p class="small muted">The interview calendar needs this assistant's web address, and none is set up.</p>;
  return (
    <details>
      <summary>Your interview calendar, with your follow-ups</summary>
      <p class="small">
        Subscribe to it once and your calendar shows your interviews, with reminders a day and an hour before, and the follow-ups due, each on the day its draft is in your digest.
      </p>
      <p class="small">
        <label for="calendar-url">Calendar address</label>
        <br />
        <input type="text" id="calendar-url" readonly value={url} />
      </p>
      {/^https:\/\//i.test(url) ? (
        <p class="small">
          <a href={`webcal://${url.slice("https://".length)}`}>Subscribe in your calendar app</a> (Apple Calendar, Outlook), or copy the address into:
        </p>
      ) : (
        <p class="small">Copy the address into:</p>
      )}
      <ul class="small">
        {CALENDAR_APPS.map(([app, steps]) => (
          <li>
            {app}: {steps}
          </li>
        ))}
      </ul>
      <p class="small muted">Anyone with this address can see your interviews and follow-ups: keep it private. Reply "new calendar link" to a digest to replace it.</p>
    </details>
  );
};

/** The complete document. */
export const Shell: FC<ShellOptions> = (props) => (
  <html lang="en">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <title>{props.title}</title>
      <style nonce={props.nonce} dangerouslySetInnerHTML={{ __html: DASHBOARD_CSS }} />
    </head>
    <body>
      <a class="skip" href="#main">
        Skip to the page's content
      </a>
      <header class="top">
        <div class="wrap">
          <div>
            <p class="small muted">
              <a href="/dashboard">Your job search</a>, for {props.ownerEmail}
            </p>
            <Calendar url={props.calendarUrl} />
          </div>
          <PostForm action="/logout" csrfToken={props.csrfToken}>
            <button type="submit">Log out</button>
          </PostForm>
        </div>
      </header>
      <div class="wrap">
        {props.contents && props.contents.length > 0 ? (
          <nav class="toc" aria-label="On this page">
            <ul>
              {props.contents.map((c) => (
                <li>
                  <a href={`#${c.id}`}>{c.words}</a>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
        <main id="main">
          <div class="notice" role="status" aria-live="polite">
            {props.notice && props.notice.length > 0 ? <pre>{props.notice.join("\n")}</pre> : null}
          </div>
          {props.children}
        </main>
        <p id="copy-status" class="vh" role="status" aria-live="polite"></p>
      </div>
      <script nonce={props.nonce} dangerouslySetInnerHTML={{ __html: COPY_SCRIPT }} />
    </body>
  </html>
);
