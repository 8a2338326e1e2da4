/**
 * Bundles every Lambda of the topology in ONE esbuild build (many entry
 * points, one process) and hands CDK the result. CDK's NodejsFunction starts
 * esbuild once per function, which made `npm run synth` take minutes; one
 * build shares the parse of every common module. The bench bundles with the
 * same settings, so what it measures is what deploys.
 *
 * package.json's `sideEffects` lists the folders whose modules must run when
 * imported (web/, local/, bin/, lib/, bench/, test/); every module in
 * functions/ is declared free of import side effects, so esbuild leaves out a
 * module none of whose exports a function uses. Without it a module stays in
 * the bundle for being reachable, and its top level (the event catalog's
 * schemas, say) runs at every cold start: ServeHsds bundled the catalog
 * through listings/runtime.ts's publisher (254 → 247 KB, import CPU 95 → 84 ms).
 * A module in functions/ must therefore never be imported for its effect alone.
 */
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AssetHashType, DockerImage } from 'aws-cdk-lib';
import { Code } from 'aws-cdk-lib/aws-lambda';
import { type BuildOptions, buildSync, type Metafile } from 'esbuild';

/** The file every bundle's code lives in; the Lambda handler is `index.handler`. */
export const BUNDLE_FILE = 'index.mjs';

/** What differs between the bundles of one stack and another's. */
export interface BundleSwitches {
  /**
   * Powertools Tracer (X-Ray) in every handler (config `tracing`). Off, the
   * Tracer import is dead code (functions/shared/powertools.ts) and not bundled.
   * @default false
   */
  readonly tracing?: boolean;
}

/**
 * Node's built-in modules as `process.getBuiltinModule` returns them, not as
 * an ES `import`: importing a builtin as ESM builds a facade that reads every
 * export once, which runs the module's lazy getters. `node:fs`'s facade loads
 * the whole streams stack for `fs.ReadStream` (~3.5 ms CPU of every import
 * here), `node:module`'s (the banner) another ~1.5 ms. The plain CommonJS
 * exports object has none of that.
 *
 * esbuild wraps a CommonJS module once per module that imports it
 * (`__toESM`), copying each of its own properties as a getter: node:crypto
 * (~75 exports) is imported by seven modules of a typical function. So the
 * shim's exports object holds no properties of its own and inherits the
 * builtin's: every wrap copies nothing and reads through the prototype,
 * 2–4 ms of import CPU less (ManageDigests 48.2 → 46.0, SurveysPublic
 * 49.1 → 44.8, 25 interleaved runs). What this gives up: enumerating a
 * builtin (`Object.keys`, a spread of its namespace) sees nothing, and
 * assigning to it does not reach the builtin; no bundled code does either
 * (test/unit/bundle-contents.test.ts imports them every way the code does).
 *
 * esbuild's synchronous API (CDK bundles synchronously) takes no plugins, so
 * every builtin, `node:x` and bare `x`, is aliased to a one-line file written
 * under node_modules/.cache: `import`, `import()` and `require()` of the
 * bundled code alike. `process.getBuiltinModule` is in every Node the runtime
 * can be (≥ 22.3; the functions run on Node 24).
 */
function builtinAliases(projectRoot: string): Record<string, string> {
  const dir = join(projectRoot, 'node_modules', '.cache', 'verkosto-node-builtins');
  mkdirSync(dir, { recursive: true });
  const aliases: Record<string, string> = {};
  for (const name of builtinModules) {
    const specifier = name.startsWith('node:') ? name : `node:${name}`;
    const file = join(dir, `${specifier.slice(5).replaceAll('/', '__')}.cjs`);
    const contents = `module.exports = Object.create(process.getBuiltinModule(${JSON.stringify(specifier)}));\n`;
    if (!existsSync(file) || readFileSync(file, 'utf8') !== contents) {
      // Written aside and renamed: another build (a test tier, a synth) may be reading it at this moment.
      writeFileSync(`${file}.${process.pid}`, contents);
      renameSync(`${file}.${process.pid}`, file);
    }
    aliases[specifier] = file;
    if (!name.startsWith('node:')) aliases[name] = file;
  }
  return aliases;
}

