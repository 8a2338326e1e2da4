import * as z from '../shared/zod.js';
import { coordinatorAuth } from '../auth/runtime.js';
import { invalid, notFound } from '../shared/errors.js';
import { httpHandler, type HttpRequest } from '../shared/http.js';
import { logger } from '../shared/powertools.js';
import { issuesToFieldCodes } from '../shared/validation.js';
import { approveListing, rejectListing, revokeEditLinks } from './listings.js';
import { clock, listingStore, publisher } from './runtime.js';
import { searchQueue } from './queue-search.js';
import { LISTING_STATUSES } from './schema.js';
import type { ListingRecord } from './store.js';

const auth = await coordinatorAuth();
const store = listingStore();
const deps = { store, publisher: publisher(), clock };

/**
 * One body for the decisions: `revision` is the revision the coordinator
 * looked at (optional; when given, a newer edit makes the decision a 409),
 * `reason` is required for a rejection.
 */
const body = z.lazy(() => z.optional(z.object({
    reason: z.optional(z.string().check(z.trim(), z.minLength(1, 'required'), z.maxLength(2000, 'too_long'))),
    revision: z.optional(z.number('invalid').check(z.int('invalid'), z.gte(1, 'invalid'))),
  })));
const query = z.lazy(() => z.object({
  status: z._default(z.enum(LISTING_STATUSES, 'invalid_choice'), 'pending'),
  limit: z._default(z.coerce.number('invalid').check(z.int('invalid'), z.gte(1, 'invalid'), z.lte(200, 'invalid')), 100),
  cursor: z.optional(z.string().check(z.maxLength(2000, 'too_long'))),
  /** free text: the list ranked by the directory's search instead of in queue order */
  q: z.optional(z.string().check(z.trim(), z.maxLength(200, 'too_long'))),
}));

/** The network an item route touches: that of the listing it names. */
async function listingNetwork(req: HttpRequest<unknown>): Promise<string> {
  const r = await store.get(req.params.id ?? '');
  if (!r) throw notFound();
  return r.network;
}

const view = (r: ListingRecord) => ({
  id: r.id,
  network: r.network,
  status: r.status,
  moderation: r.moderation,
  revision: r.revision,
  submittedAt: r.submittedAt,
  updatedAt: r.updatedAt,
  lang: r.lang,
  /** the revision waiting for a decision (or the newest one) */
  data: r.data,
  /** what the directory shows now, if anything */
  published: r.published ?? null,
  publishedRevision: r.publishedRevision ?? null,
  rejectReason: r.rejectReason ?? null,
});

/**
 * GET  /api/coordinator/networks/{network}/listings?status=pending&q&limit&cursor
 * GET  /api/coordinator/listings/{id}
 * POST /api/coordinator/listings/{id}/approve          {revision?}
 * POST /api/coordinator/listings/{id}/reject           {reason, revision?}
 * POST /api/coordinator/listings/{id}/revoke-edit-link
 */
export const handler = httpHandler(
  { body, maxBodyBytes: 8 * 1024, authorize: auth.require((req) => (req.params.network !== undefined ? req.params.network : listingNetwork(req))) },
  async (req, session) => {
    const route = req.event.routeKey;
    if (route === 'GET /api/coordinator/networks/{network}/listings') {
      const q = query.safeParse(req.query);
      if (!q.success) throw invalid('Bad query', issuesToFieldCodes(q.error.issues));
      const { status, limit, cursor, q: text } = q.data;
      const page = text
        ? await searchQueue(store, { network: req.params.network!, status, text, limit, ...(cursor ? { cursor } : {}) }, req.lang)
        : await store.byQueue(req.params.network!, status, limit, cursor);
      return { status: 200, body: { listings: page.items.map(view), next: page.next ?? null } };
    }
    const id = req.params.id!;
    switch (route) {
      case 'POST /api/coordinator/listings/{id}/approve':
        await approveListing(id, session, deps, req.body?.revision);
        logger.info('Listing approved', { listingId: id });
        return { status: 202, body: { id } };
      case 'POST /api/coordinator/listings/{id}/reject':
        if (!req.body?.reason) throw invalid('A reason is required', { reason: 'required' });
        await rejectListing(id, req.body.reason, session, deps, req.body.revision);
        logger.info('Listing rejected', { listingId: id });
        return { status: 202, body: { id } };
      case 'POST /api/coordinator/listings/{id}/revoke-edit-link': {
        const out = await revokeEditLinks(id, session, deps);
        logger.info('Edit links revoked', { listingId: id });
        return { status: 202, body: { id, ...out } };
      }
      default: {
        const r = await store.get(id);
        if (!r) throw notFound();
        return { status: 200, body: view(r) };
      }
    }
  },
);
