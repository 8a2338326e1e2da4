import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ARCHIVE_PATTERN, ARCHIVE_RETENTION_DAYS, catalog, EVENT_SOURCE, eventTypes, personalDataOf } from '../functions/shared/events.js';
import { functions } from '../lib/topology.js';
import { matches } from './bus/pattern.js';

/** Renders docs/events.md from the event catalog and the topology (who consumes what). */
export function renderEventDocs(): string {
  const lines = [
    '# Events',
    '',
    '_Generated from `functions/shared/events.ts` and `lib/topology.ts` by `npm run docs:events`; do not edit by hand._',
    '',
    `Every event is on the custom bus with source \`${EVENT_SOURCE}\`; the detail-type is \`<Entity>.<PastTense>\`. Every detail carries \`version\`.`,
    '',
    `The bus archive (${ARCHIVE_RETENTION_DAYS} days, for replay) keeps only the events that carry no personal data; their fields are ids, dates and codes, which the catalog refuses to hold an \`@\` or a space. The others are kept out, for the reason in the last column (docs/operations.md, "Replay").`,
    '',
    '| detail-type | version | producer | consumers | meaning | archived |',
    '|---|---|---|---|---|---|',
  ];
  for (const type of eventTypes) {
    const entry = catalog[type];
    // Enough of a detail to meet patterns that look inside it (the audit stamp rule).
    const stamped = 'audit' in catalog[type].schema.shape;
    const sample = { source: EVENT_SOURCE, 'detail-type': type, detail: stamped ? { audit: { actor: 'someone@example.fi' } } : {} };
    const consumers = functions.filter((f) => (f.rules ?? []).some((r) => matches(r.pattern, sample))).map((f) => f.id);
    const archived = matches(ARCHIVE_PATTERN, sample) ? 'yes' : `no: ${personalDataOf(type) ?? 'not in the archive pattern'}`;
    lines.push(`| \`${type}\` | ${entry.version} | ${entry.producer} | ${consumers.join(', ') || '—'} | ${entry.description} | ${archived} |`);
  }
  for (const type of eventTypes) {
    const schema = z.toJSONSchema(catalog[type].schema, { io: 'input', unrepresentable: 'any' });
    lines.push('', `## ${type} (v${catalog[type].version})`, '', catalog[type].description, '', '```json', JSON.stringify(schema, null, 2), '```');
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const out = join(fileURLToPath(new URL('..', import.meta.url)), 'docs/events.md');
  writeFileSync(out, renderEventDocs());
  console.log(`wrote ${out}`);
}
