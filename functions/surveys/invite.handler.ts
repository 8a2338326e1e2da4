import { mailText, renderEmail } from '../shared/email.js';
import { clock, mailer, onceStore, siteUrl } from '../listings/runtime.js';
import { eventHandler } from '../shared/consumer.js';
import { pick } from '../shared/i18n.js';
import { once } from '../shared/once.js';
import { logger } from '../shared/powertools.js';
import { loadTokens } from '../shared/token-keys.js';
import { subscriptionStore } from '../subscriptions/runtime.js';
import { forEachSubscriber } from '../subscriptions/store.js';
import { surveyStore } from './runtime.js';
import { surveyLink } from './surveys.js';

const store = surveyStore();
const subscriptions = subscriptionStore();
const mail = mailer();
const onceDone = onceStore();
const tokens = await loadTokens();
const site = siteUrl();

const T = {
  fi: { heading: 'Kysely: kerro mielipiteesi', action: 'Vastaa kyselyyn', note: 'Linkki on henkilökohtainen ja toimii kerran.' },
  sv: { heading: 'Enkät: berätta vad du tycker', action: 'Svara på enkäten', note: 'Länken är personlig och fungerar en gång.' },
  en: { heading: 'Survey: tell us what you think', action: 'Answer the survey', note: 'The link is personal and works once.' },
} as const;

/** Survey.Opened with invite 'email': each subscriber who chose surveys gets a personal, single-use link. */
export const handler = eventHandler(['Survey.Opened'], async (d, meta) => {
  if (d.invite !== 'email') return;
  const s = await store.get(d.surveyId);
  if (!s) throw new Error(`Survey ${d.surveyId} not found`);
  let sent = 0;
  await forEachSubscriber(subscriptions, s.network, 'surveys', async (r) => {
    const t = T[r.lang];
    const done = await once(onceDone, `mail#${meta.id}#${r.id}`, async () => {
      const link = await surveyLink(s, r.id, r.lang, { tokens, siteUrl: site, clock }, r.email);
      const content = renderEmail({ lang: r.lang, subject: `${t.heading}: ${pick(s.title, r.lang)}`, preheader: pick(s.intro, r.lang), title: mailText(s.title, r.lang), blocks: [{ heading: t.heading, paragraphs: [mailText(s.intro, r.lang), t.note], action: { label: t.action, url: link } }], footer: ['Verkosto'] });
      await mail.send({ to: r.email, ...content, tags: { kind: 'survey-invite' } });
    });
    if (done === 'done') sent++;
  });
  logger.info('Survey invites', { surveyId: s.id, sent });
});
