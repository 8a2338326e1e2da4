import { GetCommand } from '../../functions/shared/aws/dynamodb.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../functions/shared/dynamo.js';
import { LOCAL_TABLE } from '../../local/stack.js';
import { aListing } from '../fixtures/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';

describe('a submitted listing, through the local stack', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.close());

  it('answers 202 with an id, stores the listing as pending and mails the coordinators', async () => {
    // Arrange
    const listing = aListing();
    const coordinator = stack.config.networks[0]!.coordinators[0]!;

    // Act
    const res = await stack.api('/api/listings', { method: 'POST', json: listing });
    const { id } = (await res.json()) as { id: string };
    await stack.settle();

    // Assert
    expect(res.status).toBe(202);
    const item = await documentClient().send(new GetCommand({ TableName: LOCAL_TABLE, Key: { pk: `LISTING#${id}`, sk: 'META' } }));
    expect(item.Item).toMatchObject({ id, status: 'pending', network: 'kemi-perhekeskus', gsi1pk: 'NET#kemi-perhekeskus#LISTINGS#pending' });
    expect(item.Item?.data.title.fi).toBe('Perhekahvila Pruntsin Poukamassa');
    const mails = await stack.mailTo(coordinator);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.subject).toContain('Perhekahvila Pruntsin Poukamassa');
    expect(mails[0]!.body.text).toContain(`#listing-${id}`);
  });

  it('rejects a listing without a title with a field message and stores nothing', async () => {
    const { title: _omitted, ...noTitle } = aListing();
    await stack.clearMail();

    const res = await stack.api('/api/listings?lang=fi', { method: 'POST', json: noTitle });
    await stack.settle();

    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe('invalid_input');
    expect(body.error.fields.title).toBe('Tämä tieto on pakollinen.');
    expect(await stack.mailbox()).toHaveLength(0);
  });

  it('answers malformed JSON with 400, not 500', async () => {
    const res = await stack.api('/api/listings', { method: 'POST', body: '{"title":', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_json');
  });

  it('refuses a body over the size limit with 413', async () => {
    const huge = { ...aListing(), description: { fi: 'x'.repeat(70_000) } };
    const res = await stack.api('/api/listings', { method: 'POST', json: huge });
    expect(res.status).toBe(413);
  });

  it('stores a listing once and mails once when the same event is delivered twice', async () => {
    // Arrange: capture the event the API publishes, then deliver it again by hand.
    await stack.clearMail();
    const res = await stack.api('/api/listings', { method: 'POST', json: aListing() });
    const { id } = (await res.json()) as { id: string };
    await stack.settle();
    const delivered = stack.archive.filter((e) => (e.detail as { listing?: { id: string } }).listing?.id === id);
    expect(delivered).toHaveLength(1);
    const mailsBefore = (await stack.mailbox()).length;

    // Act
    await stack.functions.get('StorePendingListing')!.invoke(delivered[0]);
    await stack.functions.get('NotifyCoordinators')!.invoke(delivered[0]);
    await stack.functions.get('MailSubmitter')!.invoke(delivered[0]);

    // Assert
    expect(await stack.mailbox()).toHaveLength(mailsBefore);
    const item = await documentClient().send(new GetCommand({ TableName: LOCAL_TABLE, Key: { pk: `LISTING#${id}`, sk: 'META' } }));
    expect(item.Item?.revision).toBe(1);
  });

  it('drops a submission whose honeypot is filled, storing and mailing nothing', async () => {
    await stack.clearMail();
    const res = await stack.api('/api/listings', { method: 'POST', json: { ...aListing(), homepage: 'http://spam.example' } });
    await stack.settle();
    expect(res.status).toBe(202);
    expect(await stack.mailbox()).toHaveLength(0);
  });
});
