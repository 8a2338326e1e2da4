/**
 * `npm run ses-event -- bounce|complaint <address>`: what SES's configuration
 * set would put on the default event bus, sent to a running `npm start`'s
 * local bus, so the suppression path can be tried offline.
 */
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';

const [kind, address] = process.argv.slice(2);
if ((kind !== 'bounce' && kind !== 'complaint') || !address) {
  console.error('Usage: npm run ses-event -- bounce|complaint <address>');
  process.exit(2);
}
const detail =
  kind === 'bounce'
    ? { eventType: 'Bounce', bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: address }] }, mail: { timestamp: new Date().toISOString() } }
    : { eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: address }] }, mail: { timestamp: new Date().toISOString() } };
const client = new EventBridgeClient({
  endpoint: `http://127.0.0.1:${process.env.VERKOSTO_BUS_PORT ?? '4010'}`,
  region: 'eu-north-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});
const out = await client.send(
  new PutEventsCommand({ Entries: [{ Source: 'aws.ses', DetailType: kind === 'bounce' ? 'Email Bounced' : 'Email Complaint Received', Detail: JSON.stringify(detail), EventBusName: 'default' }] }),
);
console.log(out.FailedEntryCount ? `Refused: ${JSON.stringify(out.Entries)}` : `Sent a ${kind} for the address to the local bus.`);
