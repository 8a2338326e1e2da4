import { expect } from 'vitest';
import { loadConfig } from '../../lib/config.js';
import { regionConfig } from '../../local/region-config.js';
import { browserSuite, journey } from './support/harness.js';
import { button, field, linkIn, STATUS } from './support/listing.js';

/** A region of 200 networks; one regional coordinator coordinates them all. */
const REGIONAL = 'alue@hyvinvointialue.example.fi';
const base = regionConfig(loadConfig(), 200);
const config = { ...base, networks: base.networks.map((n) => ({ ...n, coordinators: [...n.coordinators, REGIONAL] })) };
const tornio = config.networks.filter((n) => n.municipalities.includes('Tornio'));

browserSuite(
  'network pickers with 200 networks',
  () => {
    journey('a professional finds a network in the directory by searching the picker, grouped by municipality', 'fi', async ({ page, t, open, a11y }) => {
      await open('listings');
      const picker = page.locator('#f-network');
      await expect.poll(() => picker.locator('option').count()).toBe(200);
      expect(await picker.locator('optgroup').count()).toBeGreaterThan(30);

      await page.getByLabel(t['picker.search']).fill('tornio');

      // Tornio's networks, Ylitornio's and the neighbours that serve Tornio too: each option names or serves it.
      await expect.poll(() => picker.locator('option').count()).toBeLessThan(30);
      const shown = await picker.locator('option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      expect(shown).toEqual(expect.arrayContaining(tornio.map((n) => n.id)));
      for (const id of shown) expect(JSON.stringify(config.networks.find((n) => n.id === id)).toLowerCase()).toContain('tornio');
      expect(await picker.locator('optgroup').evaluateAll((gs) => gs.map((g) => (g as HTMLOptGroupElement).label))).toContain('Tornio');
      await expect.poll(() => page.locator('.picker-search [aria-live]').textContent()).toBe(t['picker.count'].replace('{n}', String(shown.length)).replace('{total}', '200'));
      await expect.poll(() => picker.inputValue()).toBeOneOf(shown);
      await a11y('picker searched');
    });

    journey("a regional coordinator picks one of 200 networks on the desk by searching", 'fi', async ({ page, t, open, a11y, stack }) => {
      await open('coordinator/login');
      await field(page, t['login.email']).fill(REGIONAL);
      await button(page, t['login.send']).click();
      await page.locator(`${STATUS}.success`).waitFor();
      await stack.settle();
      const link = linkIn((await stack.mailTo(REGIONAL)).at(-1)?.body.text, /https?:\/\/\S+\/api\/auth\/callback\?token=[\w.-]+/);
      await page.goto(link);
      await page.locator('#desk:not([hidden])').waitFor();
      const picker = page.locator('#network-select');
      await expect.poll(() => picker.locator('option').count()).toBe(200);

      await page.getByLabel(t['picker.search']).fill('rovaniemin omais');

      await expect.poll(() => picker.locator('option').count()).toBe(1);
      await expect.poll(() => picker.inputValue()).toBe('rovaniemi-omaishoito');
      await a11y('desk picker searched');
    });
  },
  { config },
);
