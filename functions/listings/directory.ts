import * as z from '../shared/zod.js';
import { localisedField, pick, type UiLanguage } from '../shared/i18n.js';
import { calendarLinks } from '../shared/calendar-links.js';
import { renderIcs, type IcsEvent } from '../shared/ics.js';
import { rankOrder } from '../shared/rank.js';
import { normalise, TextIndex, type SearchDocument, type TextSnapshot } from '../shared/search.js';
import { helsinkiDate, helsinkiTime, helsinkiToUtc } from '../shared/time.js';
import { lastDay, listingOccurrences } from './recurrence.js';
import { LISTING_KINDS, SERVED_LANGUAGES, TARGET_GROUPS, THEMES, WEEKDAYS, type ListingInput } from './schema.js';
import type { DirectoryCard, ListingRecord } from './store.js';

/** Cards per directory page unless asked otherwise, and the most one request may ask for. */
export const DIRECTORY_PAGE = 50;
export const DIRECTORY_MAX_PAGE = 100;

/**
 * ReadDirectory's query. Built on its first parse and marked pure: the other
 * functions that bundle this module (HSDS, moderation, the snapshot builder)
 * never parse one, and building it was ~1 ms of their cold start (issue 16).
 */
export const directoryQuery = /* @__PURE__ */ z.lazy(() => {
  const flag = z.pipe(z.enum(['true', 'false'], 'invalid_choice'), z.transform((v) => v === 'true'));
  return z.object({
    network: z.string().check(z.minLength(1, 'required'), z.maxLength(41, 'too_long')),
    q: z.optional(z.string().check(z.maxLength(200, 'too_long'))),
    theme: z.optional(z.enum(THEMES, 'invalid_choice')),
    targetGroup: z.optional(z.enum(TARGET_GROUPS, 'invalid_choice')),
    municipality: z.optional(z.string().check(z.maxLength(80, 'too_long'))),
    language: z.optional(z.enum(SERVED_LANGUAGES, 'invalid_choice')),
    kind: z.optional(z.enum(LISTING_KINDS, 'invalid_choice')),
    online: z.optional(flag),
    free: z.optional(flag),
    lang: z.optional(z.enum(['fi', 'sv', 'en'], 'invalid_choice')),
    /** Where the page starts in the sorted hits, and how many it holds: a network may have thousands. */
    offset: z._default(z.coerce.number('invalid').check(z.int('invalid'), z.gte(0, 'invalid'), z.lte(100_000, 'invalid')), 0),
    limit: z._default(z.coerce.number('invalid').check(z.int('invalid'), z.gte(1, 'invalid'), z.lte(DIRECTORY_MAX_PAGE, 'invalid')), DIRECTORY_PAGE),
  });
});
export type DirectoryQuery = z.infer<typeof directoryQuery>;

/** A card as the directory shows it now: with its next date, computed when read so it never goes stale. */
export interface DirectoryEntry extends DirectoryCard {
  /** next occurrence (ISO instant) within the listing's validity */
  next?: string;
}

/**
 * The cards that are current at `now`, each with its next date: a listing
 * past its last day (valid-until, or the end of its dates) is left out even
 * before the daily expiry job has run, and so is an event whose dates are
 * all behind it. Listings valid from a later day stay: a professional can
 * already refer a client to what starts next month.
 */
export function currentEntries(cards: readonly DirectoryCard[], now: Date): DirectoryEntry[] {
  const today = helsinkiDate(now);
  const out: DirectoryEntry[] = [];
  for (const c of cards) {
    const last = lastDay(c);
    if (last && last < today) continue;
    const next = listingOccurrences(c, now, 1)[0];
    if (c.schedule.type !== 'none' && !next) continue;
    out.push(next ? { ...c, next: next.start.toISOString() } : { ...c });
  }
  return out;
}

/**
 * A network's current entries in directory order for one reader's language:
 * what has dates comes first by its next date, then everything else by title
 * in that language (Finnish, Swedish or English collation). Computed once
 * per load and language, so a search only filters.
 */
export function sortDirectory(entries: readonly DirectoryEntry[], lang: UiLanguage): DirectoryEntry[] {
  return [...entries].sort(directoryOrder(lang));
}

