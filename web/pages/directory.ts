import { LISTING_KINDS, SERVED_LANGUAGES, TARGET_GROUPS, THEMES } from '../../functions/listings/schema.js';
import { enumOptions, input, select } from '../fields.js';
import type { Page, PageContext } from '../layout.js';
import { LISTING_VIEW_KEYS } from './listing-keys.js';

const any = (ctx: PageContext): [string, string] => ['', ctx.t('dir.any')];

/**
 * The public directory: a search form whose filters live in the URL query
 * (a search can be linked and bookmarked), results from GET /api/listings.
 * The form is a GET form, so even without its script it searches by URL.
 * On a phone the six filters fold behind a "Rajaa (n)" button (site.css,
 * src/directory.ts), so the first result is on the first screen; without the
 * script they simply stay open.
 */
export const directoryPage: Page = {
  path: 'listings',
  title: 'dir.title',
  nav: 'directory',
  script: 'directory',
  clientKeys: [...LISTING_VIEW_KEYS, 'home.networks.error', 'dir.filters', 'dir.filters.n'],
  render: (ctx) => `
<p class="lead">${ctx.t('dir.lead')}</p>
<form id="search-form" class="search-form" method="get" role="search" aria-label="${ctx.t('dir.title')}">
  <div id="network-field" hidden>${select(ctx, { name: 'network', label: ctx.t('dir.network'), options: [] })}</div>
  ${input(ctx, { name: 'q', label: ctx.t('dir.q'), maxlength: 200 })}
  <div class="search-actions">
    <button type="button" id="filter-toggle" class="secondary filter-toggle" aria-expanded="false" aria-controls="filter-panel" hidden>${ctx.t('dir.filters')}</button>
    <button type="submit" class="primary">${ctx.t('dir.search')}</button>
  </div>
  <div id="filter-panel" class="filter-panel">
  <div class="filters">
    ${select(ctx, { name: 'theme', label: ctx.t('dir.theme'), options: [any(ctx), ...enumOptions(ctx, 'theme', THEMES)] })}
    ${select(ctx, { name: 'targetGroup', label: ctx.t('dir.targetGroup'), options: [any(ctx), ...enumOptions(ctx, 'targetGroup', TARGET_GROUPS)] })}
    ${select(ctx, { name: 'language', label: ctx.t('dir.language'), options: [any(ctx), ...enumOptions(ctx, 'language', SERVED_LANGUAGES)] })}
    ${select(ctx, { name: 'kind', label: ctx.t('submit.kind'), options: [any(ctx), ...enumOptions(ctx, 'kind', LISTING_KINDS)] })}
    ${select(ctx, { name: 'municipality', label: ctx.t('dir.municipality'), options: [any(ctx)] })}
  </div>
  <div class="inline-choices"><div class="choice-list">
    <div class="choice"><input type="checkbox" id="f-online" name="online" value="true"><label for="f-online">${ctx.t('dir.online')}</label></div>
    <div class="choice"><input type="checkbox" id="f-free" name="free" value="true"><label for="f-free">${ctx.t('dir.free')}</label></div>
  </div></div>
  </div>
</form>
<section aria-labelledby="results-h" class="results">
  <h2 id="results-h">${ctx.t('dir.resultsTitle')}</h2>
  <p id="results-count" role="status" aria-live="polite" aria-atomic="true"></p>
  <p id="did-you-mean" hidden>${ctx.t('dir.didYouMean')} <a id="did-you-mean-link" href="#"></a></p>
  <p id="some-words" class="muted" hidden>${ctx.t('dir.someWords')}</p>
  <ul id="relax" class="relax" hidden></ul>
  <ul id="results" class="cards results-list"></ul>
  <p><button type="button" id="more" class="secondary" hidden>${ctx.t('dir.more')}</button></p>
</section>`,
};
