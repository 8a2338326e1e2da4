import { httpHandler, JSON_HEADERS, type HttpResult } from '../shared/http.js';
import { HSDS_OPENAPI_JSON } from './hsds-openapi-document.js';
import { withSiteUrl } from './hsds-openapi-mark.js';
import { siteUrl } from './runtime.js';

const site = siteUrl();
/** Put together on the first request, once per instance: the document changes only with a deployment. */
let document: string | undefined;

/**
 * GET /api/hsds/openapi.json: the HSDS API's OpenAPI 3.1 document (its own
 * function, so the API's bundle carries no schema files). The document is
 * generated at build time (`npm run hsds:openapi`): building it from the
 * schema files at cold start was most of this function's import time.
 */
export const handler = httpHandler({}, async (): Promise<HttpResult> => {
  document ??= withSiteUrl(HSDS_OPENAPI_JSON, site);
  return { status: 200, body: document, headers: { ...JSON_HEADERS, 'cache-control': 'public, max-age=3600' } };
});
