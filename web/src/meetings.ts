import { api, messages, pageLang, type Localised } from './forms.js';
import { el, facts, titleInto, whenText, type PublicMeeting } from './meeting-text.js';
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

const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;
/** A meeting's date as written (its Helsinki wall-clock date), in the page's language. */
const dateParts = (date: string, o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(LOCALES[pageLang()], { ...o, timeZone: 'UTC' }).format(new Date(`${date}T12:00:00Z`));
const meetingHref = (id: string) => `/${pageLang()}/meetings/view/?id=${encodeURIComponent(id)}`;

/** The calendar leaf: month, day, weekday. Decoration: the when-line below says the same in words. */
function leaf(date: string): HTMLElement {
  const box = el('div', undefined, 'date-leaf');
  box.setAttribute('aria-hidden', 'true');
  box.append(el('span', dateParts(date, { month: 'short' }).replace(/\.$/, ''), 'leaf-month'), el('span', dateParts(date, { day: 'numeric' }).replace(/\.$/, ''), 'leaf-day'), el('span', dateParts(date, { weekday: 'short' }), 'leaf-weekday'));
  return box;
}

/**
 * One card per series (a single meeting is a series of one), date first:
 * the next meeting's calendar leaf, title, time, place and seats, and for a
 * series every date, each a link to that meeting's page and sign-up.
 */
function card(series: PublicMeeting[]): HTMLLIElement {
  const next = series.find((x) => x.status !== 'cancelled') ?? series[0]!;
  const li = el('li', undefined, 'card meeting-card');
  const body = el('div', undefined, 'meeting-body');
  const h = el('h3');
  const a = el('a');
  a.href = meetingHref(next.id);
  titleInto(a, next);
  h.append(a);
  const when = el('p', whenText(m, next.date, next.startTime, next.endTime), 'meeting-when');
  body.append(h, when);
  if (next.status === 'cancelled') body.append(el('p', m['meetings.status.cancelled'], 'tag cancelled'));
  const dl = el('dl', undefined, 'facts');
  dl.append(...facts(m, next, { when: false, turns: true }));
  body.append(dl);
  if (series.length > 1) {
    const dates = el('ul', undefined, 'series-dates');
    dates.setAttribute('aria-label', m['meetings.series.dates'] ?? '');
    for (const x of series) {
      const item = el('li');
      const link = el('a', dateParts(x.date, { weekday: 'short', day: 'numeric', month: 'numeric' }));
      link.href = meetingHref(x.id);
      item.append(link);
      if (x.status === 'cancelled') item.append(' ', el('span', `(${m['meetings.status.cancelled'] ?? ''})`, 'muted'));
      else if (x.seatsLeft === 0) item.append(' ', el('span', `(${m['meetings.series.full'] ?? ''})`, 'muted'));
      dates.append(item);
    }
    body.append(el('p', m['meetings.series.dates'], 'series-dates-h'), dates);
  }
  li.append(leaf(next.date), body);
  return li;
}

/** The meetings grouped by series, in the order of each series' first coming meeting. */
function bySeries(meetings: PublicMeeting[]): PublicMeeting[][] {
  const groups = new Map<string, PublicMeeting[]>();
  for (const x of meetings) {
    const key = x.seriesId ?? x.id;
    groups.set(key, [...(groups.get(key) ?? []), x]);
  }
  return [...groups.values()];
}

async function load(network: string): Promise<void> {
  subscribeLink.href = `/api/networks/${encodeURIComponent(network)}/calendar.ics`;
  subscribe.hidden = false;
  const res = await api<{ meetings: PublicMeeting[] }>('GET', `/api/meetings?network=${encodeURIComponent(network)}&lang=${pageLang()}`);
  if (!res.body) return message(m['meetings.error'] ?? '');
  list.removeAttribute('aria-busy');
  if (!res.body.meetings.length) return message(m['meetings.empty'] ?? '');
  list.replaceChildren(...bySeries(res.body.meetings).map(card));
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
