import { escapeHtml } from '../functions/shared/html.js';
import { SITE } from './config.js';
import { dictionaries, LANGS, type Lang, type MessageKey } from './i18n/index.js';

/** Escapes text for HTML content and attribute values (the emails' escaper). Everything dynamic goes through this. */
export const esc = escapeHtml;

/** Navigation entries a page can mark as current. Add one here when a page joins the main menu. */
export type NavId = 'home' | 'directory' | 'submit' | 'meetings' | 'coordinator';

export interface PageContext {
  lang: Lang;
  /** Translated text, escaped for HTML. */
  t(key: MessageKey): string;
  /** Translated text with `{name}` placeholders filled in; text and values escaped. */
  f(key: MessageKey, values: Record<string, string | number>): string;
  /** Link to a page in this language: href('listings/new') → /fi/listings/new/ */
  href(path: string): string;
  /** An ISO date (yyyy-mm-dd) as people write it in this language. */
  date(iso: string): string;
}

/**
 * A page: one module in web/pages, built once per language. Everything a
 * page shows is rendered here at build time; `script` only adds behaviour.
 */
export interface Page {
  /** Path under /<lang>/ without slashes at either end; '' for the language's home page. */
  path: string;
  /** Dictionary key of the page title (the h1 and the document title). */
  title: MessageKey;
  /** Main menu entry to mark as current. */
  nav?: NavId;
  /** Client module web/src/<script>.ts, bundled to /assets/<script>.js. */
  script?: string;
  /** Texts the client module needs beyond the common form texts (embedded as JSON, read with messages()). */
  clientKeys?: readonly MessageKey[];
  /** The content of <main> after the h1. */
  render(ctx: PageContext): string;
}

/** Texts every client module may need: forms.ts shows errors with them. */
export const COMMON_CLIENT_KEYS: readonly MessageKey[] = [
  'form.errors.title',
  'form.error.prefix',
  'form.error.general',
  'form.error.tooLarge',
  'form.error.rateLimited',
  'picker.search',
  'picker.count',
  'picker.other',
  'picker.none',
];

const LOCALES: Record<Lang, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

export function context(lang: Lang): PageContext {
  const dict = dictionaries[lang];
  return {
    lang,
    t: (key) => esc(dict[key]),
    f: (key, values) => esc(dict[key]).replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? esc(values[name]) : whole)),
    href: (path) => pagePath(lang, path),
    date: (iso) =>
      new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: lang === 'en' ? 'long' : 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
        new Date(`${iso}T00:00:00Z`),
      ),
  };
}

export function pagePath(lang: Lang, path: string): string {
  return `/${lang}/${path ? `${path}/` : ''}`;
}

const NAV: ReadonlyArray<{ id: NavId; path: string; key: MessageKey }> = [
  { id: 'home', path: '', key: 'nav.home' },
  { id: 'directory', path: 'listings', key: 'nav.directory' },
  { id: 'submit', path: 'listings/new', key: 'nav.submit' },
  { id: 'meetings', path: 'meetings', key: 'nav.meetings' },
  { id: 'coordinator', path: 'coordinator', key: 'nav.coordinator' },
];

interface DocumentParts {
  lang: Lang;
  title: string;
  body: string;
  /** extra <head> lines, already HTML */
  head?: string;
  scripts?: readonly string[];
}

/** The bare HTML document every built file shares: charset, viewport, stylesheet, icon, scripts. */
export function htmlDocument(d: DocumentParts): string {
  const scripts = (d.scripts ?? []).map((s) => `<script type="module" src="/assets/${esc(s)}.js"></script>`).join('\n');
  return `<!DOCTYPE html>
<html lang="${d.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(d.title)}</title>
<link rel="icon" href="/assets/icon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/assets/site.css">
${d.head ?? ''}
${scripts}
</head>
<body>
${d.body}
</body>
</html>
`;
}

