import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logger, metrics } from '../shared/powertools.js';
import { loadTokens } from '../shared/token-keys.js';
import { runExpiry } from './listings.js';
import { clock, listingStore, mailer, onceStore, publisher, siteUrl } from './runtime.js';

const deps = { store: listingStore(), publisher: publisher(), mailer: mailer(), tokens: await loadTokens(), onceStore: onceStore(), siteUrl: siteUrl(), clock };

/** Daily (topology schedule): expire listings past their validity, remind those ending in two weeks. */
export const handler = middy()
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .handler(async () => {
    const out = await runExpiry(deps);
    metrics.addMetric('ListingsExpired', 'Count', out.expired);
    metrics.publishStoredMetrics();
    logger.info('Expiry run', out);
    return out;
  });
