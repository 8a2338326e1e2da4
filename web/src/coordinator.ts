import { api, bindJsonForm, generalError, messages, pageLang, type Localised } from './forms.js';
// The listings section listens for the desk's network before the desk starts.
import './coordinator-listings.js';
// The surveys section too (list, builder, results).
import './coordinator-surveys.js';
// The meetings section too (web/src/coordinator-meetings.ts).
import './coordinator-meetings.js';
// The mailing section too (subscribers, digest preview, send now, history).
import './coordinator-mailing.js';
import { fillNetworkPicker } from './network-picker.js';

const m = messages();
const status = document.getElementById('desk-status') as HTMLElement;
const desk = document.getElementById('desk') as HTMLElement;
const select = document.getElementById('network-select') as HTMLSelectElement;

interface Session {
  email: string;
  networks: Array<{ id: string; name: Localised; municipalities: string[] }>;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  return e;
}

async function loadCoordinators(network: string) {
  const list = document.getElementById('coordinator-list') as HTMLUListElement;
  const res = await api<{ coordinators: Array<{ email: string; source: 'config' | 'added' }> }>('GET', `/api/coordinator/networks/${encodeURIComponent(network)}/coordinators`);
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
      remove.addEventListener('click', async () => {
        const out = await api('DELETE', `/api/coordinator/networks/${encodeURIComponent(network)}/coordinators/${encodeURIComponent(c.email)}`);
        if (out.status === 200) await refresh();
        else generalError(status, m, out.status);
      });
      li.append(remove);
      return li;
    }),
  );
}

async function loadAudit(network: string) {
  const box = document.getElementById('audit-body') as HTMLElement;
  const res = await api<{ entries: Array<{ at: string; actor: string; action: string; target: { kind: string; id: string } }> }>('GET', `/api/coordinator/networks/${encodeURIComponent(network)}/audit?limit=20`);
  const entries = res.body?.entries ?? [];
  if (!entries.length) {
    box.replaceChildren(el('p', m['coord.empty']));
    return;
  }
  const table = el('table');
  const head = el('tr');
  for (const k of ['coord.audit.when', 'coord.audit.who', 'coord.audit.what', 'coord.audit.target']) {
    const th = el('th', m[k]);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const e of entries) {
    const tr = el('tr');
    tr.append(el('td', new Date(e.at).toLocaleString(document.documentElement.lang)), el('td', e.actor), el('td', e.action), el('td', `${e.target.kind} ${e.target.id}`));
    tbody.append(tr);
  }
  table.append(thead, tbody);
  box.replaceChildren(table);
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

void start();
