import { api, messages, pageLang, type Localised } from './forms.js';
import { el, fill, formatDateTime } from './listing-view.js';

const m = messages();
const form = document.getElementById('search-form') as HTMLFormElement;
const count = document.getElementById('results-count') as HTMLElement;
const list = document.getElementById('results') as HTMLUListElement;
const networkSelect = form.elements.namedItem('network') as HTMLSelectElement;
const municipalitySelect = form.elements.namedItem('municipality') as HTMLSelectElement;
const moreButton = document.getElementById('more') as HTMLButtonElement;
/** Cards fetched at a time: a network may list thousands, a person reads a screenful. */
const PAGE = 20;

interface Network {
  id: string;
  name: Localised;
  municipalities: string[];
}
interface Card {
  id: string;
  kind: string;
  title: string;
  /** 'fi' when the text came in Finnish for want of a translation */
  titleLang?: string;
  summary: string;
  summaryLang?: string;
  organisation: string;
  municipalities: string[];
  online: boolean;
  free: boolean;
  next: string | null;
}

const FILTERS = ['network', 'q', 'theme', 'targetGroup', 'language', 'kind', 'municipality', 'online', 'free'] as const;
let networks: Network[] = [];

/** The filters as they stand in the form: only what is set, so the URL stays short and linkable. */
function query(): URLSearchParams {
  const params = new URLSearchParams();
  const data = new FormData(form);
  for (const k of FILTERS) {
    const v = String(data.get(k) ?? '').trim();
    if (v) params.set(k, v);
  }
  return params;
}

/** The URL's filters into the form (a shared link, the back button). */
function fromUrl(): void {
  const params = new URLSearchParams(location.search);
  for (const k of FILTERS) {
    const c = form.elements.namedItem(k);
    const v = params.get(k) ?? '';
    if (c instanceof HTMLInputElement && c.type === 'checkbox') c.checked = v === 'true';
    else if (c instanceof HTMLInputElement || c instanceof HTMLSelectElement) {
      if (k === 'network' && !v) continue;
      c.value = v;
      // A value the select does not offer falls back to "any".
      if (c instanceof HTMLSelectElement && c.value !== v) c.selectedIndex = 0;
    }
  }
}

function fillMunicipalities(): void {
  const n = networks.find((x) => x.id === networkSelect.value);
  const keep = municipalitySelect.value;
  while (municipalitySelect.options.length > 1) municipalitySelect.remove(1);
  for (const name of n?.municipalities ?? []) municipalitySelect.add(new Option(name, name));
  municipalitySelect.value = n?.municipalities.includes(keep) ? keep : '';
}

function card(c: Card): HTMLLIElement {
  const li = el('li', undefined, 'card');
  const h = el('h3');
  const a = el('a', c.title);
  // Finnish for want of a translation is marked, so screen readers switch voice (WCAG 3.1.2).
  if (c.titleLang) a.lang = c.titleLang;
  a.href = `/${pageLang()}/listings/view/?id=${encodeURIComponent(c.id)}`;
  h.append(a);
  li.append(h, el('p', c.organisation, 'org'));
  if (c.summary) {
    const p = el('p', c.summary);
    if (c.summaryLang) p.lang = c.summaryLang;
    li.append(p);
  }
  const facts: string[] = [m[`enum.kind.${c.kind}`] ?? c.kind];
  if (c.municipalities.length) facts.push(c.municipalities.join(', '));
  li.append(el('p', facts.join(' · '), 'muted'));
  if (c.next) li.append(el('p', `${m['dir.next'] ?? ''}: ${formatDateTime(c.next)}`));
  if (c.free || c.online) {
    const badges = el('ul', undefined, 'badges');
    if (c.free) badges.append(el('li', m['dir.free.label'], 'badge'));
    if (c.online) badges.append(el('li', m['dir.online.label'], 'badge'));
    li.append(badges);
  }
  return li;
}

/** The search being shown: its filters, every hit it has and how many are on the page. */
let shown = { params: '', total: 0, count: 0 };

function showCount(): void {
  const { total: n, count: k } = shown;
  count.textContent = n === 0 ? (m['dir.none'] ?? '') : n === 1 ? (m['dir.results.one'] ?? '') : k < n ? fill(m['dir.shown'], { n, shown: k }) : fill(m['dir.results'], { n });
  moreButton.hidden = k >= n;
}

async function fetchPage(params: string, offset: number) {
  return api<{ count: number; listings: Card[] }>('GET', `/api/listings?${params}&lang=${pageLang()}&offset=${offset}&limit=${PAGE}`);
}

async function search(): Promise<void> {
  const params = query().toString();
  const res = await fetchPage(params, 0);
  if (!res.body) {
    list.replaceChildren();
    moreButton.hidden = true;
    count.textContent = m['dir.error'] ?? '';
    return;
  }
  list.replaceChildren(...res.body.listings.map(card));
  shown = { params, total: res.body.count, count: res.body.listings.length };
  showCount();
}

/** The next page goes below the cards already shown; focus moves to its first card so a keyboard user reads on from there. */
async function more(): Promise<void> {
  const res = await fetchPage(shown.params, shown.count);
  if (!res.body) {
    count.textContent = m['dir.error'] ?? '';
    return;
  }
  const cards = res.body.listings.map(card);
  list.append(...cards);
  shown = { ...shown, total: res.body.count, count: shown.count + cards.length };
  showCount();
  cards[0]?.querySelector('a')?.focus();
}

moreButton.addEventListener('click', () => void more());

form.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const params = query();
  // The network is in the URL only when there is a choice to remember.
  if (networks.length <= 1) params.delete('network');
  history.pushState(null, '', `${location.pathname}${params.size ? `?${params.toString()}` : ''}`);
  void search();
});

networkSelect.addEventListener('change', fillMunicipalities);

window.addEventListener('popstate', () => {
  fromUrl();
  fillMunicipalities();
  void search();
});

async function start(): Promise<void> {
  const res = await api<{ networks: Network[] }>('GET', '/api/networks');
  if (!res.body?.networks.length) {
    count.textContent = m['home.networks.error'] ?? '';
    return;
  }
  networks = res.body.networks;
  for (const n of networks) {
    const option = new Option(n.name[pageLang()] ?? n.name.fi, n.id);
    if (!n.name[pageLang()]) option.lang = 'fi';
    networkSelect.add(option);
  }
  (document.getElementById('network-field') as HTMLElement).hidden = networks.length < 2;
  const wanted = new URLSearchParams(location.search).get('network');
  networkSelect.value = wanted && networks.some((n) => n.id === wanted) ? wanted : networks[0]!.id;
  fillMunicipalities();
  fromUrl();
  if (!networkSelect.value) networkSelect.value = networks[0]!.id;
  await search();
}

void start();
