import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keySetFromFile, Tokens, type TokenPurpose } from '../../functions/shared/tokens.js';
import { addDays, helsinkiDate } from '../../functions/shared/time.js';
import { needsSurvey } from '../fixtures/surveys.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { editTokenFromMail, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { subscribeConfirmed } from '../support/subscriptions.js';

/** A token's payload changed and its signature kept, as an attacker would try. */
function tamper(token: string, change: Record<string, unknown>): string {
  const [h, p, s] = token.split('.');
  const payload = { ...JSON.parse(Buffer.from(p!, 'base64url').toString()), ...change };
  return `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
}

describe('signed links refuse tampered, expired and misused tokens', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  let tokens: Tokens;
  /** A token signed with the stack's own key, already expired. */
  const expired = (purpose: TokenPurpose, claims: Record<string, unknown>) => tokens.sign(purpose, claims, 60, new Date(Date.now() - 3600_000));

  beforeAll(async () => {
    stack = await startTestStack();
    coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
    tokens = new Tokens(keySetFromFile(process.env.TOKEN_KEY_FILE!));
  });
  afterAll(async () => stack?.close());

  it('edit link: expired → 401', async () => {
    const id = await submit(stack);
    const token = await expired('edit', { listingId: id, ver: 1 });
    expect((await stack.api(`/api/listings/${id}/edit`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('edit link: a token of another purpose → 401', async () => {
    const id = await submit(stack);
    const token = await tokens.sign('manage', { listingId: id, ver: 1 }, 3600);
    expect((await stack.api(`/api/listings/${id}/edit`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
  });

  it('edit link: revoked by the coordinator → 403', async () => {
    await stack.clearMail();
    const id = await submit(stack);
    const token = await editTokenFromMail(stack, 'maija@perhepalvelut.example.fi');
    const revoke = await coordinator.api(`/api/coordinator/listings/${id}/revoke-edit-link`, { method: 'POST' });
    await stack.settle();
    expect(revoke.status).toBeLessThan(300);
    expect((await stack.api(`/api/listings/${id}/edit`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(403);
  });

  it('unsubscribe and manage links: tampered and expired are refused, and nothing changes', async () => {
    await subscribeConfirmed(stack, { email: 'pysyva@example.fi' });
    await subscribeConfirmed(stack, { email: 'toinen@example.fi' });
    const { subscriberId } = await import('../../functions/subscriptions/store.js');
    const mine = await tokens.sign('manage', { sub: subscriberId('pysyva@example.fi') }, 3600);
    const forged = tamper(mine, { sub: subscriberId('toinen@example.fi') });
    const old = await expired('unsubscribe', { sub: subscriberId('pysyva@example.fi') });

    const r1 = await stack.api(`/api/subscriptions/unsubscribe?token=${old}`, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    const r2 = await stack.api('/api/subscriptions/me', { headers: { authorization: `Bearer ${forged}` } });
    const still = await stack.api('/api/subscriptions/me', { headers: { authorization: `Bearer ${mine}` } });

    expect(r1.status).toBe(401);
    expect(r2.status).toBe(401);
    expect(still.status).toBe(200);
  });

  it('personal survey link: tampered and expired are refused; used works once', async () => {
    await subscribeConfirmed(stack, { email: 'kyselyyn@example.fi', kinds: ['surveys'] });
    const created = await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/surveys', { method: 'POST', json: needsSurvey() });
    const id = ((await created.json()) as { id: string }).id;
    await coordinator.api(`/api/coordinator/surveys/${id}/open`, { method: 'POST' });
    await stack.settle();
    const mail = (await stack.mailTo('kyselyyn@example.fi')).find((m) => /surveys\/answer\//.test(m.body.text ?? ''))!;
    const token = /#token=([\w.-]+)/.exec(mail.body.text ?? '')![1]!;
    const answers = { role: 'ngo', wishes: { chosen: ['training'] }, need: 3 };
    const post = (t: string) => stack.api(`/api/surveys/${id}/responses`, { method: 'POST', json: { answers }, headers: { authorization: `Bearer ${t}` } });

    const forged = await post(tamper(token, { sub: 'someone-else' }));
    const old = await post(await expired('survey', { surveyId: id, sub: 'x', lang: 'fi' }));
    const first = await post(token);
    const reused = await post(token);

    expect([forged.status, old.status, first.status, reused.status]).toEqual([401, 401, 201, 409]);
  });

  it('RSVP link: tampered → 401, and a link for one meeting cannot cancel another', async () => {
    const date = addDays(helsinkiDate(new Date()), 9);
    const res = await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/meetings', {
      method: 'POST',
      json: { meeting: { title: { fi: 'Kahvit' }, description: { fi: 'K' }, startTime: '13:00', endTime: '14:00', place: { name: 'P', address: 'Kemi' } }, dates: [date] },
    });
    const [meetingId] = ((await res.json()) as { ids: string[] }).ids;
    await stack.settle();
    await stack.api(`/api/meetings/${meetingId}/rsvps`, { method: 'POST', json: { name: 'A', email: 'rsvp@example.fi', attendance: 'onsite' } });
    await stack.settle();
    const token = /meetings\/rsvp\/#token=([\w.-]+)/.exec((await stack.mailTo('rsvp@example.fi')).at(-1)!.body.text ?? '')![1]!;

    const forged = await stack.api('/api/rsvps/cancel', { method: 'POST', headers: { authorization: `Bearer ${tamper(token, { rsvpId: 'other' })}` } });
    const old = await stack.api('/api/rsvps/cancel', { method: 'POST', headers: { authorization: `Bearer ${await expired('rsvp', { meetingId, rsvpId: 'x' })}` } });

    expect(forged.status).toBe(401);
    expect(old.status).toBe(401);
  });
});
