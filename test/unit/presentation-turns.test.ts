import { describe, expect, it } from 'vitest';
import { renderDigest, type DigestItem } from '../../functions/digests/content.js';
import { meetingMail } from '../../functions/meetings/mails.js';
import { openTurns, turnClaim } from '../../functions/meetings/schema.js';
import type { MeetingRecord } from '../../functions/meetings/store.js';
import { turnMail, turnsBlock } from '../../functions/meetings/turn-mails.js';
import type { TurnClaim, TurnSlot } from '../../functions/meetings/turn-store.js';
import { claimTurn, turnLine, turnView, type TurnDeps } from '../../functions/meetings/turns.js';
import { issuesToFieldCodes } from '../../functions/shared/validation.js';

const meeting: MeetingRecord = {
  id: 'm1', network: 'kemi-perhekeskus', seriesId: 's1', title: { fi: 'Verkostokahvit', sv: 'Nätverkskaffe' }, description: { fi: 'Kuulumiset.' }, presenters: [],
  date: '2026-12-09', startTime: '13:00', endTime: '15:00', start: '2026-12-09T11:00:00.000Z', end: '2026-12-09T13:00:00.000Z',
  place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8, Kemi' }, rsvpClosesHoursBefore: 0, languages: ['fi'],
  status: 'scheduled', sequence: 0, confirmed: 0, waitlisted: 0, waitSeq: 0, createdBy: 'k@example.fi', updatedAt: '2026-11-01T00:00:00.000Z', slotSeq: 1,
};
const claim: TurnClaim = {
  meetingId: 'm1', slotId: '01', claimId: 'c1', organisation: 'Järjestö <b>& co</b>', presenter: 'Maija "M" Meikäläinen', showPresenter: false, topic: 'Perhetyö <script>',
  email: 'maija@example.fi', lang: 'fi', status: 'pending', createdAt: '2026-11-30T10:00:00.000Z', expiresAt: 0,
};
const slot = (over: Partial<TurnSlot>): TurnSlot => ({ meetingId: 'm1', slotId: '01', number: 1, minutes: 15, state: 'open', ...over });
const now = new Date('2026-12-01T10:00:00.000Z');

describe('a presentation turn as the public sees it', () => {
  it('is free when open, and free again when a hold has run out', () => {
    expect(turnView(slot({}), now)?.status).toBe('free');
    expect(turnView(slot({ state: 'held', claimId: 'c1', holdUntil: '2026-12-01T09:59:59.000Z' }), now)?.status).toBe('free');
  });

  it('is pending, naming nobody, while a claim holds it', () => {
    expect(turnView(slot({ state: 'held', claimId: 'c1', holdUntil: '2026-12-02T10:00:00.000Z' }), now)).toEqual({ slotId: '01', number: 1, minutes: 15, status: 'pending' });
  });

  it('shows organisation and topic once claimed, and is not shown at all once closed', () => {
    expect(turnView(slot({ state: 'claimed', claimId: 'c1', turn: { organisation: 'MLL', topic: 'Kahvila' } }), now)).toEqual({ slotId: '01', number: 1, minutes: 15, status: 'claimed', organisation: 'MLL', topic: 'Kahvila' });
    expect(turnView(slot({ state: 'closed' }), now)).toBeUndefined();
  });

  it('is written as one line, with the presenter only when named', () => {
    expect(turnLine({ organisation: 'MLL', topic: 'Kahvila' })).toBe('MLL: Kahvila');
    expect(turnLine({ organisation: 'MLL', presenter: 'Pekka', topic: 'Kahvila' })).toBe('MLL (Pekka): Kahvila');
  });
});

