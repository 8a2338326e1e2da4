import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';

/**
 * One logger and one metrics sink per function, built at cold start.
 * Personal data (emails, names, phone numbers, free text) is never logged:
 * log ids, counts and error codes only. A test greps a full run's logs for
 * the test addresses.
 */
export const logger = new Logger({ serviceName: 'verkosto' });
export const metrics = new Metrics({ namespace: 'Verkosto', serviceName: 'verkosto' });
