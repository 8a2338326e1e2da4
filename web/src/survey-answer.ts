/**
 * The answer page: /<lang>/surveys/answer/?id=<survey>[#token=<personal link>]
 *
 * Builds the survey's questions from the API with the markup web/fields.ts
 * makes (fieldsets with legends, labelled controls, `data-field` boxes) and
 * the names of the answer body (`answers.<question>`,
 * `answers.<question>.chosen`, `answers.<question>.other`), so forms.ts
 * puts the server's messages next to the right question. With a personal
 * token the answer is sent with it; without one (the public link) the
 * person gives an email address and confirms from the mail.
 *
 * `?preview` is the coordinator's preview of a draft: the same page and
 * the same code, from the coordinator route, marked as a preview, with
 * the public link's form shown whole and nothing that can be sent.
 *
 * A survey taller than the screen gets a progress line at the foot of the
 * viewport ("Answered 3 of 12 questions", a polite live region).
 */
import { counted } from './counter.js';
import { api, type ApiAnswer, bindJsonForm, formJson, generalError, messages, ownText, pageLang, showMessage } from './forms.js';

const m = messages();
const form = document.getElementById('survey-form') as HTMLFormElement;
const status = document.getElementById('form-status') as HTMLElement;
const intro = document.getElementById('survey-intro') as HTMLElement;
const questionsBox = document.getElementById('survey-questions') as HTMLElement;
const you = document.getElementById('survey-you') as HTMLElement;

