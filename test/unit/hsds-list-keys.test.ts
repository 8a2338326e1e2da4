import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ORGANIZATION_LIST, SAL_LIST_LOCATION, SERVICE_LIST } from '../../functions/listings/hsds-list-keys.js';
import { renderHsdsListKeys } from '../../local/render-hsds-list-keys.js';

describe('functions/listings/hsds-list-keys.ts', () => {
  it('is what the compiled HSDS list schemas name (regenerate with npm run hsds:keys)', () => {
    expect(readFileSync('functions/listings/hsds-list-keys.ts', 'utf8')).toBe(renderHsdsListKeys());
  });

  it('holds the one-to-one fields of the list items and not the nested lists', () => {
    expect([...SERVICE_LIST]).toEqual(expect.arrayContaining(['id', 'name', 'description', 'organization']));
    expect(ORGANIZATION_LIST.has('name')).toBe(true);
    expect(SAL_LIST_LOCATION.has('latitude')).toBe(true);
    expect(SERVICE_LIST.has('phones')).toBe(false);
  });
});
