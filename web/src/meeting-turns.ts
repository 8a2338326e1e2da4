import { api, bindJsonForm, clearErrors, formJson, pageLang, showMessage, type Messages } from './forms.js';
import { el, fill, momentText, turnLine, type PublicMeeting, type PublicTurn } from './meeting-text.js';

/**
 * The presentation turns of the meeting page: each turn with who presents
 * and what (once confirmed), and for a free one a button that opens the
 * claim form. Everything goes into the page as text.
 */
export function bindTurns(m: Messages, meetingId: string): { show(meeting: PublicMeeting): void } {
  const section = document.getElementById('turns') as HTMLElement;
  const list = document.getElementById('turns-list') as HTMLOListElement;
  const status = document.getElementById('turns-status') as HTMLElement;
  const claimBox = document.getElementById('turn-claim') as HTMLElement;
  const heading = document.getElementById('turn-claim-h') as HTMLElement;
  const form = document.getElementById('turn-form') as HTMLFormElement;
  const formStatus = document.getElementById('turn-form-status') as HTMLElement;
  const showPresenter = document.getElementById('f-turn-show') as HTMLInputElement;
  let chosen: { turn: PublicTurn; opener: HTMLElement } | undefined;

  const label = (t: PublicTurn) => [fill(m['turns.number'], { n: t.number }), ...(t.minutes ? [fill(m['turns.minutes'], { n: t.minutes })] : [])].join(' · ');

  function open(turn: PublicTurn, opener: HTMLElement): void {
    chosen = { turn, opener };
    clearErrors(form, formStatus);
    heading.textContent = fill(m['turns.form.heading'], { n: turn.number });
    claimBox.hidden = false;
    heading.focus();
  }

  function show(meeting: PublicMeeting): void {
    if (!meeting.turns.length) {
      section.hidden = true;
      return;
    }
    const canClaim = meeting.turnsOpen;
    list.replaceChildren(
      ...meeting.turns.map((t) => {
        const li = el('li', undefined, `turn turn-${t.status}`);
        li.append(el('span', label(t), 'turn-label'), ' ');
        if (t.status === 'claimed') li.append(el('span', turnLine(t), 'turn-what'));
        else if (t.status === 'pending') li.append(el('span', m['turns.pending'], 'turn-what muted'));
        else {
          li.append(el('span', m['turns.free'], 'turn-what'));
          if (canClaim) {
            const b = el('button', m['turns.claim'], 'secondary');
            b.type = 'button';
            b.setAttribute('aria-label', `${m['turns.claim'] ?? ''}: ${label(t)}`);
            b.addEventListener('click', () => open(t, b));
            li.append(' ', b);
          }
        }
        return li;
      }),
    );
    (document.getElementById('turns-lead') as HTMLElement).hidden = !canClaim;
    section.hidden = false;
  }

  async function reload(): Promise<void> {
    const res = await api<PublicMeeting>('GET', `/api/meetings/${encodeURIComponent(meetingId)}?lang=${pageLang()}`);
    if (res.body) show(res.body);
  }

  document.getElementById('turn-form-close')!.addEventListener('click', () => {
    claimBox.hidden = true;
    chosen?.opener.focus();
  });

  bindJsonForm<{ status: 'pending'; holdUntil: string }>(form, {
    status: formStatus,
    url: () => `/api/meetings/${encodeURIComponent(meetingId)}/turns/${encodeURIComponent(chosen?.turn.slotId ?? '')}/claim?lang=${pageLang()}`,
    body: () => ({ ...formJson(form), showPresenter: showPresenter.checked, lang: pageLang() }),
    // 409: someone else was quicker; 410: the meeting was cancelled or began. Both said in words, with the list as it now is.
    accepted: [202, 409, 410],
    ...(m['turns.sending'] ? { busyText: m['turns.sending'] } : {}),
    m,
    onSuccess: async (out, code) => {
      claimBox.hidden = true;
      await reload();
      if (code === 409) return showMessage(status, 'error', m['turns.taken'] ?? '');
      if (code === 410) return showMessage(status, 'error', m['turns.gone'] ?? '');
      form.reset();
      showMessage(status, 'info', m['turns.sent.title'] ?? '', fill(m['turns.sent.text'], { until: out ? momentText(out.holdUntil) : '' }));
    },
  });

  return { show };
}
