import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../lib/topology.js';
import { aListing } from '../fixtures/listings.js';
import { signIn } from '../support/coordinator.js';
import { approve, submit } from '../support/listings.js';
import { badBody, bodyText, idValue, nastyString, queryValue, segment, TEMPLATES, type BodyCase } from '../support/reliability/bad-input.js';
import { diffSnapshots, tableSnapshot } from '../support/reliability/table.js';
import { startTestStack, type TestStack } from '../support/stack.js';

/**
 * Issue 9, "bad input": every public route of the topology — and every
 * coordinator route called without a session — answers anything a client can
 * send with a 4xx in the JSON error shape, never a 5xx, and stores nothing.
 */
const SEED = 20_250_909;
const RUNS_PER_ROUTE = 32;

/** Failures name the route and the case in a few hundred characters, not the 100 KB body. */
function brief<T>(out: fc.RunDetails<T>): void {
  if (!out.failed) return;
  const c = JSON.stringify(out.counterexample, (_k, v: unknown) => (typeof v === 'string' && v.length > 120 ? `${v.slice(0, 60)}…(${v.length} chars)` : v));
  throw new Error(`after ${out.numRuns} cases (seed ${out.seed}, path ${out.counterexamplePath}): ${(out.errorInstance as Error | undefined)?.message ?? ''}\ncase: ${c?.slice(0, 1500)}`);
}

const isCoordinator = (path: string) => path.startsWith('/api/coordinator/');
/** Reads may answer 200 to odd queries (an empty search is still a search); they must still never 5xx. */
const isRead = (method: string) => method === 'GET';

interface Figures {
  cases: number;
  fiveXx: number;
  stored: number;
  badShape: number;
}
const figures: Figures = { cases: 0, fiveXx: 0, stored: 0, badShape: 0 };

interface Case {
  params: Record<string, string>;
  query: Array<[string, string]>;
  body: BodyCase | undefined;
  contentType: string | undefined;
  bearer: string | undefined;
}

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', undefined] as const;

