import { it } from 'vitest';
import { loadConfig } from '../../lib/config.js';
import { resourcesOf, synthesise, unacknowledged } from './synth.js';
it('scratch', () => {
  const base = loadConfig();
  const s = synthesise({ bundle: false, config: { ...base, domain: { name: 'verkosto.kemi.fi', hostedZone: { id: 'Z0123456789ABCDEFGHIJ', name: 'kemi.fi' } } } });
  const r = resourcesOf(s.template);
  const d = Object.values(r).find((x) => x.Type === 'AWS::CloudFront::Distribution')!;
  console.log(JSON.stringify((d.Properties.DistributionConfig as any).ViewerCertificate));
  console.log(Object.entries(r).filter(([, x]) => /Custom|ExportsReader/.test(x.Type)).map(([k, x]) => k + ' ' + x.Type).join('\n'));
  console.log(unacknowledged(s.report).join('\n'));
});
