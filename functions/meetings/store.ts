import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DocumentClient } from '../shared/aws/dynamodb.js';
import { conditionally, isConditionFailure } from '../shared/dynamo.js';
import type { MeetingFields } from './schema.js';

/**
 * Meeting keys:
 *   MEETING#<id> / META                  the meeting, its seat counters and ICS sequence
 *   MEETING#<id> / RSVP#<rsvpId>         one answer (name, address, status)
 *   MEETING#<id> / RSVPBY#<hash>         one answer per address
 *   gsi1: NET#<network>#MEETINGS / <start>#<id>     a network's meetings by start
 *   gsi2: MEETING#<id>#WAIT / <position>            the waitlist, in order
 */
export interface MeetingRecord extends Omit<MeetingFields, 'startTime' | 'endTime'> {
  id: string;
  network: string;
  seriesId: string;
  date: string;
  startTime: string;
  endTime: string;
  /** instants, for sorting and reminders */
  start: string;
  end: string;
  status: 'scheduled' | 'cancelled';
  sequence: number;
  confirmed: number;
  waitlisted: number;
  waitSeq: number;
  createdBy: string;
  updatedAt: string;
  /** how many presentation turns were ever opened on it (turn-store.ts numbers them); absent: none */
  slotSeq?: number;
}

export interface RsvpRecord {
  meetingId: string;
  rsvpId: string;
  name: string;
  email: string;
  organisation?: string;
  attendance: 'onsite' | 'online';
  lang: 'fi' | 'sv' | 'en';
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  position?: number;
  createdAt: string;
}

/** What a change or cancellation writes (MeetingFields a change may touch, the derived instants, status and sequence). */
const WRITABLE = ['title', 'description', 'agenda', 'presenters', 'date', 'startTime', 'endTime', 'start', 'end', 'place', 'online', 'status', 'sequence', 'updatedAt'] as const satisfies ReadonlyArray<keyof MeetingRecord>;

export const addressHash = (email: string) => createHash('sha256').update(`rsvp:${email.trim().toLowerCase()}`).digest('base64url').slice(0, 32);

