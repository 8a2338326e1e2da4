import type { MessageKey } from '../i18n/index.js';
import type { PageContext } from '../layout.js';

/**
 * The coordinator desk's mailing section: subscriber counts (no
 * addresses), the next digest's preview as the reader gets it, "send a test
 * to me", then "send to everyone" with a confirmation step, and the
 * sending history. Behaviour: web/src/coordinator-mailing.ts.
 */
export const MAILING_DESK_KEYS: readonly MessageKey[] = [
  'coord.mail.total',
  'coord.mail.byLanguage',
  'coord.mail.byFrequency',
  'coord.mail.byKind',
  'coord.mail.subject',
  'coord.mail.items',
  'coord.mail.since',
  'coord.mail.text',
  'coord.mail.frame',
  'coord.mail.testSent',
  'coord.mail.queued',
  'coord.mail.queuedText',
  'coord.mail.h.date',
  'coord.mail.h.trigger',
  'coord.mail.h.status',
  'coord.mail.h.recipients',
  'coord.mail.h.sent',
  'coord.mail.h.skipped',
  'coord.mail.h.failed',
  'coord.mail.trigger.schedule',
  'coord.mail.trigger.coordinator',
  'coord.mail.status.building',
  'coord.mail.status.sending',
  'coord.mail.status.sent',
  'coord.mail.noHistory',
  'enum.uiLang.fi',
  'enum.uiLang.sv',
  'enum.uiLang.en',
  'enum.frequency.weekly',
  'enum.frequency.monthly',
  'enum.digestKind.listings',
  'enum.digestKind.meetings',
  'enum.digestKind.surveys',
  'digest.loadError',
];

export function mailingSection(ctx: PageContext): string {
  return `<section id="mailing" class="desk-section" aria-labelledby="mailing-h" tabindex="-1">
  <h2 id="mailing-h">${ctx.t('coord.section.mailing')}</h2>
  <div id="mailing-status" class="status" tabindex="-1" hidden></div>
  <h3 id="mailing-summary-h">${ctx.t('coord.mail.summary')}</h3>
  <div id="mailing-summary" aria-labelledby="mailing-summary-h"><p class="muted">${ctx.t('coord.loading')}</p></div>
  <h3 id="mailing-preview-h">${ctx.t('coord.mail.preview')}</h3>
  <div id="mailing-preview"><p class="muted">${ctx.t('coord.loading')}</p></div>
  <p id="digest-send-row" class="actions"><button type="button" id="digest-test" class="secondary">${ctx.t('coord.mail.test')}</button><button type="button" id="digest-send" class="primary">${ctx.t('coord.mail.send')}</button></p>
  <div id="digest-confirm" class="callout" role="group" aria-labelledby="digest-confirm-text" hidden>
    <p id="digest-confirm-text">${ctx.t('coord.mail.confirm')}</p>
    <p class="actions"><button type="button" id="digest-send-yes" class="primary">${ctx.t('coord.mail.confirmYes')}</button><button type="button" id="digest-send-no" class="secondary">${ctx.t('coord.mail.cancel')}</button></p>
  </div>
  <h3 id="mailing-history-h">${ctx.t('coord.mail.history')}</h3>
  <div id="mailing-history" class="table-wrap"></div>
  <p class="actions"><button type="button" id="digest-refresh" class="secondary">${ctx.t('coord.mail.refresh')}</button><a id="mailing-archive" href="${ctx.href('digests')}">${ctx.t('coord.mail.archive')}</a></p>
</section>`;
}
