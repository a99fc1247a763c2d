/** The dashboard's HTML: the page itself (filled in by app.js) and the token form. */
import { escapeMarkup as escapeHtml } from './escape.js';
import { DASHBOARD_PATHS } from './paths.js';

function shell(title: string, body: string, script: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="${DASHBOARD_PATHS.icon}" type="image/svg+xml">
<link rel="stylesheet" href="${DASHBOARD_PATHS.style}">
${script ? `<script type="module" src="${DASHBOARD_PATHS.script}"></script>\n` : ''}</head>
<body>
${body}
</body>
</html>
`;
}

/** The dashboard: empty regions, headed and labelled, that the script fills and keeps live. */
export function dashboardPage(): string {
  return shell(
    'Covage sandbox dashboard',
    `<a class="skip-link" href="#details">Skip to the selected session or line</a>
<header class="top">
  <h1>Covage sandbox</h1>
  <p id="connection" class="connection" role="status" data-state="connecting">Connecting…</p>
</header>
<main class="layout">
  <section class="panel sessions" aria-labelledby="sessions-heading">
    <h2 id="sessions-heading">Order sessions</h2>
    <p id="sessions-help" class="help">Every session the sandbox holds, each followed by its lines.
      Move between rows with Tab or the arrow keys; Enter or Space shows a row's state diagram.</p>
    <p id="sessions-empty" class="empty">No order session yet: create one through the API
      (<code>POST /api/v1/product_order</code>).</p>
    <div id="sessions-scroll" class="table-scroll">
      <table id="sessions-table" aria-labelledby="sessions-heading" aria-describedby="sessions-help">
        <thead>
          <tr>
            <th scope="col">Session or line</th>
            <th scope="col">State and termination errors</th>
            <th scope="col">References</th>
          </tr>
        </thead>
      </table>
    </div>
  </section>
  <section id="details" class="panel details" aria-labelledby="details-heading" tabindex="-1">
    <h2 id="details-heading">Nothing selected</h2>
    <p id="details-hint" class="help">Select a session or a line to see where it is in its state diagram.</p>
    <figure id="diagram-figure" class="diagram-figure" hidden>
      <figcaption id="diagram-caption"></figcaption>
      <button type="button" id="diagram-fit" class="toggle" aria-pressed="false"
        aria-controls="diagram">Fit the diagram to the panel</button>
      <div id="diagram" class="diagram"></div>
    </figure>
    <dl id="details-facts" class="facts"></dl>
    <section id="history-section" aria-labelledby="history-heading" hidden>
      <h3 id="history-heading">State changes</h3>
      <ol id="history" class="history"></ol>
    </section>
    <section id="errors-section" aria-labelledby="errors-heading" hidden>
      <h3 id="errors-heading">Termination errors</h3>
      <ul id="errors" class="errors"></ul>
    </section>
  </section>
  <section class="panel activity" aria-labelledby="activity-heading">
    <h2 id="activity-heading">Activity</h2>
    <div id="activity" role="log" aria-live="polite" aria-labelledby="activity-heading">
      <ol id="activity-list" class="activity-list"></ol>
    </div>
  </section>
</main>
<noscript><p class="panel">The dashboard needs JavaScript. The same data is at
  <code>${DASHBOARD_PATHS.state}</code> as JSON.</p></noscript>`,
    true,
  );
}

/** The form that asks for the dashboard token (the sandbox was started with one). */
export function tokenPage(message?: string): string {
  const notice = message ? `<p class="notice" role="alert">${escapeHtml(message)}</p>` : '';
  return shell(
    'Covage sandbox dashboard: token',
    `<main class="login panel">
  <h1>Covage sandbox dashboard</h1>
  <p>This sandbox protects its dashboard with a token (<code>--dashboard-token</code>, or the one
    it printed when it started).</p>
  ${notice}
  <form method="post" action="${DASHBOARD_PATHS.login}">
    <label for="token">Dashboard token</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required>
    <button type="submit">Open the dashboard</button>
  </form>
</main>`,
    false,
  );
}

/** Answered when the sandbox has no dashboard token and the page was asked by another name. */
export function wrongHostPage(): string {
  return shell(
    'Covage sandbox dashboard: loopback only',
    `<main class="login panel">
  <h1>Covage sandbox dashboard</h1>
  <p role="alert">Without a dashboard token, the dashboard answers only on a loopback address
    (<code>127.0.0.1</code>, <code>localhost</code>, <code>[::1]</code>). Open it there, or
    start the sandbox with <code>--dashboard-token</code>.</p>
</main>`,
    false,
  );
}
