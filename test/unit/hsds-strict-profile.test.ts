import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { errorsOf, HSDS_DIR, hsdsValidators, readHsds, SHARED_HSDS_DIR, type HsdsKind } from '../support/hsds-strict.js';

const VENDORED = fileURLToPath(new URL('../../functions/listings/hsds-schema/', import.meta.url));

const v = hsdsValidators();

describe('the HSDS 3.0.1 strict profile used by the conformance tests', () => {
  it.each<[string, HsdsKind, boolean]>([
    ['base.json', 'root', false],
    ['location.json', 'location', false],
    ['organization_full.json', 'organization_full', false],
    ['organization_list.json', 'organization_list', true],
    ['service_at_location_full.json', 'service_at_location_full', false],
    ['service_at_location_list.json', 'service_at_location_list', true],
    ['service_full.json', 'service', false],
    ['service_list.json', 'service_list', true],
    ['taxonomy.json', 'taxonomy', false],
    ['taxonomy_list.json', 'taxonomy', true],
    ['taxonomy_term.json', 'taxonomy_term', false],
    ['taxonomy_term_list.json', 'taxonomy_term', true],
  ])('accepts the specification example %s', (file, kind, isPage) => {
    const validate = isPage ? v.page(kind) : v.one(kind);
    const ok = validate(readHsds(`examples/${file}`));
    expect(errorsOf(validate), file).toEqual([]);
    expect(ok).toBe(true);
  });

  it('refuses a property the schema does not name, at any depth', () => {
    const service = readHsds('examples/service_full.json') as { phones: Array<Record<string, unknown>> };
    service.phones[0]!.network = 'kemi';
    expect(v.one('service')(service)).toBe(false);
  });

  it('refuses a UUID whose version and variant digits are not RFC 9562', () => {
    const org = readHsds('examples/organization_full.json') as object;
    expect(v.one('organization_full')(org)).toBe(true);
    expect(v.one('organization_full')({ ...org, id: '0193a5f2-7c1e-0b3d-1234-56789abcdef0' })).toBe(false);
  });
});

describe('the HSDS schemas the API is built from', () => {
  const files = [...readdirSync(VENDORED).filter((f) => f.endsWith('.json')), ...readdirSync(`${VENDORED}compiled`).map((f) => `compiled/${f}`)];

  it('are every published component schema and the three list schemas', () => {
    const published = readdirSync(HSDS_DIR).filter((f) => f.endsWith('.json') && f !== 'openapi.json');
    expect(files.filter((f) => !f.startsWith('compiled/')).sort()).toEqual(published.sort());
    expect(files.filter((f) => f.startsWith('compiled/')).sort()).toEqual(['compiled/organization_list.json', 'compiled/service_at_location_list.json', 'compiled/service_list.json']);
  });

  it.each(files)('has %s unchanged from the published release', (file) => {
    expect(JSON.parse(readFileSync(`${VENDORED}${file}`, 'utf8'))).toEqual(readHsds(file));
  });
});

/** Files of a folder and its subfolders, relative to it. */
const tree = (dir: string, sub = ''): string[] =>
  readdirSync(`${dir}${sub}`, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? tree(dir, `${sub}${e.name}/`) : [`${sub}${e.name}`]));

describe.skipIf(!existsSync(SHARED_HSDS_DIR))("the repository's copy of HSDS 3.0.1", () => {
  it("is the workspace's published copy, file for file", () => {
    const ours = tree(HSDS_DIR).sort();
    expect(ours).toEqual(tree(SHARED_HSDS_DIR).sort());
    for (const f of ours) expect(readFileSync(`${HSDS_DIR}${f}`, 'utf8'), f).toBe(readFileSync(`${SHARED_HSDS_DIR}${f}`, 'utf8'));
  });
});
