/**
 * The dashboard page in Chromium at 1280 and at 800 px wide: nothing wider than the window, no
 * clipped or overlapping text, references never broken across lines, the selected session's
 * rows in view (also 40 rows down), lines numbered as the order file numbers them, and an icon
 * (no request that fails, no error in the console).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCovageClient } from '../../src/client/index.js';
import { bearerToken } from '../../src/http/index.js';
import { generatedExternalId } from '../../src/lines/externalId.js';
import { DASHBOARD_PATHS } from '../../src/sandbox/dashboard/paths.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import { completeLine, lineWithoutEnni } from '../helpers/lines.js';
import { ManualClock } from '../sandbox/helpers.js';
import { browserTestsRun, launchChromium, openPage } from './support.js';

const DELAY = 60_000;
const OLD_LINES = 40;

interface PageProblems {
  overflowingDocument: number;
  clipped: string[];
  overlapping: string[];
  brokenReferences: string[];
}

/** Looks for text that is clipped, overlaps other text, or a reference cut across lines. */
function problems(page: Page): Promise<PageProblems> {
  return page.evaluate(() => {
    type Rect = { left: number; top: number; right: number; bottom: number };
    const visible = (element: Element) => {
      const style = getComputedStyle(element);
      return (
        style.display !== 'none' && style.visibility !== 'hidden' && !element.closest('[hidden]')
      );
    };
    /** The part of a rect its scroll containers show (null: scrolled out of sight). */
    const shown = (rect: Rect, from: Element): Rect | null => {
      let result = { ...rect };
      for (let node = from.parentElement; node; node = node.parentElement) {
        const overflow = getComputedStyle(node);
        if (overflow.overflowX === 'visible' && overflow.overflowY === 'visible') continue;
        const box = node.getBoundingClientRect();
        result = {
          left: Math.max(result.left, box.left),
          top: Math.max(result.top, box.top),
          right: Math.min(result.right, box.right),
          bottom: Math.min(result.bottom, box.bottom),
        };
      }
      return result.right - result.left > 1 && result.bottom - result.top > 1 ? result : null;
    };
    const describe = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.className ? `.${element.className}` : ''} “${element.textContent?.trim().slice(0, 40)}”`;

    const clipped: string[] = [];
    for (const element of document.querySelectorAll(
      'body *:not(svg):not(svg *):not(script):not(style):not(noscript)',
    )) {
      if (!visible(element) || getComputedStyle(element).display === 'inline') continue;
      if (element.matches('.table-scroll, .diagram, .activity-list, #activity')) continue;
      if (
        element.scrollWidth > element.clientWidth + 1 ||
        element.scrollHeight > element.clientHeight + 1
      )
        if (element.clientWidth > 0)
          clipped.push(`${describe(element)} ${element.scrollWidth}>${element.clientWidth}`);
    }
    // The diagram is drawn at its own size and scrolls; the table and the log never sideways.
    const scrollBoxes = document.querySelectorAll('.table-scroll, .activity-list');
    for (const box of scrollBoxes)
      if (box.scrollWidth > box.clientWidth + 1) clipped.push(`${describe(box)} scrolls sideways`);

    const texts: { rect: Rect; owner: Element }[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const brokenReferences: string[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const owner = node.parentElement;
      if (!owner || !node.textContent?.trim() || owner.closest('svg, script, style, noscript'))
        continue;
      if (!visible(owner)) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      const rects = [...range.getClientRects()].filter((rect) => rect.width > 0 && rect.height > 0);
      if (owner.matches('.ref, .nowrap') && rects.length !== 1)
        brokenReferences.push(`${describe(owner)} on ${rects.length} lines`);
      for (const rect of rects) {
        const part = shown(rect, owner);
        if (part) texts.push({ rect: part, owner });
      }
    }
    const overlapping: string[] = [];
    for (const [i, a] of texts.entries())
      for (const b of texts.slice(i + 1)) {
        if (a.owner === b.owner) continue;
        const x = Math.min(a.rect.right, b.rect.right) - Math.max(a.rect.left, b.rect.left);
        const y = Math.min(a.rect.bottom, b.rect.bottom) - Math.max(a.rect.top, b.rect.top);
        if (x > 1 && y > 1) overlapping.push(`${describe(a.owner)} / ${describe(b.owner)}`);
      }
    return {
      overflowingDocument: document.documentElement.scrollWidth - window.innerWidth,
      clipped,
      overlapping,
      brokenReferences,
    };
  });
}

/** Whether the element is wholly inside the window and inside the sessions' scroll box. */
function inView(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const rect = element.getBoundingClientRect();
    const box = (document.getElementById('sessions-scroll') as HTMLElement).getBoundingClientRect();
    return (
      rect.top >= Math.max(0, box.top) - 1 &&
      rect.bottom <= Math.min(window.innerHeight, box.bottom) + 1 &&
      rect.height > 0
    );
  });
}

describe.skipIf(!browserTestsRun('pageLayout.test.ts'))('the dashboard page', () => {
  const clock = new ManualClock();
  let browser: Browser;
  let sandbox: SandboxHandle;
  let newestId: string;
  let deepLineId: string;

  beforeAll(async () => {
    [browser, sandbox] = await Promise.all([
      launchChromium(),
      startSandbox({ clock, outcomeDelayMs: DELAY }),
    ]);
    const api = createCovageClient({ baseUrl: sandbox.url, auth: bearerToken('sandbox-token') });
    // An older session of many lines, then the session under way.
    const old = await api.createSession({ external_id: 'LARGE-ORDER-2025-04', project_id: 'P-1' });
    for (let number = 1; number <= OLD_LINES; number++) {
      const line = await api.createLine(
        old.id,
        completeLine({ external_id: generatedExternalId('5eed0ld', number) }),
      );
      deepLineId = line.id;
    }
    const session = await api.createSession({ external_id: 'DEMO-42', project_id: 'ROUEN-FTTO' });
    newestId = session.id;
    // The engine sends lines concurrently: the API creates them out of the file's order.
    const key = 'c0ffee42';
    const outcomes = ['acknowledged', 'held_adv_validation', 'in_progress'] as const;
    for (const number of [3, 1, 2])
      await api.createLine(
        session.id,
        completeLine({
          outcome: outcomes[number - 1],
          external_id: generatedExternalId(key, number),
        }),
      );
    await api.createLine(
      session.id,
      completeLine({ outcome: 'acknowledged', external_id: 'SITE-ROUEN' }),
    );
    await api.createLine(session.id, {
      ...lineWithoutEnni(),
      external_id: generatedExternalId(key, 4),
    });
    await api.confirmSession(session.id);
    clock.advance(DELAY);
  });
  afterAll(async () => {
    await browser?.close();
    await sandbox?.close();
  });

  describe.each([
    [1280, 900],
    [800, 900],
  ])('at %i × %i px', (width, height) => {
    let page: Page;
    const failures: string[] = [];

    beforeAll(async () => {
      const context = await browser.newContext({ viewport: { width, height } });
      page = await context.newPage();
      page.setDefaultTimeout(10_000);
      page.on('console', (message) => {
        if (message.type() === 'error')
          failures.push(`console: ${message.text()} ${message.location().url}`);
      });
      page.on('response', (response) => {
        if (response.status() >= 400) failures.push(`${response.status()} ${response.url()}`);
      });
      page.on('request', (request) => {
        if (new URL(request.url()).pathname === '/favicon.ico')
          failures.push(`asked ${request.url()}`);
      });
      await page.goto(`${sandbox.url}/`);
      await page.locator(`tr[data-id="${newestId}"]`).getByText('partial').waitFor();
      await page.locator('#diagram svg[data-diagram="session"][data-current]').waitFor();
    });
    afterAll(async () => {
      await page?.context().close();
    });

    it('shows the newest session, selected, with its rows in view', async () => {
      const row = `tr[data-id="${newestId}"]`;
      expect(await page.locator(row).getAttribute('aria-current')).toBe('true');
      expect(await inView(page, row)).toBe(true);
      const lineRows = page.locator(`tbody[data-session-id="${newestId}"] tr.line-row`);
      expect(await lineRows.count()).toBe(5);
      for (let index = 0; index < 5; index++)
        expect(
          await inView(page, `tbody[data-session-id="${newestId}"] tr.line-row >> nth=${index}`),
        ).toBe(true);
    });

    it('numbers lines as the order file does, and names the others by their external_id', async () => {
      const names = await page
        .locator(`tbody[data-session-id="${newestId}"] tr.line-row th`)
        .evaluateAll((cells) => cells.map((cell) => cell.firstChild?.textContent));
      expect(names).toEqual(['Line 1', 'Line 2', 'Line 3', 'Line 4', 'Line SITE-ROUEN']);
      await page.locator(`tbody[data-session-id="${newestId}"] tr.line-row >> nth=2`).click();
      await page
        .locator('#details-heading', { hasText: 'Line 3 of Session 2 (DEMO-42)' })
        .waitFor();
      await page.locator('#diagram svg[data-diagram="line"][data-current]').waitFor();
    });

    it('fits the window, with no clipped or overlapping text and no reference broken across lines', async () => {
      // With a line selected (the previous test), then with the session selected.
      for (const select of [null, `tr[data-id="${newestId}"]`]) {
        if (select) {
          await page.locator(select).click();
          await page.locator('#diagram svg[data-diagram="session"]').waitFor();
        }
        const found = await problems(page);
        expect(found.overflowingDocument, 'wider than the window').toBeLessThanOrEqual(0);
        expect(found.clipped).toEqual([]);
        expect(found.overlapping).toEqual([]);
        expect(found.brokenReferences).toEqual([]);
      }
      expect(await page.locator('.ref').count()).toBeGreaterThan(10);
    });

    it('brings a selected line 40 rows down into view', async () => {
      const other = await openPage(browser, `${sandbox.url}/#line=${deepLineId}`, width, height);
      const row = `tr[data-id="${deepLineId}"]`;
      await other.locator(`${row}[aria-current="true"]`).waitFor();
      await other
        .locator('#details-heading', { hasText: `Line ${OLD_LINES} of Session 1` })
        .waitFor();
      expect(await inView(other, row)).toBe(true);
      await other.context().close();
    });

    it('has an icon, and nothing the page asks for fails', async () => {
      const href = await page.locator('link[rel="icon"]').getAttribute('href');
      expect(href).toBe(DASHBOARD_PATHS.icon);
      const icon = await page.request.get(`${sandbox.url}${href}`);
      expect(icon.status()).toBe(200);
      expect(icon.headers()['content-type']).toContain('image/svg+xml');
      expect(failures).toEqual([]);
    });
  });
});
