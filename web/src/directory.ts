import { api, messages, pageLang, type Localised } from './forms.js';
import { el, fill, formatDateTime } from './listing-view.js';
import { bindDisclosure } from './disclosure.js';
import { fillNetworkPicker } from './network-picker.js';

const m = messages();
const form = document.getElementById('search-form') as HTMLFormElement;
const count = document.getElementById('results-count') as HTMLElement;
const list = document.getElementById('results') as HTMLUListElement;
const networkSelect = form.elements.namedItem('network') as HTMLSelectElement;
const municipalitySelect = form.elements.namedItem('municipality') as HTMLSelectElement;
const moreButton = document.getElementById('more') as HTMLButtonElement;
const didYouMean = document.getElementById('did-you-mean') as HTMLElement;
const didYouMeanLink = document.getElementById('did-you-mean-link') as HTMLAnchorElement;
const someWords = document.getElementById('some-words') as HTMLElement;
const relaxList = document.getElementById('relax') as HTMLUListElement;
const filterToggle = document.getElementById('filter-toggle') as HTMLButtonElement;
const filterPanel = document.getElementById('filter-panel') as HTMLElement;
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
  /** where the words the search matched are, as [start, end) offsets */
  highlight?: { title: Array<[number, number]>; summary: Array<[number, number]>; organisation: Array<[number, number]> };
}

type Facet = 'theme' | 'targetGroup' | 'municipality' | 'kind' | 'language';
type Filter = Facet | 'online' | 'free';
interface Answer {
  count: number;
  listings: Card[];
  facets?: Record<Facet, Record<string, number>>;
  allWords?: boolean;
  suggestion?: string;
  relax?: Array<{ filter: Filter; count: number }>;
}
/** The label of each filter, for "remove the filter". */
const FILTER_LABELS: Record<Filter, string> = {
  theme: 'dir.theme', targetGroup: 'dir.targetGroup', municipality: 'dir.municipality', kind: 'submit.kind', language: 'dir.language', online: 'dir.online', free: 'dir.free',
};

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

/** The filters that narrow the search (not the network or the words): what "Rajaa (n)" counts. */
const NARROWING = ['theme', 'targetGroup', 'language', 'kind', 'municipality', 'online', 'free'] as const;

function showFilterCount(): void {
  const params = query();
  const n = NARROWING.filter((k) => params.has(k)).length;
  filterToggle.textContent = n ? fill(m['dir.filters.n'], { n }) : (m['dir.filters'] ?? '');
}

/**
 * On a phone (site.css shows the button only there) the filters fold behind
 * "Rajaa (n)", a disclosure button, so the first result is on the first screen.
 */
const openFilters = bindDisclosure(filterToggle, filterPanel);
form.classList.add('drawer-ready');
form.addEventListener('change', showFilterCount);

function fillMunicipalities(): void {
  const n = networks.find((x) => x.id === networkSelect.value);
  const keep = municipalitySelect.value;
  while (municipalitySelect.options.length > 1) municipalitySelect.remove(1);
  for (const name of n?.municipalities ?? []) municipalitySelect.add(new Option(name, name));
  municipalitySelect.value = n?.municipalities.includes(keep) ? keep : '';
}

/**
 * A text with the matched words marked: text nodes and <mark> elements
 * only, so nothing in a listing's text is ever read as HTML.
 */
function marked<K extends keyof HTMLElementTagNameMap>(tag: K, text: string, ranges: ReadonlyArray<[number, number]> = [], className?: string): HTMLElementTagNameMap[K] {
  const e = el(tag, undefined, className);
  let at = 0;
  for (const [start, end] of ranges) {
    if (start < at || end > text.length || end <= start) continue;
    e.append(document.createTextNode(text.slice(at, start)), el('mark', text.slice(start, end)));
    at = end;
  }
  e.append(document.createTextNode(text.slice(at)));
  return e;
}

