import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG_FILE, loadConfig, parseConfig } from '../../lib/config.js';
import { loadNetworks } from '../../functions/shared/networks.js';

const rawConfig = () => JSON.parse(readFileSync(DEFAULT_CONFIG_FILE, 'utf8')) as Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'verkosto-networks-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the networks file a function reads', () => {
  it('gives back the networks the stack wrote, as the validated config has them', () => {
    // As lib/constructs/functions.ts and local/stack.ts write it: the loaded (validated) config's networks.
    const networks = loadConfig().networks;
    const file = join(dir, 'as-written.json');
    writeFileSync(file, JSON.stringify(networks));

    const read = loadNetworks({ NETWORKS_FILE: file });

    expect(read.all).toEqual(networks);
    expect(read.get(networks[0]!.id)).toEqual(networks[0]);
    expect(read.has('no-such-network')).toBe(false);
  });

  it('holds every default the schema fills in, so a function never meets a network the synth did not complete', () => {
    // A network written with only the required fields: the synth's parse completes it before the file is written.
    const config = parseConfig({ ...rawConfig(), networks: [{ id: 'kemi', name: { fi: 'Kemi' }, languages: ['fi'], coordinators: ['k@kemi.example.fi'], digest: { frequency: 'weekly', time: '08:00' } }] });
    const file = join(dir, 'completed.json');
    writeFileSync(file, JSON.stringify(config.networks));

    const [network] = loadNetworks({ NETWORKS_FILE: file }).all;

    expect(network).toMatchObject({ municipalities: [], meetingAnnouncements: 'digest', digest: { weekday: 1, dayOfMonth: 1, timeZone: 'Europe/Helsinki' } });
  });
});