/** esbuild settings of every Lambda bundle. Bundling settings live only here. */
export function lambdaBuildOptions(projectRoot: string, switches: BundleSwitches = {}): BuildOptions {
  return {
    absWorkingDir: projectRoot,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    outExtension: { '.js': '.mjs' },
    minify: true,
    sourcemap: true,
    // Stack traces need file and line, not the sources: keeps the zip small.
    sourcesContent: false,
    // Everything is bundled; AWS is reached through functions/shared/aws/, not the SDK v3.
    external: [],
    mainFields: ['module', 'main'],
    alias: builtinAliases(projectRoot),
    // Some bundled CommonJS dependencies call require(), which ESM does not have (node:module without its ESM facade, as above).
    banner: { js: "const require = process.getBuiltinModule('node:module').createRequire(import.meta.url);" },
    define: { VERKOSTO_TRACING: String(switches.tracing ?? false) },
    metafile: true,
    logLevel: 'error',
  };
}

export interface BuiltBundles {
  /** Folder holding `<id>/index.mjs` and its source map for every function. */
  readonly outdir: string;
  /** esbuild's metafile: what each bundle holds, byte by byte. */
  readonly metafile: Metafile;
}

/**
 * Builds every entry (`id` → absolute path of the handler file) into
 * `outdir/<id>/index.mjs` in one esbuild run. `overrides` is for the bench's
 * comparisons only (e.g. the AWS SDK v3 in place of the thin client); deployments use none.
 */
export function buildBundles(projectRoot: string, entries: Readonly<Record<string, string>>, outdir: string, overrides: BuildOptions = {}, switches: BundleSwitches = {}): BuiltBundles {
  const entryPoints = Object.fromEntries(Object.entries(entries).map(([id, entry]) => [`${id}/index`, entry]));
  const result = buildSync({ ...lambdaBuildOptions(projectRoot, switches), ...overrides, entryPoints, outdir });
  return { outdir, metafile: result.metafile! };
}

/**
 * The bundles of one stack as CDK assets. Nothing is built until CDK stages
 * the first asset, so a synth that skips bundling (`cdk deploy OtherStack`,
 * tests with `aws:cdk:bundling-stacks: []`) starts no esbuild at all; the
 * first staged asset builds them all and each function copies its own.
 */
export class FunctionBundles {
  private built?: BuiltBundles;

  /**
   * @param projectRoot absolute path of the repo root (esbuild's working directory)
   * @param entries function id → absolute path of its handler file
   * @param switches what this stack's bundles include (tracing)
   */
  constructor(
    private readonly projectRoot: string,
    private readonly entries: Readonly<Record<string, string>>,
    readonly switches: BundleSwitches = {},
  ) {}

  /** The asset of one function: a folder with index.mjs and index.mjs.map, hashed by its content. */
  code(id: string): Code {
    const entry = this.entries[id];
    if (!entry) throw new Error(`No bundle entry for function ${id}`);
    return Code.fromAsset(join(this.projectRoot, 'functions'), {
      // Hashed by the bundle, so an unchanged function keeps its asset (and is not redeployed).
      assetHashType: AssetHashType.OUTPUT,
      bundling: {
        // Part of CDK's asset cache key: without it every function would share the first one's staged asset.
        environment: { VERKOSTO_FUNCTION: id, VERKOSTO_TRACING: String(this.switches.tracing ?? false) },
        // Never pulled: local bundling always succeeds (esbuild is a dev dependency).
        image: DockerImage.fromRegistry('verkosto/bundled-locally'),
        local: { tryBundle: (outputDir) => this.copyInto(id, outputDir) },
      },
    });
  }

  private copyInto(id: string, outputDir: string): boolean {
    this.built ??= this.build();
    for (const file of [BUNDLE_FILE, `${BUNDLE_FILE}.map`]) copyFileSync(join(this.built.outdir, id, file), join(outputDir, file));
    return true;
  }

  private build(): BuiltBundles {
    const outdir = mkdtempSync(join(tmpdir(), 'verkosto-bundles-'));
    // The bundles are copied into the cloud assembly as they are staged; nothing needs the build folder afterwards.
    process.once('exit', () => rmSync(outdir, { recursive: true, force: true }));
    return buildBundles(this.projectRoot, this.entries, outdir, {}, this.switches);
  }
}

/** The metafile key of one function's bundle. */
export function outputOf(built: BuiltBundles, id: string): string {
  const key = Object.keys(built.metafile.outputs).find((o) => o.endsWith(`${id}/${BUNDLE_FILE}`));
  if (!key) throw new Error(`esbuild wrote no ${id}/${BUNDLE_FILE}`);
  return key;
}
