/**
 * Synthesises the real stack once per test run (every function bundled,
 * cdk-nag on) before any infra test file starts, so each file reads the same
 * cloud assembly instead of synthesising its own. Runs outside the tests'
 * timeouts: a slow synth on a busy machine cannot fail a hook.
 */
import { rmSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { synthesiseToDisk } from './synth.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared synth of the default stack (test/infra/synth.ts `sharedSynth`). */
    infraSynth: { outdir: string; templateFile: string; error?: string };
  }
}

export default function setup(project: TestProject): () => void {
  const synth = synthesiseToDisk();
  project.provide('infraSynth', synth);
  return () => rmSync(synth.outdir, { recursive: true, force: true });
}
