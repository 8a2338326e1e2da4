import { api, messages, pageLang, type Localised } from './forms.js';
import { el, facts, titleInto, type PublicMeeting } from './meeting-text.js';
import { fillNetworkPicker, type PickerNetwork } from './network-picker.js';

/** /<lang>/meetings/?network=…: a network's coming meetings and its calendar feed. */
const m = messages();
const list = document.getElementById('meetings') as HTMLUListElement;
const select = document.getElementById('f-network') as HTMLSelectElement;
const subscribe = document.getElementById('subscribe') as HTMLElement;
const subscribeLink = document.getElementById('subscribe-link') as HTMLAnchorElement;

function message(text: string): void {
  list.removeAttribute('aria-busy');
  list.replaceChildren(el('li', text, 'muted'));
}

function card(meeting: PublicMeeting): HTMLLIElement {
  const li = el('li', undefined, 'card');
  const h = el('h3');
  const a = el('a');
  a.href = `/${pageLang()}/meetings/view/?id=${encodeURIComponent(meeting.id)}`;
  titleInto(a, meeting);
  h.append(a);
  li.append(h);
  if (meeting.status === 'cancelled') li.append(el('p', m['meetings.status.cancelled'], 'tag cancelled'));
  const dl = el('dl', undefined, 'facts');
  dl.append(...facts(m, meeting));
  li.append(dl);
  return li;
}

async function load(network: string): Promise<void> {
  subscribeLink.href = `/api/networks/${encodeURIComponent(network)}/calendar.ics`;
  subscribe.hidden = false;
  const res = await api<{ meetings: PublicMeeting[] }>('GET', `/api/meetings?network=${encodeURIComponent(network)}&lang=${pageLang()}`);
  if (!res.body) return message(m['meetings.error'] ?? '');
  list.removeAttribute('aria-busy');
  if (!res.body.meetings.length) return message(m['meetings.empty'] ?? '');
  list.replaceChildren(...res.body.meetings.map(card));
}

async function start(): Promise<void> {
  const res = await api<{ networks: PickerNetwork[] }>('GET', '/api/networks');
  const networks = res.body?.networks ?? [];
  const wanted = new URLSearchParams(location.search).get('network');
  const network = networks.find((n) => n.id === wanted)?.id ?? networks[0]?.id;
  if (!network) return message(m['meetings.error'] ?? '');
  fillNetworkPicker(select, networks, network);
  await load(network);
}

void start();
