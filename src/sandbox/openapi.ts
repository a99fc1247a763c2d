/**
 * The OpenAPI 3.1 document of everything the sandbox serves: the order-taking API and its token
 * endpoint, the order-tracking APIs, and the sandbox's own routes. `docs/openapi.json` is this
 * document with the default options (`npm run openapi` writes it; a test holds it current;
 * `npm run lint` runs Redocly on it).
 */
import { FAULT_HEADER, FAULT_KINDS } from './faults.js';
import { componentSchemas } from './openapi/components.js';
import { orderTakingPaths } from './openapi/orderTaking.js';
import { ownPaths } from './openapi/own.js';
import { HEADERS } from './openapi/shared.js';
import { TRACKING_SECURITY_SCHEMES, trackingPaths } from './openapi/tracking.js';
import { TOKEN_PATH } from './routes/oauth.js';

const DESCRIPTION = [
  'The APIs as the covage-orders sandbox serves them (docs/sandbox.md).',
  '',
  `Any API call may carry \`${FAULT_HEADER}: <kind>[;retry-after=<s>][;ms=<n>]\`, kind one of ${FAULT_KINDS.join(', ')}; an injected answer carries \`X-Sandbox-Injected\`.`,
  'A path that exists with another method answers 405 with `Allow`; an unknown path 404.',
  'Requests accept both of the doc’s spellings (`enni_2`/`enni2`, `cpe_networking_number`/`cpe_network_number`, `vlan_reference` as a number or digits); answers use one (`responseSpelling`).',
  'Paths keep the doc’s trailing slashes.',
].join('\n');

/** The OpenAPI 3.1 document of everything the sandbox serves. */
export function openApiDocument(options: {
  readSessionEndpoint: boolean;
}): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Covage order taking and order tracking (covage-orders sandbox)',
      version: '1.0.0',
      description: DESCRIPTION,
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/', description: 'the sandbox itself' }],
    security: [{ bearer: [] }, { apiKey: [] }, { oauth2: [] }],
    tags: [
      { name: 'order taking', description: 'order sessions and lines (the doc)' },
      { name: 'export', description: 'the CSV export of order sessions (the doc)' },
      { name: 'authentication', description: 'OAuth 2.0 tokens (Keycloak style)' },
      { name: 'Covage order tracking', description: 'orders after creation' },
      { name: 'Orange', description: 'Orange Ordering v2 and Order Tracking v1' },
      { name: 'obapi', description: 'obapi customer orders' },
      { name: 'Adobe', description: 'Adobe VIP Marketplace orders' },
      { name: 'sandbox', description: 'the sandbox’s own routes, for tests' },
      { name: 'dashboard', description: 'the dashboard’s data (docs/dashboard.md)' },
    ],
    paths: { ...orderTakingPaths(options), ...trackingPaths(), ...ownPaths() },
    components: {
      schemas: componentSchemas(),
      headers: HEADERS,
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key' },
        oauth2: {
          type: 'oauth2',
          flows: {
            password: { tokenUrl: TOKEN_PATH, refreshUrl: TOKEN_PATH, scopes: {} },
            clientCredentials: { tokenUrl: TOKEN_PATH, scopes: {} },
          },
        },
        adminToken: { type: 'http', scheme: 'bearer', description: 'the sandbox admin token' },
        dashboardToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'the dashboard token (or the cookie the page sets)',
        },
        ...TRACKING_SECURITY_SCHEMES,
      },
    },
  };
}

/** docs/openapi.json: the document with the default options, as committed. */
export function openApiText(): string {
  return `${JSON.stringify(openApiDocument({ readSessionEndpoint: true }), null, 2)}\n`;
}