describe('bad input on every public route', () => {
  let stack: TestStack;
  let realId: string;
  beforeAll(async () => {
    stack = await startTestStack();
    // One real, published listing so that ids sometimes point at something that exists.
    const coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
    realId = await submit(stack, aListing({ title: { fi: 'Oikea ilmoitus hyökkäyksiä varten' } }));
    await approve(coordinator, stack, realId);
    await stack.settle();
  });
  afterAll(async () => {
    console.log(`bad-input: ${figures.cases} cases, ${figures.fiveXx} 5xx, ${figures.stored} stored, ${figures.badShape} without the error shape`);
    await stack?.close();
  });

  const routes = allRoutes.filter((r) => r.path.startsWith('/api/'));

  it('covers every route of the topology', () => {
    expect(routes.length).toBe(allRoutes.length);
    expect(routes.length).toBeGreaterThan(40);
  });

  function arbitraryCase(route: (typeof routes)[number]): fc.Arbitrary<Case> {
    const names = [...route.path.matchAll(/\{(\w+)\+?\}/g)].map((m) => m[1]!);
    const param = fc.oneof({ weight: 6, arbitrary: idValue }, { weight: 1, arbitrary: fc.constantFrom('kemi-perhekeskus', 'REAL') });
    const template = TEMPLATES[`${route.method} ${route.path}`];
    return fc.record({
      params: fc.tuple(...names.map(() => param)).map((vs) => Object.fromEntries(names.map((n, i) => [n, vs[i]!]))) as fc.Arbitrary<Record<string, string>>,
      query: fc.array(fc.tuple(fc.constantFrom('network', 'q', 'lang', 'token', 'status', 'theme', 'targetGroup', 'municipality', 'online', 'free', 'page', 'limit', 'cursor', 'id'), queryValue), { maxLength: 4 }),
      body: route.method === 'GET' ? fc.constant(undefined) : fc.option(badBody(template), { nil: undefined, freq: 8 }),
      contentType: fc.constantFrom(...CONTENT_TYPES),
      bearer: fc.option(fc.oneof(fc.string({ unit: 'binary-ascii', maxLength: 60 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')), fc.constantFrom('eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.', 'a.b.c', 'null')), { nil: undefined }),
    });
  }

  async function send(route: (typeof routes)[number], c: Case): Promise<{ status: number; text: string; contentType: string }> {
    const path = route.path.replace(/\{(\w+)\+?\}/g, (_m, n: string) => segment(c.params[n] === 'REAL' ? realId : c.params[n]!));
    const search = new URLSearchParams();
    for (const [k, v] of c.query) search.append(k, v.replace(/[\uD800-\uDFFF]/g, '\uFFFD'));
    const qs = search.toString();
    const headers: Record<string, string> = {};
    if (c.contentType) headers['content-type'] = c.contentType;
    if (c.bearer !== undefined) headers.authorization = `Bearer ${c.bearer}`;
    const res = await fetch(`${stack.urls.site}${path}${qs ? `?${qs}` : ''}`, {
      method: route.method,
      headers,
      redirect: 'manual',
      ...(c.body ? { body: bodyText(c.body) } : {}),
    });
    return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
  }

  function hasErrorShape(text: string): boolean {
    try {
      const b = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
      return typeof b.error?.code === 'string' && typeof b.error.message === 'string';
    } catch {
      return false;
    }
  }

  for (const route of routes) {
    const coordinator = isCoordinator(route.path) || route.path === '/api/auth/session' || route.path === '/api/auth/logout';
    const title = coordinator ? `${route.method} ${route.path} without a session` : `${route.method} ${route.path}`;
    it(`${title} refuses bad input with a 4xx error, never a 5xx, and stores nothing`, async () => {
      // Arrange
      await stack.settle();
      const tableBefore = await tableSnapshot();
      const archiveBefore = stack.archive.length;
      const mailBefore = (await stack.mailbox()).length;
      const accepted: string[] = [];

      // Act + Assert, case by case
      await fc.assert(
        fc.asyncProperty(arbitraryCase(route), async (c) => {
          figures.cases++;
          const res = await send(route, c);
          if (res.status >= 500) figures.fiveXx++;
          expect(res.status, `${res.status} ${res.text.slice(0, 200)}`).toBeLessThan(500);
          if (res.status >= 400) {
            if (!hasErrorShape(res.text)) figures.badShape++;
            expect(hasErrorShape(res.text), `${res.status} ${res.contentType} ${res.text.slice(0, 200)}`).toBe(true);
          } else if (coordinator) {
            throw new Error(`${route.method} ${route.path} answered ${res.status} without a session`);
          } else if (!isRead(route.method)) {
            throw new Error(`${route.method} ${route.path} accepted a bad body with ${res.status}: ${res.text.slice(0, 200)}`);
          } else accepted.push(String(res.status));
        }),
        { seed: SEED, numRuns: RUNS_PER_ROUTE, endOnFailure: true, reporter: brief },
      );

      // Nothing stored: no event, no mail, no table item.
      await stack.settle();
      const diff = diffSnapshots(tableBefore, await tableSnapshot());
      const newEvents = stack.archive.slice(archiveBefore).map((e) => e['detail-type']);
      const newMail = (await stack.mailbox()).length - mailBefore;
      figures.stored += diff.added.length + diff.changed.length + diff.removed.length + newEvents.length + newMail;
      expect({ ...diff, newEvents, newMail }).toEqual({ added: [], removed: [], changed: [], newEvents: [], newMail: 0 });
    });
  }

  it('answers a filled honeypot like a success (202) and stores and sends nothing', async () => {
    await stack.settle();
    const tableBefore = await tableSnapshot();
    const archiveBefore = stack.archive.length;
    const mailBefore = (await stack.mailbox()).length;

    await fc.assert(
      fc.asyncProperty(nastyString, fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() !== ''), async (title, homepage) => {
        figures.cases++;
        const res = await stack.api('/api/listings', { method: 'POST', json: { ...aListing(), title: { fi: title.slice(0, 100) || 'x' }, homepage } });
        if (res.status >= 500) figures.fiveXx++;
        // A bot learns nothing: 202 for a valid-looking body, 400 for an invalid one, never stored either way.
        expect([202, 400]).toContain(res.status);
      }),
      { seed: SEED, numRuns: 30, endOnFailure: true, reporter: brief },
    );

    await stack.settle();
    const diff = diffSnapshots(tableBefore, await tableSnapshot());
    const newEvents = stack.archive.length - archiveBefore;
    const newMail = (await stack.mailbox()).length - mailBefore;
    figures.stored += diff.added.length + diff.changed.length + newEvents + newMail;
    expect({ added: diff.added, changed: diff.changed, newEvents, newMail }).toEqual({ added: [], changed: [], newEvents: 0, newMail: 0 });
  });
});
