import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

/**
 * The published HSDS 3.0.1 schemas, examples and API description
 * (`test/fixtures/hsds-3.0.1`: a copy of the workspace's
 * `../shared/standards/hsds-3.0.1`, kept in the repository so a clone alone
 * runs the conformance tests; a unit test checks the two agree) under the strict profile the specification's own CI uses:
 * `additionalProperties: false` on every object. UUIDs are checked as RFC 9562
 * asks (a version 1–8 digit and the 10xx variant), as strict validators do.
 */
export const HSDS_DIR = fileURLToPath(new URL('../fixtures/hsds-3.0.1/', import.meta.url));
/** The workspace's copy of the standard, beside the repository (absent in a lone clone). */
export const SHARED_HSDS_DIR = fileURLToPath(new URL('../../../shared/standards/hsds-3.0.1/', import.meta.url));

export const readHsds = (file: string): unknown => JSON.parse(readFileSync(`${HSDS_DIR}${file}`, 'utf8'));

/** Every object schema in `node` gets `additionalProperties: false`. */
export function strict<T>(node: T): T {
  if (Array.isArray(node)) return node.map(strict) as T;
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) out[k] = k === 'datapackage_metadata' ? v : strict(v);
  if ((out.type === 'object' || out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  return out as T;
}

export const RFC9562_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

function strictAjv(): Ajv {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('uuid', RFC9562_UUID);
  ajv.addFormat('datetime', true);
  return ajv;
}

const PAGE = {
  type: 'object',
  required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty', 'contents'],
  properties: {
    total_items: { type: 'integer' },
    total_pages: { type: 'integer' },
    page_number: { type: 'integer' },
    size: { type: 'integer' },
    first_page: { type: 'boolean' },
    last_page: { type: 'boolean' },
    empty: { type: 'boolean' },
    contents: { type: 'array' },
  },
  additionalProperties: false,
};

export type HsdsKind =
  | 'root'
  | 'service'
  | 'service_list'
  | 'organization'
  | 'organization_full'
  | 'organization_list'
  | 'service_at_location'
  | 'service_at_location_full'
  | 'service_at_location_list'
  | 'taxonomy'
  | 'taxonomy_term'
  | 'location';

/** Validators for each HSDS record kind, and for a `Page` of each. */
export function hsdsValidators(): { one: (kind: HsdsKind) => ValidateFunction; page: (kind: HsdsKind) => ValidateFunction } {
  const ajv = strictAjv();
  for (const f of readdirSync(HSDS_DIR).filter((n) => n.endsWith('.json') && n !== 'openapi.json')) ajv.addSchema(strict(readHsds(f)) as object, f);
  for (const f of ['service_list', 'organization_list', 'service_at_location_list']) ajv.addSchema(strict(readHsds(`compiled/${f}.json`)) as object, `${f}.json`);
  // The API's item routes answer compiled/organization.json and compiled/service_at_location.json, which
  // the release does not ship: the entity with its services (or its service) nested, as the examples show.
  const nest = (base: string, key: string, items: object) => {
    const s = strict(readHsds(base)) as { properties: Record<string, unknown> };
    return { ...s, properties: { ...s.properties, [key]: items } };
  };
  ajv.addSchema(nest('organization.json', 'services', { type: 'array', items: { $ref: 'service.json' } }), 'organization_full.json');
  ajv.addSchema(nest('service_at_location.json', 'service', { $ref: 'service.json' }), 'service_at_location_full.json');
  const openapi = readHsds('openapi.json') as { paths: Record<string, { get: { responses: { 200: { content: { 'application/json': { schema: object } } } } } }> };
  ajv.addSchema(strict(openapi.paths['/']!.get.responses[200].content['application/json'].schema), 'root.json');
  const ref = (kind: HsdsKind) => ({ $ref: `${kind}.json` });
  const cache = new Map<string, ValidateFunction>();
  const get = (key: string, schema: () => object) => {
    let v = cache.get(key);
    if (!v) cache.set(key, (v = ajv.compile(schema())));
    return v;
  };
  return {
    one: (kind) => get(kind, () => ref(kind)),
    page: (kind) => get(`page:${kind}`, () => ({ ...PAGE, properties: { ...PAGE.properties, contents: { type: 'array', items: ref(kind) } } })),
  };
}

/** ajv's errors as short lines, for an assertion message that says what is wrong. */
export const errorsOf = (v: ValidateFunction) => (v.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && 'additionalProperty' in e.params ? ` (${String(e.params.additionalProperty)})` : ''}`);