const id = new URLSearchParams(location.search).get('id') ?? '';
const token = new URLSearchParams(location.hash.replace(/^#/, '')).get('token') ?? '';
const preview = new URLSearchParams(location.search).has('preview');
const progressBox = document.getElementById('survey-progress') as HTMLElement;

interface Question {
  id: string;
  kind: 'single' | 'multiple' | 'scale' | 'text';
  required: boolean;
  text: string;
  textLang?: string;
  options?: Array<{ id: string; label: string; labelLang?: string }>;
  other?: boolean;
  low?: string;
  lowLang?: string;
  high?: string;
  highLang?: string;
}

interface Survey {
  id: string;
  status: 'open' | 'closed';
  title: string;
  titleLang?: string;
  intro: string;
  introLang?: string;
  anonymous: boolean;
  opensAt: string;
  closesAt: string;
  resultsPublic: boolean;
  questions: Question[];
}

const fill = (text: string | undefined, values: Record<string, string>) => (text ?? '').replace(/\{(\w+)\}/g, (whole, k: string) => values[k] ?? whole);

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** A message with `{name}` places filled with nodes (texts that may carry their own language). */
function fillNodes(template: string | undefined, values: Record<string, Node>): Node[] {
  return (template ?? '').split(/(\{\w+\})/).map((part) => {
    const key = /^\{(\w+)\}$/.exec(part)?.[1];
    return key && values[key] ? values[key].cloneNode(true) : document.createTextNode(part);
  });
}

/** The required marker as fields.ts draws it: a star for the eye, the word for screen readers on groups. */
function requiredMark(spoken: boolean): Node[] {
  const star = el('span', '*', 'req');
  star.setAttribute('aria-hidden', 'true');
  const nodes: Node[] = [document.createTextNode(' '), star];
  if (spoken) nodes.push(el('span', ` (${m['submit.required'] ?? ''})`, 'visually-hidden'));
  return nodes;
}

function choice(type: 'radio' | 'checkbox', name: string, itemId: string, value: string, label: string | Node[], required: boolean): HTMLElement {
  const div = el('div', undefined, 'choice');
  const input = el('input');
  input.type = type;
  input.id = itemId;
  input.name = name;
  input.value = value;
  if (type === 'radio' && required) input.required = true;
  const l = el('label');
  if (typeof label === 'string') l.textContent = label;
  else l.append(...label);
  l.htmlFor = itemId;
  div.append(input, l);
  return div;
}

function group(q: Question, name: string, extraClass = ''): { box: HTMLFieldSetElement; list: HTMLElement } {
  const box = el('fieldset', undefined, `field choices${extraClass}`);
  box.id = `q-${q.id}`;
  box.dataset.field = name;
  const legend = el('legend');
  legend.append(ownText(q.text, q.textLang));
  if (q.required) legend.append(...requiredMark(true));
  const list = el('div', undefined, 'choice-list');
  box.append(legend);
  return { box, list };
}

function question(q: Question): HTMLElement {
  const name = `answers.${q.id}`;
  if (q.kind === 'single' || q.kind === 'multiple') {
    const { box, list } = group(q, name);
    const type = q.kind === 'single' ? 'radio' : 'checkbox';
    const optionName = q.kind === 'single' ? name : `${name}.chosen`;
    (q.options ?? []).forEach((o, i) => list.append(choice(type, optionName, `q-${q.id}-${i}`, o.id, [ownText(o.label, o.labelLang)], q.required)));
    // A required checkbox group is sent even when empty, so "choose at least one" lands on it.
    if (q.kind === 'multiple' && q.required) box.dataset.required = '';
    box.append(list);
    if (q.kind === 'multiple' && q.other) {
      const field = el('div', undefined, 'field other-field');
      field.dataset.field = `${name}.other`;
      const label = el('label', m['survey.other']);
      label.htmlFor = `q-${q.id}-other`;
      const input = el('input');
      input.type = 'text';
      input.id = `q-${q.id}-other`;
      input.name = `${name}.other`;
      field.append(label, input, counted(input, 500, m));
      box.append(field);
    }
    return box;
  }
  if (q.kind === 'scale') {
    const { box, list } = group(q, name, ' inline-choices scale');
    box.dataset.type = 'number';
    const low = ownText(q.low ?? '', q.lowLang);
    const high = ownText(q.high ?? '', q.highLang);
    const hint = el('p', undefined, 'hint');
    hint.append(...fillNodes(m['survey.scaleHint'], { low, high }));
    hint.id = `q-${q.id}-hint`;
    box.setAttribute('aria-describedby', hint.id);
    // One row of five equal targets: the number shows, the ends' words are read with 1 and 5
    // and shown once under the row (hidden from screen readers there, which hear them with the numbers).
    const said = (prefix: string, text: Node) => {
      const rest = el('span', undefined, 'visually-hidden');
      rest.append(prefix, text.cloneNode(true));
      return rest;
    };
    for (let v = 1; v <= 5; v++) {
      const label = v === 1 ? [document.createTextNode('1'), said(' – ', low)] : v === 5 ? [document.createTextNode('5'), said(' – ', high)] : String(v);
      list.append(choice('radio', name, `q-${q.id}-${v - 1}`, String(v), label, q.required));
    }
    const ends = el('div', undefined, 'scale-ends');
    ends.setAttribute('aria-hidden', 'true');
    ends.append(el('span'), el('span'));
    ends.firstElementChild!.append(low.cloneNode(true));
    ends.lastElementChild!.append(high.cloneNode(true));
    box.append(hint, list, ends);
    return box;
  }
  const box = el('div', undefined, 'field');
  box.dataset.field = name;
  const label = el('label');
  label.append(ownText(q.text, q.textLang));
  label.htmlFor = `q-${q.id}`;
  if (q.required) label.append(...requiredMark(false));
  const area = el('textarea');
  area.id = `q-${q.id}`;
  area.name = name;
  area.rows = 5;

  area.required = q.required;
  box.append(label, area, counted(area, 4000, m));
  return box;
}

/** The answer body: formJson, with each multiple-choice answer made whole (`chosen` always a list) or left out when optional and empty. */
function body(survey: Survey): Record<string, unknown> {
  const b = formJson(form) as { answers?: Record<string, unknown>; email?: string; name?: string };
  const answers = b.answers ?? {};
  for (const q of survey.questions.filter((x) => x.kind === 'multiple')) {
    const a = answers[q.id] as { chosen?: string[]; other?: string } | undefined;
    if (!a) continue;
    a.chosen ??= [];
    if (!q.required && a.chosen.length === 0 && !a.other) delete answers[q.id];
  }
  return token ? { answers } : { answers, ...(b.email ? { email: b.email } : {}), ...(b.name ? { name: b.name } : {}) };
}

/** Whether question q has an answer in the form now (an optional one left empty has none). */
function hasAnswer(q: Question): boolean {
  const data = new FormData(form);
  const name = `answers.${q.id}`;
  if (q.kind === 'multiple') return data.getAll(`${name}.chosen`).length > 0 || String(data.get(`${name}.other`) ?? '').trim() !== '';
  return String(data.get(name) ?? '').trim() !== '';
}

/**
 * The progress line: how many of the questions have an answer, as text
 * (read politely when the number changes) and as a bar. Shown only when
 * the form is taller than the window, where one cannot see it all at once.
 */
function trackProgress(survey: Survey) {
  const text = progressBox.querySelector('p') as HTMLElement;
  const bar = progressBox.querySelector('progress') as HTMLProgressElement;
  const total = survey.questions.length;
  bar.max = total;
  let shown = -1;
  const update = () => {
    const n = survey.questions.filter(hasAnswer).length;
    if (n === shown) return;
    shown = n;
    bar.value = n;
    text.textContent = fill(m['survey.progress'], { n: String(n), total: String(total) });
  };
  const fits = () => {
    progressBox.hidden = form.hidden || form.getBoundingClientRect().height - (progressBox.hidden ? 0 : progressBox.offsetHeight) <= window.innerHeight;
  };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  window.addEventListener('resize', fits);
  update();
  fits();
}

function done(kind: 'error' | 'success', title: string, text?: string, ...more: Node[]) {
  form.hidden = true;
  progressBox.hidden = true;
  showMessage(status, kind, title, text, ...more);
}

function resultsLink(survey: Survey): Node[] {
  if (!survey.resultsPublic) return [];
  const p = el('p');
  const a = el('a', m['survey.resultsLink']);
  a.href = `/${pageLang()}/surveys/results/?id=${encodeURIComponent(survey.id)}`;
  p.append(a);
  return [p];
}

function link(text: string | undefined, href: string): HTMLAnchorElement {
  const a = el('a', text);
  a.href = href;
  return a;
}

/** The preview: what a respondent by the public link gets (the address fields too), marked, with sending switched off. */
function showPreview(survey: Survey) {
  (document.getElementById('survey-preview') as HTMLElement).hidden = false;
  questionsBox.replaceChildren(...survey.questions.map(question));
  you.hidden = false;
  const send = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;
  send.disabled = true;
  form.addEventListener('submit', (ev) => ev.preventDefault());
  form.hidden = false;
  trackProgress(survey);
}

/** The coordinator's route gives the definition and, as `preview`, the survey as respondents will get it. */
async function previewOf(surveyId: string): Promise<ApiAnswer<Survey>> {
  const res = await api<{ preview: Survey }>('GET', `/api/coordinator/surveys/${encodeURIComponent(surveyId)}?lang=${pageLang()}`);
  return { ...res, body: res.body?.preview };
}

async function start() {
  const loading = document.getElementById('survey-loading');
  if (!id) {
    loading?.remove();
    showMessage(status, 'error', m['survey.notFound'] ?? '');
    return;
  }
  const res = preview ? await previewOf(id) : await api<Survey>('GET', `/api/surveys/${encodeURIComponent(id)}?lang=${pageLang()}`);
  loading?.remove();
  if (preview && (res.status === 401 || res.status === 403)) {
    const p = el('p');
    p.append(link(m['survey.preview.signInLink'], `/${pageLang()}/coordinator/`));
    return showMessage(status, 'error', m['survey.preview.signIn'] ?? '', undefined, p);
  }
  if (res.status === 404) return showMessage(status, 'error', m['survey.notFound'] ?? '');
  if (res.status !== 200 || !res.body) return showMessage(status, 'error', m['survey.loadError'] ?? '');
  const survey = res.body;

  const h1 = document.querySelector('main h1') as HTMLElement;
  h1.textContent = survey.title;
  if (survey.titleLang) h1.lang = survey.titleLang;
  document.title = `${preview ? `${m['survey.preview.badge'] ?? ''}: ` : ''}${survey.title} – ${document.title.split(' – ').slice(1).join(' – ')}`;
  const when = new Intl.DateTimeFormat(document.documentElement.lang, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(survey.closesAt));
  intro.replaceChildren(
    ...survey.intro.split(/\n{2,}/).map((para) => {
      const p = el('p', para, 'lead');
      if (survey.introLang) p.lang = survey.introLang;
      return p;
    }),
    el('p', `${fill(m['survey.closes'], { date: when })} ${survey.anonymous ? m['survey.anonymous'] : m['survey.named']}`),
  );

  if (preview) return showPreview(survey);
  const closed = survey.status === 'closed' || Date.parse(survey.closesAt) <= Date.now();
  if (closed) return showMessage(status, 'error', m['survey.closed'] ?? '', undefined, ...resultsLink(survey));
  if (survey.status !== 'open' || Date.parse(survey.opensAt) > Date.now()) return showMessage(status, 'error', m['survey.notOpen'] ?? '');

  questionsBox.replaceChildren(...survey.questions.map(question));
  you.hidden = Boolean(token);
  form.hidden = false;
  trackProgress(survey);

  bindJsonForm<{ responseId?: string; pending?: boolean }>(form, {
    status,
    url: () => `/api/surveys/${encodeURIComponent(survey.id)}/responses?lang=${pageLang()}`,
    body: () => body(survey),
    headers: token ? { authorization: `Bearer ${token}` } : undefined,
    accepted: [201, 202, 401, 403, 409, 410],
    busyText: m['survey.sending'],
    m,
    onSuccess: (_b, code) => {
      if (code === 201) return done('success', m['survey.thanks.title'] ?? '', m['survey.thanks.text'], ...resultsLink(survey));
      if (code === 202) {
        const email = String(new FormData(form).get('email') ?? '').trim();
        return done('success', m['survey.pending.title'] ?? '', fill(m['survey.pending.text'], { email }));
      }
      if (code === 409) return done('success', m['survey.already.title'] ?? '', m['survey.already.text'], ...resultsLink(survey));
      if (code === 401) return done('error', m['survey.badLink'] ?? '');
      if (code === 403) return done('error', m['survey.notOpen'] ?? '');
      return done('error', m['survey.closed'] ?? '', undefined, ...resultsLink(survey));
    },
  });
}

start().catch(() => generalError(status, m, 0));
