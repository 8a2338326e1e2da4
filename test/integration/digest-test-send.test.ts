import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS } from '../../functions/shared/limits.js';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { subscribeConfirmed } from '../support/subscriptions.js';

const NETWORK = 'kemi-perhekeskus';
const COORDINATOR = 'koordinaattori@kemi.example.fi';

describe('"send a test to me" before sending the digest to everyone', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  const testSend = (lang = 'fi', init: { json?: unknown } = {}) => coordinator.api(`/api/coordinator/networks/${NETWORK}/digests/test?lang=${lang}`, { method: 'POST', ...init });

  beforeAll(async () => {
    // The shipped limits: the last test counts them.
    stack = await startTestStack({ productionLimits: true });
    coordinator = await signIn(stack, COORDINATOR);
  });
  afterAll(async () => stack?.close());

  it("mails exactly one test digest, to the signed-in coordinator's own address, and none to any subscriber", async () => {
    // Arrange
    await subscribeConfirmed(stack, { email: 'tilaaja@example.fi', lang: 'fi' });
    await approve(coordinator, stack, await submit(stack, aListing({ title: { fi: 'Perhekahvila testikirjeessä' } })));
    await stack.settle();
    await stack.clearMail();

    // Act: the body names someone else; the address comes from the session only.
    const res = await testSend('fi', { json: { to: 'tilaaja@example.fi' } });
    await stack.settle();

    // Assert
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ sentTo: COORDINATOR });
    const all = await stack.mailbox();
    expect(all).toHaveLength(1);
    expect(all[0]!.destination.to).toEqual([COORDINATOR]);
    expect(all[0]!.subject).toMatch(/^\[TESTI\] /);
    expect(all[0]!.body.html).toContain('Perhekahvila testikirjeessä');
    expect(await stack.mailTo('tilaaja@example.fi')).toHaveLength(0);
    // A test is not a send: no digest was requested, built or recorded.
    expect(stack.archive.filter((e) => String(e['detail-type']).startsWith('Digest.'))).toHaveLength(0);
  });

  it('writes the test in the language asked for', async () => {
    await stack.clearMail();

    const res = await testSend('sv');
    await stack.settle();

    expect(res.status).toBe(202);
    const [mail] = await stack.mailTo(COORDINATOR);
    expect(mail!.subject).toMatch(/^\[TEST\] /);
    expect(mail!.body.html).toContain('lang="sv"');
  });

  it('refuses without a session and for a network the coordinator does not coordinate, sending nothing', async () => {
    await stack.clearMail();

    const anonymous = await stack.api(`/api/coordinator/networks/${NETWORK}/digests/test`, { method: 'POST' });
    const other = await coordinator.api('/api/coordinator/networks/rovaniemi-omaishoito/digests/test', { method: 'POST' });

    expect(anonymous.status).toBe(401);
    expect([403, 404]).toContain(other.status);
    expect(await stack.mailbox()).toHaveLength(0);
  });

  it('is rate-limited per coordinator: past the limit a 429 and no mail', async () => {
    // Arrange
    await stack.clearMail();
    const limit = DEFAULT_LIMITS.digestTests.perAddress;

    // Act: send until refused (a fixed window may roll over once on the way, hence twice the limit).
    let accepted = 0;
    let refused: Response | undefined;
    for (let i = 0; i <= 2 * limit && !refused; i++) {
      const res = await testSend();
      if (res.status === 202) accepted++;
      else refused = res;
    }
    await stack.settle();

    // Assert: refused with 429 within the limit, and the refusal sent nothing.
    expect(refused?.status).toBe(429);
    expect(accepted).toBeLessThanOrEqual(limit);
    expect(await stack.mailTo(COORDINATOR)).toHaveLength(accepted);
  });
});
