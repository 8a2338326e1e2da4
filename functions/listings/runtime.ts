import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import * as z from 'zod';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import { SesMailer } from '../shared/mailer.js';
import { DynamoOnceStore } from '../shared/once.js';
import { EventBridgePublisher } from '../shared/publisher.js';
import { DynamoListingStore } from './store.js';

/**
 * Cold-start builders for the listing handlers: each parses only the
 * variables it needs, so a function that may not send mail has no mail
 * setting to find, and a missing one fails at import, not mid-request.
 */
const table = () => parseEnv({ [ENV.tableName]: z.string().min(1) })[ENV.tableName];

export const clock = { now: () => new Date() };
export const listingStore = () => new DynamoListingStore(documentClient(), table());
export const onceStore = () => new DynamoOnceStore(documentClient(), table());
export const publisher = () => new EventBridgePublisher(new EventBridgeClient({}), parseEnv({ [ENV.eventBusName]: z.string().min(1) })[ENV.eventBusName]);
export function mailer() {
  const env = parseEnv({ [ENV.mailSender]: z.email(), [ENV.mailConfigurationSet]: z.string().optional() });
  return new SesMailer(new SESv2Client({}), env[ENV.mailSender], env[ENV.mailConfigurationSet]);
}
export const siteUrl = () => parseEnv({ [ENV.siteUrl]: z.url() })[ENV.siteUrl].replace(/\/$/, '');
