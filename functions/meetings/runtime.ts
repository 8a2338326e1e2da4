import * as z from '../shared/zod.js';
import { documentClient } from '../shared/dynamo.js';
import { ENV, parseEnv } from '../shared/env.js';
import { DynamoMeetingStore } from './store.js';
import { DynamoTurnStore } from './turn-store.js';
import { confirmedTurnLines } from './turns.js';

export const meetingStore = () => new DynamoMeetingStore(documentClient(), parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)) })[ENV.tableName]);
export const turnStore = () => new DynamoTurnStore(documentClient(), parseEnv({ [ENV.tableName]: z.string().check(z.minLength(1)) })[ENV.tableName]);

/** The meetings a digest lists, each with its confirmed presentation turns as lines (digests/digests.ts MeetingSource). */
export function meetingSource() {
  const meetings = meetingStore();
  const turns = turnStore();
  return {
    upcoming: async (network: string, fromIso: string, toIso: string) =>
      Promise.all((await meetings.upcoming(network, fromIso, toIso)).map(async (m) => ({ ...m, turns: await confirmedTurnLines(m, turns, new Date()) }))),
  };
}
