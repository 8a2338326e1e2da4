import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } from '../lib/config.js';
import { VerkostoStack } from '../lib/stack.js';

const app = new App();
const configFile = String(app.node.tryGetContext('configFile') ?? DEFAULT_CONFIG_FILE);
// Context values from `-c` arrive as strings; from cdk.json as JSON.
const tracing = String(app.node.tryGetContext('tracing') ?? 'false') === 'true';

try {
  const config = loadConfig(configFile);
  // Region only, account left unresolved: synth needs no credentials and makes no lookups.
  new VerkostoStack(app, config.stackName, {
    config,
    tracing,
    env: { region: config.region },
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
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