function card(c: Card): HTMLLIElement {
  const li = el('li', undefined, 'card');
  const h = el('h3');
  const a = marked('a', c.title, c.highlight?.title);
  // Finnish for want of a translation is marked, so screen readers switch voice (WCAG 3.1.2).
  if (c.titleLang) a.lang = c.titleLang;
  a.href = `/${pageLang()}/listings/view/?id=${encodeURIComponent(c.id)}`;
  h.append(a);
  li.append(h, marked('p', c.organisation, c.highlight?.organisation, 'org'));
  if (c.summary) {
    const p = marked('p', c.summary, c.highlight?.summary);
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
  return api<Answer>('GET', `/api/listings?${params}&lang=${pageLang()}&offset=${offset}&limit=${PAGE}`);
}

let facets: Answer['facets'];

/** Each filter choice shows how many hits choosing it gives under the query and the other filters. */
function showFacetCounts(): void {
  for (const name of ['theme', 'targetGroup', 'municipality', 'kind', 'language'] as const) {
    const select = form.elements.namedItem(name) as HTMLSelectElement | null;
    if (!select) continue;
    for (const option of select.options) {
      if (!option.value) continue;
      option.dataset.label ??= option.textContent ?? '';
      option.textContent = facets ? fill(m['dir.count'], { label: option.dataset.label, n: facets[name][option.value] ?? 0 }) : option.dataset.label;
    }
  }
}

/** "Did you mean", the note on a partial match, and the filters that emptied the answer, each one click from a new search. */
function showHelp(answer: Answer): void {
  if (answer.suggestion) {
    const params = query();
    params.set('q', answer.suggestion);
    didYouMeanLink.textContent = answer.suggestion;
    didYouMeanLink.href = `${location.pathname}?${params.toString()}`;
  }
  didYouMean.hidden = !answer.suggestion;
  someWords.hidden = answer.allWords !== false || answer.count === 0;
  relaxList.replaceChildren(
    ...(answer.relax ?? []).map(({ filter, count: n }) => {
      const label = m[FILTER_LABELS[filter]] ?? filter;
      const li = el('li');
      const button = el('button', fill(m['dir.relax.action'], { filter: label }), 'secondary');
      button.type = 'button';
      button.addEventListener('click', () => {
        const control = form.elements.namedItem(filter);
        if (control instanceof HTMLInputElement) control.checked = false;
        else if (control instanceof HTMLSelectElement) control.value = '';
        showFilterCount();
        form.requestSubmit();
      });
      li.append(el('span', `${fill(m['dir.relax'], { filter: label, n })} `), button);
      return li;
    }),
  );
  relaxList.hidden = !answer.relax?.length;
}

didYouMeanLink.addEventListener('click', (ev) => {
  ev.preventDefault();
  (form.elements.namedItem('q') as HTMLInputElement).value = didYouMeanLink.textContent ?? '';
  form.requestSubmit();
});

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
  facets = res.body.facets;
  showFacetCounts();
  showHelp(res.body);
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
  // The answer is what the person wants to see next: the drawer gives it the screen back.
  openFilters(false);
  showFilterCount();
  void search();
});

networkSelect.addEventListener('change', () => {
  fillMunicipalities();
  // The counts were another network's; they come back with the next search.
  facets = undefined;
  showFacetCounts();
});

window.addEventListener('popstate', () => {
  fromUrl();
  fillMunicipalities();
  showFilterCount();
  void search();
});

async function start(): Promise<void> {
  const res = await api<{ networks: Network[] }>('GET', '/api/networks');
  if (!res.body?.networks.length) {
    count.textContent = m['home.networks.error'] ?? '';
    return;
  }
  networks = res.body.networks;
  (document.getElementById('network-field') as HTMLElement).hidden = networks.length < 2;
  const wanted = new URLSearchParams(location.search).get('network');
  fillNetworkPicker(networkSelect, networks, wanted && networks.some((n) => n.id === wanted) ? wanted : networks[0]!.id);
  fillMunicipalities();
  fromUrl();
  if (!networkSelect.value) networkSelect.value = networks[0]!.id;
  showFilterCount();
  await search();
}

showFilterCount();
void start();
