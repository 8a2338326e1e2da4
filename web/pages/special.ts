import { dictionaries, LANGS, type Lang } from '../i18n/index.js';
import { context, esc, footer, htmlDocument } from '../layout.js';

/**
 * The two files that belong to no language: the site root, which offers the
 * languages (Finnish first and largest, as most visitors want it), and the
 * 404 page the server answers for any missing path, which cannot know the
 * visitor's language and so says it in all three.
 */

const other = (lang: Lang) => LANGS.filter((l) => l !== lang);

export function rootDocument(): string {
  const fi = context('fi');
  const secondary = other('fi')
    .map((l) => `<li><a href="/${l}/" hreflang="${l}" lang="${l}">${esc(dictionaries[l]['lang.name'])}</a></li>`)
    .join('');
  return htmlDocument({
    lang: 'fi',
    title: `${dictionaries.fi['site.name']} – ${dictionaries.fi['site.tagline']}`,
    head: LANGS.map((l) => `<link rel="alternate" hreflang="${l}" href="/${l}/">`).join('\n'),
    body: `<header class="site-header"><div class="wrap header-row"><p class="brand">${fi.t('site.name')}</p></div></header>
<main id="main" class="wrap root">
<h1>${fi.t('site.name')}</h1>
${LANGS.map((l) => `<p class="lead" lang="${l}">${esc(dictionaries[l]['site.tagline'])}</p>`).join('\n')}
<nav aria-label="${fi.t('root.choose')}">
  <p><a class="button large" href="/fi/" hreflang="fi">${fi.t('root.fi')}</a></p>
  <ul class="languages">${secondary}</ul>
</nav>
</main>
${footer(fi)}`,
  });
}

export function notFoundDocument(): string {
  const fi = context('fi');
  const section = (l: Lang, heading: 'h1' | 'h2') => {
    const c = context(l);
    return `<section lang="${l}" aria-labelledby="nf-${l}">
<${heading} id="nf-${l}">${c.t('notFound.title')}</${heading}>
<p>${c.t('notFound.text')} ${c.t('notFound.lead')}</p>
<p><a href="${c.href('')}">${c.t('notFound.home')}</a></p>
</section>`;
  };
  return htmlDocument({
    lang: 'fi',
    title: LANGS.map((l) => dictionaries[l]['notFound.title']).join(' · '),
    body: `<header class="site-header"><div class="wrap header-row"><p class="brand"><a href="/fi/">${fi.t('site.name')}</a></p></div></header>
<main id="main" class="wrap not-found">
${section('fi', 'h1')}
${other('fi').map((l) => section(l, 'h2')).join('\n')}
</main>
${footer(fi)}`,
  });
}
