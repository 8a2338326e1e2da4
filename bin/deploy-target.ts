/**
 * Prints where a config deploys, as `key=value` lines for $GITHUB_OUTPUT
 * (.github/workflows/ci.yml): the stage (the GitHub environment, whose
 * variables hold the deploy role), the region and the stack name. The config
 * is validated on the way, so a bad one fails the workflow before AWS is asked.
 */
import { DEFAULT_CONFIG_FILE, loadConfig } from '../lib/config.js';

const config = loadConfig(process.argv[2] || DEFAULT_CONFIG_FILE);
console.log(`stage=${config.stage}\nregion=${config.region}\nstack=${config.stackName}`);
