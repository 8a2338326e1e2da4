/**
 * DynamoDB through the thin client (./client.ts), with a document API in the
 * shape of @aws-sdk/lib-dynamodb: `db.send(new GetCommand({ … }))` takes and
 * returns plain JavaScript values, marshalled by @aws-sdk/util-dynamodb
 * (a few KB, no Smithy runtime). Errors keep the service's names
 * (ConditionalCheckFailedException, TransactionCanceledException with its
 * CancellationReasons…).
 */
import { marshall, unmarshall, type NativeAttributeValue } from '@aws-sdk/util-dynamodb';
import { AwsClient, SERVICES } from './client.js';

export type NativeItem = Record<string, NativeAttributeValue>;
type Names = Record<string, string>;

interface Expressions {
  ConditionExpression?: string;
  ExpressionAttributeNames?: Names;
  ExpressionAttributeValues?: NativeItem;
}
type ReturnValues = 'NONE' | 'ALL_OLD' | 'UPDATED_OLD' | 'ALL_NEW' | 'UPDATED_NEW';
type ReturnOnConditionFailure = { ReturnValuesOnConditionCheckFailure?: 'ALL_OLD' | 'NONE' };
type Capacity = { ReturnConsumedCapacity?: 'INDEXES' | 'TOTAL' | 'NONE' };

export interface GetInput {
  TableName: string;
  Key: NativeItem;
  ConsistentRead?: boolean;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Names;
}
export interface PutInput extends Expressions, ReturnOnConditionFailure, Capacity {
  TableName: string;
  Item: NativeItem;
  ReturnValues?: 'NONE' | 'ALL_OLD';
}
export interface UpdateInput extends Expressions, ReturnOnConditionFailure, Capacity {
  TableName: string;
  Key: NativeItem;
  UpdateExpression: string;
  ReturnValues?: ReturnValues;
}
export interface DeleteInput extends Expressions, ReturnOnConditionFailure, Capacity {
  TableName: string;
  Key: NativeItem;
  ReturnValues?: 'NONE' | 'ALL_OLD';
}
interface ReadMany extends Capacity {
  TableName: string;
  IndexName?: string;
  FilterExpression?: string;
  ProjectionExpression?: string;
  ExpressionAttributeNames?: Names;
  ExpressionAttributeValues?: NativeItem;
  ExclusiveStartKey?: NativeItem;
  Limit?: number;
  ConsistentRead?: boolean;
  Select?: 'ALL_ATTRIBUTES' | 'ALL_PROJECTED_ATTRIBUTES' | 'SPECIFIC_ATTRIBUTES' | 'COUNT';
}
export interface QueryInput extends ReadMany {
  KeyConditionExpression: string;
  ScanIndexForward?: boolean;
}
export interface ScanInput extends ReadMany {
  Segment?: number;
  TotalSegments?: number;
}
export interface BatchGetInput extends Capacity {
  RequestItems: Record<string, { Keys: NativeItem[]; ConsistentRead?: boolean; ProjectionExpression?: string; ExpressionAttributeNames?: Names }>;
}
export type WriteRequest = { PutRequest: { Item: NativeItem }; DeleteRequest?: never } | { DeleteRequest: { Key: NativeItem }; PutRequest?: never };
export interface BatchWriteInput extends Capacity {
  RequestItems: Record<string, WriteRequest[]>;
}
export interface TransactWriteInput extends Capacity {
  TransactItems: Array<
    | { Put: Omit<PutInput, 'ReturnValues'> }
    | { Update: Omit<UpdateInput, 'ReturnValues'> }
    | { Delete: Omit<DeleteInput, 'ReturnValues'> }
    | { ConditionCheck: Expressions & ReturnOnConditionFailure & { TableName: string; Key: NativeItem; ConditionExpression: string } }
  >;
  ClientRequestToken?: string;
}

interface Consumed {
  ConsumedCapacity?: unknown;
}
export interface GetOutput extends Consumed {
  Item?: NativeItem;
}
export interface WriteOutput extends Consumed {
  Attributes?: NativeItem;
}
export interface ReadManyOutput extends Consumed {
  Items?: NativeItem[];
  Count?: number;
  ScannedCount?: number;
  LastEvaluatedKey?: NativeItem;
}
export interface BatchGetOutput extends Consumed {
  Responses?: Record<string, NativeItem[]>;
  UnprocessedKeys?: BatchGetInput['RequestItems'];
}
export interface BatchWriteOutput extends Consumed {
  UnprocessedItems?: Record<string, WriteRequest[]>;
}

