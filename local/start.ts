import { join } from 'node:path';
import { loadConfig } from '../lib/config.js';
import { startLocalStack, ROOT } from './stack.js';
import { portsFromEnv } from './ports.js';
import { seedDemo } from './seed.js';

/** `npm start`: the whole system on this machine, same handlers as in Lambda. */
async function main() {
  const dataDir = process.env.VERKOSTO_DATA_DIR ?? join(ROOT, '.verkosto');
  const stack = await startLocalStack({
    ports: portsFromEnv(),
    dataDir,
    // Another operator config (e.g. a generated region) instead of config/verkosto.config.json.
    ...(process.env.VERKOSTO_CONFIG ? { config: loadConfig(process.env.VERKOSTO_CONFIG) } : {}),
    log: (line) => console.log(`  ${line}`),
  });
  if (stack.fresh && process.env.VERKOSTO_NO_DEMO !== '1') {
    const n = await seedDemo(stack);
    console.log(`  demo network: ${n} listings published (set VERKOSTO_NO_DEMO=1 to start empty)`);
  }
  console.log(`
Verkosto is running offline.

  Pages and API   ${stack.urls.site}/            (API under ${stack.urls.site}/api/)
  Local mailbox   ${stack.urls.mail}/            (sent mail as JSON: ${stack.urls.mail}/store)
  DynamoDB        ${stack.urls.dynamo}           (dynalite, data in ${dataDir})
  EventBridge     ${stack.urls.bus}              (dead letters: npm run dlq -- list)
  SQS             ${stack.urls.queue}              (digest batches)
  Scheduler       ${stack.urls.scheduler}              (daily listing expiry, the digest clock every minute, directory snapshots every 5 minutes)
  S3              ${stack.urls.objects}              (directory snapshots, files in ${dataDir}/objects)

Networks: ${stack.config.networks.slice(0, 5).map((n) => `${n.id} (coordinators: ${n.coordinators.join(', ')})`).join('; ')}${stack.config.networks.length > 5 ? ` and ${stack.config.networks.length - 5} more` : ''}
Press Ctrl-C to stop.
`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    await stack.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(`\nVerkosto could not start: ${(err as Error).message}`);
  process.exit(1);
});
