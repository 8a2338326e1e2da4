import { existsSync } from 'node:fs';
import { BUILD_STAMP, buildSite } from '../../web/build.js';

/** The stack refuses to synthesise without built pages: build them once before the infra tests, as `cdk synth` does. */
export default async function setup(): Promise<void> {
  if (!existsSync(BUILD_STAMP)) await buildSite();
}
