import { readFileSync } from 'node:fs';
import * as z from 'zod';
import { limitsConfig } from '../functions/shared/limits.js';
import { networkConfig } from '../functions/shared/network-config.js';

// The network schemas live with the functions, which validate the networks file at cold start;
// importing them from here made every bundle build the whole operator config schema too.
export { UI_LANGUAGES, uiLanguage, networkId, networkConfig, type UiLanguage, type NetworkConfig } from '../functions/shared/network-config.js';

const hostname = z.string().regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i, 'a domain name like verkosto.example.fi');

/**
 * The site's own address. CloudFront needs its certificate in us-east-1:
 * either an existing one (its ARN) or one the app creates there, validated
 * through a Route 53 hosted zone it also puts the alias records in.
 */
const siteDomain = z
  .object({
    /** The host name the pages and API answer on, e.g. verkosto.kemi.fi. */
    name: hostname,
    /** An issued ACM certificate in us-east-1 covering `name`. */
    certificateArn: z
      .string()
      .regex(/^arn:aws:acm:us-east-1:\d{12}:certificate\/[0-9a-f-]+$/, 'an ACM certificate ARN in us-east-1 (CloudFront takes certificates from there only)')
      .optional(),
    /** A public Route 53 hosted zone for `name` or a parent of it: the certificate is validated and the alias records are made in it. */
    hostedZone: z.object({ id: z.string().regex(/^Z[A-Z0-9]{1,32}$/, 'a hosted zone id like Z0123456789ABCDEFGHIJ'), name: hostname }).optional(),
  })
  .superRefine((d, ctx) => {
    if (!d.certificateArn === !d.hostedZone) {
      ctx.addIssue({ code: 'custom', path: ['certificateArn'], message: 'give either certificateArn (an existing us-east-1 certificate) or hostedZone (to create one), not both or neither' });
    }
    const zone = d.hostedZone?.name.toLowerCase();
    if (zone && d.name.toLowerCase() !== zone && !d.name.toLowerCase().endsWith(`.${zone}`)) {
      ctx.addIssue({ code: 'custom', path: ['hostedZone', 'name'], message: `${d.name} is not in the hosted zone ${zone}` });
    }
  });
export type SiteDomain = z.infer<typeof siteDomain>;

