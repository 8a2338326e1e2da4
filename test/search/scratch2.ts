import { currentEntries, DirectoryIndex, directoryQuery, searchDirectory } from '../../functions/listings/directory.js';
import { toCard } from '../../functions/listings/listings.js';
import { evalRecords } from './evaluate.js';
const index = new DirectoryIndex(currentEntries(evalRecords().map(toCard), new Date()));
for (const q of process.argv.slice(2)) {
  const r = searchDirectory(index, directoryQuery.parse({ network: 'x', q, limit: 10 }), 'fi');
  console.log(q, '→', r.hits.slice(0, 5).map((h) => h.entry.id).join(', '), '| count', r.hits.length, '| sugg', r.suggestion, '| all', r.allWords);
}
