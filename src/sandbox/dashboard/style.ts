/** The dashboard's style sheet (served as /__sandbox/dashboard/style.css). */
export const DASHBOARD_CSS = `
:root {
  color-scheme: light;
  --ink: #1d2130;
  --muted: #505a70;
  --line: #c9cedb;
  --panel: #ffffff;
  --page: #eef0f5;
  --accent: #1b4fd8;
  --focus: #b33c00;
  --ok: #11692f;
  --bad: #a11d1d;
  --wait: #6a4a00;
  --current-fill: #fff1b8;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 15px;
  line-height: 1.45;
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--page); color: var(--ink); }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em; }
.skip-link { position: absolute; left: -999px; top: 0; background: var(--panel); padding: 0.5rem 1rem; }
.skip-link:focus { left: 0.5rem; z-index: 10; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.top { display: flex; align-items: baseline; justify-content: space-between; gap: 1rem;
  padding: 0.75rem 1.25rem; background: var(--ink); color: #fff; }
.top h1 { margin: 0; font-size: 1.25rem; }
.connection { margin: 0; font-size: 0.9rem; }
.connection::before { content: "○ "; }
.connection[data-state="live"]::before { content: "● "; }
.connection[data-state="lost"]::before { content: "✗ "; }
.layout { display: grid; gap: 1rem; padding: 1rem; grid-template-columns: minmax(0, 1fr) minmax(0, 1fr);
  grid-template-rows: auto 1fr;
  grid-template-areas: "sessions details" "activity details"; align-items: start; }
@media (max-width: 1100px) { .layout { grid-template-columns: minmax(0, 1fr); grid-template-rows: none;
  grid-template-areas: "sessions" "details" "activity"; padding: 0.75rem; gap: 0.75rem; } }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; }
.sessions { grid-area: sessions; }
.details { grid-area: details; }
.activity { grid-area: activity; }
.panel h2 { margin: 0 0 0.5rem; font-size: 1.1rem; }
.panel h3 { margin: 1rem 0 0.25rem; font-size: 1rem; }
.help { margin: 0 0 0.5rem; color: var(--muted); font-size: 0.9rem; }
.empty { color: var(--muted); font-style: italic; }
.table-scroll { overflow: auto; max-height: min(38rem, 72vh); }
table { border-collapse: collapse; width: 100%; font-size: 0.92rem; }
th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--line); vertical-align: top;
  overflow-wrap: break-word; }
thead th { font-size: 0.85rem; color: var(--muted); border-bottom: 2px solid var(--line);
  position: sticky; top: 0; z-index: 1; background: var(--panel); }
tbody.session { border-top: 2px solid var(--line); }
tr.row { cursor: pointer; scroll-margin-top: 2.2rem; }
tr.row:hover { background: #f3f5fb; }
tr.row:focus-visible { outline: 3px solid var(--focus); outline-offset: -3px; }
tr.row[aria-current="true"] { background: #e3ebff; box-shadow: inset 4px 0 0 var(--accent); }
tr.row[aria-current="true"] th::after { content: " (selected)"; color: var(--muted); font-weight: normal; font-size: 0.85em; }
tr.line-row th { padding-left: 1.6rem; font-weight: normal; }
tr.session-row th { font-weight: 600; }
.sub { display: block; color: var(--muted); font-size: 0.85em; }
tbody th { min-width: 8rem; }
.ref { display: block; white-space: nowrap; font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.85em; }
.facts .ref { display: inline; }
.nowrap { white-space: nowrap; }
.error-item { display: block; margin-top: 0.2rem; font-size: 0.9em; }
.error-item code { white-space: nowrap; }
.error-path { color: var(--muted); font-size: 0.9em; }
.badge { display: inline-block; white-space: nowrap; padding: 0 0.45rem; border-radius: 999px;
  border: 1px solid currentColor; font-size: 0.85em; }
.badge[data-tone="ok"] { color: var(--ok); }
.badge[data-tone="bad"] { color: var(--bad); }
.badge[data-tone="wait"] { color: var(--wait); }
.badge[data-tone="new"] { color: var(--muted); }
.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 0.15rem 0.75rem; margin: 0.75rem 0; font-size: 0.92rem; }
.facts dt { color: var(--muted); }
.facts dd { margin: 0; overflow-wrap: break-word; min-width: 0; }
.diagram-figure { margin: 0; }
.diagram-figure figcaption { font-size: 0.92rem; margin-bottom: 0.35rem; }
.diagram { overflow: auto; max-height: calc(100vh - 11rem); min-height: 12rem; border: 1px solid var(--line); border-radius: 6px; background: #fbfcfe; }
.diagram svg { display: block; }
.diagram.fit svg { max-width: 100%; height: auto; }
.toggle { font: inherit; font-size: 0.85rem; margin: 0 0 0.4rem; padding: 0.2rem 0.6rem; border-radius: 4px;
  border: 1px solid var(--muted); background: var(--panel); color: var(--ink); cursor: pointer; }
.toggle[aria-pressed="true"] { background: var(--ink); color: #fff; }
.toggle[aria-pressed="true"]::before { content: "✓ "; }
.state-diagram .state .box { fill: #ffffff; stroke: #5b6275; stroke-width: 1; }
.state-diagram .state.compound > .box { fill: #f3f5fa; }
.state-diagram .state .state-label { fill: var(--ink); }
.state-diagram .state.machine-wide > .box { stroke-dasharray: 5 3; }
.state-diagram .transition-label text { fill: #2f3546; }
.state-diagram .transition-label .label-box { fill: #ffffff; stroke: #d5d9e3; }
.state-diagram .transition.from-current .transition-line { stroke: var(--ink); stroke-width: 1.6; }
.state-diagram .transition-label.from-current .label-box { stroke: var(--ink); }
.state-diagram .state.active > .box { stroke: var(--ink); stroke-width: 2.5; stroke-dasharray: 6 3; }
.state-diagram .state.current > .box { fill: var(--current-fill); stroke: var(--ink); stroke-width: 4; stroke-dasharray: none; }
.state-diagram .state.current .state-label { font-weight: 700; }
.state-diagram .state.current .current-marker { display: inline; }
.history, .errors { margin: 0; padding-left: 1.4rem; font-size: 0.92rem; }
.activity-list { margin: 0; padding-left: 1.4rem; max-height: 16rem; overflow-y: auto; font-size: 0.9rem; }
.activity-list time { color: var(--muted); margin-right: 0.4rem; }
.login { max-width: 32rem; margin: 3rem auto; }
.login form { display: grid; gap: 0.5rem; }
.login input { font: inherit; padding: 0.4rem; border: 1px solid var(--muted); border-radius: 4px; }
.login button { font: inherit; padding: 0.45rem 0.9rem; justify-self: start; border-radius: 4px;
  border: 1px solid var(--accent); background: var(--accent); color: #fff; cursor: pointer; }
.notice { color: var(--bad); font-weight: 600; }
@media (prefers-reduced-motion: no-preference) { tr.row { transition: background 0.2s; } }
`;
