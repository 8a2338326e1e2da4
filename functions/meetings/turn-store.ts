import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DocumentClient } from '../shared/aws/dynamodb.js';
import { conditionally } from '../shared/dynamo.js';
import type { TurnStore } from './turns.js';

/**
 * Presentation turns, in the meeting's partition:
 *   MEETING#<id> / META                  slotSeq: how many turns were ever opened (numbers them)
 *   MEETING#<id> / SLOT#<nn>             one turn: open, held (claimed, not yet confirmed), claimed or closed
 *   MEETING#<id> / CLAIM#<claimId>       who claimed it: names, address, language (personal data, with a TTL)
 *
 * The slot holds only ids and what is public once confirmed; the claim item
 * holds the claimant's address, so an unconfirmed claim's personal data
 * leaves the table by TTL whatever happens to the slot.
 */
export type SlotState = 'open' | 'held' | 'claimed' | 'closed';

export interface TurnSlot {
  meetingId: string;
  slotId: string;
  number: number;
  minutes?: number;
  state: SlotState;
  claimId?: string;
  /** ISO instant: a held slot is free again after it */
  holdUntil?: string;
  /** what the meeting page shows once the claim is confirmed */
  turn?: PublicTurn;
}

export interface PublicTurn {
  organisation: string;
  /** only when the presenter agreed to be named */
  presenter?: string;
  topic: string;
}

export interface TurnClaim {
  meetingId: string;
  slotId: string;
  claimId: string;
  organisation: string;
  presenter: string;
  showPresenter: boolean;
  topic: string;
  email: string;
  lang: 'fi' | 'sv' | 'en';
  status: 'pending' | 'confirmed' | 'released';
  createdAt: string;
  /** TTL (epoch seconds): when the table erases the claim */
  expiresAt: number;
}

const strip = <T>(item: Record<string, unknown>): T => {
  const { pk: _p, sk: _s, type: _t, ...rest } = item;
  return rest as T;
};

export class DynamoTurnStore implements TurnStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly table: string,
  ) {}

  /** Reserves `count` new slot numbers on the meeting (atomic counter); returns the first. */
  async reserveNumbers(meetingId: string, count: number): Promise<number> {
    const out = await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `MEETING#${meetingId}`, sk: 'META' },
        UpdateExpression: 'ADD slotSeq :n',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':n': count },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    return Number(out.Attributes?.slotSeq) - count + 1;
  }

  async putSlot(s: TurnSlot): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `MEETING#${s.meetingId}`, sk: `SLOT#${s.slotId}`, type: 'PresentationSlot', ...s }, ConditionExpression: 'attribute_not_exists(pk)' }));
  }

  async slot(meetingId: string, slotId: string): Promise<TurnSlot | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `MEETING#${meetingId}`, sk: `SLOT#${slotId}` }, ConsistentRead: true }));
    return out.Item ? strip<TurnSlot>(out.Item) : undefined;
  }

  /** A meeting's turns in order (one Query; a meeting has a dozen at most). */
  async slots(meetingId: string): Promise<TurnSlot[]> {
    const out = await this.db.send(
      new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :s)', ExpressionAttributeValues: { ':pk': `MEETING#${meetingId}`, ':s': 'SLOT#' }, ConsistentRead: true }),
    );
    return (out.Items ?? []).map((i) => strip<TurnSlot>(i)).sort((a, b) => a.number - b.number);
  }

  /**
   * THE claim decision: one conditional update of the slot. It succeeds only
   * while the slot is open, or held by a claim whose time ran out, so of any
   * number of claims at once exactly one takes the slot (no transaction).
   */
  async hold(meetingId: string, slotId: string, claimId: string, holdUntil: string, now: string): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `MEETING#${meetingId}`, sk: `SLOT#${slotId}` },
          UpdateExpression: 'SET #s = :held, claimId = :c, holdUntil = :h REMOVE turn',
          ConditionExpression: '#s = :open OR (#s = :held AND holdUntil < :now)',
          ExpressionAttributeNames: { '#s': 'state' },
          ExpressionAttributeValues: { ':held': 'held', ':open': 'open', ':c': claimId, ':h': holdUntil, ':now': now },
        }),
      ),
    );
  }

  /** Held → claimed, only for this claim and only while its hold lasts (a link used twice changes nothing). */
  async confirm(meetingId: string, slotId: string, claimId: string, turn: PublicTurn, now: string): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `MEETING#${meetingId}`, sk: `SLOT#${slotId}` },
          UpdateExpression: 'SET #s = :claimed, turn = :t REMOVE holdUntil',
          ConditionExpression: '#s = :held AND claimId = :c AND holdUntil >= :now',
          ExpressionAttributeNames: { '#s': 'state' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':held': 'held', ':c': claimId, ':t': turn, ':now': now },
        }),
      ),
    );
  }

  /** Back to open, only if the slot is still this claim's (held or claimed). */
  async free(meetingId: string, slotId: string, claimId: string): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `MEETING#${meetingId}`, sk: `SLOT#${slotId}` },
          UpdateExpression: 'SET #s = :open REMOVE claimId, holdUntil, turn',
          ConditionExpression: '(#s = :held OR #s = :claimed) AND claimId = :c',
          ExpressionAttributeNames: { '#s': 'state' },
          ExpressionAttributeValues: { ':open': 'open', ':held': 'held', ':claimed': 'claimed', ':c': claimId },
        }),
      ),
    );
  }

  /** Closes an unclaimed slot: open, or held by a claim whose time ran out. */
  async close(meetingId: string, slotId: string, now: string): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `MEETING#${meetingId}`, sk: `SLOT#${slotId}` },
          UpdateExpression: 'SET #s = :closed REMOVE claimId, holdUntil, turn',
          ConditionExpression: '#s = :open OR (#s = :held AND holdUntil < :now)',
          ExpressionAttributeNames: { '#s': 'state' },
          ExpressionAttributeValues: { ':closed': 'closed', ':open': 'open', ':held': 'held', ':now': now },
        }),
      ),
    );
  }

  async putClaim(c: TurnClaim): Promise<void> {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `MEETING#${c.meetingId}`, sk: `CLAIM#${c.claimId}`, type: 'PresentationClaim', ...c } }));
  }

  async claim(meetingId: string, claimId: string): Promise<TurnClaim | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `MEETING#${meetingId}`, sk: `CLAIM#${claimId}` }, ConsistentRead: true }));
    return out.Item ? strip<TurnClaim>(out.Item) : undefined;
  }

  /** A claim's new status and the time the table erases it. */
  async setClaimStatus(meetingId: string, claimId: string, status: TurnClaim['status'], expiresAt: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `MEETING#${meetingId}`, sk: `CLAIM#${claimId}` },
        UpdateExpression: 'SET #s = :s, expiresAt = :e',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':s': status, ':e': expiresAt },
      }),
    );
  }
}
