/**
 * The surveys section of the coordinator desk: the network's surveys with
 * open / close / publish, their results (with free texts) and the CSV
 * export, and the builder form, which also edits a draft until it opens
 * (a draft's card has Edit and a Preview link to the answer page). Loads
 * whenever the desk picks a network (the `verkosto:network` event from
 * coordinator.ts).
 */
import { api, bindJsonForm, formJson, generalError, messages, pageLang, setLocalText, showMessage, type Localised } from './forms.js';
import { initRepeats, syncReveals } from './reveal.js';
import { MIN_PUBLISHED, renderResults, type SurveyResults } from './survey-results-view.js';

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
    if (!status) return;
    // Under five answers publishing is refused (small-number protection): say why and how many there are.
    if (res.error?.code === 'too_few_responses') showMessage(status, 'error', fill(m['coord.surveys.tooFew'], { n: String(s.responses), min: String(MIN_PUBLISHED) }));
    else generalError(status, m, res.status);
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
  if (s.status === 'draft') actions.append(button(m['coord.surveys.open'], 'primary', () => act(s, 'open')), button(m['coord.surveys.edit'], 'secondary', () => edit(s)));
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
  if (s.status === 'draft') add(link(m['coord.surveys.preview'], `/${pageLang()}/surveys/answer/?id=${encodeURIComponent(s.id)}&preview`));
  if (s.status === 'open') add(link(m['coord.surveys.publicLink'], `/${pageLang()}/surveys/answer/?id=${encodeURIComponent(s.id)}`));
  if (s.resultsPublic) add(link(m['coord.surveys.resultsPage'], `/${pageLang()}/surveys/results/?id=${encodeURIComponent(s.id)}`));
  li.append(h, facts);
  if (s.status !== 'draft' && !s.resultsPublic && s.responses < MIN_PUBLISHED) li.append(el('p', fill(m['coord.surveys.publishHint'], { min: String(MIN_PUBLISHED) }), 'hint'));
  li.append(actions);
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

interface Definition {
  id: string;
  title: Localised;
  intro: Localised;
  opensAt: string;
  closesAt: string;
  anonymous: boolean;
  invite: 'email' | 'digest';
  questions: Array<{ kind: string; id: string; text: Localised; required: boolean; options?: Array<{ id: string; label: Localised }>; other?: boolean; low?: Localised; high?: Localised }>;
}

/** The draft being edited, or undefined while the builder makes a new survey. */
let editing: Definition | undefined;

/** A Finnish text the builder shows, with the translations it does not show kept while the Finnish stays the same. */
const keep = (was: Localised | undefined, fi: unknown): unknown => (was && typeof fi === 'object' && fi !== null && (fi as Localised).fi === was.fi ? was : fi);

