import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderEventDocs } from '../../local/render-event-docs.js';
import { eventTypes } from '../../functions/shared/events.js';

describe('docs/events.md', () => {
  it('is up to date with the event catalog (regenerate with npm run docs:events)', () => {
    expect(readFileSync('docs/events.md', 'utf8')).toBe(renderEventDocs());
  });

  it('names every event type of the catalog', () => {
    const doc = renderEventDocs();
    for (const type of eventTypes) expect(doc).toContain(`## ${type} (v`);
  });
});
