/**
 * The dashboard's paths. The page is `/`; everything else is under `/__sandbox/dashboard/`, so
 * that, like the sandbox's other own routes, it is never counted, delayed or faulted.
 */
const BASE = '/__sandbox/dashboard';

export const DASHBOARD_PATHS = {
  page: '/',
  base: BASE,
  script: `${BASE}/app.js`,
  style: `${BASE}/style.css`,
  /** The page's icon (linked from the page, so browsers never ask for `/favicon.ico`). */
  icon: `${BASE}/icon.svg`,
  login: `${BASE}/login`,
  /** The view as JSON. */
  state: `${BASE}/state`,
  /** The view as Server-Sent Events (`event: view`), at once and after each change. */
  events: `${BASE}/events`,
  /** `${diagrams}/<name>.svg`, name from DIAGRAM_MACHINES (session, line, export). */
  diagrams: `${BASE}/diagrams`,
} as const;
