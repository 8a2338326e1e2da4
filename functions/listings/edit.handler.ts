import { httpHandler } from '../shared/http.js';
import { invalid } from '../shared/errors.js';
import { logger } from '../shared/powertools.js';
import { loadTokens } from '../shared/token-keys.js';
import { bearer, extendListing, openWithEditToken, updateListing, withdrawListing } from './listings.js';
import { clock, listingStore, onceStore, publisher } from './runtime.js';
import { listingInput } from './schema.js';
import * as z from '../shared/zod.js';

const deps = { store: listingStore(), tokens: await loadTokens(), publisher: publisher(), onceStore: onceStore(), clock };

/**
 * The submitter's own routes, opened by the personal link's token in
 * `Authorization: Bearer …`:
 *   GET    /api/listings/{id}/edit    the current data and where it stands
 *   PUT    /api/listings/{id}         a new revision (back to moderation if text or time changed)
 *   DELETE /api/listings/{id}         withdraw at once
 *   POST   /api/listings/{id}/extend  the one-click "still valid" link (its own single-use token)
 */
export const handler = httpHandler({ body: z.optional(listingInput), maxBodyBytes: 64 * 1024, authorize: async (req) => bearer(req.headers) }, async (req, token) => {
  const id = req.params.id!;
  const route = req.event.routeKey;
  if (route === 'POST /api/listings/{id}/extend') {
    const out = await extendListing(id, token, deps);
    logger.info('Listing extended', { listingId: id });
    return { status: 202, body: out };
  }
  if (route === 'GET /api/listings/{id}/edit') {
    const r = await openWithEditToken(id, token, deps);
    return {
      status: 200,
      body: { id: r.id, status: r.status, moderation: r.moderation, revision: r.revision, data: r.data, published: r.published ?? null, rejectReason: r.rejectReason ?? null },
    };
  }
  if (route === 'DELETE /api/listings/{id}') {
    await withdrawListing(id, token, deps);
    logger.info('Listing withdrawn', { listingId: id });
    return { status: 202, body: { id } };
  }
  if (!req.body) throw invalid('The listing is required', { _: 'required' });
  const out = await updateListing(id, token, req.body, req.lang, deps);
  logger.info('Listing updated', { listingId: id, moderated: out.moderated });
  return { status: 202, body: { id, ...out } };
});