/** One DynamoDB operation with its input; the output type rides along for `send`. */
export abstract class DynamoCommand<I, O> {
  declare readonly output?: O;
  constructor(
    readonly operation: string,
    readonly input: I,
  ) {}
}
export class GetCommand extends DynamoCommand<GetInput, GetOutput> {
  constructor(input: GetInput) {
    super('GetItem', input);
  }
}
export class PutCommand extends DynamoCommand<PutInput, WriteOutput> {
  constructor(input: PutInput) {
    super('PutItem', input);
  }
}
export class UpdateCommand extends DynamoCommand<UpdateInput, WriteOutput> {
  constructor(input: UpdateInput) {
    super('UpdateItem', input);
  }
}
export class DeleteCommand extends DynamoCommand<DeleteInput, WriteOutput> {
  constructor(input: DeleteInput) {
    super('DeleteItem', input);
  }
}
export class QueryCommand extends DynamoCommand<QueryInput, ReadManyOutput> {
  constructor(input: QueryInput) {
    super('Query', input);
  }
}
export class ScanCommand extends DynamoCommand<ScanInput, ReadManyOutput> {
  constructor(input: ScanInput) {
    super('Scan', input);
  }
}
export class BatchGetCommand extends DynamoCommand<BatchGetInput, BatchGetOutput> {
  constructor(input: BatchGetInput) {
    super('BatchGetItem', input);
  }
}
export class BatchWriteCommand extends DynamoCommand<BatchWriteInput, BatchWriteOutput> {
  constructor(input: BatchWriteInput) {
    super('BatchWriteItem', input);
  }
}
export class TransactWriteCommand extends DynamoCommand<TransactWriteInput, Consumed> {
  constructor(input: TransactWriteInput) {
    super('TransactWriteItems', input);
  }
}

/** Members that are one item (attribute name → value). */
const ITEM = new Set(['Key', 'Item', 'ExpressionAttributeValues', 'ExclusiveStartKey', 'LastEvaluatedKey', 'Attributes']);
/** Members that are a list of items. */
const ITEMS = new Set(['Items', 'Keys']);
/** Members keyed by table name. */
const BY_TABLE = new Set(['RequestItems', 'UnprocessedItems', 'UnprocessedKeys', 'Responses']);
/** Members that hold the above further down. */
const NESTED = new Set(['PutRequest', 'DeleteRequest', 'TransactItems', 'Put', 'Update', 'Delete', 'ConditionCheck', 'CancellationReasons']);

/** Applies `convert` to every item-valued member of an operation's input or output, wherever it is nested. */
function mapItems(value: unknown, convert: (item: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (Array.isArray(value)) return value.map((v) => mapItems(v, convert));
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, member] of Object.entries(value)) {
    if (member === undefined) continue;
    if (ITEM.has(key)) out[key] = convert(member as Record<string, unknown>);
    else if (ITEMS.has(key)) out[key] = (member as Array<Record<string, unknown>>).map(convert);
    else if (BY_TABLE.has(key))
      out[key] = Object.fromEntries(
        Object.entries(member as Record<string, unknown>).map(([table, v]) => [table, Array.isArray(v) && key === 'Responses' ? v.map(convert) : mapItems(v, convert)]),
      );
    else if (NESTED.has(key)) out[key] = mapItems(member, convert);
    else out[key] = member;
  }
  return out;
}

const MARSHALL = { removeUndefinedValues: true, convertClassInstanceToMap: false } as const;
const toWire = (input: unknown) => mapItems(input, (item) => marshall(item, MARSHALL) as Record<string, unknown>);
const fromWire = <O>(output: unknown) => mapItems(output, (item) => unmarshall(item as Parameters<typeof unmarshall>[0])) as O;

/** Binary attributes travel as base64 (the `B` and `BS` members of an attribute value). */
function binaryToBase64(this: Record<string, unknown>, key: string, value: unknown): unknown {
  const original = this[key];
  if (original instanceof Uint8Array) return Buffer.from(original.buffer, original.byteOffset, original.byteLength).toString('base64');
  return value;
}
function base64ToBinary(key: string, value: unknown): unknown {
  // An attribute *named* B or BS holds an attribute value (an object); the type members hold strings.
  if (key === 'B' && typeof value === 'string') return new Uint8Array(Buffer.from(value, 'base64'));
  if (key === 'BS' && Array.isArray(value) && value.every((v) => typeof v === 'string')) return value.map((v: string) => new Uint8Array(Buffer.from(v, 'base64')));
  return value;
}

/** The document client: what the stores talk to. */
export class DocumentClient {
  constructor(private readonly client = new AwsClient(SERVICES.dynamodb)) {}

  async send<I, O>(command: DynamoCommand<I, O>): Promise<O> {
    const res = await this.client.request({
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${command.operation}` },
      body: JSON.stringify(toWire(command.input), binaryToBase64),
    });
    if (!res.text) return {} as O;
    return fromWire<O>(/"BS?":/.test(res.text) ? JSON.parse(res.text, base64ToBinary) : JSON.parse(res.text));
  }
}