export const operatorConfig = z
  .object({
    /** AWS region to deploy to. */
    region: z.string().regex(/^[a-z]{2}-[a-z]+-\d$/, 'region like eu-north-1').default('eu-north-1'),
    /** Name of the CloudFormation stack; every named resource (dashboard, schedule group, secret) carries it, so several stacks share an account. */
    stackName: z.string().regex(/^[A-Za-z][A-Za-z0-9-]{0,63}$/, 'stack name: a letter, then letters, digits and dashes, at most 64').default('Verkosto'),
    /** The deployment stage: the GitHub environment the workflow deploys this config to (.github/workflows/ci.yml). */
    stage: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'stage: lower-case letters, digits and dashes').default('production'),
    /** The site's own domain. Without it the pages live on the distribution's *.cloudfront.net name. */
    domain: siteDomain.optional(),
    /** Monthly AWS Budget in US dollars: the alert topic hears at 80 % (forecast) and 100 % (actual). */
    monthlyBudgetUsd: z.number().positive().max(100_000).default(10),
    /**
     * X-Ray active tracing on every function (Powertools Tracer records the
     * AWS SDK calls as subsegments). Costs per trace; off by default.
     */
    tracing: z.boolean().default(false),
    /**
     * CloudFront standard access logs to the logs bucket. Off by default: they
     * record every query string, and the signed links carry their tokens there.
     */
    cdnAccessLogs: z.boolean().default(false),
    /**
     * The CloudWatch dashboard `<stack>-operations`: $3 a month without the
     * free tier (an account's first three are free), plus $0.30 for the
     * per-stack email count it shows. Off by default: the alarms reach you
     * either way, and the console's own Lambda, API and SQS pages show the rest.
     */
    dashboard: z.boolean().default(false),
    /**
     * Encrypt the alert topic with a customer-managed KMS key ($1 a month).
     * Without it the topic is unencrypted (CloudWatch cannot publish under the
     * AWS-managed SNS key); alarm and budget notices carry no personal data.
     */
    alertTopicKey: z.boolean().default(false),
    /**
     * Lambda error and throttle alarms per function (35 alarm metrics each,
     * about $7 a month) instead of on the account's region-wide Lambda totals.
     */
    perFunctionAlarms: z.boolean().default(false),
    mail: z.object({
      /** Domain verified in SES (DKIM records are output by the stack). */
      domain: hostname,
      /**
       * Custom MAIL FROM (bounce) domain, a subdomain of `domain`, so SPF aligns
       * for DMARC. Empty = `bounce.<domain>`.
       */
      mailFromDomain: hostname.optional(),
      /** From address; must be on the mail domain. */
      sender: z.email(),
      /** Highest emails per second the digest sender may use (the SES account's send rate or less). */
      sendRatePerSecond: z.number().positive().max(500).default(10),
    }),
    /** Operators' address for alarms. */
    alertEmail: z.email(),
    /** Public address of pages hosted elsewhere; CORS allows only this origin. Empty = https://<domain.name>, else the CloudFront domain. */
    siteUrl: z.url().optional(),
    /**
     * A custom domain for the HTTP API, CloudFront's origin for /api/*. With it the API's
     * execute-api endpoint is disabled, so no request reaches the API without CloudFront
     * (and its viewer address). The certificate (ACM, in the stack's region) must cover the
     * name; point the name's DNS at the stack output ApiDomainTarget.
     */
    apiDomain: z
      .object({
        name: z.string().regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z]{2,}$/i, 'a domain name like api.verkosto.example.fi'),
        certificateArn: z.string().regex(/^arn:aws:acm:[a-z0-9-]+:\d{12}:certificate\/[\w-]+$/, 'an ACM certificate ARN'),
      })
      .optional(),
    networks: z.array(networkConfig).min(1, 'at least one network'),
    /** Abuse limits of the public mail-sending routes (docs/operations.md); every field has a default. */
    limits: limitsConfig,
    /**
     * Memory in MB per function id of lib/topology.ts (CPU scales with it),
     * e.g. the result of AWS Lambda Power Tuning (docs/operations.md).
     * A function not named keeps its topology default (256 MB unless set there).
     */
    // An object with a catch-all rather than z.record: functions bundle this module (networks.ts), and z.record alone adds ~4 KB of zod to every bundle. Synth checks the ids against the topology.
    functionMemoryMb: z.object({}).catchall(z.number().int('whole megabytes').min(128).max(10240)).default({}),
  })
  .superRefine((c, ctx) => {
    if (!c.mail.sender.toLowerCase().endsWith(`@${c.mail.domain.toLowerCase()}`)) {
      ctx.addIssue({ code: 'custom', path: ['mail', 'sender'], message: `sender must be an address on ${c.mail.domain}` });
    }
    const mailFrom = c.mail.mailFromDomain?.toLowerCase();
    if (mailFrom && !mailFrom.endsWith(`.${c.mail.domain.toLowerCase()}`)) {
      ctx.addIssue({ code: 'custom', path: ['mail', 'mailFromDomain'], message: `MAIL FROM domain must be a subdomain of ${c.mail.domain}` });
    }
    const seen = new Set<string>();
    c.networks.forEach((n, i) => {
      if (seen.has(n.id)) ctx.addIssue({ code: 'custom', path: ['networks', i, 'id'], message: `duplicate network id "${n.id}"` });
      seen.add(n.id);
    });
  });
export type OperatorConfig = z.infer<typeof operatorConfig>;

/** The public origin of the pages: the configured site, else the own domain; undefined = the CloudFront name, known only at deploy. */
export function publicOrigin(c: OperatorConfig): string | undefined {
  if (c.siteUrl) return new URL(c.siteUrl).origin;
  if (c.domain) return `https://${c.domain.name.toLowerCase()}`;
  return undefined;
}

/** The SES MAIL FROM domain: configured, or bounce.<mail domain>. */
export const mailFromDomain = (c: OperatorConfig): string => c.mail.mailFromDomain ?? `bounce.${c.mail.domain.toLowerCase()}`;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates a parsed config; the error names every bad field by its path. */
export function parseConfig(raw: unknown, source = 'config'): OperatorConfig {
  const result = operatorConfig.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  - ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`Invalid Verkosto configuration in ${source}:\n${lines.join('\n')}`);
  }
  return result.data;
}

export const DEFAULT_CONFIG_FILE = 'config/verkosto.config.json';

export function loadConfig(file = DEFAULT_CONFIG_FILE): OperatorConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new ConfigError(`Cannot read Verkosto configuration file ${file}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`Configuration file ${file} is not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(raw, file);
}
