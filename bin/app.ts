import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { ConfigError, DEFAULT_CONFIG_FILE, loadConfig } from '../lib/config.js';
import { VerkostoStack } from '../lib/stack.js';

const app = new App();
const configFile = (app.node.tryGetContext('configFile') as string | undefined) ?? DEFAULT_CONFIG_FILE;

let config;
try {
  config = loadConfig(configFile);
} catch (err) {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

// No account lookups: synth works offline; the account comes from the deploy credentials.
new VerkostoStack(app, config.stackName, { config, env: { region: config.region }, description: 'Verkosto: listings, meetings, surveys and digests for welfare service networks' });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
