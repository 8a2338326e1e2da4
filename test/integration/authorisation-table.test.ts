import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRoutes } from '../../lib/topology.js';
import { twoNetworkConfig } from '../fixtures/config.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { submit } from '../support/listings.js';
import { addDays, helsinkiDate } from '../../functions/shared/time.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const KEMI_NETWORK = 'kemi-perhekeskus';

/**
 * Every coordinator route in the topology, called without a session and
 * with a session of another network, is refused. New routes are covered
 * the moment they enter the topology; a route whose path parameter has no
 * fixture here fails the test until one is added.
 */
const paramFixtures: Record<string, (stack: TestStack, path: string) => Promise<string>> = {
  network: async () => KEMI_NETWORK,
  email: async () => encodeURIComponent('koordinaattori@kemi.example.fi'),
  // An item of the Kemi network, of the kind the path names.
  id: async (stack, path) => {
    if (path.includes('/meetings/')) return (meetingId ??= await aMeeting(stack));
    if (path.includes('/listings/')) return (listingId ??= await submit(stack));
    if (path.includes('/surveys/')) return (surveyId ??= await aSurvey(stack));
    throw new Error(`no {id} fixture for ${path}`);
  },
  // A presentation turn of the Kemi meeting.
  slot: async (stack) => (slotId ??= await aTurn(stack, (meetingId ??= await aMeeting(stack)))),
};
let listingId: string | undefined;
let meetingId: string | undefined;
let surveyId: string | undefined;
let slotId: string | undefined;

/** One presentation turn opened on the meeting by its coordinator. */
async function aTurn(stack: TestStack, meeting: string): Promise<string> {
  const kemi = await signIn(stack, 'koordinaattori@kemi.example.fi');
  const res = await kemi.api(`/api/coordinator/meetings/${meeting}/turns`, { method: 'POST', json: { count: 1 } });
  return ((await res.json()) as { meetings: Array<{ slotIds: string[] }> }).meetings[0]!.slotIds[0]!;
}

async function aSurvey(stack: TestStack): Promise<string> {
  const kemi = await signIn(stack, 'koordinaattori@kemi.example.fi');
  const now = Date.now();
  const res = await kemi.api(`/api/coordinator/networks/${KEMI_NETWORK}/surveys`, {
    method: 'POST',
    json: { title: { fi: 'Tarvekysely' }, intro: { fi: 'Kerro tarpeistasi' }, questions: [{ kind: 'text', id: 'q1', text: { fi: 'Mitä toivot?' } }], opensAt: new Date(now).toISOString(), closesAt: new Date(now + 86400_000).toISOString() },
  });
  return ((await res.json()) as { id: string }).id;
}

/** A meeting of the Kemi network, scheduled by its coordinator. */
async function aMeeting(stack: TestStack): Promise<string> {
  const kemi = await signIn(stack, 'koordinaattori@kemi.example.fi');
  const res = await kemi.api(`/api/coordinator/networks/${KEMI_NETWORK}/meetings`, {
    method: 'POST',
    json: { meeting: { title: { fi: 'Verkostokahvit' }, description: { fi: 'Kuulumiset' }, startTime: '13:00', endTime: '14:00', place: { name: 'Poukama', address: 'Kemi' } }, dates: [addDays(helsinkiDate(new Date()), 7)] },
  });
  return ((await res.json()) as { ids: string[] }).ids[0]!;
}

const coordinatorRoutes = allRoutes.filter((r) => r.path.startsWith('/api/coordinator/'));

async function concretePath(stack: TestStack, path: string): Promise<string> {
  let out = path;
  for (const [, name] of path.matchAll(/\{(\w+)\+?\}/g)) {
    const fixture = paramFixtures[name!];
    if (!fixture) throw new Error(`no fixture for path parameter {${name}} in ${path}`);
    out = out.replace(new RegExp(`\\{${name}\\+?\\}`), await fixture(stack, path));
  }
  return out;
}

describe('authorisation of every coordinator route', () => {
  let stack: TestStack;
  let otherNetwork: SignedIn;
  beforeAll(async () => {
    stack = await startTestStack({ config: twoNetworkConfig() });
    otherNetwork = await signIn(stack, 'koordinaattori@phsotey.example.fi');
  });
  afterAll(async () => stack?.close());

  it('has coordinator routes to check', () => {
    expect(coordinatorRoutes.length).toBeGreaterThan(0);
  });

  it.each(coordinatorRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s refuses a request without a session (401)', async (_name, route) => {
    const path = await concretePath(stack, route.path);
    const res = await stack.api(path, { method: route.method, ...(route.method === 'GET' ? {} : { json: {} }) });
    expect(res.status).toBe(401);
  });

  it.each(coordinatorRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s refuses a coordinator of another network (403)', async (_name, route) => {
    const path = await concretePath(stack, route.path);
    const res = await otherNetwork.api(path, { method: route.method, ...(route.method === 'GET' ? {} : { json: {} }) });
    expect(res.status).toBe(403);
  });
});
