import { CreateScheduleCommand, DeleteScheduleCommand, ResourceNotFoundException, SchedulerClient, UpdateScheduleCommand } from '@aws-sdk/client-scheduler';
import * as z from 'zod';
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
  private readonly client = new SchedulerClient({});
  // Group and dead-letter queue are the stack's own in AWS; offline the local scheduler has the default group only.
  private readonly env = parseEnv({
    [ENV.eventBusArn]: z.string().min(1),
    [ENV.schedulerRoleArn]: z.string().min(1),
    [ENV.scheduleGroupName]: z.string().min(1).optional(),
    [ENV.scheduleDeadLetterArn]: z.string().min(1).optional(),
  });
  private readonly group = this.env[ENV.scheduleGroupName] ? { GroupName: this.env[ENV.scheduleGroupName] } : {};

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
        ...(this.env[ENV.scheduleDeadLetterArn] ? { DeadLetterConfig: { Arn: this.env[ENV.scheduleDeadLetterArn] } } : {}),
      },
    };
    try {
      await this.client.send(new UpdateScheduleCommand(definition));
    } catch (err) {
      if (!(err instanceof ResourceNotFoundException)) throw err;
      await this.client.send(new CreateScheduleCommand(definition));
    }
  }

  async delete(name: string): Promise<void> {
    await this.client.send(new DeleteScheduleCommand({ Name: name.slice(0, 64), ...this.group })).catch((err: unknown) => {
      if (!(err instanceof ResourceNotFoundException)) throw err;
    });
  }
}
