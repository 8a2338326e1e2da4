/**
 * With a custom domain for the API, nothing reaches the API but through
 * CloudFront: execute-api is disabled and CloudFront's /api/* origin is the
 * custom domain (synthesised without bundling: the wiring is what is tested).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, parseConfig } from '../../lib/config.js';
import { resourcesOf, synthesise, unacknowledged, type Resource, type Synthesised } from './synth.js';

const DOMAIN = { name: 'api.verkosto.example.fi', certificateArn: 'arn:aws:acm:eu-north-1:123456789012:certificate/0f0e0d0c-1111-2222-3333-444455556666' };

describe('the API behind a custom domain', () => {
  let synth: Synthesised;
  let resources: Record<string, Resource>;
  beforeAll(() => {
    synth = synthesise({ config: parseConfig({ ...loadConfig(), apiDomain: DOMAIN }), bundle: false });
    resources = resourcesOf(synth.template);
  });
  const ofType = (type: string) => Object.values(resources).filter((r) => r.Type === type);

  it('disables the execute-api endpoint and maps the API to the custom domain with its certificate', () => {
    expect(ofType('AWS::ApiGatewayV2::Api').map((r) => r.Properties.DisableExecuteApiEndpoint)).toEqual([true]);
    expect(ofType('AWS::ApiGatewayV2::DomainName')).toEqual([expect.objectContaining({ Properties: expect.objectContaining({ DomainName: DOMAIN.name, DomainNameConfigurations: [expect.objectContaining({ CertificateArn: DOMAIN.certificateArn })] }) })]);
    expect(ofType('AWS::ApiGatewayV2::ApiMapping')).toHaveLength(1);
  });

  it('sends /api/* from CloudFront to the custom domain', () => {
    const config = ofType('AWS::CloudFront::Distribution')[0]!.Properties.DistributionConfig as { Origins: Array<{ Id: string; DomainName: unknown }>; CacheBehaviors: Array<{ PathPattern: string; TargetOriginId: string }> };
    const api = config.CacheBehaviors.find((b) => b.PathPattern === '/api/*')!;
    expect(config.Origins.find((o) => o.Id === api.TargetOriginId)?.DomainName).toBe(DOMAIN.name);
  });

  it('refuses a certificate that is not an ACM ARN', () => {
    expect(() => parseConfig({ ...loadConfig(), apiDomain: { ...DOMAIN, certificateArn: 'my-cert' } })).toThrow(/apiDomain\.certificateArn/);
  });

  it('passes cdk-nag with nothing left unacknowledged', () => {
    expect(unacknowledged(synth.report)).toEqual([]);
  });
});