/**
 * Links to the same page in the other languages. On a phone only the short
 * code shows (FI · SV · EN) and the full name stays for screen readers, so the
 * accessible name still begins with what is seen.
 */
function languageSwitch(page: Page, lang: Lang): string {
  const items = LANGS.map((l) => {
    const label = `<span class="lang-code">${l.toUpperCase()}</span><span class="lang-full">${esc(dictionaries[l]['lang.name'])}</span>`;
    return l === lang
      ? `<li><span class="current" aria-current="true" lang="${l}">${label}</span></li>`
      : `<li><a href="${pagePath(l, page.path)}" hreflang="${l}" lang="${l}" data-keep-location>${label}</a></li>`;
  }).join('');
  return `<nav aria-label="${esc(dictionaries[lang]['lang.switch'])}" class="lang-switch"><ul>${items}</ul></nav>`;
}

/**
 * A line next to a form that takes personal data: what happens to it, and the
 * privacy notice (GDPR art. 13 asks for the information where data is collected).
 */
export function privacyNote(ctx: PageContext, what: MessageKey): string {
  return `<p class="privacy-note">${ctx.t(what)} <a href="${ctx.href('privacy')}">${ctx.t('privacy.note.link')}</a></p>`;
}

/** The frame every page shares: skip link, header with language switch, main menu, main, footer. */
export function renderPage(page: Page, lang: Lang): string {
  const ctx = context(lang);
  const dict = dictionaries[lang];
  const keys = [...new Set([...(page.script ? COMMON_CLIENT_KEYS : []), ...(page.clientKeys ?? [])])];
  // A JSON data block is not executed, so the CSP's script-src does not apply to it.
  const clientData = keys.length
    ? `<script type="application/json" id="i18n">${JSON.stringify(Object.fromEntries(keys.map((k) => [k, dict[k]]))).replace(/</g, '\\u003c')}</script>`
    : '';
  const alternates = LANGS.map((l) => `<link rel="alternate" hreflang="${l}" href="${pagePath(l, page.path)}">`).join('\n');
  const nav = NAV.map((n) => `<li><a href="${ctx.href(n.path)}"${page.nav === n.id ? ' aria-current="page"' : ''}>${ctx.t(n.key)}</a></li>`).join('');
  const body = `<a class="skip-link" href="#main">${ctx.t('skip')}</a>
<header class="site-header">
  <div class="wrap header-row">
    <p class="brand"><a href="${ctx.href('')}">${ctx.t('site.name')}</a><span class="tagline">${ctx.t('site.tagline')}</span></p>
    <div class="header-tools">
      ${languageSwitch(page, lang)}
      <button type="button" class="menu-button" aria-expanded="false" aria-controls="main-nav" hidden>${ctx.t('nav.menu')}</button>
    </div>
  </div>
  <nav id="main-nav" aria-label="${ctx.t('nav.label')}" class="main-nav"><div class="wrap"><ul>${nav}</ul></div></nav>
</header>
<main id="main" tabindex="-1" class="wrap">
<h1>${ctx.t(page.title)}</h1>
${page.render(ctx)}
</main>
${footer(ctx)}`;
  return htmlDocument({
    lang,
    title: `${dict[page.title]} – ${dict['site.name']}`,
    head: `${alternates}\n${clientData}`,
    scripts: ['site', ...(page.script ? [page.script] : [])],
    body,
  });
}

export function footer(ctx: PageContext): string {
  return `<footer class="site-footer">
  <div class="wrap">
    <p>${ctx.t('footer.about')}</p>
    <ul>
      <li><a href="${ctx.href('accessibility')}">${ctx.t('footer.accessibility')}</a></li>
      <li><a href="${ctx.href('privacy')}">${ctx.t('footer.privacy')}</a></li>
      <li><a href="mailto:${esc(SITE.feedbackEmail)}">${ctx.t('footer.feedback')}</a></li>
      <li><a href="${ctx.href('subscribe')}">${ctx.t('footer.subscribe')}</a></li>
    </ul>
  </div>
</footer>`;
}
