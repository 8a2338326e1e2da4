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

/**
 * Each limit's schema, built when asked for: a function needs one or two of
 * them, and building all nine (and parsing the defaults) at module scope was
 * 2–5 ms of every cold start of the functions that rate-limit (issue 16).
 */
const LIMITS = {
  /** POST /api/listings: the receipt goes to the contact address, a notice to the coordinators */
  listings: () => window(20, 10, 3600),
  /** POST /api/meetings/{id}/rsvps: the invite goes to the address given */
  rsvps: () => window(20, 10, 3600),
  /** POST /api/meetings/{id}/turns/{slot}/claim: the confirmation link goes to the address given */
  presentations: () => window(20, 5, 3600),
  /** POST /api/subscriptions: the confirmation mail */
  subscriptions: () => window(30, 5, 3600),
  /** POST /api/surveys/{id}/responses by the public link: the confirmation mail */
  surveyAnswers: () => window(60, 5, 3600),
  /** POST /api/auth/login: the sign-in link (only coordinators get one) */
  signIn: () => window(30, 5, 900),
  /** POST …/digests/test: a digest to the signed-in coordinator's own address ("perAddress" is per coordinator) */
  digestTests: () => window(20, 5, 900),
  /** New-listing and changed-listing notices per network per clock hour; beyond it one batched notice */
  coordinatorNoticesPerHour: () => z._default(z.number().check(z.int(), z.gte(1)), 20),
  /** An identical submission within this many minutes is the same listing */
  duplicateSubmissionMinutes: () => z._default(z.number().check(z.int(), z.gte(1), z.lte(24 * 60)), 10),
};
type LimitName = keyof typeof LIMITS;

function limitsSchema() {
  const shape = Object.fromEntries(Object.entries(LIMITS).map(([name, schema]) => [name, schema()])) as { [K in LimitName]: ReturnType<(typeof LIMITS)[K]> };
  return z.prefault(z.object(shape), {});
}

/** The operator config's `limits` (lib/config.ts). Pure: a bundle that never names it leaves it out. */
export const limitsConfig = /* @__PURE__ */ limitsSchema();
export type Limits = z.infer<typeof limitsConfig>;
export type WindowLimit = Limits['listings'];

export const DEFAULT_LIMITS: Limits = /* @__PURE__ */ limitsConfig.parse({}, ONE_SHOT);

/**
 * One of the deployment's limits, from the operator config (passed as JSON
 * in the environment); its default when unset. Only that limit's schema is
 * built and parsed.
 */
export function limit<K extends LimitName>(name: K): Limits[K] {
  const raw = parseEnv({ [ENV.limits]: z.optional(z.string()) })[ENV.limits];
  const result = z.safeParse(LIMITS[name](), raw ? (JSON.parse(raw) as Partial<Record<LimitName, unknown>>)[name] : undefined, ONE_SHOT);
  if (!result.success) throw new Error(`Invalid environment: ${result.error.issues.map((i) => `${[ENV.limits, name, ...i.path].join('.')}: ${i.message}`).join('; ')}`);
  return result.data as Limits[K];
}
