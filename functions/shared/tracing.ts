import { Tracer } from '@aws-lambda-powertools/tracer';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';

/**
 * Loaded only when the bundle was built with tracing on (powertools.ts): the
 * X-Ray SDK adds about 126 KB to every bundle, so it is not there otherwise.
 *
 * Tracer records outgoing `http`, `https` and `fetch` requests as subsegments
 * (captureHTTPsRequests, on by default; fetch through undici's diagnostics
 * channel), whichever AWS client makes them.
 */
export const tracer = new Tracer({ serviceName: 'verkosto' });

/**
 * The handler's segment. Its response is not recorded: API answers and
 * event results can name people, and traces are no place for personal data.
 */
export const traceHandler = () => captureLambdaHandler(tracer, { captureResponse: false });
