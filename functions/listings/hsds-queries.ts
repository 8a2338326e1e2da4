import * as z from '../shared/zod.js';
import { helsinkiToUtc } from '../shared/time.js';

/**
 * The HSDS API's query parameters, parsed by the routes and described in
 * their OpenAPI document: one module that imports neither the site's texts
 * nor the record builders, so the document's function stays small.
 */

export const HSDS_VERSION = '3.0.1';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const flag = z.pipe(z.enum(['true', 'false'], 'invalid_choice'), z.transform((v) => v === 'true'));
const uuidParam = z.pipe(z.string().check(z.regex(UUID, 'invalid')), z.transform((v) => v.toLowerCase()));
/** A day (midnight in Finland) or an instant. */
const since = z.pipe(z.union([z.iso.datetime({ offset: true }), z.iso.date()], 'invalid_date'), z.transform((v) => (v.length === 10 ? helsinkiToUtc(v, '00:00') : new Date(v)).toISOString()));

/** Paging and the output format every HSDS list takes. */
const listParams = {
  page: z._default(z.coerce.number('invalid').check(z.int('invalid'), z.gte(1, 'invalid'), z.lte(10_000, 'invalid')), 1),
  per_page: z._default(z.coerce.number('invalid').check(z.int('invalid'), z.gte(1, 'invalid'), z.lte(100, 'invalid')), 50),
  /** `ndjson`: every result, one JSON record a line, without paging */
  format: z._default(z.enum(['json', 'ndjson'], 'invalid_choice'), 'json'),
  search: z.optional(z.string().check(z.maxLength(200, 'too_long'))),
};
/** What selects services, and so their locations and organisations. */
const serviceFilters = {
  /** One network's services; without it, every network's (each service names its network as a taxonomy term). */
  network: z.optional(z.string().check(z.minLength(1, 'required'), z.maxLength(41, 'too_long'))),
  organization_id: z.optional(uuidParam),
  taxonomy_term_id: z.optional(uuidParam),
  taxonomy_id: z.optional(uuidParam),
  modified_after: z.optional(since),
};

export const hsdsQueries = {
  services: z.object({ ...listParams, ...serviceFilters, minimal: z._default(flag, false), full: z._default(flag, false) }),
  serviceAtLocations: z.object({ ...listParams, ...serviceFilters, full: z._default(flag, false) }),
  organizations: z.object({ ...listParams, network: serviceFilters.network, full: z._default(flag, false), full_service: z._default(flag, false) }),
  organization: z.object({ full_service: z._default(flag, false) }),
  taxonomies: z.object(listParams),
  taxonomyTerms: z.object({ ...listParams, taxonomy_id: z.optional(uuidParam), top_only: z._default(flag, false), parent_id: z.optional(uuidParam) }),
};
export type ServiceFilters = Pick<z.infer<typeof hsdsQueries.services>, 'search' | 'organization_id' | 'taxonomy_term_id' | 'taxonomy_id' | 'modified_after'>;
