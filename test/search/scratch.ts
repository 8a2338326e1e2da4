import { currentEntries, directoryQuery, DirectoryIndex, searchDirectory } from '../../functions/listings/directory.js';
import { toCard } from '../../functions/listings/listings.js';
import { evalRecords, evaluate, formatEvaluation } from './evaluate.js';
const index = new DirectoryIndex(currentEntries(evalRecords().map(toCard), new Date()));
const e = await evaluate(async (q) => searchDirectory(index, directoryQuery.parse({ network: 'x', q: q.q, limit: 10 }), q.lang ?? 'fi').hits.map((h) => h.entry.id));
console.log(formatEvaluation(e));
for (const m of e.misses) console.log(JSON.stringify(m));
