import { Logger } from '@aws-lambda-powertools/logger';

/**
 * One logger per function, built at cold start. Personal data (emails,
 * names, phone numbers, free text) is never logged: log ids, counts and
 * error codes only. A test greps a full run's logs for the test addresses.
 * Metrics live in metrics.ts, imported only by the functions that publish.
 */
export const logger = new Logger({ serviceName: 'verkosto' });
