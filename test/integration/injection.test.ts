import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aListing } from '../fixtures/listings.js';
import { signIn, type SignedIn } from '../support/coordinator.js';
import { approve, submit } from '../support/listings.js';
import { startTestStack, type TestStack } from '../support/stack.js';

const SCRIPT = '<script>alert(1)</script>';
const ATTR = '"><img src=x onerror=alert(2)>';
const HEADER = 'Otsikko\r\nBcc: evil@example.com';

describe('hostile text through every output', () => {
  let stack: TestStack;
  let coordinator: SignedIn;
  let id: string;
  beforeAll(async () => {
    stack = await startTestStack();
    coordinator = await signIn(stack, 'koordinaattori@kemi.example.fi');
    const l = aListing({
      // A line break in a title is refused at the schema (abuse-races); header-like text on one line still must not become a header.
      title: { fi: `${HEADER.replace('\r\n', ' ')} ${SCRIPT}` },
      summary: { fi: `${HEADER}\n${ATTR}` },
      description: { fi: `${SCRIPT}\n${ATTR}` },
      organisation: { name: `Järjestö ${SCRIPT}`, kind: 'association' },
      schedule: { type: 'once', date: '2027-06-01', startTime: '10:00', endTime: '12:00' },
    });
    id = await submit(stack, l);
    await approve(coordinator, stack, id);
  });
  afterAll(async () => stack?.close());

  it('escapes it in the HTML of every email and keeps it out of the headers', async () => {
    const mails = await stack.mailbox();
    expect(mails.length).toBeGreaterThanOrEqual(3);
    for (const m of mails) {
      expect(m.body.html ?? '').not.toContain('<script>');
      expect(m.body.html ?? '').not.toContain('<img src=x');
      expect(m.subject).not.toMatch(/[\r\n]/);
      expect(m.destination.to.join()).not.toContain('evil@example.com');
      expect((m.headers ?? []).map((h) => `${h.name}: ${h.value}`).join('\n')).not.toMatch(/^Bcc:/im);
    }
    const notice = mails.find((m) => m.destination.to.includes('koordinaattori@kemi.example.fi') && m.subject.includes('Otsikko'))!;
    expect(notice.body.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('escapes it in the calendar file as iCalendar text', async () => {
    const ics = (await (await stack.api(`/api/listings/${id}/calendar.ics`)).text()).replace(/\r\n /g, '');
    const description = ics.split('\r\n').find((l) => l.startsWith('DESCRIPTION:'))!;
    expect(description).not.toMatch(/[\r\n]/);
    expect(description).toContain('Otsikko\\nBcc: evil@example.com');
    expect(ics.split('\r\n').some((l) => l.startsWith('Bcc:'))).toBe(false);
  });

  it('returns it from the API as data, for the pages to show as text', async () => {
    const body = (await (await stack.api(`/api/listings/${id}`)).json()) as { summary: string };
    expect(body.summary).toBe(`${HEADER}\n${ATTR}`);
  });
});
