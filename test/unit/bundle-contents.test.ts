/**
 * What a function's bundle holds is what its cold start evaluates: a module
 * in the bundle runs its top level (schemas built, formatters made) at every
 * import. These pin the modules the import budget (issue 16) took out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles, outputOf, type BuiltBundles } from '../../lib/bundling.js';
import { functions } from '../../lib/topology.js';
import { ROOT } from '../../local/stack.js';

const IDS = ['ServeHsds', 'ReadDirectory', 'SubmitListing', 'ListNetworks'] as const;
let built: BuiltBundles;
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'verkosto-bundle-contents-'));
  const entries = Object.fromEntries(IDS.map((id) => [id, join(ROOT, functions.find((f) => f.id === id)!.entry)]));
  built = buildBundles(ROOT, entries, dir);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const modulesOf = (id: (typeof IDS)[number]) => Object.keys(built.metafile.outputs[outputOf(built, id)]!.inputs);

describe('a function bundle', () => {
  it('leaves out the event catalog when the function publishes no events', () => {
    expect(modulesOf('ServeHsds')).not.toContain('functions/shared/events.ts');
    expect(modulesOf('ReadDirectory')).not.toContain('functions/shared/events.ts');
  });

  it('holds the event catalog when the function publishes', () => {
    expect(modulesOf('SubmitListing')).toContain('functions/shared/events.ts');
  });

  it('validates networks without the operator config schema', () => {
    for (const id of IDS) expect(modulesOf(id), id).not.toContain('lib/config.ts');
    expect(modulesOf('ListNetworks')).toContain('functions/shared/network-config.ts');
  });
});
