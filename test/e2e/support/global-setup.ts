import type { TestProject } from 'vitest/node';
import { IGNORE_SYSTEM_VAR } from './browser-lookup.js';
import { REQUIRE_VAR, resolveBrowser } from './chromium.js';

/** The lines in a frame of `!`, wrapped at 76 columns. */
function banner(lines: string[]): string {
  const wrapped = lines.flatMap((line) =>
    line.split(' ').reduce<string[]>((out, word) => {
      const last = out.at(-1);
      if (last !== undefined && `${last} ${word}`.length <= 76) out[out.length - 1] = `${last} ${word}`;
      else out.push(word);
      return out;
    }, []),
  );
  const width = Math.max(...wrapped.map((l) => l.length));
  const rule = '!'.repeat(width + 4);
  return `\n${rule}\n${wrapped.map((l) => `! ${l.padEnd(width)} !`).join('\n')}\n${rule}\n`;
}

/**
 * Runs once in vitest's main process before the e2e files: finds the browser
 * (extracting the npm-shipped one at most once, before any worker starts),
 * says which it is, and hands it to every worker through `inject('browser')`.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const choice = await resolveBrowser();
  project.provide('browser', choice);
  if (!('skip' in choice)) {
    const hint = choice.source === 'system' ? `\n(${IGNORE_SYSTEM_VAR}=1 would use the npm-shipped one)` : '';
    console.log(`\nBrowser tests use ${choice.version}: ${choice.label}${hint}\n`);
    return () => console.log(`\nBrowser tests ran in ${choice.version} (${choice.label}).\n`);
  }
  if (process.env[REQUIRE_VAR] === '1') throw new Error(`${REQUIRE_VAR}=1 and ${choice.skip}`);
  const skipped = banner(['BROWSER TESTS SKIPPED: not one page was tested in a browser.', choice.skip]);
  console.warn(skipped);
  // Again after the run, so it is the last thing on screen and not lost above the results.
  return () => console.warn(skipped);
}
