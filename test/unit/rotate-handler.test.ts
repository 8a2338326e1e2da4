/**
 * The rotation function end to end over HTTP: its Secrets Manager calls go
 * through the thin client (functions/shared/aws/) to a Secrets Manager that
 * keeps versions and staging labels as the service does. No local stack
 * runs Secrets Manager, so this stands in for it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Context } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetClientConfig } from '../../functions/shared/aws/client.js';
import { keySet, newKeySet } from '../../functions/shared/tokens.js';

const SECRET = 'arn:aws:secretsmanager:eu-north-1:000000000000:secret:verkosto-token-keys';

/** Versions and labels of one secret, and the calls made, behind the awsJson 1.1 wire API. */
class SecretsManagerService {
  values = new Map<string, string>();
  stages: Record<string, string[]> = {};
  calls: string[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        const op = String(req.headers['x-amz-target']).replace('secretsmanager.', '');
        this.calls.push(op);
        const [status, out] = this.answer(op, JSON.parse(body) as Record<string, unknown>);
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify(out));
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  close(): Promise<void> {
    return new Promise((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  private answer(op: string, input: Record<string, unknown>): [number, unknown] {
    if (input.SecretId !== SECRET) return [400, { __type: 'ResourceNotFoundException', Message: 'Secrets Manager can\'t find the specified secret.' }];
    switch (op) {
      case 'DescribeSecret':
        return [200, { ARN: SECRET, RotationEnabled: true, VersionIdsToStages: this.stages }];
      case 'GetSecretValue': {
        const id = Object.entries(this.stages).find(([v, l]) => l.includes(String(input.VersionStage ?? 'AWSCURRENT')) && (!input.VersionId || v === input.VersionId))?.[0];
        const value = id && this.values.get(id);
        return value ? [200, { ARN: SECRET, VersionId: id, SecretString: value }] : [400, { __type: 'ResourceNotFoundException', Message: 'Secrets Manager can\'t find the specified secret value for staging label: AWSPENDING' }];
      }
      case 'PutSecretValue': {
        const id = String(input.ClientRequestToken);
        this.values.set(id, String(input.SecretString));
        this.stages[id] = input.VersionStages as string[];
        return [200, { ARN: SECRET, VersionId: id }];
      }
      case 'UpdateSecretVersionStage': {
        const stage = String(input.VersionStage);
        for (const labels of Object.values(this.stages)) labels.splice(0, labels.length, ...labels.filter((l) => l !== stage && !(stage === 'AWSCURRENT' && l === 'AWSPREVIOUS')));
        this.stages[String(input.RemoveFromVersionId)]!.push('AWSPREVIOUS');
        this.stages[String(input.MoveToVersionId)] = [...(this.stages[String(input.MoveToVersionId)] ?? []).filter((l) => l !== 'AWSPENDING'), stage];
        return [200, { ARN: SECRET }];
      }
      default:
        return [400, { __type: 'UnknownOperationException' }];
    }
  }
}

const context = { functionName: 'RotateTokenKeys', awsRequestId: 'rotate-test', getRemainingTimeInMillis: () => 30_000 } as unknown as Context;

describe('the token key rotation function', () => {
  const service = new SecretsManagerService();
  const saved = { ...process.env };
  let handler: (event: unknown, context: Context) => Promise<unknown>;

  beforeAll(async () => {
    const url = await service.start();
    Object.assign(process.env, { AWS_REGION: 'eu-north-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_ENDPOINT_URL_SECRETS_MANAGER: url, POWERTOOLS_LOG_LEVEL: 'ERROR' });
    resetClientConfig();
    ({ handler } = await import('../../functions/keys/rotate.handler.js'));
  });
  afterAll(async () => {
    await service.close();
    process.env = saved;
    resetClientConfig();
  });

  it('runs the four steps through Secrets Manager: a new signing key current, the old one kept for verifying', async () => {
    // Arrange: the state RotateSecret leaves, a current key set and a pending version without a value.
    const initial = newKeySet();
    service.values.set('v1', JSON.stringify(initial));
    service.stages = { v1: ['AWSCURRENT'], v2: ['AWSPENDING'] };

    // Act
    for (const Step of ['createSecret', 'setSecret', 'testSecret', 'finishSecret']) {
      await handler({ SecretId: SECRET, ClientRequestToken: 'v2', Step }, context);
    }
    // A retried step after the rotation finished does nothing.
    await handler({ SecretId: SECRET, ClientRequestToken: 'v2', Step: 'createSecret' }, context);

    // Assert
    expect(service.stages).toEqual({ v1: ['AWSPREVIOUS'], v2: ['AWSCURRENT'] });
    const rotated = keySet.parse(JSON.parse(service.values.get('v2')!));
    expect(rotated.currentKid).not.toBe(initial.currentKid);
    expect(rotated.previousKid).toBe(initial.currentKid);
    expect(rotated.previous).toBe(initial.current);
    expect(service.calls.filter((c) => c === 'PutSecretValue')).toHaveLength(1);
    expect(service.calls).toContain('UpdateSecretVersionStage');
  });
});