/** The directory order as a comparison: a total order (the id last), so an entry put in its place lands where a sort would put it. */
function directoryOrder(lang: UiLanguage): (a: DirectoryEntry, b: DirectoryEntry) => number {
  const collator = new Intl.Collator(lang === 'sv' ? 'sv' : lang === 'en' ? 'en' : 'fi');
  return (a, b) => {
    if (a.next && b.next) return a.next.localeCompare(b.next) || collator.compare(pick(a.title, lang), pick(b.title, lang)) || a.id.localeCompare(b.id);
    if (a.next) return -1;
    if (b.next) return 1;
    return collator.compare(pick(a.title, lang), pick(b.title, lang)) || a.id.localeCompare(b.id);
  };
}

/** The filters a directory query may set, each a facet whose counts the answer gives. */
export const FACETS = ['theme', 'targetGroup', 'municipality', 'kind', 'language'] as const;
export type Facet = (typeof FACETS)[number];
/** Every filter, facets and flags: a query with no hits offers to drop each one that is set. */
export const FILTERS = [...FACETS, 'online', 'free'] as const;
export type Filter = (typeof FILTERS)[number];

/** How many answers an index keeps: each holds at most the network's entries by reference. */
const ANSWERS_KEPT = 32;

/**
 * A network's current entries with what searching them needs, kept in the
 * warm function: built once from every card, then kept up to date by
 * `apply` (the cards that changed since) and `redate` (the passing of
 * time), so a change costs its own cards, not a rebuild.
 *
 * Each entry has a slot, its document number in the text index; a slot
 * left by a removed entry stays empty.
 */
export class DirectoryIndex {
  readonly text: TextIndex;
  /** each slot's facet values as numbers, for counting */
  readonly facets = new FacetCodes();
  private readonly slots: Array<DirectoryEntry | undefined>;
  private readonly slotOf = new Map<string, number>();
  /** the last day of each slot's entry (undefined: open-ended), to notice what the passing days take out */
  private readonly lastDays: Array<string | undefined>;
  private readonly order: Partial<Record<UiLanguage, { sorted: number[]; position: Int32Array }>> = {};
  private live?: DirectoryEntry[];

  /** Recent answers by query (without paging), newest last: the next page, the back button and popular words cost nothing. */
  private readonly answers = new Map<string, DirectorySearch>();

  /** @param from a snapshot `toSnapshot` wrote, to load instead of indexing `entries` */
  constructor(entries: readonly DirectoryEntry[], from?: DirectorySnapshot) {
    this.slots = from ? from.slots.map((e) => e ?? undefined) : [...entries];
    this.lastDays = this.slots.map((e) => e && lastDay(e));
    this.slots.forEach((e, i) => e && this.slotOf.set(e.id, i));
    this.text = from ? new TextIndex([], from.text) : new TextIndex(entries.map(searchDocument));
    const live = this.slotOf.size;
    for (const [lang, sorted] of Object.entries(from?.order ?? {}) as Array<[UiLanguage, number[]]>) {
      if (sorted.length === live) this.order[lang] = { sorted, position: positions(sorted, this.slots.length) };
    }
  }

  /**
   * The entries in their slots, the text index over them and the directory
   * order in each language (sorting 50,000 titles with a collator was a
   * sixth of a cold load), to load later with `new DirectoryIndex([], snapshot)`.
   */
  toSnapshot(): DirectorySnapshot {
    return { slots: this.slots.map((e) => e ?? null), text: this.text.toSnapshot(), order: { fi: this.inOrder('fi').sorted, sv: this.inOrder('sv').sorted, en: this.inOrder('en').sorted } };
  }

  /** The current entries, in no particular order. */
  get entries(): readonly DirectoryEntry[] {
    return (this.live ??= this.slots.filter((e): e is DirectoryEntry => e !== undefined));
  }

  /** The entry in a slot (a text hit's id). */
  entry(slot: number): DirectoryEntry {
    return this.slots[slot]!;
  }

