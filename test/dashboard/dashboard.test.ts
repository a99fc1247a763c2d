/**
 * The dashboard in a real browser: Debian's Chromium driven by playwright-core, against a real
 * sandbox on loopback. The sandbox's clock is manual, so the outcome arrives when the test moves
 * the clock, and the page must see it on its own (no API read by the test in between).
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCovageClient } from '../../src/client/index.js';
import { bearerToken } from '../../src/http/index.js';
import { generatedExternalId } from '../../src/lines/externalId.js';
import { lineDiagramState, sessionDiagramState } from '../../src/sandbox/dashboard/stateMap.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { completeLine, lineWithoutEnni } from '../helpers/lines.js';
import { ManualClock } from '../sandbox/helpers.js';
import { browserTestsRun, launchChromium, openPage, WRITE_SCREENSHOTS } from './support.js';

const OUTCOME_DELAY_MS = 60_000;
/** The instance key of the engine's generated external ids (`co-<key>-0001`: line 1). */
const KEY = '3f9a1c';
const SCREENSHOT = join(process.cwd(), 'docs', 'dashboard.png');
const ACKNOWLEDGED = lineDiagramState('acknowledged', 'partial');
const AWAITING = lineDiagramState('in_progress', 'in_progress');
const readable = (stateId: string) => stateId.split('__').join(' › ');

