import { createHash } from 'node:crypto';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DocumentClient } from '../shared/aws/dynamodb.js';
import { conditionally } from '../shared/dynamo.js';
import type { Answers, SurveyDefinition } from './schema.js';

/**
 * Survey keys:
 *   SURVEY#<id> / META                   definition, status, whether results are public
 *   SURVEY#<id> / AGG#<questionId>       running counts (options, scale distribution, sum, n)
 *   SURVEY#<id> / RESP#<responseId>      one response (named surveys also hold the person)
 *   SURVEY#<id> / TEXT#<q>#<responseId>  free-text answers (coordinators only)
 *   SURVEYDONE#<id> / <hash(person)>      "this person has answered" — its own partition, no response id, no
 *                                         time: in anonymous surveys it cannot be joined to an answer
 *   gsi1: NET#<network>#SURVEYS / <opensAt>#<id>
 */
export interface SurveyRecord extends SurveyDefinition {
  id: string;
  network: string;
  status: 'draft' | 'open' | 'closed';
  resultsPublic: boolean;
  responses: number;
  createdBy: string;
  closedAt?: string;
}

export interface Aggregate {
  questionId: string;
  n: number;
  counts?: Record<string, number>;
  sum?: number;
  other?: number;
}

export const personHash = (surveyId: string, person: string) => createHash('sha256').update(`survey:${surveyId}:${person.trim().toLowerCase()}`).digest('base64url').slice(0, 32);

export class DynamoSurveyStore {
  constructor(
    private readonly db: DocumentClient,
    private readonly table: string,
  ) {}

