import { join } from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { addVerkosto } from '../lib/app.js';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } from '../lib/config.js';
import { PROJECT_ROOT } from '../lib/stack.js';
import { buildSite } from '../web/build.js';

const app = new App();
const configFile = String(app.node.tryGetContext('configFile') ?? DEFAULT_CONFIG_FILE);
// Context values from `-c` arrive as strings; from cdk.json as JSON. Unset: the config's `tracing`.
const tracingContext = app.node.tryGetContext('tracing') as unknown;
// The pages are built here, on every synth and deploy, so a clean clone never ships an empty site bucket.
const siteDir = String(app.node.tryGetContext('siteDir') ?? join(PROJECT_ROOT, 'web/dist'));

try {
  const config = loadConfig(configFile);
  await buildSite(siteDir);
  // Region only, account left unresolved: synth needs no credentials and makes no lookups.
  addVerkosto(app, config, {
    siteDir,
    ...(tracingContext === undefined ? {} : { tracing: String(tracingContext) === 'true' }),
    description: 'Verkosto: listings, meetings, surveys and digests for welfare service networks',
  });
} catch (err) {
  if (err instanceof ConfigError) {
    // The message names every bad field; a stack trace would only hide it.
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

// cdk-nag 3 is a policy-validation plugin: findings land in the synth report and fail synth.
Validations.of(app).addPlugins(new AwsSolutionsChecks(app), new ServerlessChecks(app));
app.synth();
