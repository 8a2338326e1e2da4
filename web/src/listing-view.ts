/**
 * Showing a listing in the page: dates in Helsinki time, the schedule in
 * words, and the facts a professional needs (web/pages/listing-keys.ts has
 * the texts). Used by the directory, the view page and the coordinator desk.
 * Everything from the API goes in as text (textContent), links only http(s),
 * mailto and tel.
 */
import { pageLang, type Localised, type Messages } from './forms.js';
import { clockWord, helsinkiClock, timeRange } from './time.js';

const LOCALES = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' } as const;

export type Channel = { type: 'place'; address: string; postcode: string; municipality: string } | { type: 'online'; url: string } | { type: 'phone'; phone: string };
export type Schedule =
  | { type: 'none' }
  | { type: 'once'; date: string; startTime: string; endTime?: string }
  | { type: 'recurring'; frequency: 'weekly' | 'monthly'; weekdays: string[]; weekOfMonth?: number; startTime: string; endTime: string; until?: string };

export interface ListingFacts {
  organisation: { name: string; kind: string; businessId?: string } | string;
  contact?: { name: string; email: string; phone?: string; website?: string };
  kind: string;
  themes: string[];
  targetGroups: string[];
  ageRange?: { min?: number; max?: number } | null;
  languages: string[];
  channels?: Channel[];
  accessibility?: string[];
  schedule?: Schedule;
  next?: Array<{ start: string; end?: string }>;
  cost?: { free: boolean; note?: string };
  registration?: { required: boolean; url?: string; email?: string };
  validFrom?: string | null;
  validUntil?: string | null;
}

export function fill(template: string | undefined, values: Record<string, string | number>): string {
  return (template ?? '').replace(/\{(\w+)\}/g, (whole, k: string) => (k in values ? String(values[k]) : whole));
}

export function pick(text: Localised): string {
  return text[pageLang()] ?? text.fi;
}

