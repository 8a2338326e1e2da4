import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { signIn, type SignedIn } from '../../support/coordinator.js';
import type { TestStack } from '../../support/stack.js';

/** The meetings journeys' shared set-up: the coordinator's session and meetings made through the API. */
export const NETWORK = 'kemi-perhekeskus';

/** One signed-in coordinator per stack (a test file's journeys share one), for setting up meetings through the API. */
const signedIn = new WeakMap<TestStack, Promise<SignedIn>>();
export function coordinator(stack: TestStack): Promise<SignedIn> {
  if (!signedIn.has(stack)) signedIn.set(stack, signIn(stack, stack.config.networks[0]!.coordinators[0]!));
  return signedIn.get(stack)!;
}

/** The browser carries the coordinator's session cookies (signing in through the pages is coordinator.test.ts's journey). */
export async function deskSession(page: Page, stack: TestStack): Promise<void> {
  const c = await coordinator(stack);
  await page.context().addCookies(
    c.cookie.split('; ').map((pair) => {
      const [name, ...value] = pair.split('=');
      return { name: name!, value: value.join('='), url: stack.urls.site };
    }),
  );
}

export async function scheduleByApi(stack: TestStack, meeting: Record<string, unknown>, dates: string[]): Promise<string[]> {
  const res = await (await coordinator(stack)).api(`/api/coordinator/networks/${NETWORK}/meetings`, {
    method: 'POST',
    json: { meeting: { description: { fi: 'Kuulumisten vaihto.' }, startTime: '13:00', endTime: '15:00', ...meeting }, dates },
  });
  expect(res.status).toBe(202);
  await stack.settle();
  return ((await res.json()) as { ids: string[] }).ids;
}
