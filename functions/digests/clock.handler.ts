import middy from '@middy/core';
import * as z from '../shared/zod.js';
import { onceStore, publisher } from '../listings/runtime.js';
import { loadNetworks } from '../shared/networks.js';
import { logger, powertools } from '../shared/powertools.js';
import { tick } from './clock.js';

const deps = { networks: loadNetworks().all, onceStore: onceStore(), publisher: publisher() };

/** EventBridge Scheduler fills in the minute the run was scheduled for, which a retry keeps. */
const input = z.object({ scheduledTime: z.iso.datetime() });

/** Every minute (the one digest schedule): requests the digests of the networks due in that minute. */
export const handler = middy<unknown, { due: number; requested: number }>()
  .use(powertools())
  .handler(async (event) => {
    const out = await tick(new Date(input.parse(event).scheduledTime), deps);
    if (out.due) {
      logger.info('Digest clock', out);
    }
    return out;
  });
