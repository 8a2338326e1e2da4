import { formatDate } from './listing-view.js';
import { clockTime, clockWord, helsinkiClock, helsinkiDay } from './time.js';
import { api, bindJsonForm, generalError, messages, pageLang, showMessage, type Localised } from './forms.js';
// The listings section listens for the desk's network before the desk starts.
import './coordinator-listings.js';
// The surveys section too (list, builder, results).
import './coordinator-surveys.js';
// The meetings section too (web/src/coordinator-meetings.ts).
import './coordinator-meetings.js';
// The mailing section too (subscribers, digest preview, send now, history).
import './coordinator-mailing.js';
import { fillNetworkPicker } from './network-picker.js';
import { announceCount, bindDeskTabs } from './desk-tabs.js';

const m = messages();
const status = document.getElementById('desk-status') as HTMLElement;
const desk = document.getElementById('desk') as HTMLElement;
const select = document.getElementById('network-select') as HTMLSelectElement;

interface Session {
  email: string;
  networks: Array<{ id: string; name: Localised; municipalities: string[] }>;
}

const fill = (text: string | undefined, values: Record<string, string>) => (text ?? '').replace(/\{(\w+)\}/g, (whole, k: string) => values[k] ?? whole);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

let asked = 0;

async function loadCoordinators(network: string) {
  const list = document.getElementById('coordinator-list') as HTMLUListElement;
  const res = await api<{ coordinators: Array<{ email: string; source: 'config' | 'added' }> }>('GET', `/api/coordinator/networks/${encodeURIComponent(network)}/coordinators`);
  if (res.body) announceCount('coordinators', res.body.coordinators.length);
  list.replaceChildren(
    ...(res.body?.coordinators ?? []).map((c) => {
      const li = el('li');
      li.append(el('span', c.email), ' ');
      // The configured coordinators are the break-glass path: removed only by changing the configuration.
      if (c.source === 'config') {
        li.append(el('span', `(${m['coord.configured'] ?? ''})`));
        return li;
      }
      const remove = el('button', m['coord.remove']);
      remove.type = 'button';
      remove.className = 'link';
      remove.setAttribute('aria-label', `${m['coord.remove'] ?? ''} ${c.email}`);
      // Asks first, in the row itself; the answer replaces the question.
      remove.addEventListener('click', () => {
        const ask = el('div');
        ask.className = 'confirm-row';
        ask.setAttribute('role', 'group');
        const q = el('p', fill(m['coord.remove.confirm'], { email: c.email }));
        q.id = `remove-q-${++asked}`;
        q.tabIndex = -1;
        ask.setAttribute('aria-labelledby', q.id);
        const yes = el('button', m['coord.remove.yes']);
        yes.type = 'button';
        yes.className = 'primary';
        const no = el('button', m['coord.remove.no']);
        no.type = 'button';
        no.className = 'secondary';
        const buttons = el('p');
        buttons.className = 'actions';
        buttons.append(yes, no);
        ask.append(q, buttons);
        remove.hidden = true;
        li.append(ask);
        q.focus();
        no.addEventListener('click', () => {
          ask.remove();
          remove.hidden = false;
          remove.focus();
        });
        yes.addEventListener('click', async () => {
          yes.disabled = true;
          const out = await api('DELETE', `/api/coordinator/networks/${encodeURIComponent(network)}/coordinators/${encodeURIComponent(c.email)}`);
          ask.remove();
          remove.hidden = false;
          if (out.status === 200) {
            await refresh();
            showMessage(status, 'success', fill(m['coord.remove.done'], { email: c.email }));
          } else if (out.status === 409 && out.error?.code === 'last_coordinator') showMessage(status, 'error', m['coord.remove.last'] ?? '');
          else if (out.status === 409 && out.error?.code === 'config_coordinator') showMessage(status, 'error', m['coord.remove.configured'] ?? '');
          else if (out.status === 404) {
            await refresh();
            showMessage(status, 'error', fill(m['coord.remove.gone'], { email: c.email }));
          } else generalError(status, m, out.status);
        });
      });
      li.append(remove);
      return li;
    }),
  );
}

/** Where an audit entry's target can be seen, if anywhere public. */
function targetLink(kind: string, id: string): string | undefined {
  const lang = pageLang();
  if (kind === 'listing') return `/${lang}/listings/view/?id=${encodeURIComponent(id)}`;
  if (kind === 'meeting') return `/${lang}/meetings/view/?id=${encodeURIComponent(id)}`;
  return undefined;
}

/** "29.11.2026 klo 19.47" in Helsinki, like every other time on the pages. */
function when(iso: string): string {
  return `${formatDate(helsinkiDay(iso))} ${clockWord()}${clockTime(helsinkiClock(iso))}`;
}

/**
 * The audit log as sentences ("maija@… hyväksyi ilmoituksen"), newest first,
 * each with its Helsinki time and a link to what it was about when that has
 * a page. An action without a sentence of its own falls back to its name.
 */
async function loadAudit(network: string) {
  const box = document.getElementById('audit-body') as HTMLElement;
  const res = await api<{ entries: Array<{ at: string; actor: string; action: string; target: { kind: string; id: string } }> }>('GET', `/api/coordinator/networks/${encodeURIComponent(network)}/audit?limit=20`);
  const entries = res.body?.entries ?? [];
  if (!entries.length) {
    box.replaceChildren(el('p', m['coord.empty']));
    return;
  }
  const list = el('ol');
  list.className = 'audit-log';
  for (const e of entries) {
    const li = el('li');
    const time = el('time', when(e.at));
    time.dateTime = e.at;
    const sentence = m[`coord.audit.${e.action}`] ?? m['coord.audit.other'] ?? '';
    const p = el('p');
    // The sentence's {target} becomes a link where the target has a page; the rest is text.
    const [before, after = ''] = fill(sentence, { actor: e.actor, action: e.action }).split('{target}');
    const href = targetLink(e.target.kind, e.target.id);
    const word = e.target.kind === 'coordinator' ? e.target.id : (m[`coord.audit.kind.${e.target.kind}`] ?? e.target.kind);
    const target: Node = href ? Object.assign(el('a', word), { href }) : el('span', word);
    p.append(before ?? '', target, after);
    li.append(time, p);
    list.append(li);
  }
  box.replaceChildren(list);
}

async function refresh() {
  const network = select.value;
  if (!network) return;
  await Promise.all([loadCoordinators(network), loadAudit(network)]);
  document.dispatchEvent(new CustomEvent('verkosto:network', { detail: network }));
}

async function start() {
  const res = await api<Session>('GET', '/api/auth/session');
  if (res.status !== 200 || !res.body) {
    (document.getElementById('signed-out') as HTMLElement).hidden = false;
    return;
  }
  (document.getElementById('who') as HTMLElement).textContent = res.body.email;
  fillNetworkPicker(select, res.body.networks, new URLSearchParams(location.search).get('network'));
  desk.hidden = false;
  await refresh();
}

select.addEventListener('change', () => void refresh());

document.getElementById('sign-out')!.addEventListener('click', async () => {
  await api('POST', '/api/auth/logout');
  location.href = `/${pageLang()}/coordinator/login/`;
});

const addForm = document.getElementById('add-coordinator') as HTMLFormElement;
bindJsonForm(addForm, {
  status,
  url: () => `/api/coordinator/networks/${encodeURIComponent(select.value)}/coordinators`,
  body: () => ({ email: String(new FormData(addForm).get('email') ?? '').trim() }),
  m,
  onSuccess: async () => {
    addForm.reset();
    await refresh();
  },
});

bindDeskTabs();
void start();
