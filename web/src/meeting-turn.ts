import { generalError, messages, pageLang, showMessage } from './forms.js';
import { el, facts, fill, titleInto, turnLine, type PublicMeeting, type PublicTurn } from './meeting-text.js';

/**
 * /<lang>/meetings/turn/#token=…: the link in a presentation turn's claim
 * mail. Confirms the claim at once (the link does nothing a second time)
 * and shows the meeting with the turn. The token stays in the fragment,
 * which browsers never send to a server or in a Referer.
 */
const m = messages();
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const status = document.getElementById('turn-status') as HTMLElement;
const loading = document.getElementById('turn-loading') as HTMLElement;
const box = document.getElementById('turn-meeting') as HTMLElement;

async function confirm(): Promise<void> {
  let res: Response | undefined;
  try {
    res = token ? await fetch(`/api/turns/confirm?lang=${pageLang()}`, { method: 'POST', headers: { accept: 'application/json', authorization: `Bearer ${token}` }, credentials: 'omit', referrerPolicy: 'no-referrer' }) : undefined;
  } catch {
    res = undefined;
  }
  loading.hidden = true;
  if (!res || res.status === 401 || res.status === 404) return showMessage(status, 'error', m['turn.badLink'] ?? '');
  if (res.status === 409) return showMessage(status, 'info', m['turn.used'] ?? '');
  if (res.status === 410) {
    const code = ((await res.json().catch(() => ({}))) as { error?: { code?: string } }).error?.code;
    return showMessage(status, 'error', code === 'released' ? (m['turn.released'] ?? '') : (m['turn.expired'] ?? ''));
  }
  if (!res.ok) return generalError(status, m, res.status);
  const out = (await res.json()) as { meeting: PublicMeeting; turn: PublicTurn };
  titleInto(document.getElementById('t-title') as HTMLElement, out.meeting);
  (document.getElementById('t-facts') as HTMLElement).replaceChildren(
    el('dt', fill(m['turns.number'], { n: out.turn.number })),
    el('dd', turnLine(out.turn)),
    ...facts(m, out.meeting, { seats: false }),
  );
  (document.getElementById('t-page') as HTMLAnchorElement).href = `/${pageLang()}/meetings/view/?id=${encodeURIComponent(out.meeting.id)}`;
  box.hidden = false;
  showMessage(status, 'success', m['turn.confirmed.title'] ?? '', m['turn.confirmed.text']);
}

void confirm();
