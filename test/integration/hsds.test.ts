import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../lib/config.js';
import { functions } from '../../lib/topology.js';
import { ulidToUuid } from '../../functions/listings/hsds.js';
import { aListing } from '../fixtures/listings.js';
import { signIn } from '../support/coordinator.js';
import { errorsOf, hsdsValidators, RFC9562_UUID, type HsdsKind } from '../support/hsds-strict.js';
import { approve, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const strict = hsdsValidators();
const COORDINATOR = 'koordinaattori@kemi.example.fi';

interface Page<T> {
  total_items: number;
  total_pages: number;
  page_number: number;
  size: number;
  first_page: boolean;
  last_page: boolean;
  empty: boolean;
  contents: T[];
}
interface Term {
  id: string;
  code: string;
  name: string;
  taxonomy_id: string;
  language: string;
}
interface Service {
  id: string;
  organization_id: string;
  name: string;
  status: string;
  fees_description: string;
  application_process?: string;
  last_modified: string;
  organization: { id: string; name: string; organization_identifiers?: Array<{ identifier: string; identifier_scheme: string }> };
  phones: Array<{ number: string }>;
  service_at_locations: Array<{ id: string; location: { location_type: string; addresses?: Array<Record<string, string>> } }>;
  schedules: Array<Record<string, unknown>>;
  attributes: Array<{ taxonomy_term: Term }>;
}

describe('the Open Referral HSDS 3.0.1 API', () => {
  let stack: TestStack;
  const ids: Record<'cafe' | 'carers' | 'tornio' | 'pending', string> = { cafe: '', carers: '', tornio: '', pending: '' };

  beforeAll(async () => {
    const config = loadConfig();
    const kemi = config.networks[0]!;
    stack = await startTestStack({
      config: { ...config, networks: [kemi, { ...kemi, id: 'tornio-sosiaalityo', name: { fi: 'Tornion sosiaalityön verkosto', sv: 'Torneå socialarbetets nätverk', en: 'Tornio social work network' }, municipalities: ['Tornio'] }] },
    });
    const coordinator = await signIn(stack, COORDINATOR);
    const publish = async (l: ReturnType<typeof aListing>) => {
      const id = await submit(stack, l);
      await approve(coordinator, stack, id);
      return id;
    };
    ids.cafe = await publish(
      aListing({
        title: { fi: 'Perhekahvila' },
        contact: { name: 'Maija Meikäläinen', email: 'maija@perhepalvelut.example.fi', phone: '040 123 4567' },
        channels: [
          { type: 'place', address: 'Keskuspuistokatu 8', postcode: '94100', municipality: 'Kemi' },
          { type: 'phone', phone: '040-123 4567' },
          { type: 'online', url: 'https://teams.example.fi/kahvila' },
        ],
        cost: { free: false, note: '2 € / perhe' },
        registration: { required: true, url: 'https://ilmo.example.fi/kahvila' },
      }),
    );
    ids.carers = await publish(
      aListing({ title: { fi: 'Omaishoitajien ryhmä' }, organisation: { name: 'Omaiset ry', kind: 'association', businessId: '1234567-1' }, themes: ['carers'], schedule: { type: 'none' } }),
    );
    ids.tornio = await publish(aListing({ network: 'tornio-sosiaalityo', title: { fi: 'Sosiaalityön neuvonta' }, organisation: { name: 'Tornion kaupunki', kind: 'municipal' }, schedule: { type: 'none' } }));
    ids.pending = await submit(stack, aListing({ title: { fi: 'Odottaa vielä' } }));
  });
  afterAll(async () => stack?.close());

  const get = async <T>(path: string) => {
    const res = await stack.api(`/api/hsds${path}`);
    expect(res.status, `${path}: ${res.status}`).toBe(200);
    return (await res.json()) as T;
  };
  const conforms = (kind: HsdsKind, body: unknown, isPage = true) => {
    const v = isPage ? strict.page(kind) : strict.one(kind);
    const ok = v(body);
    expect(errorsOf(v)).toEqual([]);
    expect(ok).toBe(true);
  };

  it('describes itself at its root, pointing at its own OpenAPI document', async () => {
    const body = await get<{ version: string; openapi_url: string }>('');
    conforms('root', body, false);
    expect(body).toEqual({ version: '3.0.1', openapi_url: `${stack.urls.site}/api/hsds/openapi.json` });
  });

  it('answers every route within the strict profile of the published schemas', async () => {
    const services = await get<Page<Service>>('/services');
    const full = await get<Page<Service>>('/services?full=true');
    const cafe = full.contents.find((s) => s.name === 'Perhekahvila')!;
    const carers = full.contents.find((s) => s.name === 'Omaishoitajien ryhmä')!;
    const terms = await get<Page<Term>>('/taxonomy_terms?per_page=100');
    const taxonomies = await get<Page<{ id: string }>>('/taxonomies');
    const sals = await get<Page<{ id: string }>>('/service_at_locations');

    conforms('service_list', services);
    conforms('service', full);
    conforms('service', await get(`/services/${cafe.id}`), false);
    conforms('organization_list', await get('/organizations'));
    conforms('organization_full', await get('/organizations?full=true'));
    conforms('organization_full', await get('/organizations?full_service=true'));
    conforms('organization_full', await get(`/organizations/${carers.organization_id}`), false);
    conforms('organization_full', await get(`/organizations/${carers.organization_id}?full_service=true`), false);
    conforms('service_at_location_list', sals);
    conforms('service_at_location_full', await get('/service_at_locations?full=true'));
    conforms('service_at_location_full', await get(`/service_at_locations/${cafe.service_at_locations[0]!.id}`), false);
    conforms('taxonomy', taxonomies);
    conforms('taxonomy', await get(`/taxonomies/${taxonomies.contents[0]!.id}`), false);
    conforms('taxonomy_term', terms);
    conforms('taxonomy_term', await get(`/taxonomy_terms/${terms.contents[0]!.id}`), false);
    expect(sals.total_items).toBe(4); // the café's place and online channel (not its phone), one place each for the others
  });

  it('answers across every network without `network`, each record naming its network', async () => {
    const all = await get<Page<Service>>('/services?full=true');
    const kemi = await get<Page<Service>>('/services?network=kemi-perhekeskus');
    const networkOf = (s: Service) => s.attributes.find((a) => a.taxonomy_term.taxonomy_id === networks.id)?.taxonomy_term.code;
    const networks = (await get<Page<{ id: string; name: string }>>('/taxonomies')).contents.find((t) => t.name === 'Verkosto: verkostot')!;

    expect(all.contents.map((s) => [s.name, networkOf(s)]).sort()).toEqual([
      ['Omaishoitajien ryhmä', 'kemi-perhekeskus'],
      ['Perhekahvila', 'kemi-perhekeskus'],
      ['Sosiaalityön neuvonta', 'tornio-sosiaalityo'],
    ]);
    expect(kemi.contents.map((s) => s.name).sort()).toEqual(['Omaishoitajien ryhmä', 'Perhekahvila']);
    const tornioTerm = all.contents.flatMap((s) => s.attributes).find((a) => a.taxonomy_term.code === 'tornio-sosiaalityo')!.taxonomy_term;
    expect((await get<Page<Service>>(`/services?taxonomy_term_id=${tornioTerm.id}`)).contents.map((s) => s.name)).toEqual(['Sosiaalityön neuvonta']);
  });

  it('gives services RFC 9562 UUIDs that open by themselves, by the listing id and by the earlier UUID form', async () => {
    const { contents } = await get<Page<Service>>('/services');
    const cafe = contents.find((s) => s.name === 'Perhekahvila')!;
    const earlierForm = (() => {
      const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
      const hex = [...ids.cafe].reduce((n, ch) => n * 32n + BigInt(CROCKFORD.indexOf(ch)), 0n).toString(16).padStart(32, '0');
      return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    })();

    for (const s of contents) expect(s.id).toMatch(RFC9562_UUID);
    expect(cafe.id).toBe(ulidToUuid(ids.cafe));
    expect(cafe.id[14]).toBe('8');
    for (const id of [cafe.id, ids.cafe, ids.cafe.toLowerCase(), earlierForm]) expect((await get<Service>(`/services/${id}`)).id).toBe(cafe.id);
    expect((await stack.api(`/api/hsds/services/${ids.pending}`)).status).toBe(404);
  });

  it('keeps its data clean: one entry per phone number, Finnish texts in Finnish records, named terms, the Y-tunnus scheme', async () => {
    const cafe = (await get<Page<Service>>('/services?full=true')).contents.find((s) => s.name === 'Perhekahvila')!;
    const carers = (await get<Page<Service>>('/services?full=true')).contents.find((s) => s.name === 'Omaishoitajien ryhmä')!;
    const svTerms = await get<Page<Term>>('/taxonomy_terms?per_page=100&lang=sv');

    expect(cafe.phones.map((p) => p.number)).toEqual(['040 123 4567']);
    expect(cafe.fees_description).toBe('Maksullinen. 2 € / perhe');
    expect(cafe.application_process).toBe('Ilmoittautuminen vaaditaan. https://ilmo.example.fi/kahvila');
    expect(carers.attributes.find((a) => a.taxonomy_term.code === 'carers')?.taxonomy_term).toMatchObject({ name: 'Omaishoito', language: 'fi' });
    expect(svTerms.contents.find((t) => t.code === 'carers' && t.name !== 'Omaishoitajat')).toMatchObject({ name: 'Närståendevård', language: 'sv' });
    for (const t of svTerms.contents) expect(t.taxonomy_id).toMatch(RFC9562_UUID);
    expect(carers.organization.organization_identifiers).toEqual([expect.objectContaining({ identifier: '1234567-1', identifier_scheme: 'FI-PRO', identifier_type: 'Y-tunnus' })]);
  });

  it('filters services by taxonomy, organisation, modification date or time, and search', async () => {
    const taxonomies = await get<Page<{ id: string; name: string }>>('/taxonomies');
    const themes = taxonomies.contents.find((t) => t.name === 'Verkosto: aiheet')!;
    const carersTerm = (await get<Page<Term>>(`/taxonomy_terms?taxonomy_id=${themes.id}&search=omaishoito`)).contents[0]!;
    const omaiset = (await get<Page<{ id: string; name: string }>>('/organizations?search=omaiset')).contents[0]!;
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.parse(today) + 2 * 86_400_000).toISOString().slice(0, 10);
    const names = async (q: string) => (await get<Page<Service>>(`/services?${q}`)).contents.map((s) => s.name).sort();

    expect(await names(`taxonomy_term_id=${carersTerm.id}`)).toEqual(['Omaishoitajien ryhmä']);
    expect((await names(`taxonomy_id=${themes.id}`)).length).toBe(3);
    expect(await names(`organization_id=${omaiset.id}`)).toEqual(['Omaishoitajien ryhmä']);
    const all = (await get<Page<Service>>('/services')).contents;
    for (const { last_modified: at } of all) {
      expect(await names(`modified_after=${encodeURIComponent(at)}`)).toEqual(all.filter((s) => Date.parse(s.last_modified) >= Date.parse(at)).map((s) => s.name).sort());
    }
    const latest = Math.max(...all.map((s) => Date.parse(s.last_modified)));
    expect(await names(`modified_after=${encodeURIComponent(new Date(latest + 1).toISOString())}`)).toEqual([]);
    expect((await names(`modified_after=${today}`)).length).toBe(3);
    expect(await names(`modified_after=${tomorrow}`)).toEqual([]);
    expect(await names('search=perhekahvila')).toEqual(['Perhekahvila']);
  });

  it('gives every service as id and modified_date with minimal=true, and every record a line with format=ndjson', async () => {
    const minimal = await get<Array<{ id: string; modified_date: string }>>('/services?minimal=true&per_page=1');
    const res = await stack.api('/api/hsds/services?format=ndjson&per_page=1');
    const lines = (await res.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as unknown);

    expect(minimal).toHaveLength(3);
    for (const m of minimal) expect(Object.keys(m).sort()).toEqual(['id', 'modified_date']);
    expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(strict.one('service_list')(line)).toBe(true);
  });

  it('pages with page and per_page', async () => {
    const body = await get<Page<Service>>('/services?network=kemi-perhekeskus&per_page=1&page=2');
    expect(body).toMatchObject({ total_items: 2, total_pages: 2, page_number: 2, size: 1, first_page: false, last_page: true });
  });

  it.each([
    ['an unknown network', '/services?network=oulu', 'network'],
    ['a page size over 100', '/services?per_page=1000', 'per_page'],
    ['a page that is not a number', '/organizations?page=two', 'page'],
    ['a malformed modified_after', '/services?modified_after=yesterday', 'modified_after'],
    ['a taxonomy term id that is not a UUID', '/services?taxonomy_term_id=carers', 'taxonomy_term_id'],
    ['full that is not true or false', '/service_at_locations?full=yes', 'full'],
    ['an unknown format', '/taxonomies?format=xml', 'format'],
  ])('answers a list request with %s with 400 naming the parameter', async (_name, path, field) => {
    const res = await stack.api(`/api/hsds${path}`);
    expect(res.status).toBe(400);
    expect(Object.keys(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields)).toEqual([field]);
  });

  it.each(['/organizations/8f2e6a3c-1d4b-5e7f-9a0b-1c2d3e4f5a6b', '/service_at_locations/8f2e6a3c-1d4b-5e7f-9a0b-1c2d3e4f5a6b', '/taxonomies/x', '/taxonomy_terms/x'])('answers %s with 404', async (path) => {
    expect((await stack.api(`/api/hsds${path}`)).status).toBe(404);
  });

  describe('its OpenAPI document', () => {
    interface Doc {
      servers: Array<{ url: string }>;
      paths: Record<string, { get: { parameters?: Array<{ name: string }>; responses: Record<string, { content?: Record<string, { schema: object }> }> } }>;
    }
    let doc: Doc;
    beforeAll(async () => {
      doc = await get<Doc>('/openapi.json');
    });

    it('is a valid OpenAPI 3.1 document', async () => {
      const validator = new Validator();
      const result = await validator.validate(doc as unknown as Parameters<Validator['validate']>[0]);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(validator.version).toBe('3.1');
    });

    it('describes every HSDS route the topology wires, and each list parameter the spec names', () => {
      const wired = functions.flatMap((f) => f.routes ?? []).filter((r) => r.path.startsWith('/api/hsds') && r.path !== '/api/hsds/openapi.json').map((r) => r.path.replace('/api/hsds', '') || '/');
      expect(Object.keys(doc.paths).sort()).toEqual(wired.sort());
      expect(doc.servers[0]!.url).toBe(`${stack.urls.site}/api/hsds`);
      const params = (path: string) => doc.paths[path]!.get.parameters!.map((p) => p.name);
      expect(params('/services')).toEqual(expect.arrayContaining(['search', 'page', 'per_page', 'format', 'taxonomy_term_id', 'taxonomy_id', 'organization_id', 'modified_after', 'minimal', 'full']));
      expect(params('/organizations')).toEqual(expect.arrayContaining(['search', 'full_service', 'full', 'page', 'per_page', 'format']));
      expect(params('/organizations/{id}')).toEqual(expect.arrayContaining(['full_service']));
      expect(params('/taxonomy_terms')).toEqual(expect.arrayContaining(['taxonomy_id', 'top_only', 'parent_id']));
      expect(params('/service_at_locations')).toEqual(expect.arrayContaining(['taxonomy_term_id', 'taxonomy_id', 'organization_id', 'modified_after', 'full']));
    });

    it('holds the schema each route answers to', async () => {
      const ajv = new Ajv({ strict: false, allErrors: true });
      (addFormatsModule as unknown as (a: Ajv) => Ajv)(ajv);
      ajv.addSchema(doc as object, 'openapi');
      const { contents } = await get<Page<Service>>('/services?full=true');
      const cafe = contents.find((s) => s.name === 'Perhekahvila')!;
      const pointer = (path: string) => `openapi#/paths/${path.replace(/\//g, '~1')}/get/responses/200/content/application~1json/schema`;
      for (const [path, url] of [
        ['/', ''],
        ['/services', '/services'],
        ['/services', '/services?full=true'],
        ['/services', '/services?minimal=true'],
        ['/services/{id}', `/services/${cafe.id}`],
        ['/organizations', '/organizations'],
        ['/organizations/{id}', `/organizations/${cafe.organization_id}?full_service=true`],
        ['/service_at_locations', '/service_at_locations'],
        ['/service_at_locations/{id}', `/service_at_locations/${cafe.service_at_locations[0]!.id}`],
        ['/taxonomies', '/taxonomies'],
        ['/taxonomy_terms', '/taxonomy_terms'],
      ] as const) {
        const validate = ajv.compile({ $ref: pointer(path) });
        const ok = validate(await get(url));
        expect(errorsOf(validate), url).toEqual([]);
        expect(ok).toBe(true);
      }
    });
  });
});
