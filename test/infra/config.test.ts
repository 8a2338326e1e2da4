import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { App, Stack } from 'aws-cdk-lib';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Site } from '../../lib/constructs/site.js';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cdkContext = (JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> }).context;

/** Runs the real CDK app entry with a config file, as `cdk synth -c configFile=…` does. */
function synthWith(config: unknown, context: Record<string, unknown> = {}): { status: number; output: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'verkosto-config-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  try {
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
      // As the CLI does: cdk.json's context (the feature flags) with the command line's on top.
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ ...cdkContext, configFile: file, ...context }), CDK_OUTDIR: join(dir, 'out') },
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { status: 0, output, dir };
  } catch (err) {
    const e = err as { status: number; stderr: string; stdout: string };
    return { status: e.status, output: `${e.stdout}${e.stderr}`, dir };
  }
}

const shipped = () => JSON.parse(readFileSync('config/verkosto.config.json', 'utf8')) as Record<string, unknown> & { mail: Record<string, unknown>; networks: unknown[] };

describe('synth with a bad operator config', () => {
  it('fails naming the sender that is not on the mail domain', () => {
    const config = shipped();
    config.mail.sender = 'noreply@elsewhere.example';
    const result = synthWith(config);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/mail\.sender: sender must be an address on verkosto\.example\.fi/);
  });

  it('fails naming the empty network list', () => {
    const config = shipped();
    config.networks = [];
    const result = synthWith(config);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/networks: at least one network/);
  });
});

describe('synth from a clean clone', () => {
  it('builds the pages itself and ships them: the site bucket is never deployed empty', () => {
    const siteDir = join(mkdtempSync(join(tmpdir(), 'verkosto-clean-')), 'dist');
    expect(existsSync(siteDir)).toBe(false);
    // Bundling off: the functions' bundles are stack.test.ts's concern.
    const result = synthWith(shipped(), { siteDir, 'aws:cdk:bundling-stacks': [] });
    expect(result.status, result.output).toBe(0);
    expect(existsSync(join(siteDir, 'fi', 'index.html'))).toBe(true);
    const out = join(result.dir, 'out');
    const template = JSON.parse(readFileSync(join(out, 'Verkosto.template.json'), 'utf8')) as { Resources: Record<string, { Type: string; Properties: { SourceObjectKeys?: unknown[] } }> };
    const deployment = Object.values(template.Resources).find((r) => r.Type === 'Custom::CDKBucketDeployment');
    expect(deployment?.Properties.SourceObjectKeys).toHaveLength(1);
    // The staged asset the deployment uploads holds the built pages.
    const staged = readdirSync(out).filter((d) => d.startsWith('asset.') && existsSync(join(out, d, 'fi', 'index.html')));
    expect(staged).toHaveLength(1);
  });

  it('refuses a site folder without pages, naming the command that builds them', () => {
    const empty = mkdtempSync(join(tmpdir(), 'verkosto-empty-'));
    expect(() => new Site(new Stack(new App(), 'S'), 'Site', { api: new HttpApi(new Stack(new App(), 'A'), 'Api'), siteDir: empty })).toThrow(/No built pages in .*npm run build:web/);
  });
});
