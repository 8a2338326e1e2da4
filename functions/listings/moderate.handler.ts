import * as z from 'zod';
import { coordinatorAuth } from '../auth/runtime.js';
import { invalid, notFound } from '../shared/errors.js';
import { httpHandler, type HttpRequest } from '../shared/http.js';
import { approveListing, rejectListing } from './listings.js';
import { clock, listingStore, publisher } from './runtime.js';
import { LISTING_STATUSES } from './schema.js';
import type { ListingRecord } from './store.js';

const auth = await coordinatorAuth();
const store = listingStore();
const deps = { store, publisher: publisher(), clock };

const body = z.object({ reason: z.string().trim().min(1, 'required').max(2000, 'too_long') }).optional();
const query = z.object({ status: z.enum(LISTING_STATUSES).default('pending'), limit: z.coerce.number().int().min(1).max(200).default(100) });

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
  /** the revision waiting for a decision (or the newest one) */
  data: r.data,
  /** what the directory shows now, if anything */
  published: r.published ?? null,
  rejectReason: r.rejectReason ?? null,
});

/**
 * GET  /api/coordinator/networks/{network}/listings?status=pending
 * GET  /api/coordinator/listings/{id}
 * POST /api/coordinator/listings/{id}/approve
 * POST /api/coordinator/listings/{id}/reject {reason}
 */
export const handler = httpHandler(
  { body, maxBodyBytes: 8 * 1024, authorize: auth.require((req) => (req.params.network !== undefined ? req.params.network : listingNetwork(req))) },
  async (req, session) => {
    const route = req.event.routeKey;
    if (route.endsWith('/listings')) {
      const q = query.safeParse(req.query);
      if (!q.success) throw invalid(`status must be one of ${LISTING_STATUSES.join(', ')}`, { status: 'invalid_choice' });
      const items = await store.byQueue(req.params.network!, q.data.status, q.data.limit);
      return { status: 200, body: { listings: items.map(view) } };
    }
    const id = req.params.id!;
    if (route.endsWith('/approve')) {
      await approveListing(id, session, deps);
      return { status: 202, body: { id } };
    }
    if (route.endsWith('/reject')) {
      if (!req.body) throw invalid('A reason is required', { reason: 'required' });
      await rejectListing(id, req.body.reason, session, deps);
      return { status: 202, body: { id } };
    }
    const r = await store.get(id);
    if (!r) throw notFound();
    return { status: 200, body: view(r) };
  },
);
