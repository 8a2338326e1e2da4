import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { parseEnv } from '../../functions/shared/env.js';

describe('parseEnv', () => {
  it('returns the variables asked for, coerced and defaulted, and nothing else', () => {
    const env = { TABLE_NAME: 'verkosto', SENDER_CONCURRENCY: '3', PATH: '/usr/bin' };

    const parsed = parseEnv({ TABLE_NAME: z.string().min(1), SENDER_CONCURRENCY: z.coerce.number().int(), SEND_RATE_PER_SECOND: z.coerce.number().default(10), MAIL_CONFIGURATION_SET: z.string().optional() }, env);

    expect(parsed).toEqual({ TABLE_NAME: 'verkosto', SENDER_CONCURRENCY: 3, SEND_RATE_PER_SECOND: 10 });
  });

  it('names every missing or bad variable in one error', () => {
    const env = { MAIL_SENDER: 'not an address' };

    const parse = () => parseEnv({ TABLE_NAME: z.string().min(1), MAIL_SENDER: z.email(), SITE_URL: z.url().optional() }, env);

    expect(parse).toThrow(/^Invalid environment: TABLE_NAME: .+; MAIL_SENDER: .+$/);
  });
});
