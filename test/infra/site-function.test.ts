/**
 * The CloudFront viewer-request function that maps directory URLs to their
 * index.html, run here in Node: cloudfront-js-2.0 is plain ES5-style
 * JavaScript with the same event shape.
 */
import { describe, expect, it } from 'vitest';
import { DIRECTORY_INDEX_FUNCTION } from '../../lib/constructs/site.js';

type Request = { uri: string; querystring: Record<string, { value: string; multiValue?: Array<{ value: string }> }> };
type Response = { statusCode: number; headers: { location: { value: string } } };

const handler = new Function(`${DIRECTORY_INDEX_FUNCTION}; return handler;`)() as (event: { request: Request }) => Request | Response;
const run = (uri: string, querystring: Request['querystring'] = {}) => handler({ request: { uri, querystring } });

describe('the directory-index function', () => {
  it('serves index.html for a path ending in a slash', () => {
    expect(run('/')).toMatchObject({ uri: '/index.html' });
    expect(run('/fi/listings/new/')).toMatchObject({ uri: '/fi/listings/new/index.html' });
  });

  it('passes files through untouched', () => {
    expect(run('/assets/site.css')).toMatchObject({ uri: '/assets/site.css' });
    expect(run('/404.html')).toMatchObject({ uri: '/404.html' });
  });

  it('redirects a directory without its slash, keeping the query string', () => {
    expect(run('/fi/listings/new')).toEqual(expect.objectContaining({ statusCode: 301, headers: { location: { value: '/fi/listings/new/' } } }));
    const withQuery = run('/fi/listings/edit', { token: { value: 'abc' }, lang: { value: 'fi', multiValue: [{ value: 'fi' }, { value: 'sv' }] }, flag: { value: '' } });
    expect((withQuery as Response).headers.location.value).toBe('/fi/listings/edit/?token=abc&lang=fi&lang=sv&flag');
  });
});
