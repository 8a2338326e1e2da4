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

  describe('an own domain', () => {
    const arn = 'arn:aws:acm:us-east-1:123456789012:certificate/0f0e0d0c-0b0a-0908-0706-050403020100';

    it('accepts a domain with a us-east-1 certificate, or with a hosted zone that holds it', () => {
      expect(parseConfig({ ...valid(), domain: { name: 'verkosto.kemi.fi', certificateArn: arn } }).domain?.certificateArn).toBe(arn);
      expect(parseConfig({ ...valid(), domain: { name: 'verkosto.kemi.fi', hostedZone: { id: 'Z0123456789ABCDEFGHIJ', name: 'kemi.fi' } } }).domain?.hostedZone?.name).toBe('kemi.fi');
    });

    it('names a certificate outside us-east-1, where CloudFront cannot take it from', () => {
      expect(() => parseConfig({ ...valid(), domain: { name: 'verkosto.kemi.fi', certificateArn: arn.replace('us-east-1', 'eu-north-1') } })).toThrow(/domain\.certificateArn: an ACM certificate ARN in us-east-1/);
    });

    it('wants exactly one of certificate and hosted zone', () => {
      expect(() => parseConfig({ ...valid(), domain: { name: 'verkosto.kemi.fi' } })).toThrow(/either certificateArn .* or hostedZone/);
      expect(() =>
        parseConfig({ ...valid(), domain: { name: 'verkosto.kemi.fi', certificateArn: arn, hostedZone: { id: 'Z0123456789ABCDEFGHIJ', name: 'kemi.fi' } } }),
      ).toThrow(/not both or neither/);
    });

    it('names a hosted zone that does not hold the domain', () => {
      expect(() => parseConfig({ ...valid(), domain: { name: 'verkosto.kemi.fi', hostedZone: { id: 'Z0123456789ABCDEFGHIJ', name: 'raahe.fi' } } })).toThrow(
        /domain\.hostedZone\.name: verkosto\.kemi\.fi is not in the hosted zone raahe\.fi/,
      );
    });
  });

  it('names a MAIL FROM domain that is not under the mail domain', () => {
    const raw = valid();
    expect(() => parseConfig({ ...raw, mail: { ...raw.mail, mailFromDomain: 'bounce.elsewhere.fi' } })).toThrow(/mail\.mailFromDomain: MAIL FROM domain must be a subdomain of verkosto\.example\.fi/);
  });
});
