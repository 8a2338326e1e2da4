import * as z from '../shared/zod.js';
import { coordinatorAuth } from '../auth/runtime.js';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import { invalid } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { DynamoAuditLog } from './audit.js';

const env = parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)) });
const auth = await coordinatorAuth();
const log = new DynamoAuditLog(documentClient(), env[ENV.tableName]);
const query = z.object({ limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(200)), 50), before: z.optional(z.string().check(z.startsWith('AUDIT#'), z.maxLength(200))) });

/** GET /api/coordinator/networks/{network}/audit?limit&before — who did what, newest first. */
export const handler = httpHandler({ authorize: auth.require((req) => req.params.network) }, async (req) => {
  const q = query.safeParse(req.query);
  if (!q.success) throw invalid('Bad paging parameters');
  return { status: 200, body: await log.list(req.params.network!, q.data.limit, q.data.before) };
});
