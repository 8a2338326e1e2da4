import { httpHandler, type HttpResult } from '../shared/http.js';
import { hsdsOpenApi } from './hsds-openapi.js';
import { siteUrl } from './runtime.js';

/** Built once per instance: the document changes only with a deployment. */
const openapi = hsdsOpenApi(siteUrl());

/** GET /api/hsds/openapi.json: the HSDS API's OpenAPI 3.1 document (its own function, so the API's bundle carries no schema files). */
export const handler = httpHandler({}, async (): Promise<HttpResult> => ({ status: 200, body: openapi, headers: { 'cache-control': 'public, max-age=3600' } }));
