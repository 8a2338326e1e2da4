import { describe, expect, it } from 'vitest';
import { meetingMail } from '../../functions/meetings/mails.js';
import type { MeetingRecord } from '../../functions/meetings/store.js';

const meeting: MeetingRecord = {
  id: 'm1', network: 'kemi-perhekeskus', seriesId: 's1', title: { fi: 'Verkostokahvit' }, description: { fi: 'Kuulumiset.' }, presenters: [],
  date: '2026-12-09', startTime: '13:00', endTime: '15:00', start: '2026-12-09T11:00:00.000Z', end: '2026-12-09T13:00:00.000Z',
  place: { name: 'Pruntsin Poukama', address: 'Keskuspuistokatu 8, Kemi' }, rsvpClosesHoursBefore: 0, languages: ['fi'],
  status: 'scheduled', sequence: 0, confirmed: 1, waitlisted: 0, waitSeq: 0, createdBy: 'k@example.fi', updatedAt: '2026-11-01T00:00:00.000Z',
};
const urls = { cancelUrl: 'https://verkosto.example.fi/fi/meetings/rsvp/#token=abc', calendarUrl: 'https://verkosto.example.fi/api/meetings/m1/invite.ics?lang=fi' };
/** The mail's button (the one link drawn as a button) and its plain links, as [label, url]. */
const buttonOf = (html: string) => /<a href="([^"]+)" style="display:inline-block;background-color[^"]*">([^<]+)<\/a>/.exec(html)?.slice(1, 3).reverse();

describe('the meeting mails', () => {
  it('give someone with a place "Add to calendar" as the button and cancelling as a plain link after it', () => {
    const mail = meetingMail('confirmed', meeting, 'fi', { ...urls, showOnline: true });

    expect(buttonOf(mail.html)).toEqual(['Lisää kalenteriin', urls.calendarUrl]);
    expect(mail.html).toContain(`href="${urls.cancelUrl}"`);
    expect(mail.html.indexOf(urls.calendarUrl)).toBeLessThan(mail.html.indexOf(urls.cancelUrl));
    expect(mail.text).toContain('Peru ilmoittautuminen');
  });

  it('give the same in Swedish and English', () => {
    expect(buttonOf(meetingMail('promoted', meeting, 'sv', { ...urls, showOnline: true }).html)?.[0]).toBe('Lägg till i kalendern');
    expect(buttonOf(meetingMail('reminder', meeting, 'en', { ...urls, showOnline: true }).html)?.[0]).toBe('Add to calendar');
  });

  it('give someone on the waitlist no calendar button, only the link to cancel', () => {
    const mail = meetingMail('waitlisted', meeting, 'fi', { ...urls, position: 2, showOnline: false, waitlisted: true });

    expect(buttonOf(mail.html)).toBeUndefined();
    expect(mail.html).not.toContain(urls.calendarUrl);
    expect(mail.html).toContain(`href="${urls.cancelUrl}"`);
  });

  it('give the canceller a confirmation with nothing left to press', () => {
    const mail = meetingMail('withdrawn', meeting, 'fi', { ...urls, showOnline: false });

    expect(buttonOf(mail.html)).toBeUndefined();
    expect(mail.html).not.toContain(urls.cancelUrl);
  });
});
