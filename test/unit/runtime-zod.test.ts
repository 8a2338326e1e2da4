/**
 * Runtime code uses zod/mini through functions/shared/zod.ts (issue 16):
 * classic zod in one module puts all of it (~90 KB, and its slower schema
 * building) back into every bundle that reaches the module, and zod/mini
 * imported directly would leave out the English messages the field codes
 * read. A module that fails here is converted by
 * `npx tsx bench/tools/zod-mini-codemod.ts <file>`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../local/stack.js';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
}

describe('runtime code', () => {
  it('imports zod only through functions/shared/zod.ts', () => {
    const direct = sources(join(ROOT, 'functions'))
      .filter((f) => !f.endsWith(join('shared', 'zod.ts')))
      .filter((f) => /from\s+['"]zod(\/[^'"]*)?['"]/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));

    expect(direct).toEqual([]);
  });
});
