import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/shared/dynamo.js';
import { UpdateCommand } from '../../functions/shared/aws/dynamodb.js';
import { currentEntries, directoryQuery, DirectoryIndex, searchDirectory } from '../../functions/listings/directory.js';
import { directoryCache, type LoadedDirectory, loadDirectory, snapshotStore, updateDirectory } from '../../functions/listings/runtime.js';
import { snapshotKey } from '../../functions/listings/directory-snapshot.js';
import { directoryVersionKey, DynamoListingStore } from '../../functions/listings/store.js';
import { LOCAL_SNAPSHOT_BUCKET, LOCAL_TABLE } from '../../local/stack.js';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, directory, editTokenFromMail, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';

describe('the directory search', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  beforeAll(async () => {
    stack = await startTestStack();
    coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
    const listings = [
      aListing({ title: { fi: 'Perhetyö kotiin' }, themes: ['family-support'], cost: { free: true } }),
      aListing({ title: { fi: 'Omaishoitajien vertaisryhmä' }, themes: ['carers', 'peer-support'], targetGroups: ['carers'], cost: { free: false, note: '5 €' } }),
      aListing({ title: { fi: 'Arabiankielinen perhekerho' }, languages: ['ar', 'fi'], channels: [{ type: 'online', url: 'https://meet.example.fi/kerho' }] }),
    ];
    for (const l of listings) await approve(coordinator, stack, await submit(stack, l));
  });
  afterAll(async () => stack?.close());

  it('ignores case and Finnish diacritics', async () => {
    expect((await directory(stack, 'q=perhetyo')).listings.map((l) => l.title)).toEqual(['Perhetyö kotiin']);
    expect((await directory(stack, 'q=OMAISHOITAJIEN')).count).toBe(1);
  });

  it('filters by theme, target group, language, online and free', async () => {
    expect((await directory(stack, 'theme=carers')).listings.map((l) => l.title)).toEqual(['Omaishoitajien vertaisryhmä']);
    expect((await directory(stack, 'targetGroup=carers')).count).toBe(1);
    expect((await directory(stack, 'language=ar')).listings.map((l) => l.title)).toEqual(['Arabiankielinen perhekerho']);
    expect((await directory(stack, 'online=true')).count).toBe(1);
    expect((await directory(stack, 'free=false')).count).toBe(1);
    expect((await directory(stack, 'municipality=kemi')).count).toBe(2);
  });

  it('pages through the hits in the same order as one long list', async () => {
    // Arrange
    const all = await directory(stack, 'limit=100');

    // Act
    const first = await directory(stack, 'limit=2');
    const second = await directory(stack, 'limit=2&offset=2');

    // Assert
    expect(all.count).toBe(3);
    expect(first.count).toBe(3);
    expect(first.listings).toHaveLength(2);
    expect(second.listings).toHaveLength(1);
    expect([...first.listings, ...second.listings].map((l) => l.id)).toEqual(all.listings.map((l) => l.id));
  });

  it.each(['limit=0', 'limit=101', 'limit=abc', 'offset=-1'])('refuses a bad page (%s) with a field message', async (paging) => {
    const res = await stack.api(`/api/listings?network=kemi-perhekeskus&${paging}`);
    expect(res.status).toBe(400);
    const field = paging.split('=')[0]!;
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields[field]).toBeTruthy();
  });

  it('answers a bad filter with a field message', async () => {
    const res = await stack.api('/api/listings?network=kemi-perhekeskus&theme=astrology');
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.theme).toBeTruthy();
  });

  it('gives a calendar file with the recurrence in Helsinki time', async () => {
    const [first] = (await directory(stack, 'q=perhetyo')).listings;
    const res = await stack.api(`/api/listings/${first!.id}/calendar.ics`);
    const ics = await res.text();
    expect(res.headers.get('content-type')).toMatch(/text\/calendar/);
    expect(ics).toMatch(/DTSTART;TZID=Europe\/Helsinki:\d{8}T100000/);
    expect(ics).toContain('RRULE:FREQ=WEEKLY;BYDAY=WE');
    expect(ics).not.toContain('METHOD:');
  });

  it('offers the listing to Google Calendar and Outlook.com beside the calendar file', async () => {
    const [first] = (await directory(stack, 'q=perhetyo')).listings;
    const view = (await (await stack.api(`/api/listings/${first!.id}?lang=sv`)).json()) as { calendarLinks: { google: string; outlook: string } };

    const google = new URL(view.calendarLinks.google);
    expect(google.hostname).toBe('calendar.google.com');
    expect(google.searchParams.get('recur')).toBe('RRULE:FREQ=WEEKLY;BYDAY=WE');
    expect(google.searchParams.get('details')).toContain(`/sv/listings/view/?id=${first!.id}`);
    expect(new URL(view.calendarLinks.outlook).hostname).toBe('outlook.live.com');
  });

  it('serves published listings as Open Referral HSDS services and organizations', async () => {
    const services = (await (await stack.api('/api/hsds/services?network=kemi-perhekeskus')).json()) as { total_items: number; contents: Array<{ id: string; name: string; status: string; service_at_locations: unknown[] }> };
    expect(services.total_items).toBe(3);
    expect(services.contents[0]).toMatchObject({ status: 'active' });
    const one = (await (await stack.api(`/api/hsds/services/${services.contents[0]!.id}`)).json()) as { id: string; organization_id: string };
    expect(one.id).toBe(services.contents[0]!.id);
    const orgs = (await (await stack.api('/api/hsds/organizations?network=kemi-perhekeskus')).json()) as { contents: Array<{ id: string; name: string }> };
    expect(orgs.contents.map((o) => o.id)).toContain(one.organization_id);
  });

  it('raises the network version readers check when a listing is published, so a warm directory reloads its cards', async () => {
    // Arrange
    const store = new DynamoListingStore(documentClient(), LOCAL_TABLE);
    const before = await store.directoryVersion('kemi-perhekeskus');

    // Act
    await approve(coordinator, stack, await submit(stack, aListing({ title: { fi: 'Versiokerho' } })));

    // Assert
    expect(await store.directoryVersion('kemi-perhekeskus')).toBeGreaterThan(before);
    expect(await store.directoryVersion('some-other-network')).toBe(0);
  });

  describe('kept up to date from the change log', () => {
    const NETWORK = 'kemi-perhekeskus';
    /** The real store, counting what the reader asks of it. */
    function counted() {
      const store = new DynamoListingStore(documentClient(), LOCAL_TABLE);
      const asked = { cards: 0, cardsById: [] as string[][] };
      const cards = store.cards.bind(store);
      const cardsById = store.cardsById.bind(store);
      store.cards = (network) => (asked.cards++, cards(network));
      store.cardsById = (network, ids) => (asked.cardsById.push([...ids]), cardsById(network, ids));
      return { store, asked };
    }
    async function loaded(store: DynamoListingStore): Promise<LoadedDirectory> {
      const version = await store.directoryVersion(NETWORK);
      return { version, index: new DirectoryIndex(currentEntries(await store.cards(NETWORK), new Date())), from: 'cards' };
    }
    const titlesOf = (d: LoadedDirectory, q: string) => searchDirectory(d.index, directoryQuery.parse({ network: NETWORK, q }), 'fi').page(0, Infinity).map((h) => h.entry.title.fi);

    it('reads only the cards that changed since, and searches them', async () => {
      // Arrange
      const { store, asked } = counted();
      await approve(coordinator, stack, await submit(stack, aListing({ title: { fi: 'Lukupiiri isovanhemmille' } })));
      const before = await loaded(store);
      asked.cards = 0;
      const gone = before.index.entries.find((e) => e.title.fi === 'Lukupiiri isovanhemmille')!;

      // Act: one listing published through the API, one card removed
      const id = await submit(stack, aListing({ title: { fi: 'Muskarikerho vauvoille' } }));
      await approve(coordinator, stack, id);
      await store.removeCard(NETWORK, gone.id, gone.seq + 100);
      const after = await updateDirectory(store, NETWORK, before);

      // Assert
      expect(after?.version).toBe(await store.directoryVersion(NETWORK));
      expect(after?.index).toBe(before.index);
      expect(asked.cards).toBe(0);
      expect(asked.cardsById).toEqual([[id, gone.id]]);
      expect(titlesOf(after!, 'muskarikerho')).toEqual(['Muskarikerho vauvoille']);
      expect(titlesOf(after!, 'lukupiiri')).toEqual([]);
    });

    it('asks for every card when a version is missing from the log', async () => {
      // Arrange: a raise whose log entry was lost (a crash between the two writes)
      const { store } = counted();
      const before = await loaded(store);
      await documentClient().send(new UpdateCommand({ TableName: LOCAL_TABLE, Key: directoryVersionKey(NETWORK), UpdateExpression: 'ADD v :one', ExpressionAttributeValues: { ':one': 1 } }));

      // Act
      const after = await updateDirectory(store, NETWORK, before);

      // Assert
      expect(after).toBeUndefined();
    });

    it('reads every card of a network larger than the cache budget once, then answers from memory', async () => {
      // Arrange: a budget of one byte, so this network alone is over it (50,000 listings in a 256 MB function); no snapshot yet
      const { store, asked } = counted();
      const noSnapshots = { read: () => Promise.resolve(undefined), write: () => Promise.resolve() };
      const cache = directoryCache(store, 1, noSnapshots);

      // Act
      const first = await cache.get(NETWORK);
      const second = await cache.get(NETWORK);

      // Assert
      expect(second).toBe(first);
      expect(asked.cards).toBe(1);
      expect(cache.held.values).toBe(1);
    });

    it('keeps the same value, read from nowhere but the version, when nothing changed', async () => {
      const { store, asked } = counted();
      const before = await loaded(store);
      asked.cards = 0;

      const after = await updateDirectory(store, NETWORK, before);

      expect(after).toBe(before);
      expect(asked).toEqual({ cards: 0, cardsById: [] });
    });
  });

  describe('a cold function loading the snapshot', () => {
    const NETWORK = 'kemi-perhekeskus';
    function counted() {
      const store = new DynamoListingStore(documentClient(), LOCAL_TABLE);
      const asked = { cards: 0 };
      const cards = store.cards.bind(store);
      store.cards = (network) => (asked.cards++, cards(network));
      return { store, asked };
    }
    const titlesOf = (d: LoadedDirectory, q: string) => searchDirectory(d.index, directoryQuery.parse({ network: NETWORK, q }), 'fi').page(0, Infinity).map((h) => h.entry.title.fi);

    it('reads every card while there is no snapshot yet', async () => {
      // Arrange
      const { store, asked } = counted();

      // Act
      const cold = await loadDirectory(store, 'some-other-network', snapshotStore());

      // Assert
      expect(cold.from).toBe('cards');
      expect(asked.cards).toBe(1);
    });

    it('answers with the changes published after the snapshot the scheduled builder wrote, reading no card but those', async () => {
      // Arrange: the builder's scheduled run, then one more listing published and one withdrawn through the API
      const contact = { name: 'Ville Virtanen', email: 'ville@lautapelit.example.fi' };
      const withdrawn = await submit(stack, aListing({ title: { fi: 'Lautapeli-ilta nuorille' }, contact }));
      await approve(coordinator, stack, withdrawn);
      await stack.functions.get('BuildDirectorySnapshots')!.invoke({});
      const written = stack.objects.get(LOCAL_SNAPSHOT_BUCKET, snapshotKey(NETWORK));
      const later = await submit(stack, aListing({ title: { fi: 'Vauvahieronta-kurssi' } }));
      await approve(coordinator, stack, later);
      const token = await editTokenFromMail(stack, contact.email);
      expect((await stack.api(`/api/listings/${withdrawn}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } })).status).toBe(202);
      await stack.settle();
      const { store, asked } = counted();

      // Act: what a cold directory function does on its first request
      const cold = await loadDirectory(store, NETWORK, snapshotStore());

      // Assert
      expect(written?.byteLength).toBeGreaterThan(0);
      expect(cold.from).toBe('snapshot');
      expect(asked.cards).toBe(0);
      expect(cold.version).toBe(await store.directoryVersion(NETWORK));
      expect(titlesOf(cold, 'vauvahieronta')).toEqual(['Vauvahieronta-kurssi']);
      expect(titlesOf(cold, 'lautapeli')).toEqual([]);
      expect(titlesOf(cold, 'perhetyö')).toEqual(['Perhetyö kotiin']);
    });

    it('reads every card when the snapshot in the bucket is corrupt, and answers the same', async () => {
      // Arrange
      await stack.functions.get('BuildDirectorySnapshots')!.invoke({});
      const { store, asked } = counted();
      const good = await loadDirectory(store, NETWORK, snapshotStore());
      stack.objects.put(LOCAL_SNAPSHOT_BUCKET, snapshotKey(NETWORK), Buffer.from('not a snapshot'));

      // Act
      const cold = await loadDirectory(store, NETWORK, snapshotStore());

      // Assert
      expect(good.from).toBe('snapshot');
      expect(cold.from).toBe('cards');
      expect(asked.cards).toBe(1);
      expect(cold.index.entries.map((e) => e.id).sort()).toEqual(good.index.entries.map((e) => e.id).sort());
    });
  });

  it("ranks a coordinator's list by the directory's search when given q, page by page", async () => {
    // Arrange: three listings waiting for a decision
    const inDescription = await submit(stack, aListing({ title: { fi: 'Avoin olohuone' }, summary: { fi: 'Kohtaamispaikka kaikille.' }, description: { fi: 'Joka toinen viikko toimii myös perhekahvilana.' } }));
    const inTitle = await submit(stack, aListing({ title: { fi: 'Isien perhekahvila' }, summary: { fi: 'Isät ja lapset.' }, description: { fi: 'Leikkiä ja juttua.' } }));
    await submit(stack, aListing({ title: { fi: 'Kuorolaulu' }, summary: { fi: 'Laulua.' }, description: { fi: 'Tule laulamaan.' } }));
    const list = async (query: string) => {
      const res = await coordinator.api(`/api/coordinator/networks/kemi-perhekeskus/listings?status=pending&${query}`);
      expect(res.status).toBe(200);
      return (await res.json()) as { listings: Array<{ id: string }>; next: string | null };
    };

    // Act
    const all = await list('q=perhekahvilaan');
    const first = await list('q=perhekahvilaan&limit=1');
    const second = await list(`q=perhekahvilaan&limit=1&cursor=${first.next}`);

    // Assert: inflected query, the title match above the description match, nothing else
    expect(all.listings.map((l) => l.id)).toEqual([inTitle, inDescription]);
    expect(all.next).toBeNull();
    expect([...first.listings, ...second.listings].map((l) => l.id)).toEqual([inTitle, inDescription]);
    expect(second.next).toBeNull();
  });

  it("answers a coordinator's over-long search with a field message", async () => {
    const res = await coordinator.api(`/api/coordinator/networks/kemi-perhekeskus/listings?status=pending&q=${'a'.repeat(201)}`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields.q).toBeTruthy();
  });
});
