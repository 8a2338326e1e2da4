import { Duration } from 'aws-cdk-lib';
import { Archive, type CfnArchive, type CfnRule, EventBus, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ARCHIVE_PATTERN, ARCHIVE_RETENTION_DAYS, EVENT_SOURCE } from '../../functions/shared/events.js';
import type { RuleSpec } from '../topology.js';
import { type AppFunction, deadLetterQueue } from './app-function.js';

export interface EventsProps {
  /**
   * How long the archive keeps events for replay.
   * @default Duration.days(ARCHIVE_RETENTION_DAYS)
   */
  readonly archiveRetention?: Duration;
  /**
   * How often EventBridge retries delivering to a function (throttled,
   * function missing, permission error) before the rule's dead-letter queue.
   * @default 8
   */
  readonly targetRetryAttempts?: number;
  /**
   * Events older than this are not delivered any more but dead-lettered.
   * @default Duration.hours(24)
   */
  readonly targetMaxEventAge?: Duration;
  /**
   * The stack's SES configuration set. SES publishes to the account's default
   * bus, which every stack in the account shares: a rule there takes only
   * events of mail sent through this set.
   * @default no filter (one stack per account)
   */
  readonly sesConfigurationSetName?: string;
}

/** An SES event pattern narrowed to mail sent through one configuration set (SES tags every event with it). */
export function forConfigurationSet(pattern: Record<string, unknown>, configurationSetName: string): Record<string, unknown> {
  const detail = (pattern.detail ?? {}) as Record<string, unknown>;
  const mail = (detail.mail ?? {}) as Record<string, unknown>;
  const tags = (mail.tags ?? {}) as Record<string, unknown>;
  return { ...pattern, detail: { ...detail, mail: { ...mail, tags: { ...tags, 'ses:configuration-set': [configurationSetName] } } } };
}

/** The custom bus, its archive (for replay), and one rule per topology rule. */
export class Events extends Construct {
  readonly bus: EventBus;
  readonly archive: Archive;
  /** Events a rule could not deliver to its function after the retries. */
  readonly ruleDeadLetters: Queue;
  /** Every rule added, by topology rule id. */
  readonly rules = new Map<string, Rule>();
  private readonly retryAttempts: number;
  private readonly maxEventAge: Duration;
  private readonly sesConfigurationSetName: string | undefined;

  constructor(scope: Construct, id: string, props: EventsProps = {}) {
    super(scope, id);
    this.retryAttempts = props.targetRetryAttempts ?? 8;
    this.maxEventAge = props.targetMaxEventAge ?? Duration.hours(24);
    this.sesConfigurationSetName = props.sesConfigurationSetName;
    this.bus = new EventBus(this, 'Bus', { description: 'Verkosto domain events' });
    this.archive = new Archive(this, 'Archive', {
      sourceEventBus: this.bus,
      eventPattern: { source: [EVENT_SOURCE] },
      retention: props.archiveRetention ?? Duration.days(ARCHIVE_RETENTION_DAYS),
      description: 'The verkosto events that carry no personal data (functions/shared/events.ts), for replay after a fault',
    });
    // The catalog's own JSON pattern, verbatim (as the rules below): events that name people are never archived.
    (this.archive.node.defaultChild as CfnArchive).eventPattern = ARCHIVE_PATTERN;
    this.ruleDeadLetters = deadLetterQueue(this, 'RuleDlq', 'the target DLQ of every bus rule and every schedule: events EventBridge or Scheduler could not deliver');
  }

  /** A rule with the topology's pattern, verbatim, targeting the function with retries and a dead-letter queue. */
  get defaultBus(): IEventBus {
    return (this.node.tryFindChild('DefaultBus') as IEventBus | undefined) ?? EventBus.fromEventBusName(this, 'DefaultBus', 'default');
  }

  addRule(spec: RuleSpec, fn: AppFunction): Rule {
    // AWS services (SES) publish to the account's default bus only.
    const bus = spec.bus === 'default' ? this.defaultBus : this.bus;
    const rule = new Rule(this, spec.id, { eventBus: bus, eventPattern: { source: [EVENT_SOURCE] }, description: `topology rule ${spec.id}` });
    // The topology holds EventBridge's own JSON pattern; the L2 prop would re-map its keys (detailType → detail-type).
    const pattern = spec.bus === 'default' && this.sesConfigurationSetName ? forConfigurationSet(spec.pattern, this.sesConfigurationSetName) : spec.pattern;
    (rule.node.defaultChild as CfnRule).eventPattern = pattern;
    rule.addTarget(new LambdaFunction(fn, { deadLetterQueue: this.ruleDeadLetters, retryAttempts: this.retryAttempts, maxEventAge: this.maxEventAge }));
    this.rules.set(spec.id, rule);
    return rule;
  }
}
