/** The browser script as served: the client function's own source, called with its config. */
import { type ClientConfig, dashboardClient } from './client.js';
import { DASHBOARD_PATHS } from './paths.js';

const config: ClientConfig = { events: DASHBOARD_PATHS.events, diagrams: DASHBOARD_PATHS.diagrams };

/** `app.js`: an ES module (deferred, strict) that runs `dashboardClient(config)`. */
export const DASHBOARD_SCRIPT = `(${dashboardClient.toString()})(${JSON.stringify(config)});\n`;
