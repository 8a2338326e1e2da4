/**
 * A survey's results, shared by the public results page and the
 * coordinator desk: per question a bar chart that reads on a phone (a
 * list: the option, its count and share in words, and a bar under or
 * beside them), with the same figures as a table behind a disclosure for
 * those who compare numbers. The bars are <meter> elements whose `value`
 * is the share: no inline style, which the CSP forbids; they are hidden
 * from assistive technology, which reads the figures as text.
 * Everything from the API goes in with textContent.
 */
import { ownText, type Messages } from './forms.js';

export interface OptionResult {
  id: string;
  label: string;
  /** 'fi' when the label came in Finnish for want of a translation */
  labelLang?: string;
  count: number;
  share: number;
}

export interface QuestionResult {
  id: string;
  kind: 'single' | 'multiple' | 'scale' | 'text';
  text: string;
  textLang?: string;
  answered: number;
  options?: OptionResult[];
  other?: number;
  otherTexts?: string[];
  low?: string;
  lowLang?: string;
  high?: string;
  highLang?: string;
  mean?: number | null;
  distribution?: number[];
  texts?: string[];
  /** public results: fewer than MIN_PUBLISHED answered this question, so only `answered` came */
  suppressed?: boolean;
}

/** The small-number limit of functions/surveys/surveys.ts (MIN_PUBLISHED_RESPONSES), for the texts that name it. */
export const MIN_PUBLISHED = 5;

export interface SurveyResults {
  id: string;
  title: string;
  titleLang?: string;
  status: string;
  responses: number;
  questions: QuestionResult[];
}

export const fill = (text: string | undefined, values: Record<string, string | number>) => (text ?? '').replace(/\{(\w+)\}/g, (whole, k: string) => (k in values ? String(values[k]) : whole));

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** A row label: a coordinator's text in Finnish for want of a translation is marked lang="fi" (WCAG 3.1.2). */
interface RowLabel {
  prefix?: string;
  text: string;
  lang?: string | undefined;
}

type Row = { label: RowLabel; count: number; share: number };

function rowLabel(into: HTMLElement, label: RowLabel): HTMLElement {
  if (label.prefix) into.append(label.prefix);
  into.append(ownText(label.text, label.lang));
  return into;
}

/** One bar per row: the label, then "4 people, 80 %" as text and a bar of the share that no screen reader reads twice. */
function chart(labelledBy: string, m: Messages, rows: Row[], lang: string): HTMLElement {
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const plural = new Intl.PluralRules(lang);
  const list = el('ul', undefined, 'bar-chart');
  list.setAttribute('aria-labelledby', labelledBy);
  for (const r of rows) {
    const li = el('li', undefined, 'bar-row');
    const figures = fill(m[`survey.results.figures.${plural.select(r.count) === 'one' ? 'one' : 'other'}`], { count: r.count, share: percent.format(r.share) });
    const meter = el('meter', undefined, 'bar');
    meter.min = 0;
    meter.max = 1;
    meter.value = r.share;
    meter.setAttribute('aria-hidden', 'true');
    li.append(rowLabel(el('span', undefined, 'bar-label'), r.label), document.createTextNode(' '), el('span', figures, 'bar-figures'), meter);
    list.append(li);
  }
  return list;
}

/** The chart's figures as a table, for those who read numbers side by side; closed until asked for. */
function table(labelledBy: string, m: Messages, firstColumn: string, rows: Row[], lang: string): HTMLElement {
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
  const details = el('details', undefined, 'table-alt');
  details.append(el('summary', m['survey.results.showTable']));
  const wrap = el('div', undefined, 'table-wrap');
  const t = el('table', undefined, 'results-table');
  t.setAttribute('aria-labelledby', labelledBy);
  const head = el('tr');
  for (const [text, cls] of [
    [firstColumn, ''],
    [m['survey.results.count'] ?? '', 'num'],
    [m['survey.results.share'] ?? '', 'num'],
  ] as const) {
    const th = el('th', text, cls || undefined);
    th.scope = 'col';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const r of rows) {
    const tr = el('tr');
    const th = rowLabel(el('th'), r.label);
    th.setAttribute('scope', 'row');
    tr.append(th, el('td', String(r.count), 'num'), el('td', percent.format(r.share), 'num'));
    tbody.append(tr);
  }
  t.append(thead, tbody);
  wrap.append(t);
  details.append(wrap);
  return details;
}

function textList(title: string, texts: string[], level: number): HTMLElement[] {
  if (!texts.length) return [];
  const h = el(`h${level + 1}` as 'h4', title);
  const ul = el('ul', undefined, 'free-texts');
  for (const text of texts) ul.append(el('li', text));
  return [h, ul];
}

/**
 * Renders `r` into `box`. `level` is the heading level of each question
 * (2 on the results page, 4 inside a survey card in the desk).
 */
export function renderResults(box: HTMLElement, r: SurveyResults, m: Messages, o: { level: 2 | 3 | 4; idPrefix: string; lang: string }): void {
  const parts: HTMLElement[] = [el('p', fill(m['survey.results.responses'], { n: r.responses }), 'lead')];
  const decimal = new Intl.NumberFormat(o.lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  r.questions.forEach((q, i) => {
    const section = el('section', undefined, 'result');
    const hid = `${o.idPrefix}-q${i}`;
    const h = el(`h${o.level}` as 'h2', q.text);
    if (q.textLang) h.lang = q.textLang;
    h.id = hid;
    section.append(h);
    section.setAttribute('aria-labelledby', hid);
    if (q.kind !== 'text') section.append(el('p', fill(m['survey.results.answered'], { n: q.answered }), 'muted'));
    if (q.suppressed) {
      section.append(el('p', fill(m['survey.results.suppressed'], { min: MIN_PUBLISHED })));
    } else if (q.options) {
      const rows: Row[] = q.options.map((x) => ({ label: { text: x.label, lang: x.labelLang }, count: x.count, share: x.share }));
      if (q.other !== undefined) rows.push({ label: { text: m['survey.results.other'] ?? '' }, count: q.other, share: q.answered ? q.other / q.answered : 0 });
      section.append(chart(hid, m, rows, o.lang), table(hid, m, m['survey.results.option'] ?? '', rows, o.lang));
      if (q.otherTexts) section.append(...textList(m['survey.results.otherTexts'] ?? '', q.otherTexts, o.level));
    } else if (q.kind === 'scale') {
      if (q.mean !== null && q.mean !== undefined) section.append(el('p', fill(m['survey.results.mean'], { mean: decimal.format(q.mean) })));
      const dist = q.distribution ?? [0, 0, 0, 0, 0];
      const rows: Row[] = dist.map((count, v) => ({ label: v === 0 ? { prefix: '1 – ', text: q.low ?? '', lang: q.lowLang } : v === 4 ? { prefix: '5 – ', text: q.high ?? '', lang: q.highLang } : { text: String(v + 1) }, count, share: q.answered ? count / q.answered : 0 }));
      section.append(chart(hid, m, rows, o.lang), table(hid, m, m['survey.results.value'] ?? '', rows, o.lang));
    } else if (q.texts) {
      section.append(el('p', fill(m['survey.results.answered'], { n: q.answered }), 'muted'));
      if (q.texts.length) {
        const ul = el('ul', undefined, 'free-texts');
        for (const text of q.texts) ul.append(el('li', text));
        section.append(ul);
      } else section.append(el('p', m['survey.results.none']));
    } else {
      section.append(el('p', fill(m['survey.results.answered'], { n: q.answered }), 'muted'), el('p', m['survey.results.textsPrivate']));
    }
    parts.push(section);
  });
  box.replaceChildren(...parts);
}
