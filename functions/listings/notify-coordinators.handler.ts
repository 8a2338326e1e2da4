import { SESv2Client } from '@aws-sdk/client-sesv2';
import { z } from 'zod';
import { eventHandler } from '../shared/consumer.js';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import { SesMailer } from '../shared/mailer.js';
import { Networks } from '../shared/networks.js';
import { DynamoOnceStore } from '../shared/once.js';
import { logger, metrics } from '../shared/powertools.js';
import { notifyCoordinators } from './listings.js';

const env = parseEnv({
  [ENV.tableName]: z.string().min(1),
  [ENV.mailSender]: z.email(),
  [ENV.mailConfigurationSet]: z.string().optional(),
  [ENV.networks]: z.string().min(2),
  [ENV.siteUrl]: z.url(),
});
const deps = {
  mailer: new SesMailer(new SESv2Client({}), env[ENV.mailSender], env[ENV.mailConfigurationSet]),
  networks: Networks.fromJson(env[ENV.networks]),
  onceStore: new DynamoOnceStore(documentClient(), env[ENV.tableName]),
  siteUrl: env[ENV.siteUrl].replace(/\/$/, ''),
};

export const handler = eventHandler(['Listing.Submitted'], async ({ listing }, meta) => {
  const sent = await notifyCoordinators(listing, meta.id, deps);
  metrics.addMetric('EmailsSent', 'Count', sent);
  metrics.publishStoredMetrics();
  logger.info('Moderation notice', { listingId: listing.id, sent });
});
