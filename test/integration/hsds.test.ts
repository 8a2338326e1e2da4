import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aListing } from '../fixtures/listings.js';
import { signIn } from '../support/coordinator.js';
import { approve, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Service {
  id: string;
  organization_id: string;
  name: string;
  status: string;
  organization: { id: string; name: string; description: string };
  service_at_locations: Array<{ location: { location_type: string; addresses?: Array<Record<string, string>> } }>;
  schedules: Array<Record<string, unknown>>;
}
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

describe('the Open Referral HSDS 3.0 API', () => {
  let stack: TestStack;
  let published: string[];
  let pending: string;
  beforeAll(async () => {
    stack = await startTestStack();
    const coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
    published = [];
    for (const l of [
      aListing({ title: { fi: 'Perhekahvila' } }),
      aListing({ title: { fi: 'Omaishoitajien ryhmä' }, organisation: { name: 'Omaiset ry', kind: 'association', businessId: '1234567-8' }, themes: ['carers'], schedule: { type: 'none' } }),
    ]) {
      const id = await submit(stack, l);
      await approve(coordinator, stack, id);
      published.push(id);
    }
    pending = await submit(stack, aListing({ title: { fi: 'Odottaa vielä' } }));
  });
  afterAll(async () => stack?.close());

  const get = async <T>(path: string) => {
    const res = await stack.api(path);
    return { status: res.status, body: (await res.json()) as T };
  };

  it('describes itself at its root', async () => {
    const { status, body } = await get<{ version: string; openapi_url: string }>('/api/hsds');
    expect(status).toBe(200);
    expect(body.version).toBe('3.0');
  });

  it('lists only published listings, as a page of services with UUIDs', async () => {
    const { body } = await get<Page<Service>>('/api/hsds/services?network=kemi-perhekeskus');

    expect(body).toMatchObject({ total_items: 2, total_pages: 1, page_number: 1, size: 2, first_page: true, last_page: true, empty: false });
    expect(body.contents.map((s) => s.name).sort()).toEqual(['Omaishoitajien ryhmä', 'Perhekahvila']);
    for (const s of body.contents) {
      expect(s.id).toMatch(UUID);
      expect(s.status).toBe('active');
      expect(s.organization.id).toBe(s.organization_id);
    }
  });

  it('opens one service by its UUID and by the listing id, and refuses one not published', async () => {
    const { body: list } = await get<Page<Service>>('/api/hsds/services?network=kemi-perhekeskus&search=perhekahvila');
    const [one] = list.contents;

    const byUuid = await get<Service>(`/api/hsds/services/${one!.id}`);
    const byListingId = await get<Service>(`/api/hsds/services/${published[0]}`);
    const notYet = await stack.api(`/api/hsds/services/${pending}`);

    expect(byUuid.body.name).toBe('Perhekahvila');
    expect(byListingId.body.id).toBe(one!.id);
    expect(byUuid.body.service_at_locations[0]!.location.addresses![0]).toMatchObject({ address_1: 'Keskuspuistokatu 8', city: 'Kemi', postal_code: '94100', country: 'FI', address_type: 'physical' });
    expect(byUuid.body.schedules[0]).toMatchObject({ freq: 'WEEKLY', byday: 'WE' });
    expect(notYet.status).toBe(404);
  });

  it('lists each organisation once, with the ids its services point to', async () => {
    const { body: orgs } = await get<Page<{ id: string; name: string; description: string; organization_identifiers?: Array<{ identifier: string }> }>>('/api/hsds/organizations?network=kemi-perhekeskus');
    const { body: services } = await get<Page<Service>>('/api/hsds/services?network=kemi-perhekeskus');

    expect(orgs.contents.map((o) => o.name).sort()).toEqual(['Kemin Seudun Perhepalvelut ry', 'Omaiset ry']);
    expect(orgs.contents.map((o) => o.id).sort()).toEqual([...new Set(services.contents.map((s) => s.organization_id))].sort());
    expect(orgs.contents.find((o) => o.name === 'Omaiset ry')?.organization_identifiers?.[0]?.identifier).toBe('1234567-8');

    const { body: theirs } = await get<Page<Service>>(`/api/hsds/services?network=kemi-perhekeskus&organization_id=${orgs.contents.find((o) => o.name === 'Omaiset ry')!.id}`);
    expect(theirs.contents.map((s) => s.name)).toEqual(['Omaishoitajien ryhmä']);
  });

  it('pages with page and per_page', async () => {
    const { body } = await get<Page<Service>>('/api/hsds/services?network=kemi-perhekeskus&per_page=1&page=2');
    expect(body).toMatchObject({ total_items: 2, total_pages: 2, page_number: 2, size: 1, first_page: false, last_page: true });
  });

  it.each([
    ['without a network', '/api/hsds/services', 'network'],
    ['with a page size over 100', '/api/hsds/services?network=kemi-perhekeskus&per_page=1000', 'per_page'],
    ['with a page that is not a number', '/api/hsds/organizations?network=kemi-perhekeskus&page=two', 'page'],
    ['with a malformed modified_after', '/api/hsds/services?network=kemi-perhekeskus&modified_after=yesterday', 'modified_after'],
  ])('answers a list request %s with 400 naming the parameter', async (_name, path, field) => {
    const res = await stack.api(path);
    expect(res.status).toBe(400);
    expect(Object.keys(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields)).toEqual([field]);
  });
});
