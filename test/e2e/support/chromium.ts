import { execFile } from 'node:child_process';
import { accessSync, constants, createReadStream, createWriteStream, existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createBrotliDecompress } from 'node:zlib';
import { findBrowser, OVERRIDE_VAR, type LookupHost } from './browser-lookup.js';

/** The browser the e2e tier drives, or why there is none. Plain data: it crosses from vitest's global setup to the test workers. */
export type BrowserChoice =
  | {
      executablePath: string;
      /** extra environment for the browser process */
      env: Record<string, string>;
      source: 'override' | 'system' | 'npm';
      /** where it came from, for the log */
      label: string;
      /** what the binary says of itself (`--version`) */
      version: string;
    }
  | { skip: string };

declare module 'vitest' {
  export interface ProvidedContext {
    browser: BrowserChoice;
  }
}

export const REQUIRE_VAR = 'VERKOSTO_REQUIRE_BROWSER';

const NPM_PACKAGE = '@sparticuz/chromium';
/** build/index.js → the package folder, wherever npm put it */
const PACKAGE_DIR = dirname(dirname(createRequire(import.meta.url).resolve(NPM_PACKAGE)));
/** Beside the package, so it goes with `rm -rf node_modules` and a new version gets a new folder. */
const CACHE_DIR = join(dirname(dirname(PACKAGE_DIR)), '.cache', 'verkosto-chromium');
const ARCHIVES = ['al2023.tar.br', 'fonts.tar.br', 'swiftshader.tar.br'];
/** A staging folder this old is left from a run that was killed mid-extraction. */
const STALE_STAGING_MS = 10 * 60_000;

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function realHost(): LookupHost {
  return { env: process.env, platform: process.platform, arch: process.arch, homedir: homedir(), isExecutable };
}

/**
 * Finds the browser (see browser-lookup.ts), extracting the npm-shipped one
 * when it is the choice, and asks it for its version — a browser that cannot
 * say it will not run the tests either, so that is an error, not a skip.
 */
export async function resolveBrowser(host: LookupHost = realHost()): Promise<BrowserChoice> {
  const found = findBrowser(host);
  if (found.source === 'none') return { skip: found.reason };
  if (found.source === 'npm') {
    const npm = await ensureNpmChromium();
    return { ...npm, source: 'npm', version: await versionOf(npm.executablePath, npm.env) };
  }
  const label = found.source === 'override' ? `${OVERRIDE_VAR}=${found.path}` : `system browser ${found.path}`;
  return { executablePath: found.path, env: {}, source: found.source, label, version: await versionOf(found.path, {}) };
}

async function versionOf(executablePath: string, env: Record<string, string>): Promise<string> {
  try {
    const { stdout } = await promisify(execFile)(executablePath, ['--version'], { env: { ...process.env, ...env }, timeout: 30_000 });
    return stdout.trim().split('\n')[0] ?? '';
  } catch (err) {
    throw new Error(`The browser at ${executablePath} does not start (--version failed): ${(err as Error).message}`);
  }
}

/**
 * The Chromium inside @sparticuz/chromium, extracted once into
 * node_modules/.cache. The package's own executablePath() cannot be used:
 * it checks for /tmp/chromium and then writes it in place, so a second test
 * worker starting meanwhile finds a half-written file and fails to run it
 * (ETXTBSY), and on a shared machine /tmp/chromium may be anyone's file.
 * Here each process extracts into its own staging folder and renames it
 * into place; the rename is atomic, the first one wins and the others throw
 * their copy away, so a folder that exists is complete.
 */
export async function ensureNpmChromium(cacheDir = CACHE_DIR): Promise<{ executablePath: string; env: Record<string, string>; label: string }> {
  const version = (JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }).version;
  const dir = join(cacheDir, `${version}-${process.arch}`);
  const executablePath = join(dir, 'chromium');
  if (!existsSync(executablePath)) await extractInto(dir);
  return {
    executablePath,
    // NSS (libnss3 and friends) comes with the package, so a machine without
    // any Chromium needs no system libraries beyond glibc; the fonts file adds
    // the package's Open Sans to whatever fonts the system has (maybe none).
    env: { LD_LIBRARY_PATH: [join(dir, 'lib'), process.env.LD_LIBRARY_PATH].filter(Boolean).join(':'), FONTCONFIG_FILE: join(dir, 'fontconfig.xml') },
    label: `npm-shipped ${NPM_PACKAGE} ${version} at ${dir}`,
  };
}

async function extractInto(dir: string): Promise<void> {
  await mkdir(dirname(dir), { recursive: true });
  await removeStaleStaging(dir);
  const staging = await mkdtemp(`${dir}.partial-`);
  try {
    const bin = join(PACKAGE_DIR, 'bin');
    await Promise.all([
      pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(staging, 'chromium'), { mode: 0o755 })),
      ...ARCHIVES.map((archive) => untar(join(bin, archive), staging)),
    ]);
    await writeFile(join(staging, 'fontconfig.xml'), fontconfig(dir));
    await rename(staging, dir);
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    // Another process renamed its copy into place first.
    if ((code === 'ENOTEMPTY' || code === 'EEXIST') && existsSync(join(dir, 'chromium'))) return;
    throw err;
  }
}

/**
 * Brotli in Node, tar by the system's tar (every Linux has one), so the
 * package's internals are not imported. The tar goes through a file: tar
 * may stop reading a pipe at the end-of-archive mark and close it early.
 */
async function untar(archive: string, into: string): Promise<void> {
  const tarFile = join(into, `${basename(archive, '.br')}`);
  await pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(tarFile));
  try {
    await promisify(execFile)('tar', ['-x', '--no-same-owner', '-C', into, '-f', tarFile]);
  } finally {
    await rm(tarFile, { force: true });
  }
}

function fontconfig(dir: string): string {
  const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${xml(join(dir, 'fonts'))}</dir>
  <cachedir>${xml(join(dir, 'fontconfig-cache'))}</cachedir>
</fontconfig>
`;
}

async function removeStaleStaging(dir: string): Promise<void> {
  const prefix = `${basename(dir)}.partial-`;
  for (const entry of await readdir(dirname(dir))) {
    if (!entry.startsWith(prefix)) continue;
    const path = join(dirname(dir), entry);
    const info = await stat(path).catch(() => undefined);
    if (info && Date.now() - info.mtimeMs > STALE_STAGING_MS) await rm(path, { recursive: true, force: true });
  }
}
