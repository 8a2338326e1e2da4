import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hsdsOpenApi } from '../functions/listings/hsds-openapi.js';
import { SITE_URL_MARK } from '../functions/listings/hsds-openapi-mark.js';

/**
 * The HSDS API's OpenAPI document as ServeHsdsOpenApi serves it, site URL
 * left as a mark. Generated so the function neither bundles the HSDS schema
 * files and zod's JSON Schema conversion nor runs them at every cold start
 * (issue 16): it serves a string and puts its site URL in on first request.
 */
export function renderHsdsOpenApi(): string {
  return [
    '// Generated from hsds-openapi.ts (the HSDS schema files and query schemas) by `npm run hsds:openapi`',
    '// (local/render-hsds-openapi.ts); do not edit by hand.',
    '',
    `export const HSDS_OPENAPI_JSON: string = ${JSON.stringify(JSON.stringify(hsdsOpenApi(SITE_URL_MARK)))};`,
    '',
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(fileURLToPath(new URL('..', import.meta.url)), 'functions/listings/hsds-openapi-document.ts');
  writeFileSync(out, renderHsdsOpenApi());
  console.log(`wrote ${out}`);
}
