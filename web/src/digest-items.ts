/**
 * A digest's items as page content: one section per kind (new listings,
 * meetings, open surveys, results), each item a heading that links to it,
 * its summary and facts. Texts are in the page's language with the
 * Finnish fallback marked (setLocalText); everything goes in as text.
 */
import { pageLang, setLocalText, type Localised, type Messages } from './forms.js';

export interface DigestItem {
  kind: 'listing' | 'meeting' | 'survey' | 'result';
  id: string;
  title: Localised;
  summary: Localised;
  themes?: string[];
  by?: string;
  when?: string;
  /** a meeting's confirmed presentation turns, one line each */
  turns?: string[];
  url: string;
}

const ORDER: ReadonlyArray<DigestItem['kind']> = ['listing', 'meeting', 'survey', 'result'];
const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;

export function formatWhen(iso: string, withTime = true): string {
  return new Intl.DateTimeFormat(LOCALES[pageLang()], { dateStyle: 'long', ...(withTime ? { timeStyle: 'short' } : {}), timeZone: 'Europe/Helsinki' }).format(new Date(iso));
}

/** Only http(s) links reach the page. */
function safeUrl(url: string): string | undefined {
  try {
    const u = new URL(url, location.origin);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

function item(i: DigestItem, m: Messages, headingLevel: number): HTMLLIElement {
  const li = document.createElement('li');
  li.className = 'card';
  const h = document.createElement(`h${headingLevel + 1}`);
  const href = safeUrl(i.url);
  if (href) {
    const a = document.createElement('a');
    a.href = href;
    setLocalText(a, i.title);
    h.append(a);
  } else setLocalText(h, i.title);
  li.append(h);
  if (i.summary?.fi) {
    const p = document.createElement('p');
    setLocalText(p, i.summary);
    li.append(p);
  }
  const facts: Array<[string, string]> = [];
  if (i.by) facts.push([m['digest.by'] ?? '', i.by]);
  if (i.when) facts.push([m['digest.when'] ?? '', formatWhen(i.when)]);
  for (const line of i.turns ?? []) facts.push([m['digest.turns'] ?? '', line]);
  if (facts.length) {
    const dl = document.createElement('dl');
    dl.className = 'facts';
    for (const [k, v] of facts) {
      const dt = document.createElement('dt');
      dt.textContent = k;
      const dd = document.createElement('dd');
      dd.textContent = v;
      dl.append(dt, dd);
    }
    li.append(dl);
  }
  return li;
}

/** Sections with headings of level `headingLevel` (the items one level below). */
export function renderDigestItems(items: readonly DigestItem[], m: Messages, headingLevel = 2): HTMLElement[] {
  return ORDER.filter((k) => items.some((i) => i.kind === k)).map((kind) => {
    const section = document.createElement('section');
    const id = `digest-${kind}-h`;
    section.setAttribute('aria-labelledby', id);
    const h = document.createElement(`h${headingLevel}`);
    h.id = id;
    h.textContent = m[`digest.kind.${kind}`] ?? kind;
    const ul = document.createElement('ul');
    ul.className = 'cards results-list';
    ul.append(...items.filter((i) => i.kind === kind).map((i) => item(i, m, headingLevel)));
    section.append(h, ul);
    return section;
  });
}
