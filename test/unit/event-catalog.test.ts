/**
 * The catalog builds each event type's schema on first use (issue 16): a
 * function publishes or consumes one or two types, and building all of them
 * cost every cold start that bundles the catalog.
 */
import { describe, expect, it } from 'vitest';
import { catalog, parseDetail } from '../../functions/shared/events.js';

describe('the event catalog', () => {
  it("builds a type's schema on its first use and keeps that one", () => {
    const entry = catalog['Survey.CloseDue'];
    const before = Object.getOwnPropertyDescriptor(entry, 'schema');

    const first = entry.schema;

    expect(before?.get).toBeTypeOf('function');
    expect(Object.getOwnPropertyDescriptor(entry, 'schema')?.value).toBe(first);
    expect(entry.schema).toBe(first);
  });

  it('parses and refuses details with the schema it built', () => {
    expect(parseDetail('Survey.ResponseSubmitted', { version: 1, surveyId: 's1', network: 'n1', responseId: 'r1' })).toEqual({ version: 1, surveyId: 's1', network: 'n1', responseId: 'r1' });
    expect(() => parseDetail('Survey.ResponseSubmitted', { version: 1, surveyId: 's1', network: 'n1' })).toThrow(/Survey.ResponseSubmitted does not match catalog v1: responseId Invalid input: expected string, received undefined/);
  });

  it('lists every type with the fields the docs and the archive read, without building a schema', () => {
    for (const [type, entry] of Object.entries(catalog)) {
      expect(entry.version, type).toBe(1);
      expect(entry.description.length, type).toBeGreaterThan(0);
    }
    expect(Object.getOwnPropertyDescriptor(catalog['Coordinator.Removed'], 'schema')?.get).toBeTypeOf('function');
  });
});
