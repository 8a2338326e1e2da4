import { currentEntries, DirectoryIndex, directoryQuery, searchDirectory, cardView } from '../../functions/listings/directory.js';
import { toCard } from '../../functions/listings/listings.js';
import { publishedListing, NETWORK } from '../../bench/lib/fixtures.js';
const N = Number(process.argv[2] ?? 50000);
const now = new Date();
const cards = Array.from({ length: N }, (_, i) => toCard(publishedListing(i, NETWORK, new Date(now.getTime() - 86400e3 * 60 - i).toISOString())));
const json = JSON.stringify(cards);
console.log('cards JSON MB', (json.length / 1e6).toFixed(1));
let t = performance.now();
const entries = currentEntries(JSON.parse(json), now);
console.log('parse+entries ms', (performance.now() - t).toFixed(0));
t = performance.now();
const index = new DirectoryIndex(entries);
console.log('index build ms', (performance.now() - t).toFixed(0), 'heap MB', (process.memoryUsage().heapUsed / 1e6).toFixed(0));
for (const q of ['perhe', 'perhe', 'perhekahvila', 'perhekahvla', 'kahvila kemi', 'velkaneuvontaa', 'perhe', 'perhe']) {
  t = performance.now();
  const r = searchDirectory(index, directoryQuery.parse({ network: NETWORK, q }), 'fi');
  const page = r.hits.slice(0, 50).map((h) => cardView(h.entry, 'fi', h.terms));
  console.log(q, r.hits.length, 'ms', (performance.now() - t).toFixed(1), page.length);
}
t = performance.now();
searchDirectory(index, directoryQuery.parse({ network: NETWORK }), 'fi');
console.log('no query ms', (performance.now() - t).toFixed(1));
