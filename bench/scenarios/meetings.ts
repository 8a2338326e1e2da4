/**
 * Meetings: what scheduling one meeting (announced by email to the
 * subscribers who chose meetings), one RSVP and the reminder to the
 * attendees cost in billed units. Own process (one stack per process):
 *   node --import tsx bench/scenarios/meetings.ts --subscribers 500 --rsvps 30 --out result.json
 */
import { writeFileSync } from 'node:fs';
import { loadConfig } from '../../lib/config.js';
import { addDays, helsinkiDate } from '../../functions/shared/time.js';
import { ROOT } from '../../local/stack.js';
import { signIn } from '../lib/coordinator.js';
import { daysBefore, NETWORK, subscriberItems } from '../lib/fixtures.js';
import { arg, batchPut, startBench, type Usage } from '../lib/harness.js';

export interface MeetingsResult {
  subscribers: number;
  rsvps: number;
  /** one meeting scheduled: the request, its events and the announcement to every subscriber */
  schedule: Usage;
  /** all the RSVPs together (each confirmed, each mailed an invite) */
  rsvp: Usage;
  /** the reminder: the schedule firing and a mail to every attendee */
  reminder: Usage;
}

const subscribers = Number(arg('subscribers', '500'));
const rsvps = Number(arg('rsvps', '30'));
const out = arg('out', '');
const log = (m: string) => process.stderr.write(`[meetings] ${m}\n`);

const base = loadConfig(`${ROOT}/config/verkosto.config.json`);
// The reference network announces each meeting by email (the dearer of the two settings).
// Every RSVP comes from this one loopback client, standing in for as many people: the per-client limit is raised to them,
// as an operator would for a load test (the per-address limit still holds: each RSVP names its own address).
const config = {
  ...base,
  networks: base.networks.map((n) => (n.id === NETWORK ? { ...n, meetingAnnouncements: 'email' as const } : n)),
  limits: { ...base.limits, rsvps: { ...base.limits.rsvps, perClient: Math.max(base.limits.rsvps.perClient, rsvps) } },
};
const bench = await startBench(config, { keepScheduler: true });
// The scheduler stays for the meeting's reminder only: the digests and daily jobs would add their own mail and work.
for (const s of bench.stack.scheduler.listSchedules()) bench.stack.scheduler.deleteSchedule(s.Name, s.GroupName);
const site = bench.stack.urls.site;

try {
  await batchPut(bench.seedClient, bench.table, Array.from({ length: subscribers }, (_, i) => subscriberItems(i, NETWORK, daysBefore(new Date(), 30))).flat());
  const coordinator = await signIn(bench, config.networks.find((n) => n.id === NETWORK)!.coordinators[0]!);
  await bench.stack.settle();

  bench.resetUsage();
  const scheduled = await coordinator.post(`/api/coordinator/networks/${NETWORK}/meetings`, {
    meeting: {
      title: { fi: 'Verkostokahvit', sv: 'Nätverkskaffe', en: 'Network coffee' },
      description: { fi: 'Kuulumisten vaihto; esittelyvuorossa Kemin seurakunta.' },
      presenters: ['Kemin seurakunta'],
      startTime: '13:00',
      endTime: '15:00',
      place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8, Kemi' },
      online: { url: 'https://teams.example.fi/kahvit', withheldUntilConfirmed: true },
    },
    dates: [addDays(helsinkiDate(new Date()), 10)],
  });
  if (scheduled.status !== 202) throw new Error(`scheduling answered ${scheduled.status}: ${await scheduled.text()}`);
  const [id] = ((await scheduled.json()) as { ids: string[] }).ids;
  await bench.stack.settle();
  const schedule = bench.usage();
  log(`scheduled and announced to ${subscribers} (${schedule.emails} mails)`);

  bench.resetUsage();
  for (let i = 0; i < rsvps; i++) {
    const res = await fetch(`${site}/api/meetings/${id}/rsvps`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `Osallistuja ${i}`, email: `osallistuja${i}@bench.example.fi`, attendance: i % 3 ? 'onsite' : 'online', lang: 'fi' }) });
    if (res.status >= 300) throw new Error(`RSVP answered ${res.status}: ${await res.text()}`);
  }
  await bench.stack.settle();
  const rsvp = bench.usage();
  log(`${rsvps} RSVPs (${rsvp.emails} mails)`);

  bench.resetUsage();
  const at = bench.stack.scheduler.nextInvocation(`meeting-reminder-${id}`);
  if (!at) throw new Error('no reminder scheduled');
  await bench.stack.scheduler.tick(at.getTime() + 1000);
  await bench.stack.settle();
  const reminder = bench.usage();
  log(`reminder (${reminder.emails} mails)`);

  const result: MeetingsResult = { subscribers, rsvps, schedule, rsvp, reminder };
  if (out) writeFileSync(out, JSON.stringify(result));
  else console.log(JSON.stringify(result, null, 2));
} finally {
  await bench.close();
}
process.exit(0);