describe.skipIf(!browserTestsRun('dashboard.test.ts'))('the dashboard, in Chromium', () => {
  let browser: Browser;

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  describe('watching an order', () => {
    const clock = new ManualClock();
    let sandbox: SandboxHandle;
    let page: Page;

    beforeAll(async () => {
      sandbox = await startSandbox({ clock, outcomeDelayMs: OUTCOME_DELAY_MS });
      page = await openPage(browser, `${sandbox.url}/`);
    });
    afterAll(async () => {
      await page?.context().close();
      await sandbox?.close();
    });

    it('follows an order submitted through the API to its final state, and marks it on the diagram', async () => {
      await page.locator('#connection[data-state="live"]').waitFor();
      await page.getByText('No order session yet').waitFor();

      const api = createCovageClient({ baseUrl: sandbox.url, auth: bearerToken('sandbox-token') });
      const session = await api.createSession({ external_id: 'DEMO-42', project_id: 'ROUEN-FTTO' });
      const rouen = await api.createLine(
        session.id,
        completeLine({ outcome: 'acknowledged', external_id: generatedExternalId(KEY, 1) }),
      );
      await api.createLine(
        session.id,
        completeLine({ outcome: 'held_adv_validation', external_id: generatedExternalId(KEY, 2) }),
      );
      await api.createLine(session.id, { ...lineWithoutEnni(), external_id: 'SITE-DIEPPE' });
      await page.locator('tr.line-row').nth(2).waitFor();

      await api.confirmSession(session.id);
      const sessionRow = page.locator(`tr[data-id="${session.id}"]`);
      await sessionRow.getByText('in_progress').waitFor();

      // Select the first line with the keyboard: its diagram shows it waiting for the outcome.
      const row = page.locator(`tr[data-id="${rouen.id}"]`);
      await row.focus();
      await page.keyboard.press('Enter');
      expect(await row.getAttribute('aria-current')).toBe('true');
      await page
        .locator('#details-heading', { hasText: 'Line 1 of Session 1 (DEMO-42)' })
        .waitFor();
      await page.locator(`svg[data-diagram="line"][data-current="${AWAITING}"]`).waitFor();

      // The outcome is due: the page sees it without anyone reading the API.
      clock.advance(OUTCOME_DELAY_MS);
      await sessionRow.getByText('partial').waitFor();
      const diagram = page.locator('svg[data-diagram="line"]');
      await page.locator(`svg[data-current="${ACKNOWLEDGED}"]`).waitFor();

      const current = diagram.locator('.state.current');
      expect(await current.count()).toBe(1);
      expect(await current.getAttribute('data-state-id')).toBe(ACKNOWLEDGED);
      expect(await current.getAttribute('id')).toBe(`line-state-${ACKNOWLEDGED}`);
      // Its enclosing states are marked too, and the transitions that may come next.
      const parents = ACKNOWLEDGED.split('__').slice(0, -1);
      expect(await diagram.locator('.state.active').count()).toBe(parents.length);
      expect(await diagram.locator('.transition.from-current').count()).toBeGreaterThan(0);
      // Not colour alone: a visible marker and a thicker outline, and the name for screen readers.
      expect(await current.locator('.current-marker').isVisible()).toBe(true);
      expect(await diagram.getAttribute('role')).toBe('img');
      expect(await diagram.getAttribute('aria-label')).toBe(
        `Order line state diagram, current state: ${readable(ACKNOWLEDGED)}`,
      );
      await page.locator('#history li', { hasText: 'acknowledged' }).waitFor();
      await page
        .locator('#activity-list li', { hasText: 'is now acknowledged (was in_progress)' })
        .waitFor();

      // The line without an ENNI was refused, with its termination error on the page.
      await page
        .locator('tr.line-row', { hasText: 'rejected_creation' })
        .getByText('enni')
        .first()
        .waitFor();

      // The committed screenshot (docs/dashboard.md) is rewritten only on request.
      if (WRITE_SCREENSHOTS) await page.screenshot({ path: SCREENSHOT });
    });

    it('shows the session diagram with its final state when the session is selected', async () => {
      const sessionRow = page.locator('tr.session-row').first();
      await sessionRow.click();
      const partial = sessionDiagramState('partial');
      await page.locator(`svg[data-diagram="session"][data-current="${partial}"]`).waitFor();
      const current = page.locator('svg[data-diagram="session"] .state.current');
      expect(await current.getAttribute('data-state-id')).toBe(partial);
      expect(await page.locator('#details-heading').textContent()).toBe('Session 1 (DEMO-42)');
    });

    it('is usable with the keyboard: one Tab stop in the table, arrows between rows, Enter or Space to select', async () => {
      await page.reload(); // focus back at the top; the selection is kept in the address
      await page.locator('#connection[data-state="live"]').waitFor();
      await page.keyboard.press('Tab'); // the skip link
      await page.keyboard.press('Tab'); // the table's row (the selected one)
      const focused = () =>
        page.evaluate(() => {
          const active = document.activeElement as HTMLElement | null;
          return {
            id: active?.dataset.id ?? null,
            kind: active?.dataset.kind ?? null,
            visible: active?.matches(':focus-visible') ?? false,
            outline: active ? getComputedStyle(active).outlineStyle : 'none',
          };
        });
      const first = await focused();
      expect(first.kind).toBe('session');
      expect(first.visible).toBe(true);
      expect(first.outline).toBe('solid');

      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowDown');
      const second = await focused();
      expect(second.kind).toBe('line');
      await page.keyboard.press(' ');
      expect(await page.locator(`tr[data-id="${second.id}"]`).getAttribute('aria-current')).toBe(
        'true',
      );
      const held = lineDiagramState('held_adv_validation', 'partial');
      await page.locator(`svg[data-diagram="line"][data-current="${held}"]`).waitFor();
      expect(await page.locator('#activity').getAttribute('aria-live')).toBe('polite');
    });
  });

  describe('with a dashboard token', () => {
    let sandbox: SandboxHandle;
    let page: Page;

    beforeAll(async () => {
      sandbox = await startSandbox({ dashboardToken: 'open-sesame-dashboard' });
      page = await openPage(browser, `${sandbox.url}/`);
    });
    afterAll(async () => {
      await page?.context().close();
      await sandbox?.close();
    });

    it('asks for the token, then opens the live dashboard', async () => {
      await page.getByLabel('Dashboard token').fill('not-the-token');
      await page.getByRole('button', { name: 'Open the dashboard' }).click();
      await page.getByText('That is not the dashboard token.').waitFor();

      await page.getByLabel('Dashboard token').fill('open-sesame-dashboard');
      await page.getByRole('button', { name: 'Open the dashboard' }).click();
      await page.locator('#connection[data-state="live"]').waitFor();
      expect(new URL(page.url()).pathname).toBe('/');
      expect(await page.content()).not.toContain('open-sesame-dashboard');
    });
  });
});
