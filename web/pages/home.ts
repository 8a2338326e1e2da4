import { input } from '../fields.js';
import type { Page } from '../layout.js';

export const homePage: Page = {
  path: '',
  title: 'home.title',
  nav: 'home',
  script: 'home',
  clientKeys: [
    'home.networks.loading', 'home.networks.error', 'home.municipalities', 'home.network.languages', 'home.network.submit',
    'enum.language.fi', 'enum.language.sv', 'enum.language.en',
  ],
  render: (ctx) => `
<p class="lead">${ctx.t('home.lead')}</p>
<section aria-labelledby="search-h" class="home-search">
  <h2 id="search-h">${ctx.t('home.search.title')}</h2>
  <form id="home-search" class="search-form" method="get" action="${ctx.href('listings')}" role="search" aria-labelledby="search-h">
    ${input(ctx, { name: 'q', id: 'home-q', label: ctx.t('home.search.label'), hint: ctx.t('home.search.hint'), maxlength: 200 })}
    <p><button type="submit" class="primary">${ctx.t('home.search.button')}</button></p>
  </form>
</section>
<section aria-labelledby="networks-h">
  <h2 id="networks-h">${ctx.t('home.networks')}</h2>
  <ul id="networks" class="cards" aria-busy="true"><li class="muted">${ctx.t('home.networks.loading')}</li></ul>
</section>
<section class="callout" aria-labelledby="submit-h">
  <h2 id="submit-h">${ctx.t('home.submit.title')}</h2>
  <p>${ctx.t('home.submit.text')}</p>
  <p><a class="button" href="${ctx.href('listings/new')}">${ctx.t('home.submit.link')}</a></p>
</section>
<section class="callout" aria-labelledby="subscribe-h">
  <h2 id="subscribe-h">${ctx.t('home.subscribe.title')}</h2>
  <p>${ctx.t('home.subscribe.text')}</p>
  <p><a class="button" href="${ctx.href('subscribe')}">${ctx.t('home.subscribe.link')}</a></p>
</section>`,
};
