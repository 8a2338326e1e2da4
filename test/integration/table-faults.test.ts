import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aListing } from '../fixtures/listings.js';
import { signIn } from '../support/coordinator.js';
import { startTestStack, type TestStack } from '../support/stack.js';

describe('the table stopping in the middle of a burst of submissions', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
  });
  afterAll(async () => stack?.close());

  it('keeps every submission in retries and dead letters, and stores each once after recovery and re-drive', async () => {
    // Arrange: the API only publishes, so it keeps answering while the table is down.
    const coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
    await stack.tableService.stop();

    // Act
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await stack.api('/api/listings', { method: 'POST', json: aListing({ title: { fi: `Purskeen ilmoitus ${i}` } }) });
      expect(res.status).toBe(202);
      ids.push(((await res.json()) as { id: string }).id);
    }
    await stack.settle();
    const deadLetters = stack.bus.deadLetters().length;
    await stack.tableService.start();
    await stack.bus.redrive();
    await stack.settle();
    await stack.bus.redrive();
    await stack.settle();

    // Assert
    const pending = (await (await coordinator.api('/api/coordinator/networks/kemi-perhekeskus/listings?status=pending&limit=50')).json()) as { listings: Array<{ id: string }> };
    const found = pending.listings.map((l) => l.id).filter((id) => ids.includes(id));
    expect(deadLetters).toBeGreaterThanOrEqual(ids.length);
    expect(found.sort()).toEqual([...ids].sort());
    expect(new Set(found).size).toBe(ids.length);
    expect(stack.bus.deadLetters()).toHaveLength(0);
    const notices = (await stack.mailTo('koordinaattori@kemi.example.fi')).filter((m) => m.subject.includes('Purskeen ilmoitus'));
    expect(notices).toHaveLength(ids.length);
    console.log(`table faults: ${ids.length} submissions while the table was down, ${deadLetters} dead letters, ${ids.length - found.length} lost`);
  });
});
