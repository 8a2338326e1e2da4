import type { Locator, Page } from 'playwright-core';
import type { Dictionary, Lang } from '../../../web/i18n/index.js';

/**
 * Finding controls the way a person does, by the words on the screen: the
 * label or legend in the page's language, with or without the required
 * marker. A control that cannot be found by its label fails the journey,
 * which is the point.
 */
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const named = (text: string) => new RegExp(`^${escapeRe(text)}( \\*)?( \\(.*\\))?$`);

// Alternative sections repeat some labels (start time for a one-off and for a recurring event); only the shown one counts.
export const field = (scope: Page | Locator, label: string): Locator => scope.getByLabel(named(label)).filter({ visible: true });
export const group = (scope: Page | Locator, legend: string): Locator => scope.getByRole('group', { name: named(legend) });
export const button = (scope: Page | Locator, text: string): Locator => scope.getByRole('button', { name: named(text) });

export const FORM = '#listing-form';
export const STATUS = '#form-status';

/** Waits until the network list has arrived from the API (the form preselects the only network). */
export async function formReady(page: Page, network = 'kemi-perhekeskus'): Promise<void> {
  await page.locator(`#f-network option[value="${network}"]`).waitFor({ state: 'attached' });
}

const inLang = (t: Dictionary, lang: Lang) => t[`submit.in.${lang}`];

/**
 * Every field of the form, filled and clicked as a person would, and the
 * JSON body the page must send for it. `postcode` lets a journey make one
 * mistake first.
 */
export async function fillEverything(page: Page, t: Dictionary, title: string, postcode = '94100'): Promise<Record<string, unknown>> {
  await field(page, t['submit.network']).selectOption('kemi-perhekeskus');
  await field(page, t['submit.organisation.name']).fill('Kemin Seudun Perhepalvelut ry');
  await field(page, t['submit.organisation.kind']).selectOption({ label: t['enum.organisationKind.association'] });
  await field(page, t['submit.organisation.businessId']).fill('1234567-1');

  await field(page, t['submit.contact.name']).fill('Maija Meikäläinen');
  await field(page, t['submit.contact.email']).fill('maija@perhepalvelut.example.fi');
  await field(page, t['submit.contact.phone']).fill('040 123 4567');
  await field(page, t['submit.contact.website']).fill('https://perhepalvelut.example.fi');

  await field(page, `${t['submit.title.field']} ${inLang(t, 'fi')}`).fill(title);
  await field(page, `${t['submit.summary']} ${inLang(t, 'fi')}`).fill('Avoin kohtaamispaikka pikkulapsiperheille.');
  await field(page, `${t['submit.description']} ${inLang(t, 'fi')}`).fill('Tule juttelemaan, leikkimään ja tapaamaan muita perheitä. Paikalla perheohjaaja.');
  await page.getByText(t['submit.texts.sv'], { exact: true }).click();
  await field(page, `${t['submit.title.field']} ${inLang(t, 'sv')}`).fill('Familjecafé');
  await field(page, `${t['submit.summary']} ${inLang(t, 'sv')}`).fill('Öppen mötesplats för småbarnsfamiljer.');
  await field(page, `${t['submit.description']} ${inLang(t, 'sv')}`).fill('Kom och prata, lek och träffa andra familjer.');
  await page.getByText(t['submit.texts.en'], { exact: true }).click();
  await field(page, `${t['submit.title.field']} ${inLang(t, 'en')}`).fill('Family café');
  await field(page, `${t['submit.summary']} ${inLang(t, 'en')}`).fill('An open meeting place for families with small children.');
  await field(page, `${t['submit.description']} ${inLang(t, 'en')}`).fill('Come to talk, play and meet other families.');

  await group(page, t['submit.kind']).getByLabel(t['enum.kind.group'], { exact: true }).check();
  const themes = group(page, t['submit.themes']);
  await themes.getByLabel(t['enum.theme.family-support'], { exact: true }).check();
  await themes.getByLabel(t['enum.theme.parenting'], { exact: true }).check();
  await group(page, t['submit.targetGroups']).getByLabel(t['enum.targetGroup.families-with-children'], { exact: true }).check();
  await field(page, t['submit.age.min']).fill('0');
  await field(page, t['submit.age.max']).fill('6');
  await group(page, t['submit.languages']).getByLabel(t['enum.language.sv'], { exact: true }).check();

  const first = group(page, `${t['submit.channel.legend']} 1`);
  await first.getByLabel(t['submit.channel.place'], { exact: true }).check();
  await field(first, t['submit.address']).fill('Keskuspuistokatu 8');
  await field(first, t['submit.postcode']).fill(postcode);
  await field(first, t['submit.municipality']).fill('Kemi');
  await button(page, t['submit.channel.add']).click();
  const second = group(page, `${t['submit.channel.legend']} 2`);
  await second.getByLabel(t['submit.channel.online'], { exact: true }).check();
  await field(second, t['submit.onlineUrl']).fill('https://teams.example.fi/perhekahvila');
  const access = group(page, t['submit.accessibility']);
  await access.getByLabel(t['enum.accessibility.wheelchair'], { exact: true }).check();
  await access.getByLabel(t['enum.accessibility.accessible-toilet'], { exact: true }).check();

  await group(page, t['submit.schedule']).getByLabel(t['submit.schedule.recurring'], { exact: true }).check();
  await group(page, t['submit.frequency']).getByLabel(t['submit.frequency.monthly'], { exact: true }).check();
  await field(page, t['submit.weekOfMonth']).selectOption({ label: t['enum.weekOfMonth.-1'] });
  await group(page, t['submit.weekdays']).getByLabel(t['enum.weekday.wed'], { exact: true }).check();
  await field(page, t['submit.startTime']).fill('10:00');
  await field(page, t['submit.endTime']).fill('12:00');
  await field(page, t['submit.until']).fill('2027-05-26');

  await group(page, t['submit.cost']).getByLabel(t['submit.cost.paid'], { exact: true }).check();
  await field(page, t['submit.cost.note']).fill('5 € / perhe');
  await group(page, t['submit.registration']).getByLabel(t['submit.registration.yes'], { exact: true }).check();
  await field(page, t['submit.registration.url']).fill('https://perhepalvelut.example.fi/ilmoittaudu');
  await field(page, t['submit.registration.email']).fill('ilmoittautumiset@perhepalvelut.example.fi');
  await field(page, t['submit.validFrom']).fill('2026-12-01');
  await field(page, t['submit.validUntil']).fill('2027-06-30');

  return {
    network: 'kemi-perhekeskus',
    organisation: { name: 'Kemin Seudun Perhepalvelut ry', kind: 'association', businessId: '1234567-1' },
    contact: { name: 'Maija Meikäläinen', email: 'maija@perhepalvelut.example.fi', phone: '040 123 4567', website: 'https://perhepalvelut.example.fi' },
    title: { fi: title, sv: 'Familjecafé', en: 'Family café' },
    summary: { fi: 'Avoin kohtaamispaikka pikkulapsiperheille.', sv: 'Öppen mötesplats för småbarnsfamiljer.', en: 'An open meeting place for families with small children.' },
    description: {
      fi: 'Tule juttelemaan, leikkimään ja tapaamaan muita perheitä. Paikalla perheohjaaja.',
      sv: 'Kom och prata, lek och träffa andra familjer.',
      en: 'Come to talk, play and meet other families.',
    },
    kind: 'group',
    themes: ['family-support', 'parenting'],
    targetGroups: ['families-with-children'],
    ageRange: { min: 0, max: 6 },
    languages: ['fi', 'sv'],
    channels: [
      { type: 'place', address: 'Keskuspuistokatu 8', postcode: '94100', municipality: 'Kemi' },
      { type: 'online', url: 'https://teams.example.fi/perhekahvila' },
    ],
    accessibility: ['wheelchair', 'accessible-toilet'],
    schedule: { type: 'recurring', frequency: 'monthly', weekOfMonth: -1, weekdays: ['wed'], startTime: '10:00', endTime: '12:00', until: '2027-05-26' },
    cost: { free: false, note: '5 € / perhe' },
    registration: { required: true, url: 'https://perhepalvelut.example.fi/ilmoittaudu', email: 'ilmoittautumiset@perhepalvelut.example.fi' },
    validFrom: '2026-12-01',
    validUntil: '2027-06-30',
  };
}

