/**
 * What the stack costs a month before anyone uses it, counted from the
 * synthesised template: KMS keys, secrets (and their API calls), alarm
 * metrics, dashboards, custom metrics, WAF if a web ACL is in it. Each line
 * says what AWS's always-free allowance would cover, so the bill can be read
 * both ways; the README's goal is stated without any free tier.
 */

export interface FixedPrices {
  kmsKeyMonth: number;
  secretMonth: number;
  secretsApiPer10k: number;
  alarmMetricMonth: number;
  dashboardMonth: number;
  customMetricMonth: number;
  wafWebAclMonth: number;
  wafRuleMonth: number;
}

export interface CostLine {
  item: string;
  quantity: string;
  price: string;
  cost: number;
  /** What the always-free tier takes off this line (0 when nothing). */
  free: number;
  freeNote?: string;
}

type Resource = { Type: string; Properties?: Record<string, unknown> };
type Alarm = { MetricName?: string; Metrics?: Array<{ MetricStat?: unknown }> };

/** Alarm metrics as CloudWatch bills them: a metric-math alarm counts every metric it reads. */
export function alarmMetrics(resources: Record<string, Resource>): number {
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::CloudWatch::Alarm')
    .reduce((n, r) => {
      const a = (r.Properties ?? {}) as Alarm;
      return n + (a.MetricName ? 1 : (a.Metrics ?? []).filter((m) => m.MetricStat).length);
    }, 0);
}

/** Metrics the SES configuration set's CloudWatch destinations publish: custom metrics, one per dimension and event type. */
export function sesEventMetrics(resources: Record<string, Resource>): number {
  return Object.values(resources)
    .filter((r) => r.Type === 'AWS::SES::ConfigurationSetEventDestination')
    .reduce((n, r) => {
      const d = (r.Properties?.EventDestination ?? {}) as { CloudWatchDestination?: { DimensionConfigurations?: unknown[] }; MatchingEventTypes?: unknown[] };
      return n + (d.CloudWatchDestination ? (d.CloudWatchDestination.DimensionConfigurations?.length ?? 0) * (d.MatchingEventTypes?.length ?? 0) : 0);
    }, 0);
}

const usd = (x: number) => `$${x.toFixed(2)}`;

/**
 * The fixed lines of every stack of one deployment. `customMetrics` is the
 * number of distinct custom metrics the functions publish (SES's, from its
 * CloudWatch event destinations, are counted from the templates);
 * `secretReads` the GetSecretValue calls a month.
 */
export function fixedCosts(stacks: ReadonlyArray<Record<string, Resource>>, p: FixedPrices, usage: { customMetrics: number; secretReads: number }): CostLine[] {
  const all = Object.assign({}, ...stacks) as Record<string, Resource>;
  const count = (type: string) => Object.values(all).filter((r) => r.Type === type).length;
  const keys = count('AWS::KMS::Key');
  const secrets = count('AWS::SecretsManager::Secret');
  const metrics = alarmMetrics(all);
  const dashboards = count('AWS::CloudWatch::Dashboard');
  const customMetrics = usage.customMetrics + sesEventMetrics(all);
  const acls = Object.values(all).filter((r) => r.Type === 'AWS::WAFv2::WebACL');
  const rules = acls.reduce((n, r) => n + ((r.Properties?.Rules as unknown[] | undefined)?.length ?? 0), 0);
  const lines: CostLine[] = [
    { item: 'KMS customer-managed keys (alert topic)', quantity: String(keys), price: `${usd(p.kmsKeyMonth)}/key`, cost: keys * p.kmsKeyMonth, free: 0 },
    { item: 'Secrets Manager secrets (token keys)', quantity: String(secrets), price: `${usd(p.secretMonth)}/secret`, cost: secrets * p.secretMonth, free: 0 },
    {
      item: 'Secrets Manager API calls (key reads: cold starts and 5-minute refreshes)',
      quantity: usage.secretReads.toLocaleString('en-US'),
      price: `${usd(p.secretsApiPer10k)}/10k`,
      cost: (usage.secretReads / 1e4) * p.secretsApiPer10k,
      free: 0,
    },
    {
      item: 'CloudWatch alarm metrics',
      quantity: String(metrics),
      price: `${usd(p.alarmMetricMonth)}/metric`,
      cost: metrics * p.alarmMetricMonth,
      free: Math.min(metrics, 10) * p.alarmMetricMonth,
      freeNote: 'always free: 10 alarm metrics an account',
    },
    {
      item: 'CloudWatch dashboards',
      quantity: String(dashboards),
      price: `${usd(p.dashboardMonth)}/dashboard`,
      cost: dashboards * p.dashboardMonth,
      free: Math.min(dashboards, 3) * p.dashboardMonth,
      freeNote: 'always free: 3 dashboards of up to 50 metrics an account (this one has at most 50)',
    },
    {
      item: 'CloudWatch custom metrics (functions, SES sends by configuration set)',
      quantity: String(customMetrics),
      price: `${usd(p.customMetricMonth)}/metric`,
      cost: customMetrics * p.customMetricMonth,
      free: Math.min(customMetrics, 10) * p.customMetricMonth,
      freeNote: 'always free: 10 custom metrics an account',
    },
    {
      item: acls.length ? 'WAF web ACLs and rules' : 'WAF (not enabled)',
      quantity: acls.length ? `${acls.length} ACL, ${rules} rules` : '0',
      price: `${usd(p.wafWebAclMonth)}/ACL + ${usd(p.wafRuleMonth)}/rule`,
      cost: acls.length * p.wafWebAclMonth + rules * p.wafRuleMonth,
      free: 0,
    },
  ];
  return lines;
}
