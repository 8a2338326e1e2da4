import * as z from './zod.js';
import { ENV, ONE_SHOT, parseEnv } from './env.js';

/**
 * The abuse limits of the public routes that send mail. Fixed windows
 * counted with one atomic conditional update each (functions/shared/rate-limit.ts).
 * "perClient" is per viewer address (CloudFront-Viewer-Address; offline the
 * socket address), "perAddress" per email address the request names.
 * docs/operations.md explains each and how an operator raises one.
 */
const window = (perClient: number, perAddress: number, windowSeconds: number) =>
  z.prefault(z.object({
      perClient: z._default(z.number().check(z.int(), z.gte(1)), perClient),
      perAddress: z._default(z.number().check(z.int(), z.gte(1)), perAddress),
      windowSeconds: z._default(z.number().check(z.int(), z.gte(60), z.lte(86_400)), windowSeconds),
    }), {});

export const limitsConfig = z.prefault(z.object({
    /** POST /api/listings: the receipt goes to the contact address, a notice to the coordinators */
    listings: window(20, 10, 3600),
    /** POST /api/meetings/{id}/rsvps: the invite goes to the address given */
    rsvps: window(20, 10, 3600),
    /** POST /api/meetings/{id}/turns/{slot}/claim: the confirmation link goes to the address given */
    presentations: window(20, 5, 3600),
    /** POST /api/subscriptions: the confirmation mail */
    subscriptions: window(30, 5, 3600),
    /** POST /api/surveys/{id}/responses by the public link: the confirmation mail */
    surveyAnswers: window(60, 5, 3600),
    /** POST /api/auth/login: the sign-in link (only coordinators get one) */
    signIn: window(30, 5, 900),
    /** POST …/digests/test: a digest to the signed-in coordinator's own address ("perAddress" is per coordinator) */
    digestTests: window(20, 5, 900),
    /** New-listing and changed-listing notices per network per clock hour; beyond it one batched notice */
    coordinatorNoticesPerHour: z._default(z.number().check(z.int(), z.gte(1)), 20),
    /** An identical submission within this many minutes is the same listing */
    duplicateSubmissionMinutes: z._default(z.number().check(z.int(), z.gte(1), z.lte(24 * 60)), 10),
  }), {});
export type Limits = z.infer<typeof limitsConfig>;
export type WindowLimit = Limits['listings'];

export const DEFAULT_LIMITS: Limits = limitsConfig.parse({}, ONE_SHOT);

/** The deployment's limits, from the operator config (passed as JSON); the defaults when unset. */
export function limits(): Limits {
  const raw = parseEnv({ [ENV.limits]: z.optional(z.string()) })[ENV.limits];
  return raw ? limitsConfig.parse(JSON.parse(raw), ONE_SHOT) : DEFAULT_LIMITS;
}