/** Only what the schema requires, with a phone line as the one channel. */
export async function fillRequired(page: Page, t: Dictionary, title: string): Promise<void> {
  await field(page, t['submit.organisation.name']).fill('Kemin Nuorisoseura');
  await field(page, t['submit.organisation.kind']).selectOption({ label: t['enum.organisationKind.association'] });
  await field(page, t['submit.contact.name']).fill('Kalle Kokeilija');
  await field(page, t['submit.contact.email']).fill('kalle@nuorisoseura.example.fi');
  await field(page, `${t['submit.title.field']} ${inLang(t, 'fi')}`).fill(title);
  await field(page, `${t['submit.summary']} ${inLang(t, 'fi')}`).fill('Harrastusilta nuorille.');
  await field(page, `${t['submit.description']} ${inLang(t, 'fi')}`).fill('Pelejä, musiikkia ja mehua.');
  await group(page, t['submit.kind']).getByLabel(t['enum.kind.event'], { exact: true }).check();
  await group(page, t['submit.themes']).getByLabel(t['enum.theme.leisure'], { exact: true }).check();
  await group(page, t['submit.targetGroups']).getByLabel(t['enum.targetGroup.youth'], { exact: true }).check();
  const first = group(page, `${t['submit.channel.legend']} 1`);
  await first.getByLabel(t['submit.channel.phone'], { exact: true }).check();
  await field(first, t['submit.channelPhone']).fill('040 765 4321');
}

/** The newest sign-in link in the local mailbox, as a coordinator would open it. */
export function linkIn(text: string | undefined, pattern: RegExp): string {
  const link = pattern.exec(text ?? '')?.[0];
  if (!link) throw new Error(`no link matching ${pattern} in the mail`);
  return link;
}

/** Clicks the send button and waits until the page has handled the answer (the form is busy until then). */
export async function send(page: Page, t: Dictionary): Promise<void> {
  await button(page, t['submit.send']).click();
  await page.locator(`${FORM}:not([aria-busy])`).waitFor({ state: 'attached' });
}
