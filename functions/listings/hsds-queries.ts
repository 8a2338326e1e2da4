import * as z from 'zod';
import { helsinkiToUtc } from '../shared/time.js';

/**
 * The HSDS API's query parameters, parsed by the routes and described in
 * their OpenAPI document: one module that imports neither the site's texts
 * nor the record builders, so the document's function stays small.
 */

export const HSDS_VERSION = '3.0.1';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const flag = z.enum(['true', 'false'], 'invalid_choice').transform((v) => v === 'true');
const uuidParam = z.string().regex(UUID, 'invalid').transform((v) => v.toLowerCase());
/** A day (midnight in Finland) or an instant. */
const since = z.union([z.iso.datetime({ offset: true }), z.iso.date()], 'invalid_date').transform((v) => (v.length === 10 ? helsinkiToUtc(v, '00:00') : new Date(v)).toISOString());

/** Paging and the output format every HSDS list takes. */
const listParams = {
  page: z.coerce.number('invalid').int('invalid').min(1, 'invalid').max(10_000, 'invalid').default(1),
  per_page: z.coerce.number('invalid').int('invalid').min(1, 'invalid').max(100, 'invalid').default(50),
  /** `ndjson`: every result, one JSON record a line, without paging */
  format: z.enum(['json', 'ndjson'], 'invalid_choice').default('json'),
  search: z.string().max(200, 'too_long').optional(),
};
/** What selects services, and so their locations and organisations. */
const serviceFilters = {
  /** One network's services; without it, every network's (each service names its network as a taxonomy term). */
  network: z.string().min(1, 'required').max(41, 'too_long').optional(),
  organization_id: uuidParam.optional(),
  taxonomy_term_id: uuidParam.optional(),
  taxonomy_id: uuidParam.optional(),
  modified_after: since.optional(),
};

export const hsdsQueries = {
  services: z.object({ ...listParams, ...serviceFilters, minimal: flag.default(false), full: flag.default(false) }),
  serviceAtLocations: z.object({ ...listParams, ...serviceFilters, full: flag.default(false) }),
  organizations: z.object({ ...listParams, network: serviceFilters.network, full: flag.default(false), full_service: flag.default(false) }),
  organization: z.object({ full_service: flag.default(false) }),
  taxonomies: z.object(listParams),
  taxonomyTerms: z.object({ ...listParams, taxonomy_id: uuidParam.optional(), top_only: flag.default(false), parent_id: uuidParam.optional() }),
};
export type ServiceFilters = Pick<z.infer<typeof hsdsQueries.services>, 'search' | 'organization_id' | 'taxonomy_term_id' | 'taxonomy_id' | 'modified_after'>;
