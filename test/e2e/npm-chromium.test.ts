import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { npmChromiumRuns } from './support/browser-lookup.js';

const CHILD = new URL('./support/extract-child.ts', import.meta.url).pathname;

interface Extracted {
  executablePath: string;
  env: Record<string, string>;
}

/** A separate Node process, as a vitest fork is, that extracts when told to. */
function worker(cacheDir: string): { proc: ChildProcessWithoutNullStreams; lines: AsyncIterator<string> } {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, cacheDir], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  async function* read(): AsyncGenerator<string> {
    let buffered = '';
    for await (const chunk of proc.stdout) {
      buffered += (chunk as Buffer).toString();
      let nl: number;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        yield buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
      }
    }
    throw new Error(`extract-child.ts ended without an answer (exit ${proc.exitCode}): ${stderr}`);
  }
  return { proc, lines: read() };
}

describe.runIf(npmChromiumRuns(process.platform, process.arch))('the npm-shipped Chromium', () => {
  const cacheDir = mkdtempSync(join(tmpdir(), 'verkosto-chromium-race-'));
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  it('is extracted whole when two test workers start at once: both get a browser that runs, and no half-written copy is left', async () => {
    const workers = [worker(cacheDir), worker(cacheDir)];
    for (const w of workers) expect((await w.lines.next()).value).toBe('ready');

    for (const w of workers) w.proc.stdin.write('go\n');
    const results = await Promise.all(workers.map(async (w) => JSON.parse((await w.lines.next()).value as string) as Extracted));
    await Promise.all(workers.map((w) => (w.proc.exitCode === null ? once(w.proc, 'exit') : undefined)));

    expect(results[0]!.executablePath).toBe(results[1]!.executablePath);
    for (const { executablePath, env } of results) {
      const { stdout } = await promisify(execFile)(executablePath, ['--version'], { env: { ...process.env, ...env } });
      expect(stdout).toMatch(/^Chromium \d+\.\d+\.\d+\.\d+/);
    }
    expect(readdirSync(cacheDir)).toEqual([expect.stringMatching(/^\d+\.\d+\.\d+-x64$/)]);
  });
});
