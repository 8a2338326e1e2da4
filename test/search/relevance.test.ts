import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCard } from '../../functions/listings/listings.js';
import { DynamoListingStore } from '../../functions/listings/store.js';
import { documentClient } from '../../functions/shared/dynamo.js';
import { LOCAL_TABLE } from '../../local/stack.js';
import { startTestStack, type TestStack } from '../support/stack.js';
import { evalRecords, evaluate, formatEvaluation } from './evaluate.js';
import { EVAL_LISTINGS } from './corpus.js';
import { EVAL_QUERIES } from './queries.js';

/**
 * The relevance evaluation, run through the real directory function
 * (GET /api/listings on the local stack) over cards the projection's own
 * code derived and the real store wrote.
 */
describe('directory search relevance', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    const store = new DynamoListingStore(documentClient(), LOCAL_TABLE);
    for (const r of evalRecords()) await store.putCard(toCard(r));
  });
  afterAll(async () => stack?.close());

  it('has a realistic evaluation set: at least 40 listings and 80 queries, each naming listings that exist', () => {
    expect(Object.keys(EVAL_LISTINGS).length).toBeGreaterThanOrEqual(40);
    expect(EVAL_QUERIES.length).toBeGreaterThanOrEqual(80);
    for (const q of EVAL_QUERIES) for (const id of q.relevant) expect(EVAL_LISTINGS).toHaveProperty(id);
  });

  it('puts a right listing in the first five for at least 95 % of the queries', async () => {
    // Act
    const result = await evaluate(async (q) => {
      const res = await stack.api(`/api/listings?network=kemi-perhekeskus&q=${encodeURIComponent(q.q)}&lang=${q.lang ?? 'fi'}&limit=10`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { listings: Array<{ id: string }> }).listings.map((l) => l.id);
    });

    // Assert
    console.log(`Relevance: ${formatEvaluation(result)}`);
    for (const m of result.misses) console.log(`  missed: ${JSON.stringify(m)}`);
    expect(result.hitAt5).toBeGreaterThanOrEqual(0.95);
  });
});
