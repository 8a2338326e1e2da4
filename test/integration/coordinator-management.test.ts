import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { twoNetworkConfig } from '../fixtures/config.js';
import { signIn } from '../support/coordinator.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const KEMI = 'koordinaattori@kemi.example.fi';
const PAIJAT = 'koordinaattori@phsotey.example.fi';

describe('coordinators managing their network', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ config: twoNetworkConfig() });
  });
  afterAll(async () => stack?.close());

  it('adds a coordinator who can then sign in, and records it in the audit trail', async () => {
    const me = await signIn(stack, KEMI);
    const added = await me.api('/api/coordinator/networks/kemi-perhekeskus/coordinators', { method: 'POST', json: { email: 'Uusi@Kemi.example.fi' } });
    await stack.settle();

    const newcomer = await signIn(stack, 'uusi@kemi.example.fi');
    const session = (await (await newcomer.api('/api/auth/session')).json()) as { networks: Array<{ id: string }> };
    const audit = (await (await me.api('/api/coordinator/networks/kemi-perhekeskus/audit')).json()) as { entries: Array<{ actor: string; action: string; target: { id: string } }> };

    expect(added.status).toBe(201);
    expect(session.networks.map((n) => n.id)).toEqual(['kemi-perhekeskus']);
    expect(audit.entries[0]).toMatchObject({ actor: KEMI, action: 'Coordinator.Added', target: { kind: 'coordinator', id: 'uusi@kemi.example.fi' } });
  });

  it('removes a coordinator, whose session then loses the network at once', async () => {
    const me = await signIn(stack, KEMI);
    await me.api('/api/coordinator/networks/kemi-perhekeskus/coordinators', { method: 'POST', json: { email: 'poistuva@kemi.example.fi' } });
    const leaving = await signIn(stack, 'poistuva@kemi.example.fi');

    const removed = await me.api('/api/coordinator/networks/kemi-perhekeskus/coordinators/poistuva%40kemi.example.fi', { method: 'DELETE' });
    const after = await leaving.api('/api/coordinator/networks/kemi-perhekeskus/audit');

    expect(removed.status).toBe(200);
    expect(after.status).toBe(403);
  });

  it('refuses to remove the last coordinator of a network', async () => {
    const other = await signIn(stack, PAIJAT);
    const res = await other.api(`/api/coordinator/networks/paijat-hame-sosiaaliala/coordinators/${encodeURIComponent(PAIJAT)}`, { method: 'DELETE' });
    expect(res.status).toBe(409);
  });
});
