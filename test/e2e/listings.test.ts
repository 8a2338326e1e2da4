import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { addDays, helsinkiDate } from '../../functions/shared/time.js';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, editTokenFromMail, submit } from '../support/listings.js';
import type { TestStack } from '../support/stack.js';
import { focusedMatches } from './support/browser.js';
import { browserSuite, journey, LANGS, type Lang } from './support/harness.js';
import { button, field, linkIn, STATUS } from './support/listing.js';

const NETWORK = 'kemi-perhekeskus';
const fiTitle = (t: Record<string, string>) => `${t['submit.title.field']} ${t['submit.in.fi']}`;

/** One coordinator session (through the mailbox) per stack for the API-side setup; the desk journey signs in in the browser. */
let api: Promise<SignedIn> | undefined;
const coordinatorApi = (stack: TestStack) => (api ??= signIn(stack, stack.config.networks[0]!.coordinators[0]!));

/** Submits and approves a listing through the API, as the setup for the pages under test. */
async function published(stack: TestStack, overrides: Parameters<typeof aListing>[0], lang: Lang = 'fi'): Promise<string> {
  const id = await submit(stack, aListing(overrides), lang);
  await approve(await coordinatorApi(stack), stack, id);
  return id;
}

const submitter = (who: string, lang: Lang) => ({ name: 'Maija Meikäläinen', email: `${who}-${lang}@perhepalvelut.example.fi`, phone: '040 123 4567' });

async function resultTitles(page: Page): Promise<string[]> {
  return page.locator('#results h3').allTextContents();
}

