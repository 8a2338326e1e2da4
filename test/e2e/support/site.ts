import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUILD_STAMP, buildSite } from '../../../web/build.js';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
/** What the built pages are made of (the listing form takes its choices from its schema, the turn form its limits from the meetings schema). */
const SOURCES = [join(ROOT, 'web'), join(ROOT, 'functions/listings/schema.ts'), join(ROOT, 'functions/meetings/schema.ts')];

function newest(path: string): number {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === 'dist' || entry === 'node_modules' || entry.endsWith('.md')) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

/**
 * `npm test` builds the pages first; `npm run test:e2e` alone may find
 * web/dist missing or older than its sources, and would test stale pages.
 */
export async function ensureSiteBuilt(): Promise<void> {
  let built = 0;
  try {
    built = statSync(BUILD_STAMP).mtimeMs;
  } catch {
    built = 0;
  }
  if (built >= Math.max(...SOURCES.map(newest))) return;
  const out = await buildSite();
  console.log(`Built web/dist for the browser tests (${out.pages} pages): it was missing or older than web/.`);
}
