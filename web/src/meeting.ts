import { api, bindJsonForm, formJson, messages, pageLang, showMessage } from './forms.js';
import { descriptionInto, facts, fill, momentText, titleInto, type PublicMeeting } from './meeting-text.js';
import { bindTurns } from './meeting-turns.js';

/** /<lang>/meetings/view/?id=…: one meeting and its sign-up form. */
const m = messages();
const id = new URLSearchParams(location.search).get('id') ?? '';
const pageStatus = document.getElementById('meeting-status') as HTMLElement;
const loading = document.getElementById('meeting-loading') as HTMLElement;
const box = document.getElementById('meeting') as HTMLElement;
const section = document.getElementById('rsvp') as HTMLElement;
const closed = document.getElementById('rsvp-closed') as HTMLElement;
const form = document.getElementById('rsvp-form') as HTMLFormElement;
const status = document.getElementById('form-status') as HTMLElement;
const turns = bindTurns(m, id);

function show(meeting: PublicMeeting): void {
  const h1 = document.querySelector('h1') as HTMLElement;
  titleInto(h1, meeting);
  document.title = `${h1.textContent ?? ''} – ${m['site.name'] ?? ''}`;
  descriptionInto(document.getElementById('m-description') as HTMLElement, meeting);
  (document.getElementById('m-facts') as HTMLElement).replaceChildren(...facts(m, meeting, { presenters: true }));
  if (meeting.agenda) {
    (document.getElementById('m-agenda-text') as HTMLElement).textContent = meeting.agenda;
    (document.getElementById('m-agenda') as HTMLElement).hidden = false;
  }
  turns.show(meeting);
  (document.getElementById('m-ics') as HTMLAnchorElement).href = `/api/meetings/${encodeURIComponent(meeting.id)}/invite.ics?lang=${pageLang()}`;
  (document.getElementById('m-google') as HTMLAnchorElement).href = meeting.calendarLinks.google;
  (document.getElementById('m-outlook') as HTMLAnchorElement).href = meeting.calendarLinks.outlook;
  (document.getElementById('m-all') as HTMLAnchorElement).href = `/${pageLang()}/meetings/?network=${encodeURIComponent(meeting.network)}`;

  if (meeting.status === 'cancelled' || !meeting.rsvpOpen) {
    closed.textContent = meeting.status === 'cancelled' ? (m['meeting.cancelled'] ?? '') : (m['meeting.closed'] ?? '');
    closed.className = `status ${meeting.status === 'cancelled' ? 'error' : ''}`;
    closed.hidden = false;
    for (const link of ['m-ics', 'm-google', 'm-outlook']) (document.getElementById(link) as HTMLElement).hidden = meeting.status === 'cancelled';
  } else {
    // Offer only the ways this meeting can be attended; with one, it is chosen already.
    const offered = { onsite: Boolean(meeting.place), online: Boolean(meeting.online) };
    const radios = Array.from(form.querySelectorAll<HTMLInputElement>('input[name="attendance"]'));
    for (const r of radios) (r.closest('.choice') as HTMLElement).hidden = !offered[r.value as keyof typeof offered];
    const shown = radios.filter((r) => offered[r.value as keyof typeof offered]);
    if (shown.length === 1) shown[0]!.checked = true;
    // A full meeting takes names for its waitlist: the button says so before anyone presses it.
    if (meeting.seatsLeft === 0) form.querySelector<HTMLButtonElement>('button[type="submit"]')!.textContent = m['rsvp.joinWaitlist'] ?? '';
    const closes = document.getElementById('rsvp-closes') as HTMLElement;
    closes.textContent = fill(m['meetings.rsvpCloses'], { when: momentText(meeting.rsvpClosesAt) });
    closes.hidden = false;
    section.hidden = false;
  }
  loading.hidden = true;
  box.hidden = false;
}

async function load(): Promise<void> {
  const res = id ? await api<PublicMeeting>('GET', `/api/meetings/${encodeURIComponent(id)}?lang=${pageLang()}`) : { status: 404, body: undefined };
  if (!res.body) {
    loading.hidden = true;
    showMessage(pageStatus, 'error', res.status === 404 ? (m['meeting.notFound'] ?? '') : (m['meetings.error'] ?? ''));
    return;
  }
  show(res.body);
}

bindJsonForm<{ status: 'confirmed' | 'waitlisted'; position?: number }>(form, {
  status,
  url: () => `/api/meetings/${encodeURIComponent(id)}/rsvps?lang=${pageLang()}`,
  body: () => ({ ...formJson(form), lang: pageLang() }),
  // 409 and 410 are about the whole form, not a field: said here in words, not as a general error.
  accepted: [201, 409, 410],
  ...(m['rsvp.sending'] ? { busyText: m['rsvp.sending'] } : {}),
  m,
  onSuccess: async (answer, code) => {
    if (code === 409) return showMessage(status, 'error', m['rsvp.answered'] ?? '');
    if (code === 410) {
      // Cancelled or closed since the page was opened: the meeting says which.
      const now = await api<PublicMeeting>('GET', `/api/meetings/${encodeURIComponent(id)}?lang=${pageLang()}`);
      form.hidden = true;
      return showMessage(status, 'error', now.body?.status === 'cancelled' ? (m['rsvp.gone.cancelled'] ?? '') : (m['rsvp.gone.closed'] ?? ''));
    }
    form.hidden = true;
    // A place in the queue is not the seat that was asked for: news, not success.
    if (answer?.status === 'waitlisted') showMessage(status, 'info', fill(m['rsvp.waitlisted.title'], { n: answer.position ?? '' }), m['rsvp.waitlisted.text']);
    else showMessage(status, 'success', m['rsvp.confirmed.title'] ?? '', m['rsvp.confirmed.text']);
  },
});

void load();