describe('the claim form and the desk form', () => {
  it('accepts a claim with the presenter not named by default', () => {
    const out = turnClaim.parse({ organisation: ' MLL ', presenter: 'Pekka', topic: 'Kahvila', email: 'p@example.fi' });
    expect(out).toEqual({ organisation: 'MLL', presenter: 'Pekka', showPresenter: false, topic: 'Kahvila', email: 'p@example.fi', lang: 'fi' });
  });

  it('refuses over-long, empty and multi-line fields by field', () => {
    const out = turnClaim.safeParse({ organisation: 'x'.repeat(161), presenter: 'a\nb', topic: '', email: 'nope' });
    expect(out.success).toBe(false);
    expect(issuesToFieldCodes(out.error!.issues)).toEqual({ organisation: 'too_long', presenter: 'single_line', topic: 'required', email: 'invalid_email' });
  });

  it('opens 1–12 turns of 5–240 minutes, for one meeting unless told otherwise', () => {
    expect(openTurns.parse({ count: 3, minutes: 15 })).toEqual({ count: 3, minutes: 15, scope: 'one' });
    expect(openTurns.parse({ count: 2, minutes: '' })).toEqual({ count: 2, scope: 'one' });
    const bad = openTurns.safeParse({ count: 13, minutes: 241 });
    expect(issuesToFieldCodes(bad.error!.issues)).toEqual({ count: 'turn_count', minutes: 'turn_minutes' });
  });
});

/** Only what claimTurn touches, in memory: the slot's conditional hold is the store's and is tested against the local stack. */
function fakeDeps(at: Date, m: MeetingRecord = meeting) {
  const holds: Array<{ holdUntil: string }> = [];
  const published: string[] = [];
  const deps = {
    meetings: { get: async () => m, series: async () => [] },
    turns: {
      hold: async (_m: string, _s: string, _c: string, holdUntil: string) => (holds.push({ holdUntil }), true),
      putClaim: async () => undefined,
      free: async () => true,
      slot: async () => undefined,
    },
    publisher: { publish: async (type: string) => void published.push(type) },
    clock: { now: () => at },
    ids: { next: () => 'c1' },
  } as unknown as TurnDeps;
  return { deps, holds, published };
}
const input = { organisation: 'MLL', presenter: 'Pekka', showPresenter: false, topic: 'Kahvila', email: 'P@Example.fi', lang: 'fi' as const };

describe('claiming a turn', () => {
  it('holds it for 24 hours', async () => {
    const { deps, holds, published } = fakeDeps(now);
    const out = await claimTurn('m1', '01', input, deps);
    expect(out.holdUntil).toBe('2026-12-02T10:00:00.000Z');
    expect(holds).toEqual([{ holdUntil: '2026-12-02T10:00:00.000Z' }]);
    expect(published).toEqual(['PresentationSlot.Claimed']);
  });

  it('never holds it past the meeting start', async () => {
    const { deps } = fakeDeps(new Date('2026-12-09T01:00:00.000Z'));
    expect((await claimTurn('m1', '01', input, deps)).holdUntil).toBe(meeting.start);
  });

  it('is refused once the meeting has started or was cancelled (410)', async () => {
    await expect(claimTurn('m1', '01', input, fakeDeps(new Date('2026-12-09T11:00:00.000Z')).deps)).rejects.toMatchObject({ kind: 'gone', code: 'started' });
    await expect(claimTurn('m1', '01', input, fakeDeps(now, { ...meeting, status: 'cancelled' }).deps)).rejects.toMatchObject({ kind: 'gone', code: 'cancelled' });
  });
});

