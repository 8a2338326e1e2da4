import middy from '@middy/core';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import * as z from '../shared/zod.js';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import { auditStamp } from '../shared/events.js';
import { powertools } from '../shared/powertools.js';
import { DynamoAuditLog } from './audit.js';

const env = parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)) });
const log = new DynamoAuditLog(documentClient(), env[ENV.tableName]);
const withStamp = z.object({ audit: auditStamp() });

/** Records every event that carries an audit stamp, whatever its type (the rule matches on the stamp). */
export const handler = middy<EventBridgeEvent<string, unknown>, void, Error, Context>()
  .use(powertools())
  .handler(async (event) => {
    const { audit } = withStamp.parse(event.detail);
    await log.record(event.id, event['detail-type'], audit);
  });