  /**
   * Brings in the cards that changed: `cards` as they are now (one that is
   * no longer current at `now` leaves), and `gone` the ids whose cards were
   * removed. A card whose searchable text did not change keeps its place
   * in the text index.
   */
  apply(cards: readonly DirectoryCard[], gone: readonly string[], now: Date): void {
    const current = new Map(currentEntries(cards, now).map((e) => [e.id, e]));
    const touched = new Set<number>();
    for (const id of [...gone, ...cards.filter((c) => !current.has(c.id)).map((c) => c.id)]) this.remove(id, touched);
    for (const e of current.values()) this.put(e, touched);
    if (touched.size) this.changed(touched);
  }

  /**
   * What the passing of time changes without any card changing: an entry
   * whose next date has passed gets its next one, and one past its last day
   * (or its last date) leaves. Only those entries are looked at again.
   */
  redate(now: Date): void {
    const iso = now.toISOString();
    const today = helsinkiDate(now);
    const due = this.slots.filter((e, i): e is DirectoryEntry => e !== undefined && ((e.next !== undefined && e.next <= iso) || (this.lastDays[i] !== undefined && this.lastDays[i]! < today)));
    if (due.length) this.apply(due, [], now);
  }

  private remove(id: string, touched: Set<number>): void {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return;
    this.text.remove(slot, searchDocument(this.slots[slot]!));
    this.slots[slot] = undefined;
    this.lastDays[slot] = undefined;
    this.facets.forget(slot);
    this.slotOf.delete(id);
    touched.add(slot);
  }

  private put(e: DirectoryEntry, touched: Set<number>): void {
    let slot = this.slotOf.get(e.id);
    const document = searchDocument(e);
    if (slot === undefined) {
      slot = this.slots.length;
      this.slots.push(e);
      this.slotOf.set(e.id, slot);
      this.text.add(slot, document);
    } else {
      // An event under way keeps its next date (it counts until it ends): nothing to do.
      if (JSON.stringify(this.slots[slot]) === JSON.stringify(e)) return;
      const before = searchDocument(this.slots[slot]!);
      // A new next date, or a change of filters only: the text index stays as it is.
      if (JSON.stringify(before) !== JSON.stringify(document)) {
        this.text.remove(slot, before);
        this.text.add(slot, document);
      }
      this.slots[slot] = e;
      this.facets.forget(slot);
    }
    this.lastDays[slot] = lastDay(e);
    touched.add(slot);
  }

  /** After the entries of `touched` slots changed: each order kept is mended (those slots out, the present ones back in their place), not sorted again. */
  private changed(touched: ReadonlySet<number>): void {
    this.live = undefined;
    this.answers.clear();
    for (const lang of Object.keys(this.order) as UiLanguage[]) {
      const compare = directoryOrder(lang);
      const sorted = this.order[lang]!.sorted.filter((n) => !touched.has(n));
      for (const n of touched) {
        const e = this.slots[n];
        if (!e) continue;
        let lo = 0;
        let hi = sorted.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (compare(this.slots[sorted[mid]!]!, e) < 0) lo = mid + 1;
          else hi = mid;
        }
        sorted.splice(lo, 0, n);
      }
      this.order[lang] = { sorted, position: positions(sorted, this.slots.length) };
    }
  }

  /** The answer to a query, computed once while it stays among the last ANSWERS_KEPT asked. */
  answer(key: string, compute: () => DirectorySearch): DirectorySearch {
    const kept = this.answers.get(key);
    if (kept) {
      this.answers.delete(key);
      this.answers.set(key, kept);
      return kept;
    }
    const fresh = compute();
    this.answers.set(key, fresh);
    if (this.answers.size > ANSWERS_KEPT) this.answers.delete(this.answers.keys().next().value!);
    return fresh;
  }

  /** Slots in directory order for a language, and each slot's place in it (the tie-break of equal scores). */
  inOrder(lang: UiLanguage): { sorted: number[]; position: Int32Array } {
    const cached = this.order[lang];
    if (cached) return cached;
    const sorted = sortDirectory(this.entries, lang).map((e) => this.slotOf.get(e.id)!);
    return (this.order[lang] = { sorted, position: positions(sorted, this.slots.length) });
  }
}

