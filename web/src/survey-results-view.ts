/**
 * A survey's results as headings, short facts and one table per question
 * (counts and shares), shared by the public results page and the
 * coordinator desk. The bars are <meter> elements whose `value` is the
 * share: no inline style, which the CSP forbids. The share is also in the
 * table as text, so the meter is hidden from assistive technology.
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
}

export interface SurveyResults {
  id: string;
  title: string;
  titleLang?: string;
  status: string;
  responses: number;
  questions: QuestionResult[];
}

const fill = (text: string | undefined, values: Record<string, string | number>) => (text ?? '').replace(/\{(\w+)\}/g, (whole, k: string) => (k in values ? String(values[k]) : whole));

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

function table(labelledBy: string, m: Messages, firstColumn: string, rows: Array<{ label: RowLabel; count: number; share: number }>, lang: string): HTMLElement {
  const percent = new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 });
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
    const th = el('th', r.label.prefix);
    th.append(ownText(r.label.text, r.label.lang));
    th.scope = 'row';
    const share = el('td', undefined, 'num share');
    const meter = el('meter');
    meter.min = 0;
    meter.max = 1;
    meter.value = r.share;
    meter.setAttribute('aria-hidden', 'true');
    const inner = el('span', undefined, 'share-cell');
    inner.append(el('span', percent.format(r.share)), meter);
    share.append(inner);
    tr.append(th, el('td', String(r.count), 'num'), share);
    tbody.append(tr);
  }
  t.append(thead, tbody);
  wrap.append(t);
  return wrap;
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
    if (q.options) {
      const rows: Array<{ label: RowLabel; count: number; share: number }> = q.options.map((x) => ({ label: { text: x.label, lang: x.labelLang }, count: x.count, share: x.share }));
      if (q.other !== undefined) rows.push({ label: { text: m['survey.results.other'] ?? '' }, count: q.other, share: q.answered ? q.other / q.answered : 0 });
      section.append(table(hid, m, m['survey.results.option'] ?? '', rows, o.lang));
      if (q.otherTexts) section.append(...textList(m['survey.results.otherTexts'] ?? '', q.otherTexts, o.level));
    } else if (q.kind === 'scale') {
      if (q.mean !== null && q.mean !== undefined) section.append(el('p', fill(m['survey.results.mean'], { mean: decimal.format(q.mean) })));
      const dist = q.distribution ?? [0, 0, 0, 0, 0];
      const rows = dist.map((count, v) => ({ label: v === 0 ? { prefix: '1 – ', text: q.low ?? '', lang: q.lowLang } : v === 4 ? { prefix: '5 – ', text: q.high ?? '', lang: q.highLang } : { text: String(v + 1) }, count, share: q.answered ? count / q.answered : 0 }));
      section.append(table(hid, m, m['survey.results.value'] ?? '', rows, o.lang));
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