describe('the turn mails', () => {
  it('send the claimant a confirmation button with the hold time, everything escaped', () => {
    const mail = turnMail('claimed', meeting, claim, { confirmUrl: 'https://verkosto.example.fi/fi/meetings/turn/#token=abc', holdUntil: '2026-12-02T10:00:00.000Z', minutes: 15 });
    expect(mail.subject).toBe('Vahvista esitysvuorosi: Verkostokahvit');
    expect(mail.html).toContain('href="https://verkosto.example.fi/fi/meetings/turn/#token=abc"');
    expect(mail.html).toContain('Järjestö &lt;b&gt;&amp; co&lt;/b&gt;');
    expect(mail.html).toContain('Perhetyö &lt;script&gt;');
    expect(mail.html).not.toContain('<script>');
    expect(mail.text).toContain('Kesto: 15 min');
    expect(mail.text).toMatch(/2\.12\.2026|joulukuuta 2026/);
  });

  it('tell the claimant in their language that the desk released the turn, with no button', () => {
    const sv = turnMail('released', meeting, { ...claim, lang: 'sv' }, {});
    expect(sv.subject).toBe('Din presentationstur har frigjorts: Nätverkskaffe');
    expect(sv.html).not.toContain('background-color:#0b4f8a;color:#ffffff');
    const en = turnMail('released', meeting, { ...claim, lang: 'en' }, {});
    expect(en.subject).toBe('Your presentation turn was released: Verkostokahvit');
    expect(en.html).toContain('lang="fi"');
  });

  it("tell a presenter that their meeting changed (with the new time, place and the page) or was cancelled (with the reason)", () => {
    const changed = turnMail('meetingChanged', { ...meeting, startTime: '14:00', start: '2026-12-09T12:00:00.000Z' }, claim, { pageUrl: 'https://verkosto.example.fi/fi/meetings/view/?id=m1' });
    expect(changed.subject).toBe('Tapaaminen, jossa esität, muuttui: Verkostokahvit');
    expect(changed.text).toMatch(/klo 14\.00|14\.00/);
    expect(changed.text).toContain('Paikka: Pruntsin Poukama, Keskuspuistokatu 8, Kemi');
    expect(changed.html).toContain('href="https://verkosto.example.fi/fi/meetings/view/?id=m1"');
    const cancelled = turnMail('meetingCancelled', meeting, { ...claim, lang: 'sv' }, { reason: 'Sjukdom <b>' });
    expect(cancelled.subject).toBe('Träffen där du skulle ha presenterat är inställd: Nätverkskaffe');
    expect(cancelled.html).toContain('Sjukdom &lt;b&gt;');
    expect(turnMail('meetingCancelled', meeting, { ...claim, lang: 'en' }, {}).subject).toBe('The meeting where you were to present is cancelled: Verkostokahvit');
  });

  it("put the confirmed turns into an attendee's mail, but not into a cancellation", () => {
    const lines = ['MLL (Pekka): Kahvila <b>'];
    const confirmed = meetingMail('reminder', meeting, 'fi', { showOnline: true, turns: lines });
    expect(confirmed.text).toContain('Esitysvuorot');
    expect(confirmed.html).toContain('MLL (Pekka): Kahvila &lt;b&gt;');
    expect(meetingMail('cancelled', meeting, 'fi', { showOnline: false, turns: lines }).text).not.toContain('Kahvila');
    expect(turnsBlock([], 'fi')).toEqual([]);
  });

  it("put a meeting's turns into the digest in each language, escaped in HTML", () => {
    const item: DigestItem = { kind: 'meeting', id: 'm1', title: meeting.title, summary: meeting.description, themes: [], when: meeting.start, turns: ['A & B: "Aihe"'], url: 'https://verkosto.example.fi/{lang}/meetings/view/?id=m1' };
    const links = { view: 'https://v.example.fi/v', manage: 'https://v.example.fi/m', unsubscribe: 'https://v.example.fi/u' };
    expect(renderDigest({ fi: 'Kemi' }, [item], 'fi', links).text).toContain('Esitysvuorot: A & B: "Aihe"');
    expect(renderDigest({ fi: 'Kemi' }, [item], 'sv', links).text).toContain('Presentationer: A & B: "Aihe"');
    expect(renderDigest({ fi: 'Kemi' }, [item], 'en', links).html).toContain('A &amp; B: &quot;Aihe&quot;');
  });
});
