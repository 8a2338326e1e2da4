import type { NetworkConfig } from '../shared/networks.js';
import type { OnceStore } from '../shared/once.js';
import type { Publisher } from '../shared/publisher.js';
import { helsinkiDate, helsinkiTime, isoWeekday } from '../shared/time.js';

/**
 * The networks whose digest falls due in the Helsinki minute of `at`: a
 * weekly digest on its ISO weekday, a monthly one on its day of the month,
 * both at their HH:MM. (A time inside the spring-forward gap, 03:00–03:59
 * on the last Sunday of March, never occurs on that day.)
 */
export function dueNetworks(networks: readonly NetworkConfig[], at: Date): NetworkConfig[] {
  const date = helsinkiDate(at);
  const time = helsinkiTime(at);
  const dayOfMonth = Number(date.slice(8, 10));
  // The config counts 1 = Monday … 7 = Sunday; isoWeekday 0 … 6.
  const weekday = isoWeekday(date) + 1;
  return networks.filter((n) => n.digest.time === time && (n.digest.frequency === 'weekly' ? n.digest.weekday === weekday : n.digest.dayOfMonth === dayOfMonth));
}

export interface ClockDeps {
  networks: readonly NetworkConfig[];
  onceStore: OnceStore;
  publisher: Publisher;
}

/** Requests published at once: enough to put 200 networks on the bus within seconds, few enough not to be throttled. */
const PARALLEL = 10;

/**
 * One tick of the digest clock (one schedule for the whole deployment, every
 * minute): a Digest.Requested for each network due at the scheduled minute.
 * Each is claimed once per network and minute before it is published, so a
 * retried or repeated tick requests no digest twice; a failed publish
 * releases its claim and fails the tick, and the retry requests the rest.
 */
export async function tick(scheduledAt: Date, deps: ClockDeps): Promise<{ due: number; requested: number }> {
  const due = dueNetworks(deps.networks, scheduledAt);
  const minute = `${helsinkiDate(scheduledAt)}T${helsinkiTime(scheduledAt)}`;
  let requested = 0;
  const failures: unknown[] = [];
  for (let i = 0; i < due.length; i += PARALLEL) {
    await Promise.all(
      due.slice(i, i + PARALLEL).map(async (n) => {
        const key = `digest-due#${n.id}#${minute}`;
        if (!(await deps.onceStore.claim(key))) return;
        try {
          await deps.publisher.publish('Digest.Requested', { version: 1, network: n.id, trigger: 'schedule' });
          requested++;
        } catch (err) {
          await deps.onceStore.release(key);
          failures.push(err);
        }
      }),
    );
  }
  if (failures.length) throw new AggregateError(failures, `${failures.length} of ${due.length} digest requests failed; the retry sends them`);
  return { due: due.length, requested };
}
