/**
 * The surveys section of the coordinator desk: the network's surveys with
 * open / close / publish, their results (with free texts) and the CSV
 * export, and the builder form. Loads whenever the desk picks a network
 * (the `verkosto:network` event from coordinator.ts).
 */
import { api, bindJsonForm, formJson, generalError, messages, pageLang, setLocalText, showMessage, type Localised } from './forms.js';
import { initRepeats, syncReveals } from './reveal.js';
import { renderResults, type SurveyResults } from './survey-results-view.js';

const m = messages();
const status = document.getElementById('surveys-status') as HTMLElement | null;
const list = document.getElementById('survey-list') as HTMLUListElement | null;
const form = document.getElementById('survey-builder-form') as HTMLFormElement | null;
const networkSelect = document.getElementById('network-select') as HTMLSelectElement | null;

interface SurveySummary {
  id: string;
  title: Localised;
  status: 'draft' | 'open' | 'closed';
  opensAt: string;
  closesAt: string;
  responses: number;
  anonymous: boolean;
  resultsPublic: boolean;
}

const fill = (text: string | undefined, values: Record<string, string>) => (text ?? '').replace(/\{(\w+)\}/g, (whole, k: string) => values[k] ?? whole);
const local = (t: Localised) => t[pageLang()] ?? t.fi;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function button(text: string | undefined, className: string, onClick: (b: HTMLButtonElement) => void | Promise<void>): HTMLButtonElement {
  const b = el('button', text ?? '', className);
  b.type = 'button';
  b.addEventListener('click', () => void onClick(b));
  return b;
}

function link(text: string | undefined, href: string): HTMLAnchorElement {
  const a = el('a', text ?? '');
  a.href = href;
  return a;
}

const period = (s: SurveySummary) => {
  const f = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' });
  return `${f.format(new Date(s.opensAt))} – ${f.format(new Date(s.closesAt))}`;
};

async function act(s: SurveySummary, action: 'open' | 'close' | 'publish') {
  const res = await api('POST', `/api/coordinator/surveys/${encodeURIComponent(s.id)}/${action}`);
  if (res.status !== 200 && res.status !== 202) {
    if (status) generalError(status, m, res.status);
    return;
  }
  await load(networkSelect?.value ?? '');
  const key = { open: 'coord.surveys.done.opened', close: 'coord.surveys.done.closed', publish: 'coord.surveys.done.published' }[action];
  if (status) showMessage(status, 'success', fill(m[key], { title: local(s.title) }));
}

async function toggleResults(s: SurveySummary, b: HTMLButtonElement, box: HTMLElement) {
  if (b.getAttribute('aria-expanded') === 'true') {
    box.hidden = true;
    b.setAttribute('aria-expanded', 'false');
    return;
  }
  const res = await api<SurveyResults>('GET', `/api/coordinator/surveys/${encodeURIComponent(s.id)}/results?lang=${pageLang()}`);
  if (res.status !== 200 || !res.body) {
    if (status) generalError(status, m, res.status);
    return;
  }
  renderResults(box, res.body, m, { level: 4, idPrefix: `res-${s.id}`, lang: document.documentElement.lang });
  box.hidden = false;
  b.setAttribute('aria-expanded', 'true');
}

function card(s: SurveySummary): HTMLLIElement {
  const li = el('li', undefined, 'card survey-card');
  li.dataset.survey = s.id;
  const h = el('h3');
  setLocalText(h, s.title);
  const facts = el('dl', undefined, 'facts');
  const state = `${m[`coord.surveys.status.${s.status}`] ?? s.status}${s.resultsPublic ? `, ${m['coord.surveys.published'] ?? ''}` : ''}`;
  for (const [k, v] of [
    ['coord.surveys.status', state],
    ['coord.surveys.period', period(s)],
    ['coord.surveys.responses', String(s.responses)],
  ] as const) facts.append(el('dt', m[k]), el('dd', v, k === 'coord.surveys.responses' ? 'survey-responses' : undefined));

  const actions = el('p', undefined, 'actions');
  const resultsBox = el('div', undefined, 'survey-results');
  resultsBox.id = `survey-results-${s.id}`;
  resultsBox.hidden = true;
  if (s.status === 'draft') actions.append(button(m['coord.surveys.open'], 'primary', () => act(s, 'open')));
  if (s.status === 'open') actions.append(button(m['coord.surveys.close'], 'secondary', () => act(s, 'close')));
  if (s.status !== 'draft' && !s.resultsPublic) actions.append(button(m['coord.surveys.publish'], 'secondary', () => act(s, 'publish')));
  if (s.status !== 'draft') {
    const show = button(m['coord.surveys.showResults'], 'secondary', (b) => toggleResults(s, b, resultsBox));
    show.setAttribute('aria-expanded', 'false');
    show.setAttribute('aria-controls', resultsBox.id);
    actions.append(show);
  }
  const links = el('ul', undefined, 'survey-links');
  const add = (a: HTMLAnchorElement) => {
    const item = el('li');
    item.append(a);
    links.append(item);
  };
  if (s.status !== 'draft') {
    const csv = link(m['coord.surveys.csv'], `/api/coordinator/surveys/${encodeURIComponent(s.id)}/responses.csv`);
    csv.setAttribute('download', '');
    add(csv);
  }
  if (s.status === 'open') add(link(m['coord.surveys.publicLink'], `/${pageLang()}/surveys/answer/?id=${encodeURIComponent(s.id)}`));
  if (s.resultsPublic) add(link(m['coord.surveys.resultsPage'], `/${pageLang()}/surveys/results/?id=${encodeURIComponent(s.id)}`));
  li.append(h, facts, actions);
  if (links.children.length) li.append(links);
  li.append(resultsBox);
  return li;
}

