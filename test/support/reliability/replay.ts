import { allRules } from '../../../lib/topology.js';
import { matches } from '../../../local/bus/pattern.js';
import type { EventBridgeEvent } from '../../../local/bus/bus.js';
import type { TestStack } from '../stack.js';

/** A small seeded generator, so a shuffled order is the same on every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/** The functions whose topology rules match an event, as the bus would pick them. */
export function consumersOf(event: EventBridgeEvent): Array<{ ruleId: string; functionId: string }> {
  return allRules.filter((r) => matches(r.pattern as Record<string, unknown>, event as unknown as Record<string, unknown>)).map((r) => ({ ruleId: r.id, functionId: r.functionId }));
}

/** Invokes every matching consumer with the event, directly (no bus retries): a failure is reported, not hidden. */
export async function deliverAgain(stack: TestStack, event: EventBridgeEvent): Promise<Array<{ functionId: string; error: string }>> {
  const failures: Array<{ functionId: string; error: string }> = [];
  for (const c of consumersOf(event)) {
    try {
      await stack.functions.get(c.functionId)!.invoke(structuredClone(event));
    } catch (err) {
      failures.push({ functionId: c.functionId, error: `${event['detail-type']}: ${(err as Error).message}` });
    }
  }
  return failures;
}
