/**
 * The CI/CD workflow is not run here: it is parsed, and its jobs and steps
 * are checked for what a deploy from GitHub needs.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadConfig } from '../../lib/config.js';

type Step = { name?: string; uses?: string; run?: string; id?: string; with?: Record<string, unknown>; env?: Record<string, string> };
type Job = { 'runs-on': string; if?: string; needs?: string | string[]; environment?: string; permissions?: Record<string, string>; outputs?: Record<string, string>; steps: Step[] };
type Workflow = { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, Job> };

const text = readFileSync('.github/workflows/ci.yml', 'utf8');
const workflow = parse(text) as Workflow;
const { check, deploy } = workflow.jobs as { check: Job; deploy: Job };
const indexOf = (job: Job, match: (s: Step) => boolean) => job.steps.findIndex(match);
const runs = (command: RegExp) => (s: Step) => command.test(s.run ?? '');
const uses = (action: string) => (s: Step) => (s.uses ?? '').startsWith(`${action}@`);

describe('the CI/CD workflow', () => {
  it('runs on pull requests and on pushes to main, reading the repository only by default', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push']);
    expect(workflow.on.push).toEqual({ branches: ['main'] });
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('checks every change: install, test, synthesise with cdk-nag, upload the templates, in that order', () => {
    const order = [
      indexOf(check, uses('actions/checkout')),
      indexOf(check, runs(/^npm ci$/)),
      indexOf(check, runs(/^npm test$/)),
      indexOf(check, runs(/^npm run synth\b/)),
      indexOf(check, uses('actions/upload-artifact')),
    ];
    expect(order.every((i) => i >= 0), JSON.stringify(order)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(check.steps.find(uses('actions/setup-node'))!.with).toMatchObject({ 'node-version': 24 });
    // The browser tests must run, not be skipped for want of a browser.
    expect(check.steps.find(runs(/^npm test$/))!.env).toMatchObject({ VERKOSTO_REQUIRE_BROWSER: 1 });
    expect(check.steps.find(uses('actions/upload-artifact'))!.with).toMatchObject({ path: 'cdk.out/*.template.json', 'if-no-files-found': 'error' });
    expect(check.if).toBeUndefined();
  });

  it('deploys only from main, after the checks, with a cdk diff before the deploy', () => {
    expect(deploy.if).toBe("github.event_name == 'push' && github.ref == 'refs/heads/main'");
    expect(deploy.needs).toBe('check');
    const diff = indexOf(deploy, runs(/^npm run diff\b/));
    const up = indexOf(deploy, runs(/^npm run deploy\b.*--require-approval never/));
    const credentials = indexOf(deploy, uses('aws-actions/configure-aws-credentials'));
    expect(credentials).toBeGreaterThanOrEqual(0);
    expect(diff).toBeGreaterThan(credentials);
    expect(up).toBeGreaterThan(diff);
    const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.diff).toBe('cdk diff --all');
    expect(scripts.deploy).toBe('cdk deploy --all');
  });

  it('deploys with GitHub OIDC to the stage the config names, never with stored keys', () => {
    expect(deploy.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(deploy.environment).toBe('${{ needs.check.outputs.stage }}');
    expect(check.outputs?.stage).toBe('${{ steps.target.outputs.stage }}');
    const target = check.steps.find((s) => s.id === 'target')!;
    expect(target.run).toMatch(/bin\/deploy-target\.ts .*>> "\$GITHUB_OUTPUT"/);
    const login = deploy.steps.find(uses('aws-actions/configure-aws-credentials'))!;
    expect(login.with).toMatchObject({ 'role-to-assume': '${{ vars.AWS_DEPLOY_ROLE_ARN }}', 'aws-region': '${{ needs.check.outputs.region }}' });
    expect(text).not.toMatch(/aws-access-key-id|aws-secret-access-key|AWS_SECRET_ACCESS_KEY|secrets\.AWS/i);
  });

  it('reads the stage and region from the operator config', () => {
    const out = execFileSync(process.execPath, ['--import', 'tsx', 'bin/deploy-target.ts', 'config/verkosto.config.json'], { encoding: 'utf8' });
    const config = loadConfig();
    expect(out.trim().split('\n')).toEqual([`stage=${config.stage}`, `region=${config.region}`, `stack=${config.stackName}`]);
  });
});
