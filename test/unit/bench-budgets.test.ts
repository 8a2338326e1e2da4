import { describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_KB, BUNDLE_LIMIT_KB, bundleVerdict, IMPORT_GOAL_RATIO, IMPORT_LIMIT_RATIO, importVerdict } from '../../bench/budgets.js';

describe('the bundle budget checked by npm run bench -- --check', () => {
  it('passes a bundle within the goal', () => {
    expect(bundleVerdict('ListNetworks', BUNDLE_BUDGET_KB)).toEqual({ ok: true, note: 'ok' });
  });

  it('passes a bundle between the goal and the limit, and says it is over the goal', () => {
    const verdict = bundleVerdict('ServeHsds', BUNDLE_BUDGET_KB + 7);
    expect(verdict.ok).toBe(true);
    expect(verdict.note).toBe(`over the ${BUNDLE_BUDGET_KB} KB goal, under the ${BUNDLE_LIMIT_KB} KB limit`);
  });

  it('breaches over the limit, whatever the bundle holds: the AWS SDK has no exemption', () => {
    expect(bundleVerdict('SubmitListing', BUNDLE_LIMIT_KB + 1)).toEqual({ ok: false, note: '**over**' });
  });
});

describe('the import budget checked by npm run bench -- --check', () => {
  it('passes within the goal, passes with a note up to the limit, and breaches over it', () => {
    expect(importVerdict(IMPORT_GOAL_RATIO)).toEqual({ ok: true, note: 'ok' });
    expect(importVerdict(IMPORT_LIMIT_RATIO)).toEqual({ ok: true, note: `over the ${IMPORT_GOAL_RATIO}× goal` });
    expect(importVerdict(IMPORT_LIMIT_RATIO + 0.1).ok).toBe(false);
  });
});
