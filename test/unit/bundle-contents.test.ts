/**
 * What a function's bundle holds is what its cold start evaluates: a module
 * in the bundle runs its top level (schemas built, formatters made) at every
 * import. These pin the modules the import budget (issue 16) took out.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { EOL, tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { constants as zlibConstants } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBundles, outputOf, type BuiltBundles } from '../../lib/bundling.js';
import { functions } from '../../lib/topology.js';
import { ROOT } from '../../local/stack.js';

const IDS = ['ServeHsds', 'ReadDirectory', 'SubmitListing', 'ListNetworks', 'ServeHsdsOpenApi'] as const;
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

  it('reads the networks file without a config schema: the synth validated it', () => {
    for (const id of IDS) {
      expect(modulesOf(id), id).not.toContain('lib/config.ts');
      expect(modulesOf(id), id).not.toContain('functions/shared/network-config.ts');
    }
    expect(modulesOf('ListNetworks')).toContain('functions/shared/networks.ts');
  });

  it('leaves out the listing schema where a function needs only its lists, and keeps it where it parses listings', () => {
    // The lazily built schemas are marked pure, so a bundle that never parses one drops it whole (the phone pattern is the listing schema's own).
    const code = (id: (typeof IDS)[number]) => readFileSync(join(dir, id, 'index.mjs'), 'utf8');
    expect(code('ReadDirectory')).not.toContain('[0-9 ()-]{5,20}');
    expect(code('SubmitListing')).toContain('[0-9 ()-]{5,20}');
  });

  it('serves the generated OpenAPI document without the HSDS schema files or the code that builds it', () => {
    const modules = modulesOf('ServeHsdsOpenApi');

    expect(modules).toContain('functions/listings/hsds-openapi-document.ts');
    expect(modules.filter((m) => m.includes('hsds-schema/') || m.endsWith('listings/hsds-openapi.ts') || m.endsWith('listings/hsds-queries.ts'))).toEqual([]);
  });

  it('uses zod/mini with its English messages, not classic zod', () => {
    for (const id of IDS) {
      expect(modulesOf(id), id).toContain('functions/shared/zod.ts');
      expect(modulesOf(id), id).toContain('node_modules/zod/v4/locales/en.js');
      expect(modulesOf(id).filter((m) => m.includes('node_modules/zod/v4/classic/')), id).toEqual([]);
    }
  });
});

describe('the logger in a bundle', () => {
  it('loads Powertools and the node:console and node:crypto it needs on the first log line, not at import', () => {
    const entry = join(dir, 'logging-entry.ts');
    writeFileSync(entry, `export { logger } from ${JSON.stringify(join(ROOT, 'functions/shared/powertools.ts'))};`);
    buildBundles(ROOT, { logging: entry }, join(dir, 'logging'));
    const bundle = pathToFileURL(join(dir, 'logging', 'logging', 'index.mjs')).href;
    const loaded = "process.moduleLoadList.filter((m) => /^NativeModule (console|crypto)$/.test(m))";

    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const { logger } = await import(${JSON.stringify(bundle)}); const atImport = ${loaded}; logger.info('first line'); process.stderr.write(JSON.stringify({ atImport, afterFirstLine: ${loaded} }));`],
      { encoding: 'utf8', env: { PATH: process.env.PATH } },
    );

    expect(JSON.parse(child.stderr)).toEqual({ atImport: [], afterFirstLine: expect.arrayContaining(['NativeModule console', 'NativeModule crypto']) });
    expect(child.stdout).toContain('"message":"first line"');
  });

  it('bundles Powertools instead of resolving it at run time', () => {
    expect(readFileSync(join(dir, 'ListNetworks', 'index.mjs'), 'utf8')).not.toMatch(/require\("@aws-lambda-powertools/);
  });
});

describe("Node's builtins in a bundle", () => {
  it('are taken as CommonJS exports, with no ES import that would build a facade', () => {
    for (const id of IDS) expect(readFileSync(join(dir, id, 'index.mjs'), 'utf8'), id).not.toMatch(/(?:from|import)\s*\(?["'](?:node:)?(?:fs|crypto|module|path|zlib|timers)["']/);
  });

  it('are the real builtins however the code takes them: named, default, namespace, dynamic import and require', async () => {
    const entry = join(dir, 'builtins-entry.ts');
    const helper = join(dir, 'builtins-helper.cjs');
    writeFileSync(helper, `const os = require('node:os'); const { sep } = require('path'); module.exports = { eol: os.EOL, sep };`);
    writeFileSync(
      entry,
      `import { createHash } from 'node:crypto';
       import fs from 'node:fs';
       import * as path from 'node:path';
       import { constants } from 'zlib';
       import helper from ${JSON.stringify(helper)};
       const zlib = await import('node:zlib');
       export const seen = {
         hash: createHash('sha256').update('verkosto').digest('hex'),
         readFileSync: fs.readFileSync === process.getBuiltinModule('node:fs').readFileSync,
         promises: typeof fs.promises.readFile,
         join: path.join('a', 'b'),
         quality: constants.BROTLI_PARAM_QUALITY,
         gunzip: zlib.gunzipSync(zlib.default.gzipSync('x')).toString(),
         helper,
       };`,
    );
    buildBundles(ROOT, { builtins: entry }, join(dir, 'builtins'));

    const { seen } = (await import(pathToFileURL(join(dir, 'builtins', 'builtins', 'index.mjs')).href)) as { seen: Record<string, unknown> };

    expect(seen).toEqual({
      hash: createHash('sha256').update('verkosto').digest('hex'),
      readFileSync: true,
      promises: 'function',
      join: 'a/b',
      quality: zlibConstants.BROTLI_PARAM_QUALITY,
      gunzip: 'x',
      helper: { eol: EOL, sep },
    });
  });

  it("import node:fs without loading its streams, which the ESM facade's read of fs.ReadStream did", () => {
    // ListNetworks reads the networks file with node:fs and loads no node:crypto (which would load the stream modules itself).
    const bundle = pathToFileURL(join(dir, 'ListNetworks', 'index.mjs')).href;
    const networks = join(dir, 'networks.json');
    writeFileSync(networks, '[]');

    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `await import(${JSON.stringify(bundle)}); process.stdout.write(JSON.stringify(process.moduleLoadList.filter((m) => /^NativeModule (fs|internal\\/fs\\/streams|crypto)$/.test(m))));`],
      { encoding: 'utf8', env: { PATH: process.env.PATH, NETWORKS_FILE: networks, POWERTOOLS_LOG_LEVEL: 'ERROR' } },
    );

    expect(child.stderr).toBe('');
    expect(JSON.parse(child.stdout)).toEqual(['NativeModule fs']);
  });
});

describe('the directory snapshot module in a bundle', () => {
  it('loads node:zlib when a snapshot is read, not at import', () => {
    // Most functions bundle it through listings/runtime.ts and never read a snapshot.
    const entry = join(dir, 'snapshot-entry.ts');
    writeFileSync(entry, `export { decodeSnapshot } from ${JSON.stringify(join(ROOT, 'functions/listings/directory-snapshot.ts'))};`);
    buildBundles(ROOT, { snapshot: entry }, join(dir, 'snapshot'));
    const bundle = pathToFileURL(join(dir, 'snapshot', 'snapshot', 'index.mjs')).href;
    const zlib = "process.moduleLoadList.includes('NativeModule zlib')";

    const child = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const { decodeSnapshot } = await import(${JSON.stringify(bundle)}); const atImport = ${zlib}; try { decodeSnapshot(new Uint8Array([1, 2, 3]), 'n', new Date()); } catch {} process.stdout.write(JSON.stringify({ atImport, afterRead: ${zlib} }));`],
      { encoding: 'utf8', env: { PATH: process.env.PATH } },
    );

    expect(JSON.parse(child.stdout)).toEqual({ atImport: false, afterRead: true });
  });
});

describe('zod in a bundle', () => {
  it("tells a missing field from a wrong one, as the API's 400 field messages need", async () => {
    // The messages are loaded by functions/shared/zod.ts's top level, which a bundle keeps only because
    // package.json lists it under sideEffects: without them every missing field would read 'invalid'.
    const entry = join(dir, 'codes-entry.ts');
    writeFileSync(
      entry,
      `import { listingInput } from ${JSON.stringify(join(ROOT, 'functions/listings/schema.ts'))};
       import { issuesToFieldCodes } from ${JSON.stringify(join(ROOT, 'functions/shared/validation.ts'))};
       const result = listingInput.safeParse({ network: 'x'.repeat(50), organisation: {}, contact: {} });
       export const codes = result.success ? {} : issuesToFieldCodes(result.error.issues);`,
    );
    buildBundles(ROOT, { codes: entry }, join(dir, 'codes'));

    const { codes } = (await import(pathToFileURL(join(dir, 'codes', 'codes', 'index.mjs')).href)) as { codes: Record<string, string> };

    expect(codes).toMatchObject({ network: 'too_long', 'organisation.name': 'required', 'contact.email': 'required', themes: 'required' });
  });
});
