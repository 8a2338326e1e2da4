// Generated from hsds-schema/compiled/*_list.json by `npm run hsds:keys` (local/render-hsds-list-keys.ts); do not edit by hand.
// The fields each HSDS 3.0.1 list item may carry: the one-to-one fields of the compiled list schemas.

export const SERVICE_LIST: ReadonlySet<string> = new Set(['id', 'organization_id', 'program_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'interpretation_services', 'application_process', 'fees_description', 'wait_time', 'fees', 'accreditations', 'eligibility_description', 'minimum_age', 'maximum_age', 'assured_date', 'assurer_email', 'licenses', 'alert', 'last_modified', 'organization', 'program']);
export const SERVICE_LIST_ORGANIZATION: ReadonlySet<string> = new Set(['id', 'name', 'alternate_name', 'description', 'email', 'website', 'tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri', 'parent_organization_id']);
export const ORGANIZATION_LIST: ReadonlySet<string> = new Set(['id', 'name', 'alternate_name', 'description', 'email', 'website', 'tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri', 'parent_organization_id']);
export const SAL_LIST: ReadonlySet<string> = new Set(['id', 'service_id', 'location_id', 'description', 'location', 'service']);
export const SAL_LIST_LOCATION: ReadonlySet<string> = new Set(['id', 'location_type', 'url', 'organization_id', 'name', 'alternate_name', 'description', 'transportation', 'latitude', 'longitude', 'external_identifier', 'external_identifier_type']);