/** A DirectoryIndex as data: each slot's entry (null where one was removed) and the text index, whose documents are the slots. */
export interface DirectorySnapshot {
  slots: Array<DirectoryEntry | null>;
  text: TextSnapshot;
  /** each language's directory order as slots (absent: sorted when first asked) */
  order?: Partial<Record<UiLanguage, number[]>>;
}

/** Each slot's place in a directory order. */
function positions(sorted: readonly number[], slots: number): Int32Array {
  const position = new Int32Array(slots);
  sorted.forEach((n, p) => (position[n] = p));
  return position;
}

/** What the text index reads of a card. */
export function searchDocument(c: DirectoryCard): SearchDocument {
  const words = c.words ?? { description: { fi: c.search ?? '' }, place: '' };
  return { title: c.title, summary: c.summary, description: words.description, organisation: c.organisation, place: `${words.place} ${c.municipalities.join(' ')}` };
}

const normalisedMunicipality = (q: DirectoryQuery) => (q.municipality?.trim() ? normalise(q.municipality) : undefined);

/** Which of the query's filters an entry fails, one bit per filter (FILTERS order): 0 passes them all. */
function failures(c: DirectoryEntry, q: DirectoryQuery, municipality: string | undefined): number {
  return (
    (q.theme && !c.themes.includes(q.theme) ? BIT.theme : 0) |
    (q.targetGroup && !c.targetGroups.includes(q.targetGroup) ? BIT.targetGroup : 0) |
    (municipality && !c.municipalities.some((m) => normalise(m) === municipality) ? BIT.municipality : 0) |
    (q.kind && c.kind !== q.kind ? BIT.kind : 0) |
    (q.language && !c.languages.includes(q.language) ? BIT.language : 0) |
    (q.online !== undefined && c.online !== q.online ? BIT.online : 0) |
    (q.free !== undefined && c.free !== q.free ? BIT.free : 0)
  );
}
const BIT = Object.fromEntries(FILTERS.map((f, i) => [f, 1 << i])) as Record<Filter, number>;

const facetValues = (c: DirectoryEntry, f: Facet): readonly string[] =>
  f === 'theme' ? c.themes : f === 'targetGroup' ? c.targetGroups : f === 'municipality' ? c.municipalities : f === 'kind' ? [c.kind] : c.languages;

/** The facet a filter bit belongs to (online and free are filters, not facets). */
const FACET_OF_BIT = new Map<number, number>(FACETS.map((f, i) => [BIT[f], i]));

/**
 * Each facet's values as small numbers, and each slot's values as one
 * number for the combination (its signature): listings share their
 * combinations of themes, groups, municipality, kind and languages, so
 * counting the facets of tens of thousands of hits (every hit of a common
 * word at 50,000 listings) adds one per hit per signature, then each
 * signature's values once. Counting every value of every hit into maps
 * keyed by strings was a fifth of such a search; into arrays by value, a
 * twelfth.
 */
class FacetCodes {
  private readonly values: string[][] = FACETS.map(() => []);
  private readonly codeOf: Array<Map<string, number>> = FACETS.map(() => new Map());
  /** per signature: the codes of its values, facet after facet, each facet's run preceded by its length */
  private readonly signatures: Uint32Array[] = [];
  private readonly signatureOf = new Map<string, number>();
  /** per slot: its signature */
  private readonly bySlot: Array<number | undefined> = [];

  /** Forgets a slot's signature when its entry changed or left. */
  forget(slot: number): void {
    this.bySlot[slot] = undefined;
  }

  private signature(slot: number, entry: DirectoryEntry): number {
    const kept = this.bySlot[slot];
    if (kept !== undefined) return kept;
    const out: number[] = [];
    FACETS.forEach((f, i) => {
      const values = facetValues(entry, f);
      out.push(values.length);
      for (const v of values) {
        let code = this.codeOf[i]!.get(v);
        if (code === undefined) {
          code = this.values[i]!.length;
          this.values[i]!.push(v);
          this.codeOf[i]!.set(v, code);
        }
        out.push(code);
      }
    });
    const key = out.join(',');
    let sig = this.signatureOf.get(key);
    if (sig === undefined) {
      sig = this.signatures.length;
      // 32 bits: municipalities are free text, and a long-lived index never forgets a value it saw.
      this.signatures.push(Uint32Array.from(out));
      this.signatureOf.set(key, sig);
    }
    return (this.bySlot[slot] = sig);
  }