browserSuite('listings: directory, listing page, edit link, still-valid link, moderation desk', () => {
  journey('a professional searches the directory, links the search and opens a listing', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    // A word only this language's listing has, so the three runs do not find each other's.
    const word = { fi: 'Lumikki', sv: 'Pikkukala', en: 'Revontuli' }[lang];
    const event = await published(stack, {
      title: { fi: `Vauvakahvila ${word}`, sv: `Babycafé ${word}`, en: `Baby café ${word}` },
      summary: { fi: 'Vauvaperheiden kohtaamispaikka.', sv: 'Mötesplats för babyfamiljer.', en: 'A meeting place for baby families.' },
      contact: { ...submitter('dir', lang), website: 'https://perhepalvelut.example.fi' },
      channels: [{ type: 'place', address: 'Keskuspuistokatu 8', postcode: '94100', municipality: 'Kemi' }, { type: 'online', url: 'https://teams.example.fi/vauvakahvila' }],
      schedule: { type: 'once', date: addDays(helsinkiDate(new Date()), 10), startTime: '10:00', endTime: '12:00' },
      cost: { free: true },
      kind: 'event',
    });
    await published(stack, { title: { fi: `Velkaneuvonta ${lang}` }, themes: ['debt-money'], cost: { free: false, note: '10 €' }, schedule: { type: 'none' }, kind: 'service', contact: submitter('dir2', lang) });

    await open('listings');
    expect(await page.locator('.main-nav a[aria-current="page"]').textContent()).toBe(t['nav.directory']);
    await page.locator('#results li').first().waitFor();
    // A title without a translation comes in Finnish, marked lang="fi" (WCAG 3.1.2); a translated one is not marked.
    await expect.poll(() => page.locator('#results li', { hasText: `Velkaneuvonta ${lang}` }).count()).toBe(1);
    expect(await page.locator('#results li', { hasText: `Velkaneuvonta ${lang}` }).getByRole('link').getAttribute('lang')).toBe(lang === 'fi' ? null : 'fi');
    expect(await page.locator('#results li', { hasText: word }).getByRole('link').getAttribute('lang')).toBeNull();
    await a11y('all results');
    await shot('directory');

    // A free-text search without diacritics, and a filter; both end up in the URL.
    await field(page, t['dir.q']).fill(`vauvakahvila ${word.toLowerCase()}`);
    // By value: the option's label carries its hit count.
    await field(page, t['dir.theme']).selectOption('family-support');
    await page.getByLabel(t['dir.free'], { exact: true }).check();
    await button(page, t['dir.search']).click();
    await expect.poll(() => page.locator('#results-count').textContent()).toBe(t['dir.results.one']);
    expect(await page.locator('#results-count').getAttribute('aria-live')).toBe('polite');
    expect(await resultTitles(page)).toEqual([{ fi: `Vauvakahvila ${word}`, sv: `Babycafé ${word}`, en: `Baby café ${word}` }[lang]]);
    const card = page.locator('#results li').first();
    expect(await card.textContent()).toContain(t['dir.free.label']);
    expect(await card.textContent()).toContain(t['dir.online.label']);
    expect(await card.textContent()).toContain(t['dir.next']);
    const linked = new URL(page.url());
    expect(linked.searchParams.get('q')).toBe(`vauvakahvila ${word.toLowerCase()}`);
    expect(linked.searchParams.get('theme')).toBe('family-support');
    expect(linked.searchParams.get('free')).toBe('true');
    await a11y('one result');

    // The link alone gives the same search.
    await page.goto(linked.toString());
    await expect.poll(() => page.locator('#results-count').textContent()).toBe(t['dir.results.one']);
    expect(await field(page, t['dir.q']).inputValue()).toBe(`vauvakahvila ${word.toLowerCase()}`);

    await field(page, t['dir.q']).fill('zzzz ei löydy');
    await button(page, t['dir.search']).click();
    await expect.poll(() => page.locator('#results-count').textContent()).toBe(t['dir.none']);
    await a11y('no results');
    await page.goBack();
    await expect.poll(() => page.locator('#results-count').textContent()).toBe(t['dir.results.one']);

    await card.getByRole('link').click();
    await page.waitForURL(`**/${lang}/listings/view/?id=${event}`);
    await page.locator('#listing:not([hidden])').waitFor();
    const facts = page.locator('#listing-facts');
    expect(await facts.getByRole('link', { name: `${submitter('dir', lang).email}` }).getAttribute('href')).toBe(`mailto:${submitter('dir', lang).email}`);
    expect(await facts.getByRole('link', { name: '040 123 4567' }).getAttribute('href')).toBe('tel:0401234567');
    expect(await facts.getByRole('link', { name: 'https://teams.example.fi/vauvakahvila' }).count()).toBe(1);
    expect(await facts.textContent()).toContain('Keskuspuistokatu 8, 94100 Kemi');
    expect(await facts.textContent()).toContain(t['view.nextTimes']);
    expect(await facts.textContent()).toContain(t['view.free']);
    const ics = await page.getByRole('link', { name: t['view.calendar'] }).getAttribute('href');
    expect(ics).toBe(`/api/listings/${event}/calendar.ics?lang=${lang}`);
    const res = await stack.api(ics!);
    expect(res.headers.get('content-type')).toContain('text/calendar');
    await a11y('listing page');
    await shot('listing-view');

    await open('listings/view/?id=no-such-listing');
    await page.locator('#view-status.error').waitFor();
    expect(await page.locator('#view-status').textContent()).toBe(t['view.notFound']);
    await a11y('not found');
  });

  journey('a professional shows more results than fit on the first page, by keyboard', 'fi', async ({ page, t, open, a11y, stack }) => {
    // Arrange: one more hit than the page shows at a time (20).
    const titles = Array.from({ length: 21 }, (_, i) => `Sivutuskerho ${String(i + 1).padStart(2, '0')}`);
    for (const title of titles) await published(stack, { title: { fi: title }, schedule: { type: 'none' }, kind: 'service', contact: submitter(`page${title.slice(-2)}`, 'fi') });

    // Act
    await open('listings/?q=sivutuskerho');
    await expect.poll(() => page.locator('#results-count').textContent()).toBe(t['dir.shown']!.replace('{n}', '21').replace('{shown}', '20'));
    expect(await resultTitles(page)).toEqual(titles.slice(0, 20));
    await a11y('first page with more');
    await page.locator('#more').focus();
    await page.keyboard.press('Enter');

    // Assert
    await expect.poll(() => page.locator('#results-count').textContent()).toBe(t['dir.results']!.replace('{n}', '21'));
    expect(await resultTitles(page)).toEqual(titles);
    expect(await page.locator('#more').isHidden()).toBe(true);
    expect(await focusedMatches(page, '#results li:last-child a')).toBe(true);
    await a11y('all pages shown');
  });

  journey('a submitter edits the listing through the receipt link, then withdraws it', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    // A bad link first (a changed fragment alone would not reload the page).
    await open('listings/edit/#token=not.a-valid.token');
    await page.locator('#edit-status.error').waitFor();
    expect(await page.locator('#edit-status').textContent()).toBe(t['edit.badLink']);
    await a11y('bad link');

    const email = `edit-${lang}@perhepalvelut.example.fi`;
    const title = `Perhekerho ${lang}`;
    const id = await published(stack, { title: { fi: title }, contact: { name: 'Eeva Esimerkki', email } }, lang);
    const mail = (await stack.mailTo(email)).find((m) => /\/listings\/edit\/#token=/.test(m.body.text ?? ''));
    const link = linkIn(mail?.body.text, /https?:\/\/\S+\/listings\/edit\/#token=[\w.-]+/);
    expect(link).toContain(`/${lang}/listings/edit/#token=`);
    // As from the mail client: a fresh load (from the same page, only the fragment would change).
    await page.goto('about:blank');
    await page.goto(link.replace(/^https?:\/\/[^/]+/, stack.urls.site));
    await page.locator('#edit-body:not([hidden])').waitFor();
    expect(await page.locator('#edit-state').textContent()).toBe(t['edit.status.published']);
    expect(await field(page, fiTitle(t)).inputValue()).toBe(title);
    expect(await field(page, t['submit.contact.email']).inputValue()).toBe(email);
    expect(await page.locator('#f-channels-0-postcode').inputValue()).toBe('94100');
    await a11y('prefilled');
    await shot('listing-edit');

    // A mistake shows next to its field.
    await field(page, t['submit.contact.phone']).fill('abc');
    await button(page, t['edit.save']).click();
    await page.locator(`${STATUS}[role="alert"]`).waitFor();
    expect(await page.locator('#f-contact-phone').getAttribute('aria-invalid')).toBe('true');
    await a11y('with errors');

    // A new phone number alone shows at once.
    await field(page, t['submit.contact.phone']).fill('040 999 8888');
    await button(page, t['edit.save']).click();
    await page.locator(`${STATUS}.success`).waitFor();
    expect(await page.locator(STATUS).textContent()).toBe(t['edit.saved.direct']);
    expect(await focusedMatches(page, STATUS)).toBe(true);
    await stack.settle();
    expect(((await (await stack.api(`/api/listings/${id}?lang=fi`)).json()) as { contact: { phone: string } }).contact.phone).toBe('040 999 8888');

    // A new title goes to review; the published one stays meanwhile.
    await field(page, fiTitle(t)).fill(`${title} – uusi`);
    await button(page, t['edit.save']).click();
    await expect.poll(() => page.locator(`${STATUS}.success`).textContent()).toBe(t['edit.saved.moderated']);
    await expect.poll(() => page.locator('#edit-note').textContent()).toBe(t['edit.changePending']);
    await stack.settle();
    expect(((await (await stack.api(`/api/listings/${id}?lang=fi`)).json()) as { title: string }).title).toBe(title);
    await a11y('saved for review');

    await button(page, t['edit.withdraw']).click();
    await page.locator('#withdraw-confirm:not([hidden])').waitFor();
    expect(await page.locator('#withdraw-confirm').textContent()).toContain(t['edit.withdraw.confirm']);
    await a11y('confirm withdrawal');
    await button(page, t['edit.withdraw.yes']).click();
    await page.locator('#edit-status.success').waitFor();
    expect(await page.locator('#edit-status').textContent()).toBe(t['edit.withdrawn']);
    await a11y('withdrawn');
    await stack.settle();
    expect((await stack.api(`/api/listings/${id}`)).status).toBe(410);
  });

  journey('a submitter confirms from the reminder that the listing is still valid', LANGS, async ({ page, lang, t, a11y, shot, stack, open }) => {
    if (lang === 'fi') {
      await open('listings/extend/');
      await page.locator('#extend-status.error').waitFor();
      expect(await page.locator('#extend-status').textContent()).toBe(t['extend.badLink']);
      await a11y('no token');
    }
    const email = `extend-${lang}@perhepalvelut.example.fi`;
    const validUntil = addDays(helsinkiDate(new Date()), 14);
    await published(stack, { title: { fi: `Syyskerho ${lang}` }, contact: { name: 'Essi Esimerkki', email }, validUntil }, lang);
    await stack.functions.get('ExpireListings')!.invoke({});
    await stack.settle();
    const mail = (await stack.mailTo(email)).find((m) => /\/listings\/extend\/#token=/.test(m.body.text ?? ''));
    const link = linkIn(mail?.body.text, /https?:\/\/\S+\/listings\/extend\/#token=[\w.-]+&id=[\w%-]+/);
    expect(link).toContain(`/${lang}/listings/extend/`);
    // As from the mail client: a fresh load (from the same page, only the fragment would change).
    await page.goto('about:blank');
    await page.goto(link.replace(/^https?:\/\/[^/]+/, stack.urls.site));
    await a11y('ready');
    await button(page, t['extend.confirm']).click();
    await page.locator('#extend-status.success').waitFor();
    const text = await page.locator('#extend-status').textContent();
    expect(text).toMatch(new RegExp(t['extend.done'].replace('{date}', '.+').replace(/[!.]/g, '\\$&').replace('\\.+', '.+')));
    await a11y('extended');
    await shot('listing-extend');

    await page.reload();
    await button(page, t['extend.confirm']).click();
    await page.locator('#extend-status.error').waitFor();
    expect(await page.locator('#extend-status').textContent()).toBe(t['extend.used']);
    await a11y('already used');
  });

  journey('a coordinator approves one listing and rejects another with a reason in the desk', LANGS, async ({ page, lang, t, open, a11y, shot, stack }) => {
    const coordinator = stack.config.networks[0]!.coordinators[0]!;
    const good = `Muskarit ${lang}`;
    const bad = `Mainos ${lang}`;
    const badEmail = `rejected-${lang}@perhepalvelut.example.fi`;
    const goodId = await submit(stack, aListing({ title: { fi: good }, contact: submitter('ok', lang) }), lang);
    const badId = await submit(stack, aListing({ title: { fi: bad }, contact: { name: 'Mikko Mainos', email: badEmail } }), lang);

    await open('coordinator/login');
    await field(page, t['login.email']).fill(coordinator);
    await button(page, t['login.send']).click();
    await page.locator(`${STATUS}.success`).waitFor();
    await stack.settle();
    const signInMail = (await stack.mailTo(coordinator)).at(-1);
    await page.goto(linkIn(signInMail?.body.text, /https?:\/\/\S+\/api\/auth\/callback\?token=[\w.-]+/));
    await page.waitForURL(`**/${lang}/coordinator/`);

    // The moderation mail's link: the desk opens at that listing.
    await open(`coordinator/?network=${NETWORK}#listing-${badId}`);
    const goodArticle = page.locator(`article#listing-${goodId}`);
    const badArticle = page.locator(`article#listing-${badId}`);
    await badArticle.waitFor();
    await expect.poll(() => focusedMatches(page, `#listing-${badId}`)).toBe(true);
    expect(await badArticle.locator('h3').textContent()).toBe(bad);
    expect(await goodArticle.textContent()).toContain(t['coord.pending.new']);
    await a11y('pending listings');
    await shot('coordinator-moderation');

    await button(goodArticle, t['coord.pending.approve']).click();
    await page.locator('#listings-status.success').waitFor();
    expect(await page.locator('#listings-status').textContent()).toBe(t['coord.pending.approved'].replace('{title}', good));
    await goodArticle.waitFor({ state: 'detached' });
    await a11y('approved');

    await button(badArticle, t['coord.pending.reject']).click();
    const reason = field(badArticle, t['coord.pending.reason']);
    expect(await focusedMatches(page, `#reason-${badId}`)).toBe(true);
    await button(badArticle, t['coord.pending.rejectSend']).click();
    await badArticle.locator('.field-error').waitFor();
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await a11y('reason missing');
    await reason.fill('Ilmoitus on kaupallinen mainos, ei verkoston toimintaa.');
    await button(badArticle, t['coord.pending.rejectSend']).click();
    await expect.poll(() => page.locator('#listings-status.success').textContent()).toBe(t['coord.pending.rejected'].replace('{title}', bad));
    await badArticle.waitFor({ state: 'detached' });
    await a11y('rejected');

    await stack.settle();
    const rejection = (await stack.mailTo(badEmail)).filter((m) => (m.body.text ?? '').includes('kaupallinen mainos'));
    expect(rejection).toHaveLength(1);

    // Ranked first: the other languages' runs published listings that share its first word.
    await open(`listings/?q=${encodeURIComponent(good)}`);
    await expect.poll(async () => (await resultTitles(page))[0]).toBe(good);
  });
});
