import { input } from '../fields.js';
import { fi, type MessageKey } from '../i18n/fi.js';
import type { Page } from '../layout.js';
import { meetingsDesk, MEETINGS_DESK_KEYS } from './meetings-desk.js';
import { LISTING_DESK_KEYS } from './listing-keys.js';
import { surveysSection, SURVEY_DESK_KEYS } from './coordinator-surveys.js';
import { mailingSection, MAILING_DESK_KEYS } from './coordinator-mailing.js';

/**
 * The coordinator desk. Each later capability fills its own section; the
 * frame signs in, picks the network and shows one section at a time under a
 * tab bar of links with counts (web/src/desk-tabs.ts). Without the script
 * every section shows, one after another, and the links jump to them.
 */
const TABS = ['listings', 'meetings', 'surveys', 'mailing', 'coordinators', 'audit'] as const;
/** The audit log's sentences, one per action (coord.audit.<Event.Type>), and the words for what they were about. */
const AUDIT_KEYS = (Object.keys(fi) as MessageKey[]).filter((k) => /^coord\.audit\.([A-Z]|kind\.|other$)/.test(k));

export const coordinatorPage: Page = {
  path: 'coordinator',
  title: 'coord.title',
  script: 'coordinator',
  nav: 'coordinator',
  clientKeys: ['coord.loading', 'coord.signedOut', 'coord.signIn', 'coord.empty', 'coord.remove', 'coord.configured', 'coord.remove.confirm', 'coord.remove.yes', 'coord.remove.no', 'coord.remove.done', 'coord.remove.last', 'coord.remove.gone', 'coord.remove.configured', ...AUDIT_KEYS, ...LISTING_DESK_KEYS, ...MEETINGS_DESK_KEYS, ...SURVEY_DESK_KEYS, ...MAILING_DESK_KEYS],
  render: (ctx) => `
<div id="desk-status" class="status" tabindex="-1" hidden></div>
<div id="signed-out" hidden>
  <p>${ctx.t('coord.signedOut')}</p>
  <p><a class="button" href="${ctx.href('coordinator/login')}">${ctx.t('coord.signIn')}</a></p>
</div>
<div id="desk" hidden>
  <div class="desk-bar">
    <p>${ctx.t('coord.signedInAs')} <strong id="who"></strong></p>
    <div class="field inline-field">
      <label for="network-select">${ctx.t('coord.network')}</label>
      <select id="network-select"></select>
    </div>
    <button type="button" id="sign-out" class="secondary">${ctx.t('coord.signOut')}</button>
  </div>
  <nav id="desk-tabs" aria-label="${ctx.t('coord.tabs')}" class="desk-tabs">
    <ul>
${TABS.map((id) => `      <li><a href="#${id}" data-section="${id}">${ctx.t(`coord.tab.${id}`)}<span class="tab-count" data-count-for="${id}" hidden></span></a></li>`).join('\n')}
    </ul>
  </nav>
  <section id="listings" class="desk-section" aria-labelledby="listings-h" tabindex="-1"><h2 id="listings-h">${ctx.t('coord.section.listings')}</h2><div id="listings-body"><p class="muted">${ctx.t('coord.empty')}</p></div></section>
  ${meetingsDesk(ctx)}
  <section id="surveys" class="desk-section" aria-labelledby="surveys-h" tabindex="-1"><h2 id="surveys-h">${ctx.t('coord.section.surveys')}</h2>${surveysSection(ctx)}</section>
  ${mailingSection(ctx)}
  <section id="coordinators" class="desk-section" aria-labelledby="coordinators-h" tabindex="-1">
    <h2 id="coordinators-h">${ctx.t('coord.section.coordinators')}</h2>
    <ul id="coordinator-list" class="plain"></ul>
    <form id="add-coordinator" class="stack narrow" method="post" novalidate>
      ${input(ctx, { name: 'email', label: ctx.t('coord.addCoordinator.email'), required: true, type: 'email', autocomplete: 'off' })}
      <button type="submit" class="secondary">${ctx.t('coord.addCoordinator')}</button>
    </form>
  </section>
  <section id="audit" class="desk-section" aria-labelledby="audit-h" tabindex="-1">
    <h2 id="audit-h">${ctx.t('coord.section.audit')}</h2>
    <div id="audit-body" class="table-wrap"></div>
  </section>
</div>`,
};