/** A yyyy-mm-dd date as people write it in the page's language. */
export function formatDate(iso: string): string {
  const lang = pageLang();
  return new Intl.DateTimeFormat(LOCALES[lang], { day: 'numeric', month: lang === 'en' ? 'long' : 'numeric', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
}

/** An instant as a weekday, date and time in Helsinki (where every listing happens). */
export function formatDateTime(iso: string, end?: string): string {
  const lang = pageLang();
  const day = new Intl.DateTimeFormat(LOCALES[lang], { weekday: 'long', day: 'numeric', month: lang === 'en' ? 'long' : 'numeric', year: 'numeric', timeZone: 'Europe/Helsinki' }).format(new Date(iso));
  return `${day} ${clockWord()}${timeRange(helsinkiClock(iso), end ? helsinkiClock(end) : undefined)}`;
}

export function scheduleWords(s: Schedule | undefined, m: Messages): string {
  if (!s || s.type === 'none') return m['submit.schedule.none'] ?? '';
  const time = timeRange(s.startTime, s.endTime);
  if (s.type === 'once') return fill(m['view.schedule.once'], { date: formatDate(s.date), time });
  const days = s.weekdays.map((d) => m[`enum.weekday.${d}`] ?? d).join(', ');
  const words =
    s.frequency === 'weekly'
      ? fill(m['view.schedule.weekly'], { days, time })
      : fill(m['view.schedule.monthly'], { week: m[`enum.weekOfMonth.${s.weekOfMonth ?? 1}`] ?? '', days, time });
  return s.until ? `${words}, ${fill(m['view.schedule.until'], { date: formatDate(s.until) })}` : words;
}

export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

/** A link only to what a listing may point at: a web page, an email address, a phone number. */
export function link(kind: 'web' | 'mail' | 'tel', value: string): HTMLElement {
  if (kind === 'web' && !/^https?:\/\//i.test(value)) return el('span', value);
  const a = el('a', value);
  a.href = kind === 'mail' ? `mailto:${value}` : kind === 'tel' ? `tel:${value.replace(/[^+0-9]/g, '')}` : value;
  return a;
}

/**
 * Map searches for an address, in OpenStreetMap and Google Maps. Links, not
 * embedded tiles: the CSP allows no outside host, and no visitor's position
 * or address reaches a map service until they choose to follow one.
 */
export function mapLinks(address: string): Array<{ name: string; href: string }> {
  const q = encodeURIComponent(address);
  return [
    { name: 'OpenStreetMap', href: `https://www.openstreetmap.org/search?query=${q}` },
    { name: 'Google Maps', href: `https://www.google.com/maps/search/?api=1&query=${q}` },
  ];
}

function place(ch: Extract<Channel, { type: 'place' }>, m: Messages): HTMLElement {
  const address = `${ch.address}, ${ch.postcode} ${ch.municipality}`;
  const span = el('span', address);
  const maps = el('span', `${m['view.map'] ?? ''}: `, 'map-links');
  mapLinks(address).forEach((link, i) => {
    const a = el('a', link.name);
    a.href = link.href;
    if (i) maps.append(', ');
    maps.append(a);
  });
  span.append(maps);
  return span;
}

/** Text with its line breaks kept: blank lines make paragraphs, single ones line breaks. */
export function paragraphs(text: string): HTMLParagraphElement[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => {
      const para = el('p');
      p.trim().split('\n').forEach((line, i) => {
        if (i) para.append(el('br'));
        para.append(line);
      });
      return para;
    });
}

const labels = (m: Messages, group: string, values: readonly string[] | undefined) => (values ?? []).map((v) => m[`enum.${group}.${v}`] ?? v).join(', ');

/** The facts of a listing as a description list: who, contact, where, when, cost, registration, languages, for whom… */
export function listingFacts(l: ListingFacts, m: Messages): HTMLDListElement {
  const dl = el('dl', undefined, 'facts');
  const row = (label: string | undefined, ...value: Array<Node | string>) => {
    const parts = value.filter((v) => v !== '');
    if (!parts.length) return;
    const dd = el('dd');
    dd.append(...parts);
    dl.append(el('dt', label ?? ''), dd);
  };
  const lines = (...nodes: Node[]) => {
    const ul = el('ul', undefined, 'fact-lines');
    for (const n of nodes) {
      const li = el('li');
      li.append(n);
      ul.append(li);
    }
    return ul;
  };
  const labelled = (label: string | undefined, node: Node) => {
    const span = el('span', `${label ?? ''}: `);
    const wrap = el('span');
    wrap.append(span, node);
    return wrap;
  };

  const org = typeof l.organisation === 'string' ? l.organisation : l.organisation.name;
  const orgKind = typeof l.organisation === 'string' ? '' : ` (${m[`enum.organisationKind.${l.organisation.kind}`] ?? l.organisation.kind})`;
  row(m['view.organisation'], `${org}${orgKind}`);
  if (l.contact) {
    const c = l.contact;
    row(
      m['view.contact'],
      lines(
        el('span', c.name),
        labelled(m['submit.contact.email'], link('mail', c.email)),
        ...(c.phone ? [labelled(m['submit.contact.phone'], link('tel', c.phone))] : []),
        ...(c.website ? [labelled(m['submit.contact.website'], link('web', c.website))] : []),
      ),
    );
  }
  if (l.channels?.length) {
    row(
      m['view.where'],
      lines(
        ...l.channels.map((ch) =>
          ch.type === 'place'
            ? place(ch, m)
            : ch.type === 'online'
              ? labelled(m['view.online'], link('web', ch.url))
              : labelled(m['view.byPhone'], link('tel', ch.phone)),
        ),
      ),
    );
  }
  if (l.schedule) {
    const when: Node[] = [el('span', scheduleWords(l.schedule, m))];
    if (l.next?.length) {
      const next = el('span', `${m['view.nextTimes'] ?? ''}:`);
      when.push(next, lines(...l.next.map((o) => el('span', formatDateTime(o.start, o.end)))));
    }
    const box = el('div');
    box.append(...when.map((n) => (n instanceof HTMLSpanElement ? Object.assign(el('p'), { textContent: n.textContent }) : n)));
    row(m['view.when'], box);
  }
  row(m['submit.kind'], m[`enum.kind.${l.kind}`] ?? l.kind);
  row(m['submit.themes'], labels(m, 'theme', l.themes));
  const ages = l.ageRange && (l.ageRange.min !== undefined || l.ageRange.max !== undefined) ? ` · ${fill(m['view.ages'], { min: l.ageRange.min ?? 0, max: l.ageRange.max ?? '' })}` : '';
  row(m['view.forWhom'], `${labels(m, 'targetGroup', l.targetGroups)}${ages}`);
  row(m['view.languages'], labels(m, 'language', l.languages));
  // Accessibility is about premises: a listing met only online or by phone has none to describe.
  const hasPremises = !l.channels || l.channels.some((c) => c.type === 'place');
  if (l.accessibility && hasPremises) row(m['view.accessibility'], labels(m, 'accessibility', l.accessibility));
  if (l.cost) row(m['view.cost'], `${l.cost.free ? m['view.free'] : m['view.paid']}${l.cost.note ? ` – ${l.cost.note}` : ''}`);
  if (l.registration) {
    const r = l.registration;
    row(
      m['view.registration'],
      lines(
        el('span', r.required ? (m['view.registration.yes'] ?? '') : (m['view.registration.no'] ?? '')),
        ...(r.url ? [labelled(m['submit.registration.url'], link('web', r.url))] : []),
        ...(r.email ? [labelled(m['submit.registration.email'], link('mail', r.email))] : []),
      ),
    );
  }
  if (l.validFrom) row(m['view.validFrom'], formatDate(l.validFrom));
  if (l.validUntil) row(m['view.validUntil'], formatDate(l.validUntil));
  return dl;
}
