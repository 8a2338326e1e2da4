import { describe, expect, it } from 'vitest';
import { loadConfig, parseConfig, ConfigError } from '../../lib/config.js';

const valid = () => ({
  mail: { domain: 'verkosto.example.fi', sender: 'verkosto@verkosto.example.fi' },
  alertEmail: 'ops@example.fi',
  networks: [
    {
      id: 'kemi-perhekeskus',
      name: { fi: 'Kemin perhekeskuksen verkosto' },
      languages: ['fi', 'sv'],
      coordinators: ['koordinaattori@kemi.example.fi'],
      digest: { frequency: 'weekly', time: '08:00' },
    },
  ],
});

describe('operator configuration', () => {
  it('accepts the shipped example config', () => {
    const config = loadConfig('config/verkosto.config.json');
    expect(config.networks[0]!.id).toBe('kemi-perhekeskus');
  });

  it('defaults the region to eu-north-1 and the digest time zone to Europe/Helsinki', () => {
    const config = parseConfig(valid());
    expect(config.region).toBe('eu-north-1');
    expect(config.networks[0]!.digest.timeZone).toBe('Europe/Helsinki');
  });

  it('names the field when the sender is not on the mail domain', () => {
    const raw = valid();
    raw.mail.sender = 'someone@elsewhere.fi';
    expect(() => parseConfig(raw)).toThrow(/mail\.sender: sender must be an address on verkosto\.example\.fi/);
  });

  it('names the field of a bad coordinator email', () => {
    const raw = valid();
    raw.networks[0]!.coordinators = ['not-an-email'];
    expect(() => parseConfig(raw)).toThrow(/networks\.0\.coordinators\.0/);
  });

  it('refuses a network without Finnish', () => {
    const raw = valid();
    raw.networks[0]!.languages = ['sv'];
    expect(() => parseConfig(raw)).toThrow(/networks\.0\.languages: Finnish must be one of the languages/);
  });

  it('refuses duplicate network ids', () => {
    const raw = valid();
    raw.networks.push({ ...raw.networks[0]! });
    expect(() => parseConfig(raw)).toThrow(/networks\.1\.id: duplicate network id/);
  });

  it('refuses a digest time that is not HH:MM', () => {
    const raw = valid();
    raw.networks[0]!.digest.time = '8 am';
    expect(() => parseConfig(raw)).toThrow(ConfigError);
  });
});
