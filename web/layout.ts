import { dictionaries, LANGS, type Lang, type MessageKey } from './i18n/index.js';

/** Escapes text for HTML content and attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export const FEEDBACK_EMAIL = 'palaute@verkosto.example.fi';

export interface PageContext {
  lang: Lang;
  /** translated text, already escaped for HTML */
  t(key: MessageKey): string;
  /** link to a page in this language: href('listings/new') → /fi/listings/new/ */
  href(path: string): string;
}

export interface Page {
  /** path under /<lang>/, '' for the language home; no leading or trailing slash */
  path: string;
  title: MessageKey;
  /** client module in web/src (without .ts) */
  script?: string;
  /** dictionary keys the client module needs, embedded as JSON */
  clientKeys?: readonly MessageKey[];
  /** which nav item is current */
  nav?: 'home' | 'submit' | 'coordinator' | 'directory';
  render(ctx: PageContext): string;
}

export function context(lang: Lang): PageContext {
  return {
    lang,
    t: (key) => esc(dictionaries[lang][key]),
    href: (path) => `/${lang}/${path ? `${path}/` : ''}`,
  };
}

const NAV: Array<{ id: NonNullable<Page['nav']>; path: string; key: MessageKey }> = [
  { id: 'home', path: '', key: 'nav.home' },
  { id: 'submit', path: 'listings/new', key: 'nav.submit' },
  { id: 'coordinator', path: 'coordinator', key: 'nav.coordinator' },
];

/** The frame every page shares: skip link, header, language switch, nav, main, footer. */
export function layout(page: Page, lang: Lang): string {
  const ctx = context(lang);
  const dict = dictionaries[lang];
  const title = `${dict[page.title]} – ${dict['site.name']}`;
  const switcher = LANGS.map((l) =>
    l === lang
      ? `<li><span aria-current="true" lang="${l}">${esc(dictionaries[l]['lang.name'])}</span></li>`
      : `<li><a href="/${l}/${page.path ? `${page.path}/` : ''}" hreflang="${l}" lang="${l}">${esc(dictionaries[l]['lang.name'])}</a></li>`,
  ).join('');
  const nav = NAV.map(
    (n) => `<li><a href="${ctx.href(n.path)}"${page.nav === n.id ? ' aria-current="page"' : ''}>${ctx.t(n.key)}</a></li>`,
  ).join('');
  const clientData = page.clientKeys?.length
    ? `<script type="application/json" id="i18n">${JSON.stringify(Object.fromEntries(page.clientKeys.map((k) => [k, dict[k]]))).replace(/</g, '\\u003c')}</script>`
    : '';
  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<link rel="stylesheet" href="/assets/site.css">
${LANGS.map((l) => `<link rel="alternate" hreflang="${l}" href="/${l}/${page.path ? `${page.path}/` : ''}">`).join('\n')}
${clientData}
${page.script ? `<script type="module" src="/assets/${page.script}.js"></script>` : ''}
</head>
<body>
<a class="skip" href="#main">${ctx.t('skip')}</a>
<header class="site-header">
  <div class="wrap header-row">
    <p class="brand"><a href="${ctx.href('')}">${ctx.t('site.name')}</a> <span class="tagline">${ctx.t('site.tagline')}</span></p>
    <nav aria-label="${ctx.t('lang.switch')}" class="lang"><ul>${switcher}</ul></nav>
  </div>
  <nav aria-label="${ctx.t('nav.label')}" class="main-nav"><ul class="wrap">${nav}</ul></nav>
</header>
<main id="main" tabindex="-1" class="wrap">
<h1>${ctx.t(page.title)}</h1>
${page.render(ctx)}
</main>
<footer class="site-footer">
  <div class="wrap">
    <p>${ctx.t('footer.about')}</p>
    <ul>
      <li><a href="${ctx.href('accessibility')}">${ctx.t('footer.accessibility')}</a></li>
      <li><a href="mailto:${FEEDBACK_EMAIL}">${ctx.t('footer.feedback')}</a></li>
    </ul>
  </div>
</footer>
</body>
</html>
`;
}
