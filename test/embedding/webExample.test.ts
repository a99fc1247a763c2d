/**
 * The order-entry example (examples/web: React 19, @xstate/react 6, built by esbuild), driven in
 * Debian's Chromium against a real sandbox on another origin (CORS): filled in with mistakes, the
 * page names the issues and the failing rules; fixed, it confirms; the lines' outcomes appear,
 * an order reference for line 1 and line 2 rejected on insee_code (scripted in the sandbox).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebExample } from '../../scripts/webExample/build.js';
import { type StaticServer, serveStatic } from '../../scripts/webExample/static.js';
import { type SandboxHandle, startSandbox } from '../../src/sandbox/index.js';
import {
  browserTestsRun,
  launchChromium,
  openPage,
  WRITE_SCREENSHOTS,
} from '../dashboard/support.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TOKEN = 'web-example-token';

const CONTACT_WITHOUT_PHONE: Record<string, string> = {
  end_customer_name: 'Boulangerie Martin',
  siret: '44298765700016',
  contact1_firstname: 'Claire',
  contact1_lastname: 'Martin',
  contact1_email_address: 'claire.martin@example.fr',
  street_number: '4',
  street_name: 'Rue Andrei Sakharov',
  postcode: '76130',
  city: 'Mont-Saint-Aignan',
  insee_code: '76451',
};

describe.skipIf(!browserTestsRun('webExample.test.ts'))(
  'the order-entry example, in Chromium',
  () => {
    let dir: string;
    let sandbox: SandboxHandle;
    let site: StaticServer;
    let browser: Browser;
    let page: Page;

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'covage-web-test-'));
      await buildWebExample(dir);
      sandbox = await startSandbox({
        tokens: [TOKEN],
        outcomeDelayMs: 300,
        scriptedOutcomes: [{ line: 2, on: 'insee_code' }],
      });
      site = await serveStatic(dir);
      browser = await launchChromium();
      page = await openPage(
        browser,
        `${site.url}/?api=${encodeURIComponent(sandbox.url)}&token=${TOKEN}`,
        1280,
        1100,
      );
    }, 60_000);

    afterAll(async () => {
      await browser?.close();
      await site?.close();
      await sandbox?.close();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    const rule = (name: string) => page.getByTestId(`rule-${name}`);
    const addLine = async (qualification: string) => {
      await page.fill('input[name="new.product_offering_qualification_item_id"]', qualification);
      await page.getByTestId('add-line').click();
    };

    it('filled in with mistakes, it names each issue and the rules that fail', async () => {
      await expect.poll(() => rule('sessionHasLines').getAttribute('data-result')).toBe('fail');
      for (const [field, value] of Object.entries(CONTACT_WITHOUT_PHONE))
        await page.fill(`input[name="contact.${field}"]`, value);
      await addLine('qual-1');
      await addLine('qual-2');
      // Line 1: option 7021 without its CPE fields. Line 2: DIA with an ENNI (a warning only).
      await page.getByTestId('line-L1').locator('input[name="L1.enni"]').fill('AZ001234');
      await page.check('input[name="L1.option_7021"]');
      await page.selectOption('select[name="L2.offer_family"]', 'DIA');
      await page.fill('input[name="L2.enni"]', 'AZ009999');

      await expect
        .poll(() => rule('cpeFieldsGivenWithOption7021').getAttribute('data-result'))
        .toBe('fail');
      expect(await rule('requiredAtConfirmationFilled').getAttribute('data-result')).toBe('fail');
      expect(await rule('sessionHasLines').getAttribute('data-result')).toBe('pass');
      const line1 = await page.getByTestId('issues-L1').innerText();
      expect(line1).toContain('lines[0].cpe_networking_number');
      expect(line1).toContain('lines[0].cpe_serial_number');
      expect(line1).toContain('lines[0].related_contact_information[0].contact1_phone_number');
      const warning = page
        .getByTestId('issues-L2')
        .locator('[data-code="enni_overridden_for_dia"]');
      expect(await warning.getAttribute('class')).toBe('warning');

      // Confirming anyway sends nothing and lists what stops it.
      await page.getByTestId('confirm').click();
      await expect
        .poll(() => page.getByTestId('session-issues').innerText())
        .toContain('cpe_serial_number');
      expect(await page.getByTestId('session-state').innerText()).toBe('draft');
    });

    it('fixed, every rule passes (the DIA warning stays) and it confirms', async () => {
      await page.fill('input[name="contact.contact1_phone_number"]', '02 35 12 34 56');
      await page.fill('input[name="L1.cpe_networking_number"]', 'NET-0042');
      await page.fill('input[name="L1.cpe_serial_number"]', 'SN-0042');
      for (const name of [
        'sessionHasLines',
        'requiredAtConfirmationFilled',
        'cpeFieldsGivenWithOption7021',
        'cpeFieldsEmptyWithoutOption7021',
        'siretGivenAndValidWhenKnown',
        'noOtherBlockingIssue',
      ])
        await expect
          .poll(() => rule(name).getAttribute('data-result'), { message: name })
          .toBe('pass');
      expect(await page.getByTestId('issues-L1').count()).toBe(0);
      expect(await page.getByTestId('issues-L2').innerText()).toContain('enni');
      await page.getByTestId('confirm').click();
    });

    it('shows each line’s outcome: an order reference, and a rejection on insee_code', async () => {
      await expect
        .poll(() => page.getByTestId('session-state').innerText(), { timeout: 20_000 })
        .toBe('partial');
      const first = page.getByTestId('outcome-L1');
      expect(['acknowledged', 'held_adv_validation', 'in_progress']).toContain(
        await first.getAttribute('data-state'),
      );
      expect(await first.innerText()).toMatch(/order \S+/);
      const second = page.getByTestId('outcome-L2');
      expect(await second.getAttribute('data-state')).toBe('rejected_creation');
      expect(await second.innerText()).toContain(
        'related_contact_information[0].insee_code (76451)',
      );
      if (WRITE_SCREENSHOTS)
        await page.screenshot({ path: join(ROOT, 'docs/embedding.png'), fullPage: true });
    });
  },
);