  async put(s: SurveyRecord) {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `SURVEY#${s.id}`, sk: 'META', type: 'Survey', ...s, gsi1pk: `NET#${s.network}#SURVEYS`, gsi1sk: `${s.opensAt}#${s.id}` } }));
  }

  async get(id: string): Promise<SurveyRecord | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `SURVEY#${id}`, sk: 'META' }, ConsistentRead: true }));
    if (!out.Item) return undefined;
    const { pk: _p, sk: _s, type: _t, gsi1pk: _g, gsi1sk: _h, ...r } = out.Item;
    return r as SurveyRecord;
  }

  /**
   * Replaces the definition of a survey that is still a draft. The whole
   * item is written under the condition, so a survey opened meanwhile is
   * left as it was (false).
   */
  async replaceDraft(s: SurveyRecord): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { pk: `SURVEY#${s.id}`, sk: 'META', type: 'Survey', ...s, status: 'draft', gsi1pk: `NET#${s.network}#SURVEYS`, gsi1sk: `${s.opensAt}#${s.id}` },
          ConditionExpression: '#s = :draft',
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':draft': 'draft' },
        }),
      ),
    );
  }

  async setStatus(id: string, from: SurveyRecord['status'][], to: SurveyRecord['status'], extra: Record<string, unknown> = {}): Promise<boolean> {
    return conditionally(() =>
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: { pk: `SURVEY#${id}`, sk: 'META' },
          UpdateExpression: `SET #s = :to${Object.keys(extra).map((k) => `, ${k} = :${k}`).join('')}`,
          ConditionExpression: `#s IN (${from.map((_, i) => `:f${i}`).join(', ')})`,
          ExpressionAttributeNames: { '#s': 'status' },
          ExpressionAttributeValues: { ':to': to, ...Object.fromEntries(from.map((f, i) => [`:f${i}`, f])), ...Object.fromEntries(Object.entries(extra).map(([k, v]) => [`:${k}`, v])) },
        }),
      ),
    );
  }

  async byNetwork(network: string): Promise<SurveyRecord[]> {
    const out = await this.db.send(new QueryCommand({ TableName: this.table, IndexName: 'gsi1', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': `NET#${network}#SURVEYS` }, ScanIndexForward: false, Limit: 100 }));
    return (out.Items ?? []).map((i) => {
      const { pk: _p, sk: _s, type: _t, gsi1pk: _g, gsi1sk: _h, ...r } = i;
      return r as SurveyRecord;
    });
  }

  /** One answer per person: a conditional put in a partition of its own. */
  async claimPerson(surveyId: string, hash: string): Promise<boolean> {
    return conditionally(() => this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `SURVEYDONE#${surveyId}`, sk: hash }, ConditionExpression: 'attribute_not_exists(pk)' })));
  }

  /** Undoes a claim whose answer could not be stored, so the person may answer again. */
  async releasePerson(surveyId: string, hash: string) {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `SURVEYDONE#${surveyId}`, sk: hash } }));
  }

  async deleteResponse(surveyId: string, responseId: string) {
    await this.db.send(new DeleteCommand({ TableName: this.table, Key: { pk: `SURVEY#${surveyId}`, sk: `RESP#${responseId}` } }));
  }

  async putResponse(surveyId: string, responseId: string, answers: Answers, person?: { email: string; name?: string }) {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `SURVEY#${surveyId}`, sk: `RESP#${responseId}`, type: 'SurveyResponse', responseId, answers, ...(person ? { person } : {}) } }));
  }

  async getResponse(surveyId: string, responseId: string): Promise<{ answers: Answers; person?: { email: string; name?: string } } | undefined> {
    const out = await this.db.send(new GetCommand({ TableName: this.table, Key: { pk: `SURVEY#${surveyId}`, sk: `RESP#${responseId}` }, ConsistentRead: true }));
    return out.Item as { answers: Answers; person?: { email: string } } | undefined;
  }

  async responses(surveyId: string): Promise<Array<{ responseId: string; answers: Answers; person?: { email: string; name?: string } }>> {
    const out: Array<{ responseId: string; answers: Answers; person?: { email: string; name?: string } }> = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)', ExpressionAttributeValues: { ':pk': `SURVEY#${surveyId}`, ':r': 'RESP#' }, ExclusiveStartKey: start }));
      for (const i of page.Items ?? []) out.push({ responseId: String(i.responseId), answers: i.answers as Answers, ...(i.person ? { person: i.person as { email: string } } : {}) });
      start = page.LastEvaluatedKey;
    } while (start);
    return out;
  }

  /** Adds one response to a question's running counts: one update of one item, counters kept with SET arithmetic. */
  async addToAggregate(surveyId: string, questionId: string, add: { counts?: string[]; sum?: number; other?: boolean }) {
    // Every name through a placeholder: several (other, total) are DynamoDB reserved words.
    const names: Record<string, string> = { '#n': 'n', '#counts': 'counts', '#total': 'total', '#other': 'other' };
    const values: Record<string, unknown> = { ':one': 1, ':zero': 0 };
    const sets = ['#n = if_not_exists(#n, :zero) + :one'];
    (add.counts ?? []).forEach((c, i) => {
      names[`#c${i}`] = c;
      sets.push(`#counts.#c${i} = if_not_exists(#counts.#c${i}, :zero) + :one`);
    });
    if (add.sum !== undefined) {
      values[':sum'] = add.sum;
      sets.push('#total = if_not_exists(#total, :zero) + :sum');
    }
    if (add.other) sets.push('#other = if_not_exists(#other, :zero) + :one');
    if (!(add.counts ?? []).length) delete names['#counts'];
    for (const unused of ['#total', '#other'].filter((k) => !sets.some((x) => x.includes(k)))) delete names[unused];
    // A nested counter needs its map to exist first (the first response creates it).
    await this.db.send(new UpdateCommand({ TableName: this.table, Key: { pk: `SURVEY#${surveyId}`, sk: `AGG#${questionId}` }, UpdateExpression: 'SET counts = if_not_exists(counts, :empty)', ExpressionAttributeValues: { ':empty': {} } }));
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: { pk: `SURVEY#${surveyId}`, sk: `AGG#${questionId}` },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  async countResponse(surveyId: string) {
    await this.db.send(new UpdateCommand({ TableName: this.table, Key: { pk: `SURVEY#${surveyId}`, sk: 'META' }, UpdateExpression: 'ADD responses :one', ExpressionAttributeValues: { ':one': 1 } }));
  }

  async aggregates(surveyId: string): Promise<Aggregate[]> {
    const out = await this.db.send(new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)', ExpressionAttributeValues: { ':pk': `SURVEY#${surveyId}`, ':a': 'AGG#' } }));
    return (out.Items ?? []).map((i) => ({ questionId: String(i.sk).slice(4), n: Number(i.n ?? 0), counts: (i.counts ?? {}) as Record<string, number>, ...(i.total !== undefined ? { sum: Number(i.total) } : {}), ...(i.other ? { other: Number(i.other) } : {}) }));
  }

  async putText(surveyId: string, questionId: string, responseId: string, text: string) {
    await this.db.send(new PutCommand({ TableName: this.table, Item: { pk: `SURVEY#${surveyId}`, sk: `TEXT#${questionId}#${responseId}`, text } }));
  }

  async texts(surveyId: string): Promise<Array<{ questionId: string; text: string }>> {
    const out = await this.db.send(new QueryCommand({ TableName: this.table, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :t)', ExpressionAttributeValues: { ':pk': `SURVEY#${surveyId}`, ':t': 'TEXT#' } }));
    return (out.Items ?? []).map((i) => ({ questionId: String(i.sk).split('#')[1]!, text: String(i.text) }));
  }
}
