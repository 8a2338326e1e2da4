import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, submit } from '../support/listings.js';
import type { TestStack } from '../support/stack.js';
import { header, subscribe } from '../support/subscriptions.js';
import { expectVisibleFocus, focusedMatches, tabTo } from './support/browser.js';
import { browserSuite, journey, LANGS } from './support/harness.js';
import { button, field, group, linkIn } from './support/listing.js';

/**
 * The mailing list and its digest in the browser: subscribe (keyboard
 * only), confirm from the mailbox, manage, and the whole round trip of a
 * digest — a listing approved, the coordinator previews and sends it from
 * the desk, the subscriber reads it in the browser and leaves the list
 * from the List-Unsubscribe URL.
 */
const NETWORK = 'kemi-perhekeskus';
const FORM = '#subscribe-form';
const STATUS = '#form-status';

const confirmLink = (text: string | undefined) => linkIn(text, /https?:\/\/\S+\/subscribe\/confirm\/#token=[\w.-]+/);

/** Opens a link whose only difference from the current address may be the fragment: a fresh load, as from a mail client. */
async function visit(page: Page, link: string): Promise<void> {
  await page.goto('about:blank');
  await page.goto(link);
}

browserSuite('mailing list and digests', () => {
  let coordinator: SignedIn | undefined;
  const coord = async (stack: TestStack) => (coordinator ??= await signIn(stack, stack.config.networks[0]!.coordinators[0]!));

  journey('a member subscribes with the keyboard, confirms from the mailbox and changes the subscription', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    const email = `tilaaja-${lang}@example.fi`;
    await open('subscribe');
    // The only network is chosen for the person once the list has arrived.
    await page.locator(`#network-choices input[value="${NETWORK}"]:checked`).waitFor({ state: 'attached' });
    expect(await group(page, t['sub.lang']).getByLabel(t[`enum.uiLang.${lang}`], { exact: true }).isChecked()).toBe(true);
    await a11y('empty');
    await shot('subscribe');

    // Keyboard only: a mistyped address, sent; the summary takes focus and links to the field.
    await tabTo(page, '#f-email');
    await expectVisibleFocus(page);
    await page.keyboard.type('tilaaja@');
    await tabTo(page, `${FORM} button[type="submit"]`);
    await expectVisibleFocus(page);
    await page.keyboard.press('Enter');
    await page.locator(`${STATUS}.error`).waitFor();
    expect(await focusedMatches(page, STATUS)).toBe(true);
    await page.locator('[data-field="email"].has-error .field-error').waitFor();
    expect(await page.locator('#f-email').getAttribute('aria-invalid')).toBe('true');
    await a11y('with errors');
    if (lang === 'fi') await shot('subscribe-errors');

    // The summary's link takes the person to the field.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focusedMatches(page, '#f-email')).toBe(true);
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type(email);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Tiina Tilaaja');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Kemin kaupunki');
    await tabTo(page, '#f-themes-1'); // Vanhemmuus / parenting
    await page.keyboard.press('Space');
    await tabTo(page, 'input[name="frequency"]:checked');
    await page.keyboard.press('ArrowRight'); // monthly
    await a11y('filled');
    await tabTo(page, `${FORM} button[type="submit"]`);
    await page.keyboard.press('Enter');
    await page.locator(`${STATUS}.success`).waitFor();
    expect(await page.locator(FORM).isHidden()).toBe(true);
    expect(await page.locator(STATUS).textContent()).toContain(t['sub.done.title']);
    await a11y('check your email');
    if (lang === 'fi') await shot('subscribe-done');

    // The mailbox has the confirmation link in the subscriber's language; it confirms on opening.
    await stack.settle();
    const mails = await stack.mailTo(email);
    expect(mails).toHaveLength(1);
    const link = confirmLink(mails[0]!.body.text);
    expect(link).toContain(`/${lang}/subscribe/confirm/#token=`);

    // A broken or expired link says so and offers a new subscription.
    await visit(page, link.replace(/#token=.*/, '#token=vanha.linkki.tassa'));
    await page.locator(`${STATUS}.error`).waitFor();
    expect(await page.locator(STATUS).textContent()).toContain(t['sub.confirm.expired']);
    await page.getByRole('link', { name: t['sub.again'] }).waitFor();
    await a11y('link expired');
    if (lang === 'fi') await shot('subscribe-confirm-expired');

    await visit(page, link);
    await page.locator(`${STATUS}.success`).waitFor();
    expect(await page.locator(STATUS).textContent()).toContain(t['sub.confirm.done']);
    await a11y('confirmed');
    await shot('subscribe-confirmed');
    // The link is single-purpose and idempotent: opening it again is fine.
    await visit(page, link);
    await page.locator(`${STATUS}.success`).waitFor();

    // Subscribing again never duplicates: the "already subscribed" mail carries the manage link.
    await subscribe(stack, { email, lang });
    await stack.settle();
    const manage = linkIn((await stack.mailTo(email)).at(-1)?.body.text, /https?:\/\/\S+\/subscribe\/manage\/#token=[\w.-]+/);
    await visit(page, manage);
    await page.locator('#manage:not([hidden])').waitFor();
    expect(await page.locator('#manage-email').textContent()).toBe(email);
    expect(await field(page, t['sub.name']).inputValue()).toBe('Tiina Tilaaja');
    expect(await field(page, t['sub.organisation']).inputValue()).toBe('Kemin kaupunki');
    expect(await group(page, t['sub.frequency']).getByLabel(t['enum.frequency.monthly'], { exact: true }).isChecked()).toBe(true);
    expect(await group(page, t['sub.themes']).getByLabel(t['enum.theme.parenting'], { exact: true }).isChecked()).toBe(true);
    expect(await page.locator(`#network-choices input[value="${NETWORK}"]`).isChecked()).toBe(true);
    await a11y('manage');
    await shot('subscribe-manage');

    // Nothing to receive is not a subscription: the server says so on the group.
    const kinds = group(page, t['sub.kinds']);
    for (const k of ['listings', 'meetings', 'surveys'] as const) await kinds.getByLabel(t[`enum.digestKind.${k}`], { exact: true }).uncheck();
    await button(page, t['sub.manage.save']).click();
    await page.locator(`${STATUS}.error`).waitFor();
    await page.locator('[data-field="kinds"].has-error .field-error').waitFor();
    await a11y('manage with errors');
    await kinds.getByLabel(t['enum.digestKind.meetings'], { exact: true }).check();
    await group(page, t['sub.lang']).getByLabel(t['enum.uiLang.sv'], { exact: true }).check();
    await button(page, t['sub.manage.save']).click();
    await page.locator(`${STATUS}.success`).waitFor();
    await a11y('saved');
    const token = manage.split('#token=')[1]!;
    const saved = (await (await stack.api('/api/subscriptions/me', { headers: { authorization: `Bearer ${token}` } })).json()) as Record<string, unknown>;
    expect(saved).toMatchObject({ name: 'Tiina Tilaaja', organisation: 'Kemin kaupunki', lang: 'sv', kinds: ['meetings'], themes: ['parenting'], frequency: 'monthly', networks: [NETWORK] });

    // Leaving from the manage page erases the subscription.
    await button(page, t['sub.unsub.button']).click();
    await page.locator('#manage').waitFor({ state: 'hidden' });
    expect(await page.locator(`${STATUS}.success`).textContent()).toContain(t['sub.unsub.done']);
    await a11y('left from the manage page');
    expect((await stack.api('/api/subscriptions/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(404);
  });

  journey('the digest: a listing approved, the coordinator previews and sends it, the subscriber reads it and leaves from the header link', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    const email = `lukija-${lang}@example.fi`;
    // Subscribe and confirm from the mailbox link.
    await open('subscribe');
    await page.locator(`#network-choices input[value="${NETWORK}"]:checked`).waitFor({ state: 'attached' });
    await field(page, t['sub.email']).fill(email);
    await button(page, t['sub.send']).click();
    await page.locator(`${STATUS}.success`).waitFor();
    await stack.settle();
    await visit(page, confirmLink((await stack.mailTo(email)).at(-1)?.body.text));
    await page.locator(`${STATUS}.success`).waitFor();

    // A listing is approved.
    const c = await coord(stack);
    const title = { fi: `Perhekahvila (${lang})`, sv: `Familjecafé (${lang})`, en: `Family café (${lang})` };
    await approve(c, stack, await submit(stack, aListing({ title })));

    // The coordinator previews the digest in the desk and sends it after confirming.
    await page.context().addCookies(
      c.cookie.split('; ').map((pair) => {
        const [name, ...value] = pair.split('=');
        return { name: name!, value: value.join('='), url: stack.urls.site };
      }),
    );
    await open('coordinator#mailing');
    await page.locator('#desk:not([hidden])').waitFor();
    const preview = page.locator('#mailing-preview');
    await preview.locator('dl').waitFor();
    await page.locator('#mailing-summary dl').waitFor();
    expect(Number(await preview.locator('dd').nth(1).textContent())).toBeGreaterThanOrEqual(1);
    await preview.getByText(t['coord.mail.text']).click();
    expect(await page.locator('#digest-preview-text').textContent()).toContain(title[lang]);
    // The preview is the mail's HTML as the reader gets it: its inline styles applied, in a frame that runs no script.
    const frameEl = page.locator('iframe.mail-frame');
    expect(await frameEl.getAttribute('title')).toBe(t['coord.mail.frame']);
    expect(await frameEl.getAttribute('sandbox')).not.toContain('allow-scripts');
    const mail = page.frameLocator('iframe.mail-frame');
    await mail.getByText(title[lang], { exact: true }).filter({ visible: true }).first().waitFor();
    expect(await mail.locator('html').getAttribute('lang')).toBe(lang);
    // The mail's grey page background (#f2f4f5) is an inline style: shown, so the styles came through.
    const backdrop = mail.locator('body > table').first();
    await expect.poll(() => backdrop.evaluate((e) => getComputedStyle(e).backgroundColor)).toBe('rgb(242, 244, 245)');
    await a11y('mailing section');
    await shot('coordinator-mailing');

    // "Send a test to me" comes before "send to everyone" and mails the coordinator alone.
    const coordinatorAddress = stack.config.networks[0]!.coordinators[0]!;
    const tests = async () => (await stack.mailTo(coordinatorAddress)).filter((m) => /^\[TESTI?\] /.test(m.subject));
    const testsBefore = (await tests()).length;
    const sendRow = await page.locator('#digest-send-row button').allTextContents();
    expect(sendRow).toEqual([t['coord.mail.test'], t['coord.mail.send']]);
    await button(page, t['coord.mail.test']).click();
    await expect.poll(() => page.locator('#mailing-status.success').textContent()).toContain(t['coord.mail.testSent'].replace('{email}', coordinatorAddress));
    await stack.settle();
    const sentTests = await tests();
    expect(sentTests).toHaveLength(testsBefore + 1);
    expect(sentTests.at(-1)!.body.html).toContain(title[lang]);
    expect((await stack.mailTo(email)).filter((m) => header(m, 'List-Unsubscribe'))).toHaveLength(0);
    await a11y('test sent');

    await button(page, t['coord.mail.send']).click();
    await page.locator('#digest-confirm:not([hidden])').waitFor();
    expect(await focusedMatches(page, '#digest-send-yes')).toBe(true);
    await a11y('send: confirmation step');
    await button(page, t['coord.mail.confirmYes']).click();
    await page.locator('#mailing-status.success').waitFor();
    await stack.settle();
    await page.locator('#digest-history tbody tr[data-status="sent"]').first().waitFor();
    const row = await page.locator('#digest-history tbody tr').first().locator('th, td').allTextContents();
    expect(row.slice(1, 3)).toEqual([t['coord.mail.trigger.coordinator'], t['coord.mail.status.sent']]);
    expect(Number(row[4])).toBeGreaterThanOrEqual(1); // sent
    await a11y('digest sent');
    if (lang === 'fi') await shot('coordinator-mailing-sent');

    // One digest in the mailbox, in the subscriber's language, with both unsubscribe headers.
    const digests = (await stack.mailTo(email)).filter((m) => header(m, 'List-Unsubscribe'));
    expect(digests).toHaveLength(1);
    const digest = digests[0]!;
    expect(digest.body.text).toContain(title[lang]);
    expect(header(digest, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    expect(header(digest, 'Content-Language')).toBe(lang);
    // The link carries the mail's language, so the page opens in it whatever the browser prefers.
    const unsubscribeUrl = new RegExp(`^<(https?://\\S+/api/subscriptions/unsubscribe\\?token=[\\w.-]+&lang=${lang})>$`).exec(header(digest, 'List-Unsubscribe') ?? '')?.[1];
    expect(unsubscribeUrl).toBeDefined();

    // "View in browser" shows the items as page content; the archive lists the digest.
    const view = linkIn(digest.body.text, /https?:\/\/\S+\/digests\/view\/\?network=[\w-]+&id=[\w-]+/);
    await page.goto(view);
    await page.locator('#digest section').first().waitFor();
    expect(await page.locator('h1').textContent()).toBe(digest.subject);
    await page.getByRole('link', { name: title[lang] }).waitFor();
    await a11y('view in browser');
    await shot('digest-view');
    await page.getByRole('link', { name: t['digest.view.back'] }).click();
    await page.locator('#digest-list li').first().waitFor();
    await a11y('archive');
    await shot('digest-archive');

    // The List-Unsubscribe URL opened in a browser: the GET only leads to the page; the button leaves the list.
    await page.goto(unsubscribeUrl!);
    await page.waitForURL(`**/${lang}/subscribe/unsubscribe/#token=*`);
    await a11y('unsubscribe');
    await shot('unsubscribe');
    await button(page, t['sub.unsub.button']).click();
    await page.locator(`${STATUS}.success`).waitFor();
    expect(await page.locator(STATUS).textContent()).toContain(t['sub.unsub.done']);
    expect(await page.locator('#unsubscribe-box').isHidden()).toBe(true);
    await a11y('left the list');
    if (lang === 'fi') await shot('unsubscribe-done');
  });
});
