import { createHash, createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AwsClient, AwsError, backoffMs, isCertainlyUnprocessed, resetClientConfig, SEND_ONCE_RETRIES, SERVICES, STANDARD_RETRIES, type RetryPolicy } from '../../functions/shared/aws/client.js';
import { BatchGetCommand, BatchWriteCommand, DocumentClient, GetCommand, TransactWriteCommand, UpdateCommand } from '../../functions/shared/aws/dynamodb.js';
import { S3, Scheduler, SecretsManager, SesV2 } from '../../functions/shared/aws/services.js';
import { signRequest } from '../../functions/shared/aws/sigv4.js';

type Data = string | ArrayBuffer | ArrayBufferView;
const bytes = (d: Data) => (typeof d === 'string' ? d : ArrayBuffer.isView(d) ? new Uint8Array(d.buffer, d.byteOffset, d.byteLength) : new Uint8Array(d));

/** The SDK's hash interface over node:crypto, so the SDK's own signer can check ours. */
class Sha256 {
  private readonly hash;
  constructor(secret?: Data) {
    this.hash = secret ? createHmac('sha256', bytes(secret)) : createHash('sha256');
  }
  update(data: Data) {
    this.hash.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY', sessionToken: 'session/token+1' };

async function sdkAuthorization(url: URL, method: string, headers: Record<string, string>, body: string, service: string, now: Date): Promise<string> {
  const signer = new SignatureV4({ credentials, region: 'eu-north-1', service, sha256: Sha256, applyChecksum: false });
  const signed = await signer.sign(
    {
      method,
      protocol: url.protocol,
      hostname: url.hostname,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: { ...headers, host: url.host },
      body,
    },
    { signingDate: now },
  );
  return signed.headers.authorization!;
}

describe('SigV4 signing', () => {
  const now = new Date('2026-11-29T21:05:09.123Z');

  it('signs an awsJson request exactly as the SDK signer does', async () => {
    // Arrange
    const url = new URL('https://dynamodb.eu-north-1.amazonaws.com/');
    const headers = { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'DynamoDB_20120810.GetItem' };
    const body = JSON.stringify({ TableName: 'verkosto', Key: { pk: { S: 'LISTING#ä ö' } } });

    // Act
    const ours = signRequest({ method: 'POST', url, headers, body }, credentials, 'eu-north-1', 'dynamodb', now);

    // Assert
    expect(ours.authorization).toBe(await sdkAuthorization(url, 'POST', headers, body, 'dynamodb', now));
    expect(ours['x-amz-security-token']).toBe(credentials.sessionToken);
  });

  it('signs a restJson request with an encoded path and a query exactly as the SDK signer does', async () => {
    const url = new URL(`https://scheduler.eu-north-1.amazonaws.com/schedules/${encodeURIComponent('meeting-reminder-01J:x y')}`);
    url.searchParams.append('groupName', 'verkosto schedules');
    url.searchParams.append('clientToken', "a*b'c(1)");

    const ours = signRequest({ method: 'DELETE', url, headers: {}, body: '' }, credentials, 'eu-north-1', 'scheduler', now);

    expect(ours.authorization).toBe(await sdkAuthorization(url, 'DELETE', {}, '', 'scheduler', now));
  });

  it('signs an S3 PutObject as the SDK signer does for S3: the path encoded once, the payload hash signed as a header', async () => {
    // Arrange
    const url = new URL('https://verkosto-snapshots.s3.eu-north-1.amazonaws.com/directory/kemi-perhekeskus.json.br');
    const body = 'not really brotli';
    const payloadHash = createHash('sha256').update(body).digest('hex');
    const signer = new SignatureV4({ credentials, region: 'eu-north-1', service: 's3', sha256: Sha256, uriEscapePath: false, applyChecksum: false });

    // Act
    const ours = signRequest({ method: 'PUT', url, headers: { 'content-type': 'application/x-brotli' }, body }, credentials, 'eu-north-1', 's3', now);
    const sdk = await signer.sign(
      { method: 'PUT', protocol: url.protocol, hostname: url.hostname, path: url.pathname, query: {}, headers: { 'content-type': 'application/x-brotli', host: url.host, 'x-amz-content-sha256': payloadHash }, body },
      { signingDate: now },
    );

    // Assert
    expect(ours['x-amz-content-sha256']).toBe(payloadHash);
    expect(ours.authorization).toBe(sdk.headers.authorization);
  });
});

describe('the standard retry backoff', () => {
  it('waits up to base × 2^(attempt-1), longer after throttling, never over the cap', () => {
    const most = () => 1;

    expect(backoffMs(STANDARD_RETRIES, 1, false, most)).toBe(100);
    expect(backoffMs(STANDARD_RETRIES, 2, false, most)).toBe(200);
    expect(backoffMs(STANDARD_RETRIES, 2, true, most)).toBe(1000);
    expect(backoffMs(STANDARD_RETRIES, 20, true, most)).toBe(20_000);
    expect(backoffMs(STANDARD_RETRIES, 3, false, () => 0)).toBe(0);
  });
});

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
/** `drop`: take the request, then close the connection without an answer (the service may have acted on it). */
type Answer = { status: number; body?: unknown; headers?: Record<string, string>; drop?: true };

/** A real HTTP service that answers from a script and records what it was sent. */
async function service(answers: Answer[]): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = answers[Math.min(seen.length - 1, answers.length - 1)]!;
      if (answer.drop) return void req.socket.destroy();
      res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

const anEmail = { FromEmailAddress: 'a@example.fi', Destination: { ToAddresses: ['b@example.fi'] }, Content: { Simple: { Subject: { Data: 'Hei' }, Body: { Text: { Data: 'Hei' } } } } };
const quick: RetryPolicy = { ...STANDARD_RETRIES, baseDelayMs: 1, throttlingBaseDelayMs: 1 };
const saved = { ...process.env };

function useEnv(env: Record<string, string | undefined>) {
  for (const key of Object.keys(process.env)) if (key.startsWith('AWS_')) delete process.env[key];
  Object.assign(process.env, { AWS_REGION: 'eu-north-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' }, env);
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete process.env[k];
  resetClientConfig();
}

describe('the thin AWS client against a real HTTP service', () => {
  let svc: Awaited<ReturnType<typeof service>> | undefined;
  beforeEach(() => resetClientConfig());
  afterEach(async () => {
    await svc?.close();
    svc = undefined;
    process.env = { ...saved };
    resetClientConfig();
  });

  it('retries throttling and 5xx answers and returns the answer that succeeds', async () => {
    svc = await service([{ status: 400, body: { __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException', message: 'slow down' } }, { status: 503, body: {} }, { status: 200, body: { Item: { pk: { S: 'a' } } } }]);
    useEnv({ AWS_ENDPOINT_URL_DYNAMODB: svc.url });

    const out = await new DocumentClient(new AwsClient(SERVICES.dynamodb, quick)).send(new GetCommand({ TableName: 't', Key: { pk: 'a', sk: 'b' } }));

    expect(out.Item).toEqual({ pk: 'a' });
    expect(svc.seen).toHaveLength(3);
    expect(svc.seen[0]!.headers['x-amz-target']).toBe('DynamoDB_20120810.GetItem');
    expect(svc.seen[0]!.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=test\/\d{8}\/eu-north-1\/dynamodb\/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=[0-9a-f]{64}$/);
    expect(JSON.parse(svc.seen[0]!.body)).toEqual({ TableName: 't', Key: { pk: { S: 'a' }, sk: { S: 'b' } } });
  });

  it('does not retry a failed condition, and names the error as the SDK does', async () => {
    svc = await service([{ status: 400, body: { __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException', message: 'The conditional request failed' } }]);
    useEnv({ AWS_ENDPOINT_URL_DYNAMODB: svc.url });

    const err = await new DocumentClient(new AwsClient(SERVICES.dynamodb, quick))
      .send(new UpdateCommand({ TableName: 't', Key: { pk: 'a' }, UpdateExpression: 'SET n = :n', ConditionExpression: 'n < :n', ExpressionAttributeValues: { ':n': 3 } }))
      .catch((e: unknown) => e);

    expect(err).toBeInstanceOf(AwsError);
    expect(err).toMatchObject({ name: 'ConditionalCheckFailedException', message: 'The conditional request failed', $metadata: { httpStatusCode: 400, attempts: 1 }, $fault: 'client' });
    expect(svc.seen).toHaveLength(1);
  });

  it('keeps the fields of an error answer, such as a cancelled transaction\'s reasons', async () => {
    const reasons = [{ Code: 'None' }, { Code: 'ConditionalCheckFailed', Message: 'The conditional request failed' }];
    svc = await service([{ status: 400, body: { __type: 'com.amazonaws.dynamodb.v20120810#TransactionCanceledException', Message: 'Transaction cancelled', CancellationReasons: reasons } }]);
    useEnv({ AWS_ENDPOINT_URL_DYNAMODB: svc.url });

    const err = await new DocumentClient()
      .send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: 't', Item: { pk: 'a', tags: new Set(['x']) }, ConditionExpression: 'attribute_not_exists(pk)' } },
            { ConditionCheck: { TableName: 't', Key: { pk: 'b' }, ConditionExpression: 'v = :v', ExpressionAttributeValues: { ':v': 1 } } },
          ],
        }),
      )
      .catch((e: unknown) => e);

    expect(err).toMatchObject({ name: 'TransactionCanceledException', message: 'Transaction cancelled', CancellationReasons: reasons });
    expect(JSON.parse(svc.seen[0]!.body)).toEqual({
      TransactItems: [
        { Put: { TableName: 't', Item: { pk: { S: 'a' }, tags: { SS: ['x'] } }, ConditionExpression: 'attribute_not_exists(pk)' } },
        { ConditionCheck: { TableName: 't', Key: { pk: { S: 'b' } }, ConditionExpression: 'v = :v', ExpressionAttributeValues: { ':v': { N: '1' } } } },
      ],
    });
  });

  it('marshals batch requests per table and unmarshals what comes back unprocessed', async () => {
    svc = await service([
      { status: 200, body: { UnprocessedItems: { t: [{ PutRequest: { Item: { pk: { S: 'b' }, n: { N: '2' } } } }] } } },
      { status: 200, body: { Responses: { t: [{ pk: { S: 'a' }, bytes: { B: Buffer.from([1, 2, 250]).toString('base64') } }] }, UnprocessedKeys: {} } },
    ]);
    useEnv({ AWS_ENDPOINT_URL_DYNAMODB: svc.url });
    const db = new DocumentClient();

    const written = await db.send(new BatchWriteCommand({ RequestItems: { t: [{ PutRequest: { Item: { pk: 'a', skip: undefined, bytes: new Uint8Array([1, 2, 250]) } } }, { DeleteRequest: { Key: { pk: 'c' } } }] } }));
    const read = await db.send(new BatchGetCommand({ RequestItems: { t: { Keys: [{ pk: 'a' }], ConsistentRead: true } } }));

    expect(JSON.parse(svc.seen[0]!.body)).toEqual({
      RequestItems: { t: [{ PutRequest: { Item: { pk: { S: 'a' }, bytes: { B: 'AQL6' } } } }, { DeleteRequest: { Key: { pk: { S: 'c' } } } }] },
    });
    expect(written.UnprocessedItems).toEqual({ t: [{ PutRequest: { Item: { pk: 'b', n: 2 } } }] });
    expect(JSON.parse(svc.seen[1]!.body)).toEqual({ RequestItems: { t: { Keys: [{ pk: { S: 'a' } }], ConsistentRead: true } } });
    expect(read.Responses).toEqual({ t: [{ pk: 'a', bytes: new Uint8Array([1, 2, 250]) }] });
  });

  it('gives up after three attempts when the service stays unreachable', async () => {
    svc = await service([]);
    const url = svc.url;
    await svc.close();
    svc = undefined;
    useEnv({ AWS_ENDPOINT_URL_SECRETS_MANAGER: url });

    const err = await new SecretsManager(new AwsClient(SERVICES.secretsManager, quick)).getSecretValue({ SecretId: 'arn' }).catch((e: unknown) => e);

    expect(err).toMatchObject({ name: 'NetworkingError', $metadata: { attempts: 3 }, $fault: 'server' });
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
  });

  it('names a restJson error by its x-amzn-errortype header', async () => {
    svc = await service([{ status: 404, headers: { 'x-amzn-errortype': 'ResourceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.chronos/' }, body: { Message: 'Schedule meeting-reminder-1 does not exist.' } }]);
    useEnv({ AWS_ENDPOINT_URL_SCHEDULER: svc.url });

    const err = await new Scheduler().deleteSchedule({ Name: 'meeting-reminder-1', GroupName: 'verkosto' }).catch((e: unknown) => e);

    expect(err).toMatchObject({ name: 'ResourceNotFoundException', message: 'Schedule meeting-reminder-1 does not exist.', $metadata: { httpStatusCode: 404, attempts: 1 } });
    const seen = new URL(svc.seen[0]!.url, svc.url);
    expect(svc.seen[0]!.method).toBe('DELETE');
    expect(seen.pathname).toBe('/schedules/meeting-reminder-1');
    expect(seen.searchParams.get('groupName')).toBe('verkosto');
    expect(seen.searchParams.get('clientToken')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends SES blobs as base64 and Secrets Manager calls with their target', async () => {
    svc = await service([{ status: 200, body: { MessageId: 'm-1' } }, { status: 200, body: { SecretString: '{"keys":[]}' } }]);
    useEnv({ AWS_ENDPOINT_URL_SESV2: svc.url, AWS_ENDPOINT_URL_SECRETS_MANAGER: svc.url });

    const sent = await new SesV2().sendEmail({ FromEmailAddress: 'a@example.fi', Destination: { ToAddresses: ['b@example.fi'] }, Content: { Raw: { Data: new TextEncoder().encode('Subject: Hei\r\n\r\nää') } } });
    const secret = await new SecretsManager().getSecretValue({ SecretId: 'arn:aws:secretsmanager:eu-north-1:1:secret:k', VersionStage: 'AWSPENDING' });

    expect(sent.MessageId).toBe('m-1');
    expect(svc.seen[0]!.url).toBe('/v2/email/outbound-emails');
    expect(svc.seen[0]!.headers.authorization).toContain('/eu-north-1/ses/aws4_request');
    expect(Buffer.from((JSON.parse(svc.seen[0]!.body) as { Content: { Raw: { Data: string } } }).Content.Raw.Data, 'base64').toString('utf8')).toBe('Subject: Hei\r\n\r\nää');
    expect(secret.SecretString).toBe('{"keys":[]}');
    expect(svc.seen[1]!.headers['x-amz-target']).toBe('secretsmanager.GetSecretValue');
    expect(svc.seen[1]!.headers['content-type']).toBe('application/x-amz-json-1.1');
  });

  it('does not send an email again when SES took the request but the connection dropped before its answer', async () => {
    svc = await service([{ status: 200, drop: true }, { status: 200, body: { MessageId: 'm-2' } }]);
    useEnv({ AWS_ENDPOINT_URL_SESV2: svc.url });

    const err = await new SesV2().sendEmail(anEmail).catch((e: unknown) => e);

    expect(err).toMatchObject({ name: 'NetworkingError', $metadata: { attempts: 1 } });
    expect(isCertainlyUnprocessed(err as AwsError)).toBe(false);
    expect(svc.seen).toHaveLength(1);
  });

  it('does not send an email again after a 5xx answer, since SES may have sent it', async () => {
    svc = await service([{ status: 500, body: { message: 'internal' } }, { status: 200, body: { MessageId: 'm-2' } }]);
    useEnv({ AWS_ENDPOINT_URL_SESV2: svc.url });

    const err = await new SesV2().sendEmail(anEmail).catch((e: unknown) => e);

    expect(err).toMatchObject({ $metadata: { httpStatusCode: 500, attempts: 1 } });
    expect(svc.seen).toHaveLength(1);
  });

  it('retries an email SES throttled, which it did not send', async () => {
    svc = await service([{ status: 429, headers: { 'x-amzn-errortype': 'TooManyRequestsException' }, body: { message: 'Too many requests' } }, { status: 200, body: { MessageId: 'm-2' } }]);
    useEnv({ AWS_ENDPOINT_URL_SESV2: svc.url });

    const sent = await new SesV2().sendEmail(anEmail);

    expect(sent.MessageId).toBe('m-2');
    expect(svc.seen).toHaveLength(2);
  });

  it('paces every attempt of a request where it leaves, the retry of a throttled email included', async () => {
    // Arrange: SES throttles the first attempt; the pacer holds each attempt until the test lets it go.
    svc = await service([{ status: 429, headers: { 'x-amzn-errortype': 'TooManyRequestsException' }, body: { message: 'Too many requests' } }, { status: 200, body: { MessageId: 'm-2' } }]);
    useEnv({ AWS_ENDPOINT_URL_SESV2: svc.url });
    const gates: Array<() => void> = [];
    const pace = () => new Promise<void>((go) => gates.push(go));
    const client = new SesV2(new AwsClient(SERVICES.sesv2, { ...SEND_ONCE_RETRIES, throttlingBaseDelayMs: 1 }));

    // Act
    const sending = client.sendEmail(anEmail, { beforeAttempt: pace });
    await expect.poll(() => gates.length).toBe(1);
    const seenBeforeFirstGate = svc.seen.length;
    gates[0]!();
    await expect.poll(() => gates.length).toBe(2);
    const seenBeforeSecondGate = svc.seen.length;
    gates[1]!();
    const sent = await sending;

    // Assert: nothing left before its gate opened; the retry waited for the pacer too.
    expect(seenBeforeFirstGate).toBe(0);
    expect(seenBeforeSecondGate).toBe(1);
    expect(sent.MessageId).toBe('m-2');
    expect(svc.seen).toHaveLength(2);
  });

  it('retries an email whose connection was refused, and names that failure as certainly unprocessed', async () => {
    svc = await service([]);
    const url = svc.url;
    await svc.close();
    svc = undefined;
    useEnv({ AWS_ENDPOINT_URL_SESV2: url });

    const err = await new SesV2(new AwsClient(SERVICES.sesv2, { ...SEND_ONCE_RETRIES, baseDelayMs: 1, throttlingBaseDelayMs: 1 })).sendEmail(anEmail).catch((e: unknown) => e);

    expect(err).toMatchObject({ name: 'NetworkingError', $metadata: { attempts: 3 } });
    expect(isCertainlyUnprocessed(err as AwsError)).toBe(true);
  });

  it('fails a request, not the import, when the environment has no credentials', async () => {
    svc = await service([{ status: 200, body: {} }]);
    useEnv({ AWS_ENDPOINT_URL_DYNAMODB: svc.url, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    const db = new DocumentClient();

    const err = await db.send(new GetCommand({ TableName: 't', Key: { pk: 'a' } })).catch((e: unknown) => e);

    expect((err as Error).message).toMatch(/environment variable credentials/);
    expect(svc.seen).toHaveLength(0);
  });

  it('reaches the regional endpoint when no override is set', async () => {
    useEnv({});
    let asked: string | undefined;
    const realFetch = globalThis.fetch;
    // The one place a fetch stands in: a test must not call AWS itself.
    globalThis.fetch = async (input) => {
      asked = String(input);
      return new Response('{}', { status: 200 });
    };
    try {
      await new SesV2().sendEmail({ FromEmailAddress: 'a@example.fi', Destination: { ToAddresses: ['b@example.fi'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } } });
    } finally {
      globalThis.fetch = realFetch;
    }

    expect(asked).toBe('https://email.eu-north-1.amazonaws.com/v2/email/outbound-emails');
  });

  it("reaches an S3 object at its bucket's regional host, or path style at an override, and reads NoSuchKey as no object", async () => {
    const realFetch = globalThis.fetch;
    const asked: string[] = [];
    globalThis.fetch = async (input) => {
      asked.push(String(input));
      return new Response('<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>', { status: 404 });
    };
    try {
      useEnv({});
      const none = await new S3().getObject({ Bucket: 'verkosto-snapshots', Key: 'directory/kemi.json.br' });
      useEnv({ AWS_ENDPOINT_URL_S3: 'http://127.0.0.1:4040' });
      await new S3().getObject({ Bucket: 'verkosto-snapshots', Key: 'directory/kemi.json.br' });
      expect(none).toBeUndefined();
    } finally {
      globalThis.fetch = realFetch;
    }

    expect(asked).toEqual(['https://verkosto-snapshots.s3.eu-north-1.amazonaws.com/directory/kemi.json.br', 'http://127.0.0.1:4040/verkosto-snapshots/directory/kemi.json.br']);
  });
});
