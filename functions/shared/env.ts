import * as z from './zod.js';

/**
 * Environment variable names shared by the CDK stack (which sets them), the
 * local runtime (which sets them too) and the handlers (which parse them once
 * at cold start).
 */
export const ENV = {
  tableName: 'TABLE_NAME',
  eventBusName: 'EVENT_BUS_NAME',
  mailSender: 'MAIL_SENDER',
  mailConfigurationSet: 'MAIL_CONFIGURATION_SET',
  siteUrl: 'SITE_URL',
  networksFile: 'NETWORKS_FILE',
  tokenSecretArn: 'TOKEN_SECRET_ARN',
  tokenKeyFile: 'TOKEN_KEY_FILE',
  directoryCacheSeconds: 'DIRECTORY_CACHE_SECONDS',
  digestQueueUrl: 'DIGEST_QUEUE_URL',
  sendRatePerSecond: 'SEND_RATE_PER_SECOND',
  senderConcurrency: 'SENDER_CONCURRENCY',
  eventBusArn: 'EVENT_BUS_ARN',
  schedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  limits: 'RATE_LIMITS',
  scheduleGroupName: 'SCHEDULE_GROUP_NAME',
  scheduleDeadLetterArn: 'SCHEDULE_DLQ_ARN',
  tokenKeyCacheSeconds: 'TOKEN_KEY_CACHE_SECONDS',
  snapshotBucket: 'DIRECTORY_SNAPSHOT_BUCKET',
} as const;
export type EnvName = (typeof ENV)[keyof typeof ENV];

/**
 * Parse options for what is parsed once per cold start (the environment, the
 * networks file, the limits): zod compiles a fast path for an object schema
 * on its first parse (about 1.2 ms of CPU each), which only pays back over
 * many parses of the same schema, as request bodies get.
 */
export const ONE_SHOT = { jitless: true } as const;

/**
 * Parses the variables a module needs. Called at module scope, so a missing
 * variable fails the cold start with the variable's name instead of failing a
 * request halfway through. Each variable is parsed by its own schema, not
 * through a `z.object` of them: an object schema compiles a parser on its
 * first parse, about 1.2 ms of CPU per call and a function makes several at
 * import (issue 16). Unknown variables are left out, as an object schema would.
 */
export function parseEnv<S extends z.core.$ZodShape>(shape: S, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodMiniObject<S>> {
  const out: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const [name, schema] of Object.entries(shape)) {
    const result = z.safeParse(schema, env[name]);
    if (!result.success) problems.push(...result.error.issues.map((i) => `${[name, ...i.path].join('.')}: ${i.message}`));
    else if (result.data !== undefined) out[name] = result.data;
  }
  if (problems.length) throw new Error(`Invalid environment: ${problems.join('; ')}`);
  return out as z.infer<z.ZodMiniObject<S>>;
}