export class DynamoMeetingStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly table: string,
  ) {}

  async put(m: MeetingRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: { pk: `MEETING#${m.id}`, sk: 'META', type: 'Meeting', ...m, gsi1pk: `NET#${m.network}#MEETINGS`, gsi1sk: `${m.start}#${m.id}` },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(id: string): Promise<MeetingRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `MEETING#${id}`, sk: 'META' }, ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { pk: _p, sk: _s, type: _t, gsi1pk: _g, gsi1sk: _h, ...m } = out.Item;
    return m as MeetingRecord;
  }

  /**
   * Sets the writable fields and raises the ICS sequence; conditional on the
   * sequence read. Only these fields: the counters other requests move at the
   * same time (seats, waitlist, turns) are never written back from a read.
   */
  async update(m: MeetingRecord, expectedSequence: number): Promise<boolean> {
    const fields = { ...Object.fromEntries(WRITABLE.filter((k) => m[k] !== undefined).map((k) => [k, m[k]])), gsi1sk: `${m.start}#${m.id}` };
    const names = Object.keys(fields);
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `MEETING#${m.id}`, sk: 'META' },
          UpdateExpression: `SET ${names.map((k, i) => `#f${i} = :f${i}`).join(', ')}`,
          ConditionExpression: '#seq = :expected',
          ExpressionAttributeNames: { '#seq': 'sequence', ...Object.fromEntries(names.map((k, i) => [`#f${i}`, k])) },
          ExpressionAttributeValues: { ':expected': expectedSequence, ...Object.fromEntries(names.map((k, i) => [`:f${i}`, fields[k as keyof typeof fields]])) },
        }),
      ),
    );
  }

  async upcoming(network: string, fromIso: string, toIso = '9999'): Promise<MeetingRecord[]> {
    const out: MeetingRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk BETWEEN :a AND :b',
          ExpressionAttributeValues: { ':pk': `NET#${network}#MEETINGS`, ':a': fromIso, ':b': `${toIso}~` },
          ExclusiveStartKey: start,
        }),
      );
      for (const i of page.Items ?? []) {
        const { pk: _p, sk: _s, type: _t, gsi1pk: _g, gsi1sk: _h, ...m } = i;
        out.push(m as MeetingRecord);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  async series(network: string, seriesId: string, fromIso: string): Promise<MeetingRecord[]> {
    return (await this.upcoming(network, fromIso)).filter((m) => m.seriesId === seriesId);
  }

  /**
   * THE seat decision: one atomic conditional update. Without a capacity
   * every answer gets a seat; with one, the update succeeds only while seats
   * remain, so concurrent answers can never overbook (no transaction needed).
   * A newcomer (`behindWaitlist`) also needs an empty waitlist: a seat freed
   * while people wait is theirs, in order, never a newcomer's.
   */
  async takeSeat(id: string, capacity: number | undefined, behindWaitlist = false): Promise<boolean> {
    const conditions = ['#s = :scheduled', ...(capacity === undefined ? [] : ['confirmed < :cap']), ...(behindWaitlist ? ['(attribute_not_exists(waitlisted) OR waitlisted <= :zero)'] : [])];
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `MEETING#${id}`, sk: 'META' },
          UpdateExpression: 'ADD confirmed :one',
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':one': 1, ':scheduled': 'scheduled', ...(capacity === undefined ? {} : { ':cap': capacity }), ...(behindWaitlist ? { ':zero': 0 } : {}) },
        }),
      ),
    );
  }

  async releaseSeat(id: string): Promise<void> {
    await this.db.send(new UpdateCommand({ TableName: this.table, Key: { pk: `MEETING#${id}`, sk: 'META' }, UpdateExpression: 'ADD confirmed :minus', ConditionExpression: 'confirmed > :zero', ExpressionAttributeValues: { ':minus': -1, ':zero': 0 } })).catch((err: unknown) => {
      if (!isConditionFailure(err)) throw err;
    });
  }

  /** The next waitlist position (atomic counter). */
  async nextWaitPosition(id: string): Promise<number> {
    const out = await this.db.send(
      new UpdateCommand({ TableName: this.table, Key: { pk: `MEETING#${id}`, sk: 'META' }, UpdateExpression: 'ADD waitSeq :one, waitlisted :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW' }),
    );
    return Number(out.Attributes?.waitSeq);
  }

  async leaveWaitlist(id: string): Promise<void> {
    await this.db.send(new UpdateCommand({ TableName: this.table, Key: { pk: `MEETING#${id}`, sk: 'META' }, UpdateExpression: 'ADD waitlisted :minus', ExpressionAttributeValues: { ':minus': -1 } }));
  }

  /** One answer per address: undefined when this call claimed the address, else the answer it points at and since when. */
  async claimAddress(meetingId: string, email: string, rsvpId: string, at: string): Promise<{ rsvpId: string; at: string } | undefined> {
    try {
      await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `MEETING#${meetingId}`, sk: `RSVPBY#${addressHash(email)}`, rsvpId, at }, ConditionExpression: 'attribute_not_exists(pk)' }));
      return undefined;
    } catch (err) {
      if (!isConditionFailure(err)) throw err;
      const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `MEETING#${meetingId}`, sk: `RSVPBY#${addressHash(email)}` }, ConsistentRead: true }));
      return { rsvpId: String(out.Item?.rsvpId), at: String(out.Item?.at ?? '') };
    }
  }

  /** Points the address at a new answer, only if it still points at the (cancelled) one read. */
  async reclaimAddress(meetingId: string, email: string, from: string, to: string): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `MEETING#${meetingId}`, sk: `RSVPBY#${addressHash(email)}` },
          UpdateExpression: 'SET rsvpId = :to, #at = :at',
          ConditionExpression: 'rsvpId = :from',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':from': from, ':to': to, ':at': new Date().toISOString() },
        }),
      ),
    );
  }

  async putRsvp(r: RsvpRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          pk: `MEETING#${r.meetingId}`,
          sk: `RSVP#${r.rsvpId}`,
          type: 'Rsvp',
          ...r,
          ...(r.status === 'waitlisted' ? { gsi2pk: `MEETING#${r.meetingId}#WAIT`, gsi2sk: String(r.position).padStart(8, '0') } : {}),
        },
      }),
    );
  }

  async getRsvp(meetingId: string, rsvpId: string): Promise<RsvpRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `MEETING#${meetingId}`, sk: `RSVP#${rsvpId}` }, ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { pk: _p, sk: _s, type: _t, gsi2pk: _g, gsi2sk: _h, ...r } = out.Item;
    return r as RsvpRecord;
  }

  /** Moves an answer from one status to another only if it is still in the first (a double click changes nothing). */
  async setRsvpStatus(meetingId: string, rsvpId: string, from: RsvpRecord['status'], to: RsvpRecord['status']): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `MEETING#${meetingId}`, sk: `RSVP#${rsvpId}` },
          UpdateExpression: 'SET #s = :to REMOVE gsi2pk, gsi2sk',
          ConditionExpression: '#s = :from',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':from': from, ':to': to },
        }),
      ),
    );
  }

  /** The first `limit` on the waitlist, in order. */
  async waiting(meetingId: string, limit: number): Promise<RsvpRecord[]> {
    const out = await this.db.send(
      new QueryCommand({ TableName: this.table, IndexName: 'gsi2', KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': `MEETING#${meetingId}#WAIT` }, Limit: limit }),
    );
    return (out.Items ?? []).map((i) => {
      const { pk: _p, sk: _s, type: _t, gsi2pk: _g, gsi2sk: _h, ...r } = i;
      return r as RsvpRecord;
    });
  }

  async rsvps(meetingId: string): Promise<RsvpRecord[]> {
    const out: RsvpRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)', ExpressionAttributeValues: { ':pk': `MEETING#${meetingId}`, ':r': 'RSVP#' }, ExclusiveStartKey: start }),
      );
      for (const i of page.Items ?? []) {
        const { pk: _p, sk: _s, type: _t, gsi2pk: _g, gsi2sk: _h, ...r } = i;
        out.push(r as RsvpRecord);
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return out.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }
}