  /**
   * Hits per value of each facet: a candidate counts in a facet when it
   * fails no filter but, at most, that facet's own (its counts show what
   * choosing another value would give).
   */
  count(slots: ArrayLike<number>, entryOf: (slot: number) => DirectoryEntry, failed: Int32Array): Record<Facet, Record<string, number>> {
    // Signatures first: a value first seen here gets its code before the arrays are sized.
    for (let n = 0; n < slots.length; n++) if (this.bySlot[slots[n]!] === undefined) this.signature(slots[n]!, entryOf(slots[n]!));
    const kinds = this.signatures.length;
    // Per signature, how many candidates count in every facet (row 0) or only in facet f (row f + 1).
    const bySignature = new Int32Array(kinds * (FACETS.length + 1));
    for (let n = 0; n < slots.length; n++) {
      const m = failed[n]!;
      const row = m === 0 ? 0 : (m & (m - 1)) === 0 ? (FACET_OF_BIT.get(m) ?? -1) + 1 : 0;
      if (m !== 0 && row === 0) continue;
      bySignature[row * kinds + this.bySlot[slots[n]!]!]!++;
    }
    const counts = this.values.map((v) => new Int32Array(v.length));
    for (let row = 0; row <= FACETS.length; row++) {
      for (let sig = 0; sig < kinds; sig++) {
        const times = bySignature[row * kinds + sig]!;
        if (!times) continue;
        const c = this.signatures[sig]!;
        for (let i = 0, f = 0; f < FACETS.length; f++) {
          const end = i + 1 + c[i]!;
          if (row === 0 || row === f + 1) for (let k = i + 1; k < end; k++) counts[f]![c[k]!]! += times;
          i = end;
        }
      }
    }
    return Object.fromEntries(
      FACETS.map((f, i) => {
        const byValue: Record<string, number> = {};
        counts[i]!.forEach((n, code) => n && (byValue[this.values[i]![code]!] = n));
        return [f, byValue];
      }),
    ) as Record<Facet, Record<string, number>>;
  }
}

export interface DirectoryHit {
  entry: DirectoryEntry;
  /** index terms the query matched in it (empty without a query) */
  terms: string[];
}

export interface DirectorySearch {
  /** how many hits there are */
  count: number;
  /**
   * The hits from `offset` on, at most `limit` of them. The answer keeps
   * its hits as numbers (a common word at 50,000 listings has tens of
   * thousands, and an answer is kept for the next page), so only a page
   * becomes objects, and only its matched terms are worked out.
   */
  page(offset: number, limit: number): DirectoryHit[];
  /** hits per value of each facet, under the query and every other filter */
  facets: Record<Facet, Record<string, number>>;
  /** with a query: whether every word matched (false: none had them all, those with most come first) */
  allWords?: boolean;
  /** "did you mean": the query with its misspelt words corrected */
  suggestion?: string;
  /** with no hits: how many there would be without each filter that is set */
  relax?: Array<{ filter: Filter; count: number }>;
}

/**
 * Searches a network's directory. With free text, hits are ranked by
 * relevance (BM25 with field weights; whole words above stems above typo
 * matches), equal scores in directory order; without it, in directory
 * order. Filters narrow either order.
 */
export function searchDirectory(index: DirectoryIndex, q: DirectoryQuery, lang: UiLanguage): DirectorySearch {
  const { offset: _offset, limit: _limit, ...asked } = q;
  return index.answer(JSON.stringify([lang, asked]), () => computeSearch(index, q, lang, ANSWER_DEPTH));
}

/**
 * How many hits an answer keeps for its next pages (20 pages of 50). A page
 * past them searches again. A kept answer holding every hit of a common
 * word (tens of thousands, with their scores) lived long enough to reach
 * the old generation, and the collector's long pauses came from clearing
 * those.
 */
const ANSWER_DEPTH = 1_000;

