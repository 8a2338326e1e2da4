import type { MessageKey } from '../i18n/index.js';
import type { Page } from '../layout.js';

/**
 * The public digest archive (/<lang>/digests/?network=…) and "view in
 * browser" (/<lang>/digests/view/?network=…&id=…). The API also returns
 * the email's HTML, but the page shows the items as its own content:
 * headings, lists and links a screen reader can walk, no inline styles.
 */

/** Texts that name the sections and facts of a digest's items (also the coordinator desk's preview). */
export const DIGEST_ITEM_KEYS: readonly MessageKey[] = ['digest.kind.listing', 'digest.kind.meeting', 'digest.kind.survey', 'digest.kind.result', 'digest.by', 'digest.when', 'digest.turns'];

export const digestArchivePage: Page = {
  path: 'digests',
  title: 'digest.archive.title',
  script: 'digests',
  clientKeys: ['digest.archive.choose', 'digest.archive.of', 'digest.archive.empty', 'digest.archive.items', 'digest.loadError', 'digest.notFound'],
  render: (ctx) => `
<p class="lead">${ctx.t('digest.archive.lead')}</p>
<div id="form-status" class="status" tabindex="-1" hidden></div>
<section aria-labelledby="archive-h">
  <h2 id="archive-h">${ctx.t('digest.archive.choose')}</h2>
  <div id="archive" aria-busy="true"><p class="muted">${ctx.t('digest.loading')}</p></div>
</section>
<p><a href="${ctx.href('subscribe')}">${ctx.t('home.subscribe.link')}</a></p>`,
};

export const digestViewPage: Page = {
  path: 'digests/view',
  title: 'digest.view.title',
  script: 'digest-view',
  clientKeys: [...DIGEST_ITEM_KEYS, 'digest.view.sent', 'digest.view.back', 'digest.view.none', 'digest.loadError', 'digest.notFound', 'site.name'],
  render: (ctx) => `
<p class="muted" id="digest-meta">${ctx.t('digest.loading')}</p>
<div id="form-status" class="status" tabindex="-1" hidden></div>
<div id="digest"></div>
<p><a id="digest-back" href="${ctx.href('digests')}">${ctx.t('digest.view.back')}</a></p>
<p><a href="${ctx.href('subscribe')}">${ctx.t('home.subscribe.link')}</a></p>`,
};
