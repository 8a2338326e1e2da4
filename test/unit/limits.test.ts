import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LIMITS, limit, limitsConfig } from '../../functions/shared/limits.js';

afterEach(() => vi.unstubAllEnvs());

describe('one abuse limit read from the environment', () => {
  it('is the default when the operator config sets no limits', () => {
    vi.stubEnv('RATE_LIMITS', undefined);

    expect(limit('subscriptions')).toEqual(DEFAULT_LIMITS.subscriptions);
    expect(limit('coordinatorNoticesPerHour')).toBe(20);
  });

  it("is the operator's value, with the defaults of the fields it leaves out", () => {
    vi.stubEnv('RATE_LIMITS', JSON.stringify({ rsvps: { perClient: 7 }, duplicateSubmissionMinutes: 30 }));

    expect(limit('rsvps')).toEqual({ perClient: 7, perAddress: 10, windowSeconds: 3600 });
    expect(limit('duplicateSubmissionMinutes')).toBe(30);
    expect(limit('presentations')).toEqual(DEFAULT_LIMITS.presentations);
  });

  it('is what the operator config schema makes of the same JSON', () => {
    const raw = { signIn: { perAddress: 2, windowSeconds: 600 }, coordinatorNoticesPerHour: 5 };
    vi.stubEnv('RATE_LIMITS', JSON.stringify(raw));
    const whole = limitsConfig.parse(raw);

    expect(limit('signIn')).toEqual(whole.signIn);
    expect(limit('coordinatorNoticesPerHour')).toBe(whole.coordinatorNoticesPerHour);
    expect(limit('digestTests')).toEqual(whole.digestTests);
  });

  it('fails the cold start naming the variable and the field when the value is wrong', () => {
    vi.stubEnv('RATE_LIMITS', JSON.stringify({ signIn: { windowSeconds: 5 } }));

    expect(() => limit('signIn')).toThrow(/Invalid environment: RATE_LIMITS\.signIn\.windowSeconds: /);
  });
});
