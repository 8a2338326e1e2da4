import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { LANGS } from './i18n/index.js';
import { renderPage } from './layout.js';
import { pages } from './pages/index.js';
import { notFoundDocument, rootDocument } from './pages/special.js';

/**
 * Builds the hosted pages into web/dist: every page in every language at
 * /<lang>/<path>/index.html, rendered here so each has its `lang`, its
 * texts and its form before any script runs; the client modules bundled
 * by esbuild (one per page that has behaviour, plus site.js on every page,
 * with shared code split into chunks); the stylesheet and icon; the
 * language chooser at / and the 404 page.
 */
const here = dirname(fileURLToPath(import.meta.url));
export const DIST = join(here, 'dist');
/** Written last, so its age is the build's: the e2e tests rebuild when a source is newer. */
export const BUILD_STAMP = join(DIST, 'index.html');

function write(path: string, html: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, html);
}

/** Builds into `outDir`: web/dist, unless the CDK app names another folder. */
export async function buildSite(outDir = DIST): Promise<{ pages: number; scripts: number }> {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, 'assets'), { recursive: true });
  copyFileSync(join(here, 'site.css'), join(outDir, 'assets/site.css'));
  copyFileSync(join(here, 'icon.svg'), join(outDir, 'assets/icon.svg'));

  const paths = new Set<string>();
  for (const page of pages) {
    if (paths.has(page.path)) throw new Error(`Two pages have the path "${page.path}"`);
    paths.add(page.path);
    for (const lang of LANGS) write(join(outDir, lang, page.path, 'index.html'), renderPage(page, lang));
  }
  write(join(outDir, '404.html'), notFoundDocument());

  const scripts = ['site', ...new Set(pages.flatMap((p) => (p.script ? [p.script] : [])))];
  for (const s of scripts) {
    if (!existsSync(join(here, 'src', `${s}.ts`))) throw new Error(`A page names the script "${s}" but web/src/${s}.ts does not exist`);
  }
  await build({
    entryPoints: scripts.map((s) => join(here, 'src', `${s}.ts`)),
    outdir: join(outDir, 'assets'),
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    sourcemap: true,
    target: ['es2022'],
    logLevel: 'warning',
  });
  write(join(outDir, 'index.html'), rootDocument());
  return { pages: pages.length * LANGS.length, scripts: scripts.length };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = await buildSite();
  console.log(`web/dist: ${out.pages} pages (${pages.length} in ${LANGS.length} languages), ${out.scripts} scripts`);
}
