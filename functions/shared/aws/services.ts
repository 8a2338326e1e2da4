/**
 * The few operations of EventBridge, SQS, SESv2, Scheduler, Secrets
 * Manager and S3 the functions call, through the thin client (./client.ts). Inputs
 * and outputs are the services' own JSON shapes (the members the SDK's
 * commands take), so the AWS API reference documents them.
 */
import { randomUUID } from 'node:crypto';
import { AwsClient, SEND_ONCE_RETRIES, SERVICES, type RequestOptions } from './client.js';

export interface PutEventsEntry {
  EventBusName?: string;
  Source: string;
  DetailType: string;
  Detail: string;
  Resources?: string[];
  Time?: Date;
}
export interface PutEventsOutput {
  FailedEntryCount?: number;
  Entries?: Array<{ EventId?: string; ErrorCode?: string; ErrorMessage?: string }>;
}

/** EventBridge (awsJson 1.1). */
export class EventBridge {
  constructor(private readonly client = new AwsClient(SERVICES.eventbridge)) {}

  putEvents(input: { Entries: PutEventsEntry[] }): Promise<PutEventsOutput> {
    // Timestamps travel as epoch seconds in the JSON protocols.
    const Entries = input.Entries.map(({ Time, ...e }) => ({ ...e, ...(Time ? { Time: Time.getTime() / 1000 } : {}) }));
    return this.client.json('1.1', 'AWSEvents.PutEvents', { Entries });
  }
}

export interface SendMessageBatchOutput {
  Successful?: Array<{ Id: string; MessageId: string }>;
  Failed?: Array<{ Id: string; SenderFault: boolean; Code: string; Message?: string }>;
}

/** SQS (its JSON protocol, awsJson 1.0). */
export class Sqs {
  constructor(private readonly client = new AwsClient(SERVICES.sqs)) {}

  sendMessageBatch(input: { QueueUrl: string; Entries: Array<{ Id: string; MessageBody: string; DelaySeconds?: number }> }): Promise<SendMessageBatchOutput> {
    return this.client.json('1.0', 'AmazonSQS.SendMessageBatch', input);
  }
}

type Content = { Data: string; Charset?: string };
export interface SendEmailInput {
  FromEmailAddress: string;
  Destination: { ToAddresses: string[]; CcAddresses?: string[]; BccAddresses?: string[] };
  ReplyToAddresses?: string[];
  ConfigurationSetName?: string;
  EmailTags?: Array<{ Name: string; Value: string }>;
  Content:
    | { Raw: { Data: Uint8Array }; Simple?: never }
    | {
        Simple: {
          Subject: Content;
          Body: { Html?: Content; Text?: Content };
          Headers?: Array<{ Name: string; Value: string }>;
          Attachments?: Array<{ FileName: string; ContentType?: string; RawContent: Uint8Array }>;
        };
        Raw?: never;
      };
}

const base64 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

/** SESv2 (restJson1). SendEmail is not idempotent: it is retried only when SES certainly did not take it. */
export class SesV2 {
  constructor(private readonly client = new AwsClient(SERVICES.sesv2, SEND_ONCE_RETRIES)) {}

  sendEmail(input: SendEmailInput, options?: RequestOptions): Promise<{ MessageId?: string }> {
    // Blobs travel as base64 in restJson1.
    const { Content } = input;
    const wire = Content.Raw
      ? { Raw: { Data: base64(Content.Raw.Data) } }
      : {
          Simple: {
            ...Content.Simple,
            ...(Content.Simple.Attachments ? { Attachments: Content.Simple.Attachments.map((a) => ({ ...a, RawContent: base64(a.RawContent) })) } : {}),
          },
        };
    return this.client.rest('POST', '/v2/email/outbound-emails', { ...input, Content: wire }, undefined, options);
  }
}

export interface ScheduleDefinition {
  Name: string;
  GroupName?: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  FlexibleTimeWindow: { Mode: 'OFF' | 'FLEXIBLE'; MaximumWindowInMinutes?: number };
  ActionAfterCompletion?: 'NONE' | 'DELETE';
  State?: 'ENABLED' | 'DISABLED';
  Description?: string;
  Target: {
    Arn: string;
    RoleArn: string;
    Input?: string;
    EventBridgeParameters?: { DetailType: string; Source: string };
    RetryPolicy?: { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number };
    DeadLetterConfig?: { Arn: string };
  };
}

const schedulePath = (name: string) => `/schedules/${encodeURIComponent(name)}`;

/** EventBridge Scheduler (restJson1): the name is in the path, the rest in the body; ClientToken makes a retried request idempotent. */
export class Scheduler {
  constructor(private readonly client = new AwsClient(SERVICES.scheduler)) {}

  createSchedule({ Name, ...definition }: ScheduleDefinition): Promise<{ ScheduleArn?: string }> {
    return this.client.rest('POST', schedulePath(Name), { ...definition, ClientToken: randomUUID() });
  }

  updateSchedule({ Name, ...definition }: ScheduleDefinition): Promise<{ ScheduleArn?: string }> {
    return this.client.rest('PUT', schedulePath(Name), { ...definition, ClientToken: randomUUID() });
  }

  async deleteSchedule(input: { Name: string; GroupName?: string }): Promise<void> {
    await this.client.rest('DELETE', schedulePath(input.Name), undefined, { groupName: input.GroupName, clientToken: randomUUID() });
  }
}

/** Secrets Manager (awsJson 1.1). */
export class SecretsManager {
  constructor(private readonly client = new AwsClient(SERVICES.secretsManager)) {}

  getSecretValue(input: { SecretId: string; VersionId?: string; VersionStage?: string }): Promise<{ SecretString?: string; VersionId?: string; VersionStages?: string[] }> {
    return this.client.json('1.1', 'secretsmanager.GetSecretValue', input);
  }

  describeSecret(input: { SecretId: string }): Promise<{ RotationEnabled?: boolean; VersionIdsToStages?: Record<string, string[]> }> {
    return this.client.json('1.1', 'secretsmanager.DescribeSecret', input);
  }

  async putSecretValue(input: { SecretId: string; ClientRequestToken: string; SecretString: string; VersionStages?: string[] }): Promise<void> {
    await this.client.json('1.1', 'secretsmanager.PutSecretValue', input);
  }

  async updateSecretVersionStage(input: { SecretId: string; VersionStage: string; MoveToVersionId?: string; RemoveFromVersionId?: string }): Promise<void> {
    await this.client.json('1.1', 'secretsmanager.UpdateSecretVersionStage', input);
  }
}

/** S3 (REST-XML): the two object operations the directory snapshots need. Keys are plain (letters, digits, `-._/`), so the path needs no encoding. */
export class S3 {
  constructor(private readonly client = new AwsClient(SERVICES.s3)) {}

  /** The object's bytes, or undefined when there is no such key. */
  async getObject(input: { Bucket: string; Key: string }): Promise<Uint8Array | undefined> {
    try {
      return (await this.client.request({ method: 'GET', bucket: input.Bucket, path: `/${input.Key}`, headers: {}, body: '', binary: true })).bytes;
    } catch (err) {
      if ((err as Error).name === 'NoSuchKey') return undefined;
      throw err;
    }
  }

  /** No Content-Encoding is set: fetch would undo a compression it names, and the reader expects the bytes as written. */
  async putObject(input: { Bucket: string; Key: string; Body: Uint8Array<ArrayBuffer>; ContentType: string }): Promise<void> {
    await this.client.request({ method: 'PUT', bucket: input.Bucket, path: `/${input.Key}`, headers: { 'content-type': input.ContentType }, body: input.Body });
  }
}
