import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import organizationList from '../functions/listings/hsds-schema/compiled/organization_list.json' with { type: 'json' };
import serviceAtLocationList from '../functions/listings/hsds-schema/compiled/service_at_location_list.json' with { type: 'json' };
import serviceList from '../functions/listings/hsds-schema/compiled/service_list.json' with { type: 'json' };

type Properties = { properties: Record<string, { properties?: Record<string, unknown> }> };
const keysOf = (schema: Properties, nested?: string) => Object.keys(nested ? (schema.properties[nested]!.properties ?? {}) : schema.properties);

/**
 * The field names of HSDS's compiled list schemas, which the HSDS API's list
 * items carry (functions/listings/hsds.ts). Generated so ServeHsds does not
 * bundle the compiled schemas (~30 KB) for five lists of names.
 */
export function renderHsdsListKeys(): string {
  const lists = {
    SERVICE_LIST: keysOf(serviceList as Properties),
    SERVICE_LIST_ORGANIZATION: keysOf(serviceList as Properties, 'organization'),
    ORGANIZATION_LIST: keysOf(organizationList as Properties),
    SAL_LIST: keysOf(serviceAtLocationList as Properties),
    SAL_LIST_LOCATION: keysOf(serviceAtLocationList as Properties, 'location'),
  };
  const lines = [
    '// Generated from hsds-schema/compiled/*_list.json by `npm run hsds:keys` (local/render-hsds-list-keys.ts); do not edit by hand.',
    '// The fields each HSDS 3.0.1 list item may carry: the one-to-one fields of the compiled list schemas.',
    '',
  ];
  for (const [name, keys] of Object.entries(lists)) lines.push(`export const ${name}: ReadonlySet<string> = new Set([${keys.map((k) => `'${k}'`).join(', ')}]);`);
  return lines.join('\n') + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(fileURLToPath(new URL('..', import.meta.url)), 'functions/listings/hsds-list-keys.ts');
  writeFileSync(out, renderHsdsListKeys());
  console.log(`wrote ${out}`);
}
