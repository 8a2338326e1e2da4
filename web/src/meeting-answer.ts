import { generalError, messages, pageLang, showMessage } from './forms.js';
import { el, facts, fill, titleInto, type PublicMeeting } from './meeting-text.js';

/**
 * /<lang>/meetings/rsvp/#token=…: the link in every sign-up mail. Shows the
 * answer and the meeting (with the online link once the place is
 * confirmed) and cancels it after a confirmation. The token stays in the
 * fragment, which browsers never send to a server or in a Referer.
 */
const m = messages();
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const status = document.getElementById('answer-status') as HTMLElement;
const loading = document.getElementById('answer-loading') as HTMLElement;
const box = document.getElementById('answer') as HTMLElement;
const cancelRow = document.getElementById('a-cancel-row') as HTMLElement;
const cancel = document.getElementById('a-cancel') as HTMLButtonElement;
const confirmBox = document.getElementById('a-confirm') as HTMLElement;

interface Answer {
  rsvp: { status: 'confirmed' | 'waitlisted' | 'cancelled'; position: number | null; attendance: 'onsite' | 'online'; name: string };
  meeting: PublicMeeting;
}

/** A request with the link's token as the bearer (forms.ts api() sends cookies, not this). */
async function withToken<T>(method: string, path: string): Promise<{ status: number; body?: T }> {
  try {
    const res = await fetch(path, { method, headers: { accept: 'application/json', authorization: `Bearer ${token}` }, credentials: 'omit', referrerPolicy: 'no-referrer' });
    return { status: res.status, ...(res.ok ? { body: (await res.json()) as T } : {}) };
  } catch {
    return { status: 0 };
  }
}

function statusText(a: Answer['rsvp']): string {
  if (a.status === 'confirmed') return m['answer.status.confirmed'] ?? '';
  if (a.status === 'waitlisted') return fill(m['answer.status.waitlisted'], { n: a.position ?? '' });
  return m['answer.status.cancelled'] ?? '';
}

function show(a: Answer): void {
  const h = document.getElementById('a-title') as HTMLElement;
  titleInto(h, a.meeting);
  const dl = document.getElementById('a-facts') as HTMLElement;
  const head: Node[] = [el('dt', m['answer.status']), el('dd', statusText(a.rsvp))];
  if (a.rsvp.status !== 'cancelled') head.push(el('dt', m['answer.attendance']), el('dd', m[`rsvp.attendance.${a.rsvp.attendance}`]));
  dl.replaceChildren(...head, ...facts(m, a.meeting, { seats: false, ...(m['answer.join'] ? { joinLabel: m['answer.join'] } : {}) }));
  (document.getElementById('a-page') as HTMLAnchorElement).href = `/${pageLang()}/meetings/view/?id=${encodeURIComponent(a.meeting.id)}`;
  cancelRow.hidden = a.rsvp.status === 'cancelled' || a.meeting.status === 'cancelled';
  loading.hidden = true;
  box.hidden = false;
}

async function load(): Promise<void> {
  const res = token ? await withToken<Answer>('GET', `/api/rsvps/me?lang=${pageLang()}`) : { status: 401 };
  if (!res.body) {
    loading.hidden = true;
    if (res.status === 401 || res.status === 404) showMessage(status, 'error', m['answer.badLink'] ?? '');
    else generalError(status, m, res.status);
    return;
  }
  show(res.body);
}

cancel.addEventListener('click', () => {
  cancelRow.hidden = true;
  confirmBox.hidden = false;
  confirmBox.focus();
});

document.getElementById('a-no')!.addEventListener('click', () => {
  confirmBox.hidden = true;
  cancelRow.hidden = false;
  cancel.focus();
});

const yes = document.getElementById('a-yes') as HTMLButtonElement;
let busy = false;
yes.addEventListener('click', async () => {
  if (busy) return;
  busy = true;
  yes.setAttribute('aria-busy', 'true');
  try {
    const res = await withToken<{ promoted?: string }>('POST', `/api/rsvps/cancel?lang=${pageLang()}`);
    if (res.status !== 200) {
      if (res.status === 401 || res.status === 404) showMessage(status, 'error', m['answer.badLink'] ?? '');
      else generalError(status, m, res.status);
      return;
    }
    confirmBox.hidden = true;
    const again = await withToken<Answer>('GET', `/api/rsvps/me?lang=${pageLang()}`);
    if (again.body) show(again.body);
    showMessage(status, 'success', m['answer.cancelled.title'] ?? '', m['answer.cancelled.text']);
  } finally {
    busy = false;
    yes.removeAttribute('aria-busy');
  }
});

void load();
