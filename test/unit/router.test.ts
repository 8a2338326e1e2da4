import { describe, expect, it } from 'vitest';
import { Router } from '../../local/router.js';

const router = new Router([
  { method: 'GET', path: '/api/listings', target: 'list' },
  { method: 'GET', path: '/api/listings/{id}', target: 'get' },
  { method: 'GET', path: '/api/listings/{id}/calendar.ics', target: 'ics' },
  { method: 'GET', path: '/api/listings/export', target: 'export' },
  { method: 'ANY', path: '/api/files/{proxy+}', target: 'files' },
]);

describe('local API Gateway route selection', () => {
  it('prefers a literal segment over a path parameter', () => {
    expect(router.match('GET', '/api/listings/export')).toMatchObject({ route: { target: 'export' }, params: {} });
  });

  it('captures and decodes a path parameter', () => {
    expect(router.match('GET', '/api/listings/a%20b')).toMatchObject({ route: { target: 'get' }, params: { id: 'a b' }, routeKey: 'GET /api/listings/{id}' });
  });

  it('matches a longer route only on its full length', () => {
    expect(router.match('GET', '/api/listings/x/calendar.ics')).toMatchObject({ route: { target: 'ics' }, params: { id: 'x' } });
  });

  it('lets a greedy parameter take the rest of the path for any method', () => {
    expect(router.match('DELETE', '/api/files/a/b/c')).toMatchObject({ route: { target: 'files' }, params: { proxy: 'a/b/c' } });
  });

  it('tells an unknown path from a known path with another method', () => {
    expect(router.match('GET', '/api/nothing')).toBeUndefined();
    expect(router.match('POST', '/api/listings')).toEqual({ methodAllowed: false });
  });
});