function computeSearch(index: DirectoryIndex, q: DirectoryQuery, lang: UiLanguage, depth: number): DirectorySearch {
  const municipality = normalisedMunicipality(q);
  const text = q.q?.trim() ? index.text.search(q.q, lang) : undefined;
  const { position, sorted } = index.inOrder(lang);
  const ranking = text?.ranking;
  /** each candidate's place in the ranking, in rank order */
  const ranked = ranking && rankOrder(ranking.scores, ranking.ids.map((id) => position[id]!));
  const slots = ranked ? ranked.map((i) => ranking.ids[i]!) : sorted;
  // Each candidate's failed filters once: a hit fails none; a facet counts those that fail at most its own filter.
  const failed = new Int32Array(slots.length);
  const anyFilter = FILTERS.some((f) => q[f] !== undefined);
  if (anyFilter) for (let n = 0; n < slots.length; n++) failed[n] = failures(index.entry(slots[n]!), q, municipality);
  /** the candidates that pass every filter, by their number among the candidates */
  const passing = anyFilter ? Int32Array.from(failed.keys()).filter((n) => failed[n] === 0) : undefined;
  const count = passing ? passing.length : slots.length;
  const facets = index.facets.count(slots, (slot) => index.entry(slot), failed);
  const set = FILTERS.filter((f) => (f === 'online' || f === 'free' ? q[f] !== undefined : Boolean(q[f]?.trim())));
  const relax = !count && set.length ? set.map((filter) => ({ filter, count: failed.filter((m) => (m & ~BIT[filter]) === 0).length })) : undefined;
  const top = new Int32Array(Math.min(count, depth));
  for (let k = 0; k < top.length; k++) top[k] = slots[passing ? passing[k]! : k]!;
  return {
    count,
    page: pager(index, q, lang, count, top, ranking?.terms),
    facets,
    ...(text ? { allWords: text.all } : {}),
    ...(text?.suggestion ? { suggestion: text.suggestion } : {}),
    ...(relax ? { relax } : {}),
  };
}

/**
 * An answer's pages. Made outside `computeSearch` so that it keeps only the
 * first hits' slots and how to find what each matched: a closure made there
 * would keep the search's arrays (the whole ranking, every candidate's
 * filters) for as long as the answer is kept.
 */
function pager(index: DirectoryIndex, q: DirectoryQuery, lang: UiLanguage, count: number, top: Int32Array, terms: ((slot: number) => string[]) | undefined): DirectorySearch['page'] {
  return (offset, limit) => {
    const from = Math.max(0, offset);
    const end = Math.min(count, from + limit);
    if (end > top.length) return computeSearch(index, q, lang, end).page(from, end - from);
    return Array.from(top.subarray(from, end), (slot) => (terms ? { entry: index.entry(slot), get terms() { return terms(slot); } } : { entry: index.entry(slot), terms: [] }));
  };
}

/**
 * A card as the API shows it. With the terms a search matched, `highlight`
 * gives where the matched words are in the title and summary shown, as
 * [start, end) offsets, for the page to mark as text (never as HTML).
 */
export function cardView(c: DirectoryEntry, lang: UiLanguage, terms: readonly string[] = []) {
  const title = localisedField('title', c.title, lang);
  const summary = localisedField('summary', c.summary, lang);
  const textLang = (l: string | undefined) => (l === 'fi' ? 'fi' : lang);
  return {
    id: c.id,
    kind: c.kind,
    ...title,
    ...summary,
    organisation: c.organisation,
    themes: c.themes,
    targetGroups: c.targetGroups,
    languages: c.languages,
    municipalities: c.municipalities,
    online: c.online,
    free: c.free,
    next: c.next ?? null,
    ...(terms.length
      ? {
          highlight: {
            title: TextIndex.highlight(title.title, textLang(title.titleLang), terms),
            summary: TextIndex.highlight(summary.summary, textLang(summary.summaryLang), terms),
            organisation: TextIndex.highlight(c.organisation, 'fi', terms),
          },
        }
      : {}),
  };
}

