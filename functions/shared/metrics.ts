import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * The metrics sink of a function that publishes metrics. Its own module so
 * the functions that publish none do not load Powertools metrics at every
 * cold start (a `new` at module scope is kept by the bundler even unused).
 */
export const metrics = new Metrics({ namespace: 'Verkosto', serviceName: 'verkosto' });
