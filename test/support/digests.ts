import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from './coordinator.js';
import { approve, submit } from './listings.js';
import type { TestStack } from './stack.js';
import { storeConfirmedReaders } from './subscriptions.js';

/**
 * What a digest sender test starts from: `readers` confirmed weekly listing
 * readers of the demo network (stored directly: that many confirmations from
 * one client would meet the per-client limit), addressed `<prefix>-<n>@example.fi`,
 * and one newly approved listing titled `title`, with its coordinator signed in.
 */
export async function digestReady(stack: TestStack, o: { readers: number; prefix: string; title: string }): Promise<{ network: string; coordinator: SignedIn; people: string[] }> {
  const network = 'kemi-perhekeskus';
  const coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
  const people = Array.from({ length: o.readers }, (_, i) => `${o.prefix}-${i}@example.fi`);
  await storeConfirmedReaders(network, people);
  await approve(coordinator, stack, await submit(stack, aListing({ title: { fi: o.title } })));
  return { network, coordinator, people };
}
