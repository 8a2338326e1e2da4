import { describe, expect, it } from 'vitest';
import { alarmMetrics, fixedCosts, sesEventMetrics, type FixedPrices } from '../../bench/fixed-costs.js';

const prices: FixedPrices = { kmsKeyMonth: 1, secretMonth: 0.4, secretsApiPer10k: 0.05, alarmMetricMonth: 0.1, dashboardMonth: 3, customMetricMonth: 0.3, wafWebAclMonth: 5, wafRuleMonth: 1 };
const alarm = (props: Record<string, unknown>) => ({ Type: 'AWS::CloudWatch::Alarm', Properties: props });

describe('the fixed monthly costs of a stack', () => {
  it('counts a metric-math alarm as every metric it reads, an expression as none', () => {
    const resources = {
      A: alarm({ MetricName: 'Errors' }),
      B: alarm({ Metrics: [{ Id: 'e', Expression: 'm0+m1' }, { Id: 'm0', MetricStat: {} }, { Id: 'm1', MetricStat: {} }] }),
    };
    expect(alarmMetrics(resources)).toBe(3);
  });

  it('prices keys, secrets, alarm metrics, dashboards, custom metrics and WAF from the templates of every stack', () => {
    const site = {
      K: { Type: 'AWS::KMS::Key' },
      S: { Type: 'AWS::SecretsManager::Secret' },
      D: { Type: 'AWS::CloudWatch::Dashboard' },
      ...Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`A${i}`, alarm({ MetricName: 'x' })])),
    };
    const waf = { W: { Type: 'AWS::WAFv2::WebACL', Properties: { Rules: [{}, {}] } } };
    const lines = fixedCosts([site, waf], prices, { customMetrics: 11, secretReads: 20_000 });
    const cost = Object.fromEntries(lines.map((l) => [l.item.split(' (')[0], [l.cost, l.free]]));
    expect(cost['KMS customer-managed keys']).toEqual([1, 0]);
    expect(cost['Secrets Manager secrets']).toEqual([0.4, 0]);
    expect(cost['Secrets Manager API calls']![0]).toBeCloseTo(0.1);
    expect(cost['CloudWatch alarm metrics']![0]).toBeCloseTo(1.2);
    expect(cost['CloudWatch alarm metrics']![1]).toBeCloseTo(1.0);
    expect(cost['CloudWatch dashboards']).toEqual([3, 3]);
    expect(cost['CloudWatch custom metrics']![0]).toBeCloseTo(3.3);
    expect(cost['CloudWatch custom metrics']![1]).toBeCloseTo(3.0);
    expect(cost['WAF web ACLs and rules']).toEqual([7, 0]);
  });

  it('says WAF is not enabled, at no cost, when no web ACL is in the stacks', () => {
    const lines = fixedCosts([{}], prices, { customMetrics: 0, secretReads: 0 });
    expect(lines.find((l) => l.item.startsWith('WAF'))).toMatchObject({ item: 'WAF (not enabled)', cost: 0 });
  });

  it('prices the SES configuration set’s CloudWatch destinations as custom metrics, one per dimension and event type', () => {
    const destination = (eventDestination: Record<string, unknown>) => ({ Type: 'AWS::SES::ConfigurationSetEventDestination', Properties: { EventDestination: eventDestination } });
    const resources = {
      Sends: destination({ MatchingEventTypes: ['send'], CloudWatchDestination: { DimensionConfigurations: [{ DimensionName: 'ses:configuration-set' }] } }),
      Bounces: destination({ MatchingEventTypes: ['bounce', 'complaint'], EventBridgeDestination: { EventBusArn: 'arn' } }),
    };
    expect(sesEventMetrics(resources)).toBe(1);
    const lines = fixedCosts([resources], prices, { customMetrics: 2, secretReads: 0 });
    expect(lines.find((l) => l.item.startsWith('CloudWatch custom metrics'))).toMatchObject({ quantity: '3' });
  });
});
