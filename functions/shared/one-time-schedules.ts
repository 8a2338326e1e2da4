import * as z from './zod.js';
import { Scheduler } from './aws/services.js';
import { ENV, parseEnv } from './env.js';
import type { EventType } from './events.js';

/** Name prefixes of the one-time schedules functions may manage (the IAM grant names the same prefixes). */
export const ONE_TIME_SCHEDULE_PREFIXES = ['meeting-reminder-', 'survey-close-'] as const;

/**
 * One-time EventBridge Scheduler schedules that put a catalog event on the
 * bus at an instant: created or moved (whichever exists decides, so a
 * redelivery is harmless), deleted when no longer wanted.
 */
export class OneTimeSchedules {
  private readonly client = new Scheduler();
  // Group and dead-letter queue are the stack's own in AWS; offline the local scheduler has the default group only.
  private readonly env = parseEnv({
    [ENV.eventBusArn]: z.string().check(z.minLength(1)),
    [ENV.schedulerRoleArn]: z.string().check(z.minLength(1)),
    [ENV.scheduleGroupName]: z.optional(z.string().check(z.minLength(1))),
    [ENV.scheduleDeadLetterArn]: z.optional(z.string().check(z.minLength(1))),
  });
  private readonly group: { GroupName?: string } = this.env[ENV.scheduleGroupName] ? { GroupName: this.env[ENV.scheduleGroupName] } : {};
  private readonly deadLetterArn = this.env[ENV.scheduleDeadLetterArn];
  private readonly deadLetter = this.deadLetterArn ? { DeadLetterConfig: { Arn: this.deadLetterArn } } : {};

  async put(name: string, at: Date, type: EventType, detail: Record<string, unknown>): Promise<void> {
    const definition = {
      Name: name.slice(0, 64),
      ...this.group,
      ScheduleExpression: `at(${at.toISOString().slice(0, 19)})`,
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' as const },
      ActionAfterCompletion: 'DELETE' as const,
      Target: {
        Arn: this.env[ENV.eventBusArn],
        RoleArn: this.env[ENV.schedulerRoleArn],
        Input: JSON.stringify(detail),
        EventBridgeParameters: { DetailType: type, Source: 'verkosto' },
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 6 * 3600 },
        ...this.deadLetter,
      },
    };
    try {
      await this.client.updateSchedule(definition);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      await this.client.createSchedule(definition);
    }
  }

  async delete(name: string): Promise<void> {
    await this.client.deleteSchedule({ Name: name.slice(0, 64), ...this.group }).catch((err: unknown) => {
      if (!isNotFound(err)) throw err;
    });
  }
}

const isNotFound = (err: unknown) => err instanceof Error && err.name === 'ResourceNotFoundException';