async function load(network: string) {
  if (!list || !network) return;
  const res = await api<{ surveys: SurveySummary[] }>('GET', `/api/coordinator/networks/${encodeURIComponent(network)}/surveys`);
  if (res.status !== 200 || !res.body) {
    list.replaceChildren(el('li', m['coord.surveys.error']));
    return;
  }
  const surveys = res.body.surveys;
  list.replaceChildren(...(surveys.length ? surveys.map(card) : [el('li', m['coord.surveys.none'], 'muted')]));
}

document.addEventListener('verkosto:network', (e) => void load((e as CustomEvent<string>).detail));

/* ---------- the builder ---------- */

const pad = (n: number) => String(n).padStart(2, '0');
const localInput = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
const iso = (v: unknown) => {
  const d = new Date(String(v));
  return typeof v === 'string' && !Number.isNaN(d.getTime()) ? d.toISOString() : v;
};
const flag = (v: unknown) => Array.isArray(v) && v.includes('true');

type Draft = Record<string, unknown> & { questions?: Array<Record<string, unknown>> };

/** formJson, then what the names cannot say: question and option ids, options from lines, flags as booleans, local times as ISO. */
function definition(f: HTMLFormElement): Draft {
  const d = formJson(f) as Draft;
  if (d.opensAt !== undefined) d.opensAt = iso(d.opensAt);
  if (d.closesAt !== undefined) d.closesAt = iso(d.closesAt);
  d.questions = (d.questions ?? []).map((q, i) => {
    const out: Record<string, unknown> = { ...q, id: `q${i + 1}`, required: flag(q.required) };
    if (q.kind === 'single' || q.kind === 'multiple') {
      const lines = String(q.options ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      out.options = lines.map((label, j) => ({ id: `o${j + 1}`, label: { fi: label } }));
    } else delete out.options;
    if (q.kind === 'multiple') out.other = flag(q.other);
    else delete out.other;
    return out;
  });
  return d;
}

function setDefaults(f: HTMLFormElement) {
  const now = new Date();
  now.setSeconds(0, 0);
  (f.elements.namedItem('opensAt') as HTMLInputElement).value = localInput(now);
  (f.elements.namedItem('closesAt') as HTMLInputElement).value = localInput(new Date(now.getTime() + 14 * 86400_000));
}

if (form && status) {
  const sync = () => syncReveals(form);
  form.addEventListener('change', sync);
  initRepeats(form, sync);
  setDefaults(form);
  bindJsonForm<{ id: string }>(form, {
    status,
    url: () => `/api/coordinator/networks/${encodeURIComponent(networkSelect?.value ?? '')}/surveys?lang=${pageLang()}`,
    body: () => definition(form),
    busyText: m['survey.sending'],
    m,
    onSuccess: async () => {
      const title = String(new FormData(form).get('title.fi') ?? '');
      form.reset();
      // Back to one question, the defaults and the reveals they imply.
      for (const remove of Array.from(form.querySelectorAll<HTMLButtonElement>('[data-repeat="questions"] [data-repeat-remove]')).slice(1).reverse()) remove.click();
      setDefaults(form);
      sync();
      await load(networkSelect?.value ?? '');
      showMessage(status, 'success', fill(m['coord.surveys.done.created'], { title }));
    },
  });
}
