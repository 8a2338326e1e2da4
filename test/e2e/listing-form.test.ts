import type { Request } from 'playwright-core';
import { expect } from 'vitest';
import { expectVisibleFocus, focusedMatches, tabTo } from './support/browser.js';
import { browserSuite, journey, LANGS } from './support/harness.js';
import { button, fillEverything, fillRequired, FORM, formReady, send, STATUS } from './support/listing.js';

interface FieldErrors {
  error: { code: string; message: string; fields: Record<string, string> };
}

const isListingPost = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname === '/api/listings';

browserSuite('the listing form (/<lang>/listings/new/)', () => {
  journey('a person fills in every field, fixes the one mistake and sends the listing', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    await open('listings/new');
    await formReady(page);
    await a11y('empty');
    // The same form in sv and en is in their listing-form-errors screenshots.
    if (lang === 'fi') await shot('listing-form');

    const title = `Perhekahvila ${lang}`;
    const expected = await fillEverything(page, t, title, '941');
    await a11y('filled');
    // Every section open: one language is enough, the labels are in the empty form's screenshots.
    if (lang === 'fi') await shot('listing-form-filled');

    // A four-digit postcode: the server's message appears next to that field only.
    const answer = page.waitForResponse((r) => isListingPost(r.request()));
    await button(page, t['submit.send']).click();
    const { error } = (await (await answer).json()) as FieldErrors;
    expect(Object.keys(error.fields)).toEqual(['channels.0.postcode']);
    await page.locator(`${STATUS}[role="alert"]`).waitFor();
    const postcode = page.locator('#f-channels-0-postcode');
    expect(await postcode.getAttribute('aria-invalid')).toBe('true');
    expect(await postcode.getAttribute('aria-describedby')).toContain('err-channels-0-postcode');
    expect(await page.locator('#err-channels-0-postcode').textContent()).toContain(error.fields['channels.0.postcode']);
    expect(await page.locator(`${STATUS} li`).allTextContents()).toEqual([`${t['submit.channel.legend']} 1, ${t['submit.postcode']}: ${error.fields['channels.0.postcode']}`]);

    await postcode.fill('94100');
    const sent = page.waitForRequest(isListingPost);
    await button(page, t['submit.send']).click();
    const request = await sent;
    expect(new URL(request.url()).searchParams.get('lang')).toBe(lang);
    expect(request.headers()['content-type']).toBe('application/json');
    expect(request.postDataJSON()).toEqual(expected);

    await page.locator(`${STATUS}.success`).waitFor();
    expect(await focusedMatches(page, STATUS)).toBe(true);
    expect(await page.locator(STATUS).getAttribute('role')).toBe('status');
    expect(await page.locator(STATUS).textContent()).toContain(t['submit.success.text']);
    expect(await page.locator(FORM).isHidden()).toBe(true);
    expect(await page.locator('.field-error').count()).toBe(0);
    await a11y('sent');
    await shot('listing-form-sent');

    await stack.settle();
    const coordinator = stack.config.networks[0]!.coordinators[0]!;
    const notices = await stack.mailTo(coordinator);
    expect(notices.map((m) => m.subject)).toContainEqual(expect.stringContaining(title));
    // What the success message promised: a receipt with an edit link, in the page's language.
    const receipts = await stack.mailTo('maija@perhepalvelut.example.fi');
    expect(receipts.some((m) => new RegExp(`/${lang}/listings/edit/#token=`).test(m.body.text ?? '')), 'receipt with an edit link').toBe(true);
  });

  journey('a keyboard user sends a listing with Tab, arrows, Space and Enter', LANGS, async ({ page, lang, t, open, stack }) => {
    await open('listings/new');
    await formReady(page);

    await page.keyboard.press('Tab');
    expect(await focusedMatches(page, '.skip-link')).toBe(true);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    expect(await focusedMatches(page, 'main')).toBe(true);

    const typeInto = async (selector: string, text: string) => {
      await tabTo(page, selector);
      await page.keyboard.type(text);
    };
    const title = `Näppäimistöllä lähetetty ${lang}`;
    await typeInto('#f-organisation-name', 'Näppäimistö ry');
    await expectVisibleFocus(page);
    await tabTo(page, '#f-organisation-kind');
    await page.keyboard.press('ArrowDown');
    await typeInto('#f-contact-name', 'Kaisa Kokeilija');
    await typeInto('#f-contact-email', 'kaisa@example.fi');
    await typeInto('#f-title-fi', title);
    await typeInto('#f-summary-fi', 'Tiivistelmä.');
    await typeInto('#f-description-fi', 'Kuvaus.');
    await tabTo(page, 'input[name="kind"]');
    await expectVisibleFocus(page);
    await page.keyboard.press('Space');
    await tabTo(page, 'input[name="themes"]');
    await page.keyboard.press('Space');
    await tabTo(page, 'input[name="targetGroups"]');
    await page.keyboard.press('Space');
    // Arrow keys move through a radio group and choose: place → online → phone.
    await tabTo(page, 'input[name="channels.0.type"]');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await typeInto('#f-channels-0-phone', '040 123 4567');
    await tabTo(page, '[data-repeat-add="channels"]');
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    expect(await focusedMatches(page, '#f-channels-1-type-0'), 'focus moves into the new channel').toBe(true);
    await page.keyboard.press('ArrowDown');
    await typeInto('#f-channels-1-url', 'https://example.fi/ryhma');
    await tabTo(page, `${FORM} button[type="submit"]`);
    await expectVisibleFocus(page);
    const sent = page.waitForRequest(isListingPost);
    await page.keyboard.press('Enter');
    const body = (await sent).postDataJSON() as Record<string, unknown>;
    expect(body).toMatchObject({
      organisation: { name: 'Näppäimistö ry', kind: 'municipal' },
      kind: 'service',
      themes: ['family-support'],
      targetGroups: ['families-with-children'],
      languages: ['fi'],
      channels: [{ type: 'phone', phone: '040 123 4567' }, { type: 'online', url: 'https://example.fi/ryhma' }],
      schedule: { type: 'none' },
      cost: { free: true },
      registration: { required: false },
    });
    expect(body).not.toHaveProperty('homepage');
    await page.locator(`${STATUS}.success`).waitFor();
    expect(await focusedMatches(page, STATUS)).toBe(true);

    await stack.settle();
    const notices = await stack.mailTo(stack.config.networks[0]!.coordinators[0]!);
    expect(notices.map((m) => m.subject)).toContainEqual(expect.stringContaining(title));
  });

  journey('sending the form empty shows every server message at its field and in a linked summary', LANGS, async ({ page, t, open, a11y, shot }) => {
    await open('listings/new');
    await formReady(page);
    const answer = page.waitForResponse((r) => isListingPost(r.request()));
    await button(page, t['submit.send']).click();
    const response = await answer;
    expect(response.status()).toBe(400);
    const { fields } = ((await response.json()) as FieldErrors).error;
    const paths = Object.keys(fields);
    expect(paths).toEqual(expect.arrayContaining(['organisation.name', 'contact.email', 'title.fi', 'summary.fi', 'description.fi', 'kind', 'themes', 'targetGroups', 'channels.0.type']));

    await page.locator(`${STATUS}[role="alert"]`).waitFor();
    expect(await focusedMatches(page, STATUS), 'focus on the summary').toBe(true);
    expect(await page.title()).toMatch(new RegExp(`^${t['form.error.prefix']}`));
    const links = page.locator(`${STATUS} li a`);
    expect(await links.count(), 'one summary link per field').toBe(paths.length);

    for (const path of paths) {
      const message = page.locator(`#err-${path.replace(/[^a-zA-Z0-9]+/g, '-')}`);
      expect(await message.textContent(), path).toContain(fields[path]);
      const describedBy = page.locator(`[aria-describedby~="err-${path.replace(/[^a-zA-Z0-9]+/g, '-')}"]`);
      expect(await describedBy.count(), `${path} is described by its message`).toBe(1);
      const tag = await describedBy.evaluate((el) => el.tagName.toLowerCase());
      if (tag !== 'fieldset' && tag !== 'div') expect(await describedBy.getAttribute('aria-invalid'), path).toBe('true');
    }
    for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
      expect(await page.locator(href).count(), `summary link ${href} has a target`).toBe(1);
    }
    await a11y('with errors');
    await shot('listing-form-errors');

    // From the summary, the keyboard reaches the first link and Enter lands in its field.
    await page.keyboard.press('Tab');
    expect(await focusedMatches(page, `${STATUS} li:first-child a`)).toBe(true);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    expect(await focusedMatches(page, '#f-organisation-name')).toBe(true);

    // Fixing one field and sending again takes exactly that message away.
    await page.keyboard.type('Korjattu ry');
    await send(page, t);
    expect(await page.locator('.field-error').count()).toBe(paths.length - 1);
    expect(await page.locator('#err-organisation-name').count()).toBe(0);
    expect(await page.locator('#f-organisation-name').getAttribute('aria-invalid')).toBeNull();
  });

  journey('a refused or failed request gets one general message that takes focus', LANGS, async ({ page, t, open }) => {
    await open('listings/new');
    await formReady(page);
    const cases: Array<[number | 'offline', string]> = [
      [413, t['form.error.tooLarge']],
      [429, t['form.error.rateLimited']],
      [500, t['form.error.general']],
      [503, t['form.error.general']],
      ['offline', t['form.error.general']],
    ];
    for (const [status, text] of cases) {
      await page.route('**/api/listings?*', (route) =>
        status === 'offline'
          ? route.abort('failed')
          : route.fulfill({ status, contentType: 'application/json', body: JSON.stringify({ error: { code: 'x', message: 'x' } }) }),
      );
      await send(page, t);
      expect(await page.locator(STATUS).textContent(), String(status)).toBe(text);
      expect(await page.locator(STATUS).getAttribute('role')).toBe('alert');
      expect(await focusedMatches(page, STATUS)).toBe(true);
      expect(await page.locator(FORM).isVisible(), 'the form stays for another try').toBe(true);
      await page.unroute('**/api/listings?*');
    }
  });

  journey('text from the API is shown as text, never run as markup', 'fi', async ({ page, t, open, url }) => {
    const evil = '<img src=x onerror="window.__pwned=1"><b>Paha</b>';
    await page.route('**/api/networks', (route) =>
      route.fulfill({ contentType: 'application/json', body: JSON.stringify({ networks: [{ id: 'x', name: { fi: evil }, languages: ['fi'], municipalities: [evil] }] }) }),
    );
    await page.route('**/api/listings?*', (route) =>
      route.fulfill({ status: 400, contentType: 'application/json', body: JSON.stringify({ error: { code: 'invalid_input', message: evil, fields: { 'organisation.name': evil, [evil]: evil } } }) }),
    );
    await page.goto(url('/fi/'));
    await expect.poll(() => page.locator('#networks h3').textContent()).toBe(evil);
    await open('listings/new');
    await formReady(page, 'x');
    expect(await page.locator('#f-network option[value="x"]').textContent()).toBe(evil);
    await button(page, t['submit.send']).click();
    await page.locator(`${STATUS}[role="alert"]`).waitFor();
    expect(await page.locator('#err-organisation-name').textContent()).toContain(evil);
    expect(await page.locator('main img, main b').count()).toBe(0);
    expect(await page.evaluate(() => 'pwned' in window || '__pwned' in window)).toBe(false);
  });

  journey('the honeypot is out of sight and reach, and a bot that fills it gets nowhere', 'fi', async ({ page, t, open, stack }) => {
    await open('listings/new');
    await formReady(page);
    const trap = page.locator('input[name="homepage"]');
    expect(await trap.getAttribute('tabindex')).toBe('-1');
    expect(await trap.getAttribute('autocomplete')).toBe('off');
    expect(await trap.evaluate((el) => el.closest('[aria-hidden="true"]') !== null)).toBe(true);
    const box = await trap.boundingBox();
    expect(box && box.x + box.width <= 0, 'off screen').toBe(true);

    await stack.clearMail();
    await fillRequired(page, t, 'Botin ilmoitus');
    await trap.fill('https://spam.example');
    const sent = page.waitForRequest(isListingPost);
    await button(page, t['submit.send']).click();
    expect((await sent).postDataJSON()).toHaveProperty('homepage', 'https://spam.example');
    // The bot is told it worked, and nothing is stored or mailed.
    await page.locator(`${STATUS}.success`).waitFor();
    await stack.settle();
    expect((await stack.mailbox()).filter((m) => m.subject.includes('Botin ilmoitus'))).toEqual([]);
  });
});
