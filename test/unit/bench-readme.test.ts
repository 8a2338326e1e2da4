import { describe, expect, it } from 'vitest';
import { readmeBlock } from '../../bench/readme.js';

const md = [
  '# Verkosto benchmark',
  '',
  '2026-11-23T02:15:36Z · linux · 2 cores · Node v24.21.0 · took 496 s',
  '',
  '## Cold start (5 runs)',
  '',
  '| function | bundle KB |',
  '',
  '## API (autocannon)',
  '',
  '| GET /api/listings | 5,000 | 16 |',
  '',
  '## Digest (10,000 subscribers)',
  '',
  '| send throughput | 49.5 |',
  '',
  '## Monthly cost of a reference network',
  '',
  '| **total** | | | **$1.95** |',
  '',
  '## Budgets',
  '',
  'All non-timing budgets hold.',
].join('\n');

const latest = {
  coldStart: {
    baselineMs: [30, 29, 31],
    baselineCpuMs: [28, 28, 29],
    functions: [
      { id: 'ListNetworks', kb: 134, awsKb: 0, importMs: [70, 74, 80], importCpuMs: [40, 41, 42] },
      { id: 'SubmitListing', kb: 301, awsKb: 13, importMs: [180, 188, 200], importCpuMs: [60, 61, 62] },
    ],
  },
};

describe('the benchmark block in the README', () => {
  it('quotes the API, digest, cost and budget sections and the run, between its markers', () => {
    const block = readmeBlock(md, latest);
    expect(block.startsWith('<!-- bench:start')).toBe(true);
    expect(block.endsWith('<!-- bench:end -->')).toBe(true);
    expect(block).toContain('Node v24.21.0 · took 496 s');
    for (const line of ['#### API (autocannon)', '| GET /api/listings | 5,000 | 16 |', '| send throughput | 49.5 |', '**$1.95**', 'All non-timing budgets hold.']) expect(block).toContain(line);
    expect(block).not.toContain('| function | bundle KB |');
  });

  it('summarises the cold starts: sizes with the AWS access they include, import times and the budget counts', () => {
    const block = readmeBlock(md, latest);
    expect(block).toContain('bundles 134–301 KB, their AWS access included (0–13 KB of thin client, no AWS SDK)');
    expect(block).toContain('74–188 ms');
    expect(block).toContain('against 30 ms');
    expect(block).toContain('41–61 ms against 28 ms (1.5–2.2×)');
    expect(block).toContain('1 within the 250 KB budget, 1 over the 300 KB limit, 1 over the 2× import limit');
  });
});