/** formJson, then what the names cannot say: question and option ids, options from lines, flags as booleans, local times as ISO. */
function definition(f: HTMLFormElement): Draft {
  const d = formJson(f) as Draft;
  if (d.opensAt !== undefined) d.opensAt = iso(d.opensAt);
  if (d.closesAt !== undefined) d.closesAt = iso(d.closesAt);
  d.questions = (d.questions ?? []).map((q, i) => {
    const was = editing?.questions[i]?.kind === q.kind ? editing?.questions[i] : undefined;
    const out: Record<string, unknown> = { ...q, id: `q${i + 1}`, required: flag(q.required), text: keep(was?.text, q.text) };
    if (q.kind === 'single' || q.kind === 'multiple') {
      const lines = String(q.options ?? '')
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      out.options = lines.map((label, j) => ({ id: `o${j + 1}`, label: was?.options?.find((o) => o.label.fi === label)?.label ?? { fi: label } }));
    } else delete out.options;
    if (q.kind === 'multiple') out.other = flag(q.other);
    else delete out.other;
    if (q.kind === 'scale') {
      out.low = keep(was?.low, q.low);
      out.high = keep(was?.high, q.high);
    }
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

const builder = document.getElementById('survey-builder') as HTMLDetailsElement | null;
const builderHeading = builder?.querySelector<HTMLElement>('summary h3');
const newHeading = builderHeading?.textContent ?? '';
const submitButton = form?.querySelector<HTMLButtonElement>('button[type="submit"]');
const saveText = submitButton?.textContent ?? '';
let cancelEdit: HTMLButtonElement | undefined;

function control<T extends HTMLElement = HTMLInputElement>(f: HTMLFormElement, name: string): T | null {
  return f.querySelector<T>(`[name="${CSS.escape(name)}"]`);
}

function setValue(f: HTMLFormElement, name: string, value: string) {
  const c = control<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(f, name);
  if (c) c.value = value;
}

function setChecked(f: HTMLFormElement, name: string, value: string | boolean) {
  for (const c of f.querySelectorAll<HTMLInputElement>(`[name="${CSS.escape(name)}"]`)) c.checked = typeof value === 'boolean' ? value : c.value === value;
}

/** Back to one question, the defaults and the reveals they imply; the builder makes a new survey again. */
function resetBuilder(f: HTMLFormElement) {
  f.reset();
  for (const remove of Array.from(f.querySelectorAll<HTMLButtonElement>('[data-repeat="questions"] [data-repeat-remove]')).slice(1).reverse()) remove.click();
  setDefaults(f);
  syncReveals(f);
  editing = undefined;
  if (builderHeading) builderHeading.textContent = newHeading;
  if (submitButton) submitButton.textContent = saveText;
  cancelEdit?.remove();
  cancelEdit = undefined;
}

/** The draft's definition into the builder: as many questions as it has, each with its kind, texts and options. */
function fillBuilder(f: HTMLFormElement, d: Definition) {
  resetBuilder(f);
  for (const lang of ['fi', 'sv', 'en'] as const) {
    setValue(f, `title.${lang}`, d.title[lang] ?? '');
    setValue(f, `intro.${lang}`, d.intro[lang] ?? '');
  }
  setValue(f, 'opensAt', localInput(new Date(d.opensAt)));
  setValue(f, 'closesAt', localInput(new Date(d.closesAt)));
  setChecked(f, 'anonymous', String(d.anonymous));
  setChecked(f, 'invite', d.invite);
  const add = f.querySelector<HTMLButtonElement>('[data-repeat-add="questions"]');
  for (let i = 1; i < d.questions.length; i++) add?.click();
  d.questions.forEach((q, i) => {
    const p = `questions.${i}`;
    setValue(f, `${p}.kind`, q.kind);
    setValue(f, `${p}.text.fi`, q.text.fi);
    setChecked(f, `${p}.required`, q.required);
    setValue(f, `${p}.options`, (q.options ?? []).map((o) => o.label.fi).join('\n'));
    setChecked(f, `${p}.other`, Boolean(q.other));
    setValue(f, `${p}.low.fi`, q.low?.fi ?? '');
    setValue(f, `${p}.high.fi`, q.high?.fi ?? '');
  });
  syncReveals(f);
}

/** Edit: the draft's definition fills the builder, which then saves with PUT until the survey opens. */
async function edit(s: SurveySummary) {
  if (!form || !status) return;
  const res = await api<Definition>('GET', `/api/coordinator/surveys/${encodeURIComponent(s.id)}`);
  if (res.status !== 200 || !res.body) return generalError(status, m, res.status);
  fillBuilder(form, res.body);
  editing = res.body;
  if (builderHeading) builderHeading.textContent = `${m['coord.surveys.editing'] ?? ''}: ${local(res.body.title)}`;
  if (submitButton) {
    submitButton.textContent = m['coord.surveys.f.saveChanges'] ?? '';
    cancelEdit = button(m['coord.surveys.f.cancelEdit'], 'secondary', () => {
      resetBuilder(form);
      builder?.querySelector<HTMLElement>('summary')?.focus();
    });
    submitButton.after(' ', cancelEdit);
  }
  if (builder) builder.open = true;
  control(form, 'title.fi')?.focus();
}

if (form && status) {
  const sync = () => syncReveals(form);
  form.addEventListener('change', sync);
  initRepeats(form, sync);
  setDefaults(form);
  bindJsonForm<{ id: string }>(form, {
    status,
    method: () => (editing ? 'PUT' : 'POST'),
    url: () => (editing ? `/api/coordinator/surveys/${encodeURIComponent(editing.id)}?lang=${pageLang()}` : `/api/coordinator/networks/${encodeURIComponent(networkSelect?.value ?? '')}/surveys?lang=${pageLang()}`),
    body: () => definition(form),
    accepted: [200, 201, 409],
    busyText: m['survey.sending'],
    m,
    onSuccess: async (_b, code) => {
      // 409: the draft was opened meanwhile (perhaps in another tab); it stays as it was asked.
      if (code === 409) return showMessage(status, 'error', m['coord.surveys.notDraft'] ?? '');
      const title = String(new FormData(form).get('title.fi') ?? '');
      const wasEditing = Boolean(editing);
      resetBuilder(form);
      if (wasEditing && builder) builder.open = false;
      await load(networkSelect?.value ?? '');
      showMessage(status, 'success', fill(m[wasEditing ? 'coord.surveys.done.edited' : 'coord.surveys.done.created'], { title }));
    },
  });
}
