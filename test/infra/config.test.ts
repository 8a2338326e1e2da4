import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Runs the real CDK app entry with a config file, as `cdk synth -c configFile=…` does. */
function synthWith(config: unknown): { status: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'verkosto-config-'));
  const file = join(dir, 'config.json');
  writeFileSync(file, JSON.stringify(config));
  try {
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'bin/app.ts'], {
      env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ configFile: file }), CDK_OUTDIR: join(dir, 'out') },
      encoding: 'utf8',
      stdio: 'pipe',
    });
    return { status: 0, output };
  } catch (err) {
    const e = err as { status: number; stderr: string; stdout: string };
    return { status: e.status, output: `${e.stdout}${e.stderr}` };
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

  it('fails naming the networks when they are too large for a Lambda environment', () => {
    const config = shipped();
    const [network] = config.networks as Array<Record<string, unknown>>;
    config.networks = Array.from({ length: 40 }, (_, i) => ({ ...network, id: `verkosto-${i}` }));
    const result = synthWith(config);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/networks: \d+ bytes as JSON, more than the 3000/);
  });

  it('fails naming the empty network list', () => {
    const config = shipped();
    config.networks = [];
    const result = synthWith(config);
    expect(result.status).not.toBe(0);
    expect(result.output).toMatch(/networks: at least one network/);
  });
});
