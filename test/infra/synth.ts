import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { inject } from 'vitest';
import { loadConfig, type OperatorConfig } from '../../lib/config.js';
import { VerkostoStack, type VerkostoStackProps } from '../../lib/stack.js';

/** CDK's policy-validation report (validation-report.json), where cdk-nag 3 and construct annotations land. */
export interface ValidationReport {
  pluginReports: Array<{
    pluginName: string;
    conclusion: string;
    violations: Array<{ ruleName: string; severity?: string; violatingConstructs: Array<{ constructPath: string }> }>;
    suppressedViolations?: Array<{ ruleName: string; reason: string; acknowledgedId: string }>;
  }>;
}

export interface Synthesised {
  template: Template;
  stack: VerkostoStack;
  report: ValidationReport;
  /** The cloud assembly directory (bundled assets live here). */
  outdir: string;
  /** Set when validation failed synth; the report says why. */
  error?: Error;
}

export interface SynthOptions extends Partial<Omit<VerkostoStackProps, 'config'>> {
  config?: OperatorConfig;
  /** Bundle every function with esbuild (slow, proves the bundles build). @default true */
  bundle?: boolean;
}

/** The feature flags `cdk synth` runs with, so tests check the template that deploys. */
const cdkContext = (JSON.parse(readFileSync('cdk.json', 'utf8')) as { context: Record<string, unknown> }).context;

/** The App every synth here uses: cdk.json's flags, asset paths in the metadata, bundling on or off. */
function testApp(outdir: string, bundle: boolean): App {
  return new App({
    outdir,
    context: {
      ...cdkContext,
      // As the CLI does: resources name their asset folder (aws:asset:path), so tests can open the bundles.
      'aws:cdk:enable-asset-metadata': true,
      ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }),
    },
  });
}

const STACK_ID = 'VerkostoTest';

function readSynth(stack: VerkostoStack, outdir: string, templateFile: string, error?: Error): Synthesised {
  const reportFile = join(outdir, 'validation-report.json');
  const report: ValidationReport = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as ValidationReport) : { pluginReports: [] };
  const template = Template.fromJSON(JSON.parse(readFileSync(join(outdir, templateFile), 'utf8')) as Record<string, unknown>);
  return { template, stack, report, outdir, ...(error ? { error } : {}) };
}

/** Synthesises the stack with cdk-nag, as `npm run synth` does, once per call: call it in `beforeAll`. */
export function synthesise(options: SynthOptions = {}): Synthesised {
  const { bundle = true, config = loadConfig(), ...props } = options;
  const outdir = mkdtempSync(join(tmpdir(), 'verkosto-synth-'));
  const app = testApp(outdir, bundle);
  const stack = new VerkostoStack(app, STACK_ID, { ...props, config, env: { region: config.region } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  let error: Error | undefined;
  try {
    app.synth();
  } catch (e) {
    // A failed validation still writes the template and the report; the nag test shows the findings.
    error = e as Error;
  }
  return readSynth(stack, outdir, stack.templateFile, error);
}

/** The default stack synthesised (bundled, with cdk-nag) into a folder: what the infra tests' global setup shares. */
export function synthesiseToDisk(): { outdir: string; templateFile: string; error?: string } {
  const { outdir, stack, error } = synthesise();
  return { outdir, templateFile: stack.templateFile, ...(error ? { error: error.message } : {}) };
}

/**
 * The default stack as the global setup synthesised it, once per run. The
 * stack object is built again here without bundling or synth (a fraction
 * of a second): logical ids depend only on construct paths, so it names the
 * same resources as the shared template.
 */
export function sharedSynth(): Synthesised {
  const shared = inject('infraSynth');
  const config = loadConfig();
  const stack = new VerkostoStack(testApp(mkdtempSync(join(tmpdir(), 'verkosto-ids-')), false), STACK_ID, { config, env: { region: config.region } });
  return readSynth(stack, shared.outdir, shared.templateFile, shared.error ? new Error(shared.error) : undefined);
}

export type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string; Metadata?: Record<string, unknown> };

export function resourcesOf(template: Template): Record<string, Resource> {
  return template.toJSON().Resources as Record<string, Resource>;
}

export type Statement = { Effect: string; Action: string | string[]; Resource: unknown };

export const actionsOf = (s: Statement): string[] => (Array.isArray(s.Action) ? s.Action : [s.Action]);

/** Every logical id a value refers to (Ref, Fn::GetAtt), however deeply nested in Fn::Join and friends. */
export function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (typeof o.Ref === 'string') return o.Ref.startsWith('AWS::') ? [] : [o.Ref];
    const getAtt = o['Fn::GetAtt'];
    if (Array.isArray(getAtt) && typeof getAtt[0] === 'string') return [getAtt[0]];
    return Object.values(o).flatMap(referencedIds);
  }
  return [];
}

/** Canonical JSON (sorted keys), so patterns compare by meaning, not key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Findings nobody acknowledged, from every plugin (cdk-nag and construct annotations), errors and warnings alike. */
export function unacknowledged(report: ValidationReport): string[] {
  return report.pluginReports.flatMap((r) =>
    r.violations.map((v) => `${r.pluginName}: ${v.severity ?? '?'} ${v.ruleName} at ${v.violatingConstructs.map((c) => c.constructPath).join(', ')}`),
  );
}
