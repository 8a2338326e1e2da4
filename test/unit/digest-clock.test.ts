import { describe, expect, it } from 'vitest';
import { networkConfig, type NetworkConfig } from '../../lib/config.js';
import { dueNetworks } from '../../functions/digests/clock.js';

const network = (id: string, digest: Record<string, unknown>): NetworkConfig =>
  networkConfig.parse({ id, name: { fi: id }, languages: ['fi'], coordinators: ['k@example.fi'], digest });

const networks = [
  network('monday-eight', { frequency: 'weekly', weekday: 1, time: '08:00' }),
  network('monday-eight-too', { frequency: 'weekly', weekday: 1, time: '08:00' }),
  network('friday-noon', { frequency: 'weekly', weekday: 5, time: '12:00' }),
  network('monthly-third', { frequency: 'monthly', dayOfMonth: 3, time: '08:00' }),
];

describe('which networks the digest clock finds due', () => {
  it('finds every weekly network whose weekday and time it is in Helsinki (winter time, UTC+2)', () => {
    expect(dueNetworks(networks, new Date('2026-11-30T06:00:00Z')).map((n) => n.id)).toEqual(['monday-eight', 'monday-eight-too']);
  });

  it('follows Helsinki summer time (UTC+3)', () => {
    expect(dueNetworks(networks, new Date('2026-06-05T09:00:00Z')).map((n) => n.id)).toEqual(['friday-noon']);
  });

  it('finds a monthly network on its day of the month, whatever the weekday', () => {
    expect(dueNetworks(networks, new Date('2026-12-03T06:00:00Z')).map((n) => n.id)).toEqual(['monthly-third']);
  });

  it('finds none a minute later', () => {
    expect(dueNetworks(networks, new Date('2026-11-30T06:01:00Z'))).toEqual([]);
  });
});
