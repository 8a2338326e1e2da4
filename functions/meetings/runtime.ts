import * as z from 'zod';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import { DynamoMeetingStore } from './store.js';

export const meetingStore = () => new DynamoMeetingStore(documentClient(), parseEnv({ [ENV.tableName]: z.string().min(1) })[ENV.tableName]);
