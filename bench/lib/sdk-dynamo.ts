/**
 * For the bench's comparison only: the document client of
 * functions/shared/aws/dynamodb.ts served by the AWS SDK v3
 * (@aws-sdk/lib-dynamodb), so one function can be built both ways from the
 * same code and its cold start measured each way.
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import * as lib from '@aws-sdk/lib-dynamodb';
import type { DynamoCommand } from '../../functions/shared/aws/dynamodb.js';

const COMMANDS: Record<string, new (input: never) => object> = {
  GetItem: lib.GetCommand,
  PutItem: lib.PutCommand,
  UpdateItem: lib.UpdateCommand,
  DeleteItem: lib.DeleteCommand,
  Query: lib.QueryCommand,
  Scan: lib.ScanCommand,
  BatchGetItem: lib.BatchGetCommand,
  BatchWriteItem: lib.BatchWriteCommand,
  TransactWriteItems: lib.TransactWriteCommand,
};

export class DocumentClient {
  private readonly sdk = lib.DynamoDBDocumentClient.from(new DynamoDBClient({}), { marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false } });

  async send<I, O>(command: DynamoCommand<I, O>): Promise<O> {
    const Command = COMMANDS[command.operation];
    if (!Command) throw new Error(`No SDK command for ${command.operation}`);
    return (await this.sdk.send(new Command(command.input as never) as never)) as O;
  }
}
