import * as z from '../shared/zod.js';
import { HSDS_VERSION, hsdsQueries } from './hsds-queries.js';
import accessibility from './hsds-schema/accessibility.json' with { type: 'json' };
import address from './hsds-schema/address.json' with { type: 'json' };
import attribute from './hsds-schema/attribute.json' with { type: 'json' };
import organizationList from './hsds-schema/compiled/organization_list.json' with { type: 'json' };
import serviceAtLocationList from './hsds-schema/compiled/service_at_location_list.json' with { type: 'json' };
import serviceList from './hsds-schema/compiled/service_list.json' with { type: 'json' };
import contact from './hsds-schema/contact.json' with { type: 'json' };
import costOption from './hsds-schema/cost_option.json' with { type: 'json' };
import funding from './hsds-schema/funding.json' with { type: 'json' };
import language from './hsds-schema/language.json' with { type: 'json' };
import location from './hsds-schema/location.json' with { type: 'json' };
import metadata from './hsds-schema/metadata.json' with { type: 'json' };
import organization from './hsds-schema/organization.json' with { type: 'json' };
import organizationIdentifier from './hsds-schema/organization_identifier.json' with { type: 'json' };
import phone from './hsds-schema/phone.json' with { type: 'json' };
import program from './hsds-schema/program.json' with { type: 'json' };
import requiredDocument from './hsds-schema/required_document.json' with { type: 'json' };
import schedule from './hsds-schema/schedule.json' with { type: 'json' };
import service from './hsds-schema/service.json' with { type: 'json' };
import serviceArea from './hsds-schema/service_area.json' with { type: 'json' };
import serviceAtLocation from './hsds-schema/service_at_location.json' with { type: 'json' };
import taxonomy from './hsds-schema/taxonomy.json' with { type: 'json' };
import taxonomyTerm from './hsds-schema/taxonomy_term.json' with { type: 'json' };

/**
 * `GET /api/hsds/openapi.json`: this API's OpenAPI 3.1 document, generated
 * from the very schemas the routes answer to: the HSDS 3.0.1 schema files in
 * `hsds-schema/` (under the strict profile the API keeps: no property they do
 * not name) and the zod query schemas the handler parses with.
 */

/** The published schema files, by the name their `$ref`s use. */
const FILES: Record<string, unknown> = {
  accessibility, address, attribute, contact, cost_option: costOption, funding, language, location, metadata, organization,
  organization_identifier: organizationIdentifier, phone, program, required_document: requiredDocument, schedule, service,
  service_area: serviceArea, service_at_location: serviceAtLocation, taxonomy, taxonomy_term: taxonomyTerm,
  service_list: serviceList, organization_list: organizationList, service_at_location_list: serviceAtLocationList,
};

/** A schema file as a component: `$ref`s to sibling files point into the document, and every object is closed. */
function component<T>(node: T): T {
  if (Array.isArray(node)) return node.map(component) as T;
  if (!node || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'datapackage_metadata') continue;
    out[k] = k === '$ref' && typeof v === 'string' && v.endsWith('.json') ? `#/components/schemas/${v.slice(0, -5)}` : component(v);
  }
  if ((out.type === 'object' || out.properties) && out.additionalProperties === undefined) out.additionalProperties = false;
  return out as T;
}

