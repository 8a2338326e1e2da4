import { describe, expect, it } from 'vitest';
import { BUNDLE_BUDGET_KB, bundleVerdict } from '../../bench/budgets.js';

describe('the bundle budget checked by npm run bench -- --check', () => {
  it('passes a bundle under the budget', () => {
    expect(bundleVerdict('ListNetworks', BUNDLE_BUDGET_KB - 1, 0)).toEqual({ ok: true, note: 'ok' });
  });

  it('allows a bundle over the budget when the bundled AWS SDK is what puts it over, and says so', () => {
    const verdict = bundleVerdict('SubmitListing', 500, 300);
    expect(verdict.ok).toBe(true);
    expect(verdict.note).toContain('AWS SDK');
    expect(verdict.note).toContain('300 KB');
  });

  it('breaches when the bundle is over the budget even without the SDK', () => {
    expect(bundleVerdict('SubmitListing', 600, 300)).toEqual({ ok: false, note: '**over**' });
  });
});
