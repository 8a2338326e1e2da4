import { eventHandler } from '../shared/consumer.js';
import { once } from '../shared/once.js';
import { logger } from '../shared/powertools.js';
import { loadTokens } from '../shared/token-keys.js';
import { editLink } from './listings.js';
import { listingMail } from './mails.js';
import { clock, listingStore, mailer, onceStore, siteUrl } from './runtime.js';

const store = listingStore();
const mail = mailer();
const onceDone = onceStore();
const tokens = await loadTokens();
const site = siteUrl();

/** Mails the submitter: a receipt with the personal edit link, the moderation outcomes, and a new link after a revocation. */
export const handler = eventHandler(['Listing.Submitted', 'Listing.Approved', 'Listing.Rejected', 'Listing.EditLinkRevoked'], async (detail, meta) => {
  if ('listing' in detail) {
    const l = detail.listing;
    // A new listing's edit version is 1; the record may not be stored yet.
    const link = await editLink({ id: l.id, editVersion: 1 }, l.lang, { tokens, siteUrl: site, clock });
    await once(onceDone, `mail#${meta.id}#submitter`, async () => {
      await mail.send({ to: l.data.contact.email, ...listingMail('receipt', l, l.lang, { link }), tags: { kind: 'listing-receipt' } });
    });
    logger.info('Receipt sent', { listingId: l.id });
    return;
  }
  const e = detail as { listingId: string; reason?: string; editVersion?: number };
  const r = await store.get(e.listingId);
  if (!r) throw new Error(`Listing ${e.listingId} not stored yet`);
  if (r.status === 'withdrawn') return;
  // After a revocation the link carries the new version, valid as soon as the projection raises it (whichever runs first).
  const link = await editLink({ id: r.id, editVersion: Math.max(r.editVersion, e.editVersion ?? 0) }, r.lang, { tokens, siteUrl: site, clock });
  const kind = meta.type === 'Listing.Approved' ? 'approved' : meta.type === 'Listing.Rejected' ? 'rejected' : 'newLink';
  await once(onceDone, `mail#${meta.id}#submitter`, async () => {
    await mail.send({ to: r.data.contact.email, ...listingMail(kind, r, r.lang, { link, ...(e.reason ? { reason: e.reason } : {}) }), tags: { kind: `listing-${kind}` } });
  });
  logger.info('Moderation outcome sent', { listingId: r.id, kind });
});
