/** `npm run dlq -- list | redrive`: the dead letters of a running `npm start`. */
const port = process.env.VERKOSTO_BUS_PORT ?? '4010';
const base = `http://127.0.0.1:${port}/_local/dead-letters`;
const command = process.argv[2] ?? 'list';

async function main() {
  if (command === 'list') {
    const { deadLetters } = (await (await fetch(base)).json()) as { deadLetters: Array<{ ruleId: string; event: { id: string; 'detail-type': string }; error: string; attempts: number; at: string }> };
    if (deadLetters.length === 0) return console.log('No dead letters.');
    for (const l of deadLetters) console.log(`${l.at}  ${l.ruleId}  ${l.event['detail-type']}  ${l.event.id}  after ${l.attempts} attempts: ${l.error}`);
    console.log(`\n${deadLetters.length} dead letter(s). Re-drive with: npm run dlq -- redrive`);
  } else if (command === 'redrive') {
    const result = (await (await fetch(`${base}/redrive`, { method: 'POST' })).json()) as { redriven: number; failed: number };
    console.log(`Re-driven: ${result.redriven}, still failing: ${result.failed}`);
  } else {
    console.error('Usage: npm run dlq -- list | redrive');
    process.exit(2);
  }
}

main().catch((err: unknown) => {
  console.error(`Cannot reach the local bus at ${base} (is npm start running?): ${(err as Error).message}`);
  process.exit(1);
});
