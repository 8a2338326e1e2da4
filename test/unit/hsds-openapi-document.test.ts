import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HSDS_OPENAPI_JSON } from '../../functions/listings/hsds-openapi-document.js';
import { withSiteUrl } from '../../functions/listings/hsds-openapi-mark.js';
import { hsdsOpenApi } from '../../functions/listings/hsds-openapi.js';
import { renderHsdsOpenApi } from '../../local/render-hsds-openapi.js';

describe('functions/listings/hsds-openapi-document.ts', () => {
  it('is what the HSDS schema files and query schemas make (regenerate with npm run hsds:openapi)', () => {
    expect(readFileSync('functions/listings/hsds-openapi-document.ts', 'utf8')).toBe(renderHsdsOpenApi());
  });

  it('with the site URL put in, is the document built from the schemas for that site', () => {
    const site = 'https://palvelut.example.fi';

    const served = JSON.parse(withSiteUrl(HSDS_OPENAPI_JSON, site)) as { servers: unknown };

    expect(served).toEqual(hsdsOpenApi(site));
    expect(served.servers).toEqual([{ url: 'https://palvelut.example.fi/api/hsds' }]);
  });

  it('puts in a site URL holding JSON and replacement specials as it is', () => {
    const site = 'https://example.fi/$&"\\';

    const served = JSON.parse(withSiteUrl(HSDS_OPENAPI_JSON, site)) as { servers: { url: string }[] };

    expect(served.servers).toEqual([{ url: `${site}/api/hsds` }]);
  });
});
