import { loginEmail } from '../../functions/auth/auth.js';
import { DIGEST_ITEMS_PER_KIND, renderDigest, type DigestItem } from '../../functions/digests/content.js';
import { listingMail } from '../../functions/listings/mails.js';
import { meetingMail } from '../../functions/meetings/mails.js';
import type { MeetingRecord } from '../../functions/meetings/store.js';
import type { UiLanguage } from '../../functions/shared/i18n.js';
import { subscriptionMail } from '../../functions/subscriptions/mails.js';
import { aListing } from '../fixtures/listings.js';

const SITE = 'https://verkosto.example.fi';
/** A long link as mails carry them (a signed token), which must wrap rather than widen the mail. */
const LINK = `${SITE}/fi/listings/edit/#token=${'eyJhbGciOiJIUzI1NiJ9'.repeat(12)}`;
const LINKS = { view: `${SITE}/fi/digests/view/?network=kemi-perhekeskus&id=d1`, manage: `${SITE}/fi/subscribe/manage/#token=${'x'.repeat(200)}`, unsubscribe: `${SITE}/api/subscriptions/unsubscribe?token=${'y'.repeat(200)}&lang=fi` };

const meeting = {
  id: '01JDQ7ZK3M9X4T8B2C6V5N1PRS', network: 'kemi-perhekeskus', status: 'scheduled', sequence: 0, date: '2026-12-09', startTime: '13:00', endTime: '15:00',
  start: '2026-12-09T11:00:00.000Z', end: '2026-12-09T13:00:00.000Z', updatedAt: '2026-11-23T10:00:00.000Z',
  title: { fi: 'Verkostokahvit: perhekeskuksen ja järjestöjen yhteinen joulukuun tapaaminen' },
  description: { fi: 'Kuulumisten vaihto, esittelyvuorossa Kemin seurakunnan diakoniatyö ja Lapin hyvinvointialueen perheneuvola.' },
  place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8, 94100 Kemi' }, online: { url: `https://teams.example.fi/l/meetup-join/${'19%3ameeting_'.repeat(8)}`, withheldUntilConfirmed: false },
  presenters: [], agenda: undefined, languages: ['fi'],
} as unknown as MeetingRecord;

/** A digest item with the longest texts a listing may have (title 120, summary 300 characters), Finnish only. */
export function digestItem(i: number, kind: DigestItem['kind'] = 'listing'): DigestItem {
  return {
    kind, id: `item-${i}`,
    title: { fi: `Perhekahvila ja vertaistukiryhmä ${i}: `.padEnd(120, 'ä') },
    summary: { fi: 'Avoin kohtaamispaikka lapsiperheille, jossa perheohjaaja on paikalla ja kahvi keitetty. '.repeat(4).slice(0, 300) },
    themes: ['family-support'], by: 'Kemin Seudun Perhepalvelut ry', when: '2026-12-09T11:00:00.000Z', url: `${SITE}/{lang}/listings/view/?id=01JDQ7ZK3M9X4T8B2C6V5N1P${String(i).padStart(2, '0')}`,
  };
}

/** A digest of `n` items spread over the four kinds. */
export const digestOf = (n: number, lang: UiLanguage = 'fi') =>
  renderDigest({ fi: 'Kemin perhekeskuksen verkosto', sv: 'Kemi familjecentrets nätverk' }, Array.from({ length: n }, (_, i) => digestItem(i, (['listing', 'meeting', 'survey', 'result'] as const)[i % 4])), lang, LINKS);

export { DIGEST_ITEMS_PER_KIND, LINKS };

/** One mail of every kind the system sends, in `lang`. */
export function everyMailKind(lang: UiLanguage): Array<[string, { subject: string; html: string; text: string; lang: UiLanguage }]> {
  const listing = { data: aListing({ title: { fi: 'Perhekahvila Pruntsin Poukamassa – avoin kohtaamispaikka lapsiperheille' } }) };
  return [
    ['sign-in', loginEmail(LINK, lang)],
    ['subscription confirm', subscriptionMail('confirm', lang, LINK)],
    ['subscription exists', subscriptionMail('already', lang, LINK)],
    ...(['receipt', 'approved', 'rejected', 'expiring', 'newLink'] as const).map((k): [string, ReturnType<typeof listingMail>] => [`listing ${k}`, listingMail(k, listing, lang, { link: LINK, reason: 'Lisää yhteystiedot.', validUntil: '2026-12-31' })]),
    ...(['confirmed', 'waitlisted', 'promoted', 'updated', 'cancelled', 'reminder'] as const).map((k): [string, ReturnType<typeof meetingMail>] => [`meeting ${k}`, meetingMail(k, meeting, lang, { position: 3, cancelUrl: LINK, showOnline: true, reason: 'Sairastuminen' })]),
    ['digest', digestOf(60, lang)],
  ];
}
