import { notFound } from '../shared/errors.js';
import { httpHandler, type HttpResult } from '../shared/http.js';
import { networks } from '../subscriptions/runtime.js';
import { itemUrl, renderDigest } from './content.js';
import { digestStore } from './runtime.js';

const digests = digestStore();
const known = networks();

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
  const mail = renderDigest(name, d.weekly.items, req.lang, { view: '#', manage: `/${req.lang}/subscribe/`, unsubscribe: `/${req.lang}/subscribe/` });
  return { status: 200, body: { id: d.digestId, createdAt: d.createdAt, subject: mail.subject, html: mail.html, items: d.weekly.items.map((i) => ({ ...i, url: itemUrl(i, req.lang) })) } };
});
