/**
 * The sandbox's own routes: inspection for tests (admin token), the dashboard's data (docs/
 * dashboard.md) and this document. Never counted, delayed or faulted.
 */
import { DASHBOARD_PATHS } from '../dashboard/paths.js';
import { answer, ref } from './shared.js';

const unauthorized = (realm: string) =>
  answer(`the ${realm} token is required`, ref('Error'), 'WWW-Authenticate');

export function ownPaths(): Record<string, unknown> {
  const admin = [{ adminToken: [] }];
  const dashboard = [{ dashboardToken: [] }, {}];
  return {
    '/__sandbox/state': {
      get: {
        operationId: 'sandboxState',
        summary: 'Everything the sandbox holds (due outcomes settled first), and request counts',
        tags: ['sandbox'],
        security: admin,
        responses: {
          '200': answer('the sessions with their lines, export tasks, counts', ref('SandboxState')),
          '401': unauthorized('admin'),
        },
      },
    },
    '/__sandbox/counts': {
      get: {
        operationId: 'sandboxCounts',
        summary: 'How much the sandbox holds, cheaply: sessions, lines, bytes, watchers, memory',
        tags: ['sandbox'],
        security: admin,
        responses: {
          '200': answer('the counts', ref('SandboxCounts')),
          '401': unauthorized('admin'),
        },
      },
    },
    '/__sandbox/tracking': {
      get: {
        operationId: 'sandboxTracking',
        summary: 'What tests of the tracking adapters look at: seeds, Orange tokens, Adobe calls',
        tags: ['sandbox'],
        security: admin,
        responses: {
          '200': answer('the tracking sandbox’s state', ref('SandboxTracking')),
          '401': unauthorized('admin'),
        },
      },
    },
    [DASHBOARD_PATHS.state]: {
      get: {
        operationId: 'dashboardState',
        summary:
          'The dashboard’s view as JSON (no token on loopback; else the dashboard token or its cookie)',
        tags: ['dashboard'],
        security: dashboard,
        responses: {
          '200': answer('every session, as the dashboard shows it', ref('DashboardView')),
          '401': unauthorized('dashboard'),
          '403': answer('without a dashboard token, only a loopback Host is served', ref('Error')),
        },
      },
    },
    [DASHBOARD_PATHS.events]: {
      get: {
        operationId: 'dashboardEvents',
        summary:
          'The view as Server-Sent Events (`event: view`, data: the DashboardView JSON), at once and after each change',
        tags: ['dashboard'],
        security: dashboard,
        responses: {
          '200': {
            description: 'an event stream; a client that stops reading is disconnected',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
          '401': unauthorized('dashboard'),
          '403': answer('without a dashboard token, only a loopback Host is served', ref('Error')),
          '503': answer(
            'as many watchers as the feed serves; retry later',
            ref('Error'),
            'Retry-After',
          ),
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'openApi',
        summary: 'This document',
        tags: ['sandbox'],
        security: [],
        responses: {
          '200': {
            description: 'the OpenAPI 3.1 document',
            content: { 'application/json': { schema: { type: 'object' } } },
          },
        },
      },
    },
  };
}
