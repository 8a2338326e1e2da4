import type { Page } from '../layout.js';
import { LISTING_VIEW_KEYS } from './listing-keys.js';

/** One published listing: /<lang>/listings/view/?id=… (GET /api/listings/{id}). */
export const viewPage: Page = {
  path: 'listings/view',
  title: 'view.title',
  nav: 'directory',
  script: 'view',
  clientKeys: LISTING_VIEW_KEYS,
  render: (ctx) => `
<p><a href="${ctx.href('listings')}">${ctx.t('view.back')}</a></p>
<div id="view-status" class="status" tabindex="-1" hidden></div>
<p id="view-loading" class="muted">${ctx.t('view.loading')}</p>
<article id="listing" hidden>
  <p id="listing-summary" class="lead"></p>
  <p id="listing-checked" class="muted"></p>
  <div id="listing-description" class="prose"></div>
  <h2>${ctx.t('view.details')}</h2>
  <div id="listing-facts"></div>
  <p id="listing-calendar" class="actions" hidden><a id="listing-ics" class="button" href="#" download>${ctx.t('view.calendar')}</a> <a id="listing-google" href="#">${ctx.t('calendar.google')}</a> <a id="listing-outlook" href="#">${ctx.t('calendar.outlook')}</a></p>
</article>`,
};
