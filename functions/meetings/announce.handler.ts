import { formatDateTime } from '../shared/time.js';
import { clock, mailer, onceStore, siteUrl } from '../listings/runtime.js';
import { eventHandler } from '../shared/consumer.js';
import { mailText, renderEmail } from '../shared/email.js';
import { pick } from '../shared/i18n.js';
import { once } from '../shared/once.js';
import { logger } from '../shared/powertools.js';
import { loadTokens } from '../shared/token-keys.js';
import { networks, subscriptionStore } from '../subscriptions/runtime.js';
import { forEachSubscriber } from '../subscriptions/store.js';
import { manageLink, unsubscribeUrl } from '../subscriptions/subscriptions.js';
import { meetingStore, turnStore } from './runtime.js';
import { turnsBlock } from './turn-mails.js';
import { confirmedTurnLines } from './turns.js';

const known = networks();
const store = meetingStore();
const turns = turnStore();
const subscriptions = subscriptionStore();
const mail = mailer();
const onceDone = onceStore();
const tokens = await loadTokens();
const site = siteUrl();

const T = {
  fi: { heading: 'Uusi verkostotapaaminen', when: 'Aika', where: 'Paikka', action: 'Ilmoittaudu', manage: 'Muuta tilausta', unsubscribe: 'Peru tilaus' },
  sv: { heading: 'Ny nätverksträff', when: 'Tid', where: 'Plats', action: 'Anmäl dig', manage: 'Ändra prenumerationen', unsubscribe: 'Avsluta prenumerationen' },
  en: { heading: 'New network meeting', when: 'When', where: 'Where', action: 'Sign up', manage: 'Change subscription', unsubscribe: 'Unsubscribe' },
} as const;

/**
 * Networks set to announce meetings by email (config `meetingAnnouncements`)
 * mail each subscriber who chose meetings, in their language, once per
 * meeting; the others get the meeting in their next digest.
 */
export const handler = eventHandler(['Meeting.Scheduled'], async (d, meta) => {
  if (known.get(d.network)?.meetingAnnouncements !== 'email') return;
  const m = await store.get(d.meetingId);
  if (!m || m.status !== 'scheduled') return;
  let sent = 0;
  const turnLines = await confirmedTurnLines(m, turns, clock.now());
  await forEachSubscriber(subscriptions, m.network, 'meetings', async (r) => {
    const t = T[r.lang];
    const done = await once(onceDone, `mail#${meta.id}#${r.id}`, async () => {
      const when = formatDateTime(m.start, r.lang);
      const unsubscribe = await unsubscribeUrl(r.id, r.lang, { tokens, siteUrl: site, clock });
      const content = renderEmail({
        lang: r.lang,
        subject: `${t.heading}: ${pick(m.title, r.lang)}`,
        preheader: when,
        title: mailText(m.title, r.lang),
        blocks: [{ heading: t.heading, paragraphs: [mailText(m.description, r.lang)], facts: [[t.when, when], ...(m.place ? [[t.where, `${m.place.name}, ${m.place.address}`] as [string, string]] : [])], action: { label: t.action, url: `${site}/${r.lang}/meetings/view/?id=${encodeURIComponent(m.id)}` } }, ...turnsBlock(turnLines, r.lang)],
        footer: ['Verkosto'],
        footerLinks: [
          { label: t.manage, url: await manageLink(r.id, r.lang, { tokens, siteUrl: site, clock }) },
          { label: t.unsubscribe, url: unsubscribe },
        ],
      });
      await mail.send({ to: r.email, ...content, headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }, tags: { kind: 'meeting-announcement' } });
    });
    if (done === 'done') sent++;
  });
  logger.info('Meeting announced', { meetingId: m.id, sent });
});
