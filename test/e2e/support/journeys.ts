import type { Page } from 'playwright-core';
import type { TestStack } from '../../support/stack.js';
import type { Lang } from './browser.js';

/** Fills the listing form the way a person does: labels, clicks and typing. */
export async function fillListingForm(page: Page, lang: Lang, title: string): Promise<void> {
  await page.locator('#f-network').selectOption('kemi-perhekeskus');
  await page.locator('#f-organisation-name').fill('Kemin Seudun Perhepalvelut ry');
  await page.locator('#f-organisation-kind').selectOption('association');
  await page.locator('#f-contact-name').fill('Maija Meikäläinen');
  await page.locator('#f-contact-email').fill(`maija.${lang}@perhepalvelut.example.fi`);
  await page.locator('#f-title-fi').fill(title);
  await page.locator('#f-summary-fi').fill('Avoin kohtaamispaikka lapsiperheille joka keskiviikko.');
  await page.locator('#f-description-fi').fill('Tule juttelemaan, leikkimään ja tapaamaan muita perheitä. Paikalla perheohjaaja.');
  await page.locator('#f-kind-1').check();
  await page.locator('input[name="themes"][value="family-support"]').check();
  await page.locator('input[name="targetGroups"][value="families-with-children"]').check();
  await page.locator('input[name="channels"][value="place"]').check();
  await page.locator('#f-channel-place-address').fill('Keskuspuistokatu 8');
  await page.locator('#f-channel-place-postcode').fill('94100');
  await page.locator('#f-channel-place-municipality').fill('Kemi');
  await page.locator('input[name="schedule.type"][value="recurring"]').check();
  await page.locator('input[name="schedule.weekdays"][value="wed"]').check();
  await page.locator('#f-schedule-startTime').fill('10:00');
  await page.locator('#f-schedule-endTime').fill('12:00');
}

/** The newest sign-in link in the local mailbox, as a coordinator would open it. */
export async function signInLinkFromMailbox(stack: TestStack, email: string): Promise<string> {
  const mails = await stack.mailTo(email);
  const link = /https?:\/\/\S+\/api\/auth\/callback\?token=[\w.-]+/.exec(mails.at(-1)?.body.text ?? '')?.[0];
  if (!link) throw new Error(`no sign-in mail for ${email}`);
  return link;
}