/** An entity with one more nested property, as the item routes answer (the release's compiled item schemas add it). */
function nesting(base: string, key: string, schema: object) {
  const s = component(FILES[base]) as { properties: Record<string, unknown> };
  return { ...s, properties: { ...s.properties, [key]: schema } };
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

const PARAMETER_TEXT: Record<string, string> = {
  search: 'Full text search: every word must appear (case and diacritics do not matter).',
  page: 'Page number of paginated result.',
  per_page: 'Number of results requested in a single page (at most 100).',
  format: 'Return results in the specified format: `json` (paged, the default) or `ndjson` (every result, one a line, without paging; at most 1,000).',
  network: 'One network (see /api/networks). Without it, every network hosted; each service names its network as a term of the verkosto-networks taxonomy.',
  organization_id: 'Services this organization provides.',
  taxonomy_term_id: 'Services with this taxonomy term.',
  taxonomy_id: 'Services with any term of this taxonomy.',
  modified_after: 'Results modified on or after this instant, or this day (from midnight in Finland).',
  minimal: "Return an array of every service's `id` and `modified_date`, without paging.",
  full: 'Return fully nested records.',
  full_service: 'Nest each organization\'s services in full.',
  top_only: 'Top-level terms only (every term here is top-level).',
  parent_id: 'Terms under this term (no term here has one).',
};

function parameters(schema: z.ZodMiniObject) {
  return Object.entries(schema.shape).map(([name, field]) => {
    const { $schema: _dialect, ...json } = z.toJSONSchema(field as z.ZodMiniType, { io: 'input', unrepresentable: 'any' });
    return { name, in: 'query', required: false, ...(PARAMETER_TEXT[name] ? { description: PARAMETER_TEXT[name] } : {}), schema: json };
  });
}
const ID = { name: 'id', in: 'path', required: true, description: 'The UUID (a service also opens by its listing id).', schema: { type: 'string' } };
const LANG = { name: 'lang', in: 'query', required: false, description: 'Language of taxonomy and term names (else Accept-Language; Finnish by default).', schema: { type: 'string', enum: ['fi', 'sv', 'en'] } };

const pageOf = (items: object) => ({ allOf: [ref('Page'), { type: 'object', properties: { contents: { type: 'array', items } }, required: ['contents'] }] });
const NOT_FOUND = { description: 'No such record', content: { 'application/json': { schema: ref('Error') } } };
const BAD_QUERY = { description: 'A query parameter is wrong; `error.fields` names each', content: { 'application/json': { schema: ref('Error') } } };

function list(summary: string, query: z.ZodMiniObject, items: object, extra: Record<string, unknown> = {}) {
  return {
    get: {
      summary,
      parameters: [...parameters(query), ...('lang' in extra ? [LANG] : [])],
      responses: {
        200: {
          description: summary,
          content: {
            'application/json': { schema: 'json' in extra ? extra.json : pageOf(items) },
            'application/x-ndjson': { schema: items },
          },
        },
        400: BAD_QUERY,
      },
    },
  };
}

function item(summary: string, schema: object, query?: z.ZodMiniObject, lang = false) {
  return {
    get: {
      summary,
      parameters: [ID, ...(query ? parameters(query) : []), ...(lang ? [LANG] : [])],
      responses: { 200: { description: summary, content: { 'application/json': { schema } } }, ...(query ? { 400: BAD_QUERY } : {}), 404: NOT_FOUND },
    },
  };
}

export function hsdsOpenApi(siteUrl: string) {
  const schemas: Record<string, unknown> = Object.fromEntries(Object.entries(FILES).map(([name, s]) => [name, component(s)]));
  schemas.organization_full = nesting('organization', 'services', { type: 'array', items: ref('service') });
  schemas.service_at_location_full = nesting('service_at_location', 'service', ref('service'));
  schemas.Page = {
    type: 'object',
    required: ['total_items', 'total_pages', 'page_number', 'size', 'first_page', 'last_page', 'empty'],
    properties: {
      total_items: { type: 'integer' }, total_pages: { type: 'integer' }, page_number: { type: 'integer' }, size: { type: 'integer' },
      first_page: { type: 'boolean' }, last_page: { type: 'boolean' }, empty: { type: 'boolean' },
    },
  };
  schemas.Error = {
    type: 'object',
    required: ['error'],
    properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string' }, fields: { type: 'object', additionalProperties: { type: 'string' } } } } },
  };
  schemas.minimal = { type: 'array', items: { type: 'object', required: ['id', 'modified_date'], additionalProperties: false, properties: { id: { type: 'string', format: 'uuid' }, modified_date: { type: 'string', format: 'date-time' } } } };
  return {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: 'Verkosto: Open Referral HSDS API',
      version: HSDS_VERSION,
      summary: 'Published services of Finnish regional service networks as Open Referral HSDS 3.0.1.',
      description: 'Lists span every network hosted unless `network` is given. Records are in Finnish; taxonomy and term names follow `lang`. Every answer passes the HSDS strict profile.',
      license: { name: 'HSDS schemas: CC BY-SA 4.0 (Open Referral)', url: 'https://creativecommons.org/licenses/by-sa/4.0/' },
    },
    servers: [{ url: `${siteUrl}/api/hsds` }],
    paths: {
      '/': {
        get: {
          summary: 'What this API is',
          responses: { 200: { description: 'The HSDS version and this document', content: { 'application/json': { schema: { type: 'object', additionalProperties: false, required: ['version', 'openapi_url'], properties: { version: { type: 'string' }, profile: { type: 'string', format: 'uri' }, openapi_url: { type: 'string', format: 'uri' } } } } } } },
        },
      },
      '/services': list('Services, with one-to-one fields (fully nested with full=true)', hsdsQueries.services, { anyOf: [ref('service_list'), ref('service')] }, { json: { anyOf: [pageOf({ anyOf: [ref('service_list'), ref('service')] }), ref('minimal')] } }),
      '/services/{id}': item('One fully nested service', ref('service')),
      '/service_at_locations': list('Services at their locations (fully nested with full=true)', hsdsQueries.serviceAtLocations, { anyOf: [ref('service_at_location_list'), ref('service_at_location_full')] }),
      '/service_at_locations/{id}': item('One service at one location, fully nested', ref('service_at_location_full')),
      '/organizations': list('Organizations (fully nested with full=true or full_service=true)', hsdsQueries.organizations, { anyOf: [ref('organization_list'), ref('organization_full')] }),
      '/organizations/{id}': item('One organization, fully nested', ref('organization_full'), hsdsQueries.organization),
      '/taxonomies': list('Taxonomies', hsdsQueries.taxonomies, ref('taxonomy'), { lang: true }),
      '/taxonomies/{id}': item('One taxonomy', ref('taxonomy'), undefined, true),
      '/taxonomy_terms': list('Taxonomy terms', hsdsQueries.taxonomyTerms, ref('taxonomy_term'), { lang: true }),
      '/taxonomy_terms/{id}': item('One taxonomy term', ref('taxonomy_term'), undefined, true),
    },
    components: { schemas },
  };
}
