import middy from '@middy/core';
import { loadNetworks } from '../shared/networks.js';
import { logger, powertools } from '../shared/powertools.js';
import { loadTokens } from '../shared/token-keys.js';
import { runExpiry } from './listings.js';
import { clock, listingStore, mailer, onceStore, publisher, siteUrl } from './runtime.js';

const networks = loadNetworks();
const deps = { store: listingStore(), publisher: publisher(), mailer: mailer(), tokens: await loadTokens(), onceStore: onceStore(), siteUrl: siteUrl(), clock, networks: networks.all.map((n) => n.id) };

/** Daily (topology schedule): expire listings past their last day, remind those whose validity ends within two weeks. */
export const handler = middy()
  .use(powertools())
  .handler(async () => {
    const out = await runExpiry(deps);
    logger.info('Expiry run', out);
    return out;
  });
