import { expect } from 'vitest';
import { browserSuite, journey, LANGS } from './support/harness.js';
import { button, field, linkIn, STATUS } from './support/listing.js';

browserSuite('coordinator sign-in and desk', () => {
  journey('a coordinator signs in with the link from the mailbox and reaches the desk', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    const coordinator = stack.config.networks[0]!.coordinators[0]!;
    await open('coordinator');
    await page.locator('#signed-out:not([hidden])').waitFor();
    await a11y('signed out');

    await open('coordinator/login');
    await a11y('sign-in form');
    await shot('coordinator-sign-in');
    await field(page, t['login.email']).fill(coordinator);
    await button(page, t['login.send']).click();
    await page.locator(`${STATUS}.success`).waitFor();
    await a11y('check your email');
    await shot('coordinator-check-email');

    await stack.settle();
    const mail = (await stack.mailTo(coordinator)).at(-1);
    const link = linkIn(mail?.body.text, /https?:\/\/\S+\/api\/auth\/callback\?token=[\w.-]+/);
    await page.goto(link);
    await page.waitForURL(`**/${lang}/coordinator/`);
    await page.locator('#desk:not([hidden])').waitFor();
    expect(await page.locator('#who').textContent()).toBe(coordinator);
    await page.locator('#desk-tabs a[aria-current="page"]').waitFor();
    await a11y('desk');
    await shot('coordinator-desk');

    // A link works once: the second use explains itself on the sign-in page.
    await page.goto(link);
    await page.waitForURL(`**/${lang}/coordinator/login/?error=*`);
    await page.locator(`${STATUS}.error`).waitFor();
    expect(await page.locator(STATUS).textContent()).toBe(t['login.error.used']);
    await a11y('link already used');
  });
});
