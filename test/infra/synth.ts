import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { loadConfig, type OperatorConfig } from '../../lib/config.js';
import { VerkostoStack } from '../../lib/stack.js';

export interface NagReport {
  pluginReports: Array<{
    pluginName: string;
    conclusion: string;
    violations: Array<{ ruleName: string; violatingConstructs: Array<{ constructPath: string }> }>;
    suppressedViolations: Array<{ ruleName: string; reason: string; acknowledgedId: string }>;
  }>;
}

/** Synthesises the real stack once (bundling every function) with cdk-nag, as `npm run synth` does. */
export function synthesise(config: OperatorConfig = loadConfig()): { template: Template; stack: VerkostoStack; nag: NagReport } {
  const app = new App();
  const stack = new VerkostoStack(app, 'VerkostoTest', { config, env: { region: config.region } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const assembly = app.synth();
  const nag = JSON.parse(readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8')) as NagReport;
  return { template: Template.fromStack(stack), stack, nag };
}
