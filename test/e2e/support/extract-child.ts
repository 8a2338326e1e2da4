/**
 * One of the "test workers" in npm-chromium.test.ts: says ready, waits for a
 * line on stdin so all of them start extracting together, then extracts into
 * the cache folder given and prints the result as JSON.
 */
import { once } from 'node:events';
import { ensureNpmChromium } from './chromium.js';

const cacheDir = process.argv[2];
if (!cacheDir) throw new Error('usage: extract-child.ts <cache dir>');
process.stdout.write('ready\n');
await once(process.stdin, 'data');
process.stdout.write(`${JSON.stringify(await ensureNpmChromium(cacheDir))}\n`);
process.exit(0);
