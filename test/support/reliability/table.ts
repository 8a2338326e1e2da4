import { ScanCommand } from '../../../functions/shared/aws/dynamodb.js';
import { documentClient } from '../../../functions/shared/dynamo.js';
import { LOCAL_TABLE } from '../../../local/stack.js';

export type Item = Record<string, unknown>;

/** Every item of the local table (tests only: request paths never scan). */
export async function scanTable(): Promise<Item[]> {
  const db = documentClient();
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(new ScanCommand({ TableName: LOCAL_TABLE, ...(start ? { ExclusiveStartKey: start } : {}) }));
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

export const keyOf = (item: Item) => `${String(item.pk)}|${String(item.sk)}`;

/** Items keyed by pk|sk, with a stable JSON rendering to compare. */
export async function tableSnapshot(filter: (item: Item) => boolean = () => true): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const item of await scanTable()) if (filter(item)) out.set(keyOf(item), stableJson(item));
  return out;
}

export function stableJson(v: unknown): string {
  return JSON.stringify(v, (_k, val: unknown) =>
    val && typeof val === 'object' && !Array.isArray(val) && !(val instanceof Set)
      ? Object.fromEntries(Object.entries(val as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : val instanceof Set
        ? [...(val as Set<unknown>)].sort()
        : val,
  );
}

/** What differs between two snapshots: added, removed and changed keys. */
export function diffSnapshots(before: Map<string, string>, after: Map<string, string>) {
  const added = [...after.keys()].filter((k) => !before.has(k));
  const removed = [...before.keys()].filter((k) => !after.has(k));
  const changed = [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k));
  return { added, removed, changed };
}