/** The public view of a published listing: everything a professional needs to refer a client. */
export function publicView(r: ListingRecord, lang: UiLanguage, now: Date, siteUrl: string) {
  const l = r.published!;
  const event = listingEvent(r, siteUrl, lang, now);
  return {
    id: r.id,
    network: r.network,
    lang,
    title: pick(l.title, lang),
    summary: pick(l.summary, lang),
    description: pick(l.description, lang),
    texts: { title: l.title, summary: l.summary, description: l.description },
    organisation: l.organisation,
    contact: l.contact,
    kind: l.kind,
    themes: l.themes,
    targetGroups: l.targetGroups,
    ageRange: l.ageRange ?? null,
    languages: l.languages,
    channels: l.channels,
    accessibility: l.accessibility,
    schedule: l.schedule,
    next: listingOccurrences(l, now, 3).map((o) => ({ start: o.start.toISOString(), ...(o.end ? { end: o.end.toISOString() } : {}) })),
    cost: l.cost,
    registration: l.registration,
    validFrom: l.validFrom ?? null,
    validUntil: l.validUntil ?? null,
    publishedAt: r.publishedAt,
    updatedAt: r.updatedAt,
    /** "Add to Google Calendar" and "Add to Outlook.com" links; null without dates ahead */
    calendarLinks: event ? calendarLinks(event) : null,
  };
}

export const BYDAY: Record<(typeof WEEKDAYS)[number], string> = { mon: 'MO', tue: 'TU', wed: 'WE', thu: 'TH', fri: 'FR', sat: 'SA', sun: 'SU' };

/** RFC 5545 BYDAY of a recurring schedule: `WE,FR` weekly, `1MO` or `-1TH` monthly. */
export function byDay(s: Extract<ListingInput['schedule'], { type: 'recurring' }>): string {
  const days = s.weekdays.map((w) => BYDAY[w]);
  return s.frequency === 'monthly' ? days.map((d) => `${s.weekOfMonth ?? 1}${d}`).join(',') : days.join(',');
}

/** UTC form `YYYYMMDDTHHMMSSZ` of an instant. */
const utc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');

/**
 * An .ics of a listing's dates for a professional's calendar: one event,
 * or a recurring one (RRULE) that starts at the first occurrence within
 * the validity and ends (UNTIL, in UTC as RFC 5545 requires with a TZID
 * start) at the end of its last day in Helsinki. Undefined without dates.
 */
/** A listing's dates as one calendar event (recurring ones with their rule), or undefined when it has none ahead. */
export function listingEvent(r: ListingRecord, siteUrl: string, lang: UiLanguage, now: Date): IcsEvent | undefined {
  const l: ListingInput = r.published!;
  const s = l.schedule;
  if (s.type === 'none') return undefined;
  const place = l.channels.find((c) => c.type === 'place');
  const online = l.channels.find((c) => c.type === 'online');
  const base: Omit<IcsEvent, 'start'> = {
    uid: `listing-${r.id}@verkosto`,
    sequence: r.publishedRevision ?? 1,
    stamp: now,
    summary: pick(l.title, lang),
    description: `${pick(l.summary, lang)}\n\n${l.organisation.name}`,
    ...(place ? { location: `${place.address}, ${place.postcode} ${place.municipality}` } : online ? { location: online.url } : {}),
    url: `${siteUrl}/${lang}/listings/view/?id=${encodeURIComponent(r.id)}`,
  };
  if (s.type === 'once') return { ...base, start: { date: s.date, time: s.startTime }, ...(s.endTime ? { end: { date: s.date, time: s.endTime } } : {}) };
  const first = listingOccurrences(l, now, 1)[0];
  if (!first) return undefined;
  const last = lastDay(l);
  const until = last ? `;UNTIL=${utc(helsinkiToUtc(last, '23:59'))}` : '';
  return {
    ...base,
    start: { date: first.date, time: helsinkiTime(first.start) },
    end: { date: first.date, time: s.endTime },
    rrule: `FREQ=${s.frequency === 'weekly' ? 'WEEKLY' : 'MONTHLY'};BYDAY=${byDay(s)}${until}`,
  };
}

/** The listing as a calendar file (no METHOD: it names no organiser, RFC 5546). */
export function listingIcs(r: ListingRecord, siteUrl: string, lang: UiLanguage, now: Date): string | undefined {
  const event = listingEvent(r, siteUrl, lang, now);
  return event && renderIcs([event]);
}
