import { Duration, Validations } from 'aws-cdk-lib';
import { Archive, CfnRule, EventBus, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EVENT_SOURCE } from '../../functions/shared/events.js';
import type { RuleSpec } from '../topology.js';
import type { AppFunction } from './app-function.js';

export interface EventsProps {
  /** How long the archive keeps events for replay. @default 365 days */
  readonly archiveRetention?: Duration;
}

/** The custom bus, its archive (for replay), and one rule per topology rule. */
export class Events extends Construct {
  readonly bus: EventBus;
  /** Where events go that a rule could not deliver to its function after retries. */
  readonly ruleDeadLetters: Queue;

  constructor(scope: Construct, id: string, props: EventsProps = {}) {
    super(scope, id);
    this.bus = new EventBus(this, 'Bus', { description: 'Verkosto domain events' });
    new Archive(this, 'Archive', {
      sourceEventBus: this.bus,
      eventPattern: { source: [EVENT_SOURCE] },
      retention: props.archiveRetention ?? Duration.days(365),
      description: 'Every verkosto event, for replay after a fault',
    });
    this.ruleDeadLetters = new Queue(this, 'RuleDlq', { encryption: QueueEncryption.SQS_MANAGED, enforceSSL: true, retentionPeriod: Duration.days(14) });
    Validations.of(this.ruleDeadLetters).acknowledge({
      id: 'AwsSolutions::AwsSolutions-SQS3',
      reason: 'This queue IS a dead-letter queue: the target DLQ of every bus rule (EventBridge target DLQs are not redrive policies, which is what the rule looks for).',
    });
  }

  /** A rule with the topology's pattern, verbatim, targeting the function. */
  addRule(spec: RuleSpec, fn: AppFunction): Rule {
    const rule = new Rule(this, spec.id, { eventBus: this.bus, eventPattern: { source: [EVENT_SOURCE] }, description: `topology rule ${spec.id}` });
    // The pattern is EventBridge's own JSON; the L2 prop would re-map its keys.
    (rule.node.defaultChild as CfnRule).eventPattern = spec.pattern;
    rule.addTarget(new LambdaFunction(fn, { deadLetterQueue: this.ruleDeadLetters, retryAttempts: 8, maxEventAge: Duration.hours(24) }));
    return rule;
  }
}
