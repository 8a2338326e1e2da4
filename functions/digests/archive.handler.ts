import { notFound } from '../shared/errors.js';
import { httpHandler, type HttpResult } from '../shared/http.js';
import { networks } from '../subscriptions/runtime.js';
import { listingStore } from '../listings/runtime.js';
import { itemUrl, renderDigest, type DigestItem } from './content.js';
import { digestStore } from './runtime.js';

const digests = digestStore();
const listings = listingStore();
const known = networks();

/**
 * What the public archive may still show of a digest: a listing withdrawn
 * (or expired, or taken back to moderation) since it went out leaves the
 * archive and its view-in-browser page; the mails already sent are beyond reach.
 */
async function stillPublic(items: DigestItem[]): Promise<DigestItem[]> {
  const shown = await Promise.all(items.map(async (i) => i.kind !== 'listing' || (await listings.get(i.id))?.status === 'published'));
  return items.filter((_, n) => shown[n]);
}

/**
 * The public archive ("view in browser"): digests hold only published
 * listings and public meetings, so anyone may read them.
 *   GET /api/networks/{network}/digests
 *   GET /api/networks/{network}/digests/{id}?lang
 */
export const handler = httpHandler({}, async (req): Promise<HttpResult> => {
  const network = req.params.network!;
  const name = known.get(network)?.name;
  if (!name) throw notFound('No such network');
  if (!req.params.id) {
    const list = (await digests.list(network, 50)).filter((d) => d.status !== 'building');
    return { status: 200, body: { digests: list.map((d) => ({ id: d.digestId, createdAt: d.createdAt, items: d.weekly.items.length })) }, headers: { 'cache-control': 'public, max-age=300' } };
  }
  const d = await digests.get(network, req.params.id);
  if (!d || d.status === 'building') throw notFound('No such digest');
  const items = await stillPublic(d.weekly.items);
  const mail = renderDigest(name, items, req.lang, { view: '#', manage: `/${req.lang}/subscribe/`, unsubscribe: `/${req.lang}/subscribe/` });
  return { status: 200, body: { id: d.digestId, createdAt: d.createdAt, subject: mail.subject, html: mail.html, items: items.map((i) => ({ ...i, url: itemUrl(i, req.lang) })) } };
});
