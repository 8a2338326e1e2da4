import { Duration, Validations } from 'aws-cdk-lib';
import { Archive, type CfnRule, EventBus, type IEventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../functions/shared/events.js';
import type { RuleSpec } from '../topology.js';
import type { AppFunction } from './app-function.js';

export interface EventsProps {
  /**
   * How long the archive keeps events for replay.
   * @default Duration.days(365)
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
}

/** The custom bus, its archive (for replay), and one rule per topology rule. */
export class Events extends Construct {
  readonly bus: EventBus;
  readonly archive: Archive;
  /** Events a rule could not deliver to its function after the retries. */
  readonly ruleDeadLetters: Queue;
  private readonly retryAttempts: number;
  private readonly maxEventAge: Duration;

  constructor(scope: Construct, id: string, props: EventsProps = {}) {
    super(scope, id);
    this.retryAttempts = props.targetRetryAttempts ?? 8;
    this.maxEventAge = props.targetMaxEventAge ?? Duration.hours(24);
    this.bus = new EventBus(this, 'Bus', { description: 'Verkosto domain events' });
    this.archive = new Archive(this, 'Archive', {
      sourceEventBus: this.bus,
      // SignIn.Requested names whatever address someone typed at the sign-in form: not kept for a year.
      eventPattern: { source: [EVENT_SOURCE], detailType: [{ 'anything-but': ['SignIn.Requested'] }] as unknown as string[] },
      retention: props.archiveRetention ?? Duration.days(365),
      description: 'Every verkosto event but sign-in requests, for replay after a fault',
    });
    this.ruleDeadLetters = new Queue(this, 'RuleDlq', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.ruleDeadLetters).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'This queue IS a dead-letter queue: the target DLQ of every bus rule (EventBridge target DLQs are not redrive policies, which is what the rule looks for).',
    });
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
    (rule.node.defaultChild as CfnRule).eventPattern = spec.pattern;
    rule.addTarget(new LambdaFunction(fn, { deadLetterQueue: this.ruleDeadLetters, retryAttempts: this.retryAttempts, maxEventAge: this.maxEventAge }));
    return rule;
  }
}
