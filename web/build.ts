import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { dictionaries, LANGS } from './i18n/index.js';
import { context, esc, layout, type Page } from './layout.js';
import { pages } from './pages/index.js';

/**
 * Builds the hosted pages into web/dist: every page in every language at
 * /<lang>/<path>/index.html (rendered here, so each has the right `lang`
 * and works without waiting for scripts), the client modules bundled by
 * esbuild, one stylesheet, a language chooser at / and a 404 page.
 */
const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, 'dist');

function write(path: string, html: string) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, html);
}

export async function buildSite(): Promise<{ pages: number; scripts: number }> {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(join(dist, 'assets'), { recursive: true });
  cpSync(join(here, 'site.css'), join(dist, 'assets/site.css'));

  let count = 0;
  for (const page of pages) {
    for (const lang of LANGS) {
      write(join(dist, lang, page.path, 'index.html'), layout(page, lang));
      count++;
    }
  }

  const notFound: Page = {
    path: '',
    title: 'notFound.title',
    render: (ctx) => `<p>${ctx.t('notFound.text')}</p><p><a href="${ctx.href('')}">${ctx.t('notFound.home')}</a></p>`,
  };
  write(join(dist, '404.html'), layout(notFound, 'fi'));

  const chooser = LANGS.map((l) => `<li><a href="/${l}/" hreflang="${l}" lang="${l}">${esc(dictionaries[l]['lang.name'])}</a></li>`).join('');
  const fi = context('fi');
  write(
    join(dist, 'index.html'),
    `<!DOCTYPE html>
<html lang="fi">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${fi.t('site.name')}</title><link rel="stylesheet" href="/assets/site.css"></head>
<body><main id="main" class="wrap root">
<h1>${fi.t('site.name')}</h1>
<p class="lead">${fi.t('site.tagline')}</p>
<nav aria-label="${fi.t('root.choose')} / ${esc(dictionaries.sv['root.choose'])} / ${esc(dictionaries.en['root.choose'])}"><ul class="languages">${chooser}</ul></nav>
</main></body></html>
`,
  );

  const entries = readdirSync(join(here, 'src')).filter((f) => f.endsWith('.ts') && f !== 'forms.ts');
  await build({
    entryPoints: entries.map((f) => join(here, 'src', f)),
    outdir: join(dist, 'assets'),
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    sourcemap: true,
    target: ['es2022'],
    logLevel: 'warning',
  });
  return { pages: count, scripts: entries.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await buildSite();
  console.log(`web/dist: ${out.pages} pages in ${LANGS.length} languages, ${out.scripts} scripts`);
}
