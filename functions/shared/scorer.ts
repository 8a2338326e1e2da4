import MiniSearch, { type Query, type SearchOptions } from 'minisearch';

/**
 * Runs a MiniSearch query tree over a MiniSearch index and scores exactly
 * as `MiniSearch#search` does (BM25 per field, the same weights, the same
 * AND/OR sums, score × the number of distinct query terms matched), in
 * typed arrays instead of a result object per document. Hits come in the
 * order MiniSearch finds them: its ranking is a stable sort of them by
 * score, which the caller does once (`rankOrder`).
 *
 * Why: at 50,000 listings a common word's look-up walks tens of thousands
 * of postings, and MiniSearch builds a result object and a match map for
 * each of them (0.4–0.5 µs a posting, a sixth of it in the collector). The
 * directory needs every hit (facets count them all), but the matched
 * index terms only of those a page shows, so these are worked out on
 * demand (`explain`). Results of the leaves are kept for one `Scorer`'s
 * life: the passes of one search (all words, each word alone, after
 * repairs, any word) look each term up once.
 *
 * The unit tests run every query of the evaluation set through both and
 * compare hits, scores and matched terms.
 */

type Postings = Map<number, Map<number, number>>;

/** What the scorer reads of MiniSearch 7.2 beyond its public API. */
export interface MiniSearchInternals {
  _index: {
    get(term: string): Postings | undefined;
    atPrefix(prefix: string): Iterable<[string, Postings]>;
    fuzzyGet(term: string, distance: number): Map<string, [Postings, number]>;
  };
  _documentIds: Map<number, string>;
  _idToShortId: Map<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _fieldIds: Record<string, number>;
  _documentCount: number;
  _nextId: number;
  _options: { fields: string[]; searchOptions?: SearchOptions };
  removeTerm(fieldId: number, documentId: number, term: string): void;
}

/** A field's documents of a term as arrays, in the order its Map would give them. */
export interface CompactPostings {
  docs: Int32Array;
  freqs: Int32Array;
}

/** Postings that can give their documents as arrays without becoming a Map (a snapshot's, still encoded); undefined when they are a Map now. */
export interface CompactSource {
  compact(): CompactPostings | undefined;
}

/** Documents found by a node: MiniSearch's short ids in its result order, their scores, and which query terms each matched (a bit each). */
interface Found {
  ids: Int32Array;
  scores: Float64Array;
  /** `words` 32-bit words per document */
  masks: Uint32Array;
}

/** How a leaf matched, for `explain`: each index term it reached, with its postings, in the fields looked in. */
interface LeafTrace {
  kind: 'leaf';
  derived: Array<[string, Postings]>;
  fieldIds: number[];
}
type Trace = LeafTrace | { kind: 'all' } | { kind: 'and' | 'or'; children: Trace[] };

export interface Ranked {
  /** MiniSearch's short ids, in the order MiniSearch finds them: its ranking is a stable sort of these by score (`rankOrder`), left to who needs it */
  ids: Int32Array;
  scores: Float64Array;
  /** the index terms document `short` matched (what MiniSearch gives as `terms`); none for a document not found */
  explain(short: number): string[];
}

const DEFAULT_WEIGHTS = { fuzzy: 0.45, prefix: 0.375 };
const DEFAULT_BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const hasOwn = (o: object | undefined, k: string) => o !== undefined && Object.prototype.hasOwnProperty.call(o, k);

/**
 * The index's documents as dense columns by short id, and the scratch the
 * scorer works in, by short id too (reused search after search: a fresh one
 * each time was most of what the collector had to do). Built at the first
 * search (12–35 ms at 50,000 listings), then kept up to date as documents
 * are added and taken out, so a change to the directory does not cost the
 * next search a rebuild.
 */
export class Columns {
  acc!: Float64Array;
  /** which documents the node being worked out has touched: those marked with the current `epoch` */
  stamp!: Int32Array;
  epoch = 0;
  /** the touched documents in the order they were touched */
  order!: Int32Array;
  /** the query-term bits of each touched document, `maskWords` words each */
  masks!: Uint32Array;
  maskWords = 1;

  /** whether a short id is a document of the index now */
  live!: Uint8Array;
  /** field id → each document's length in that field */
  lengths!: Float64Array[];
  /** each document's id as a number (the directory numbers its documents) */
  external!: Int32Array;

  constructor(private readonly mini: MiniSearchInternals) {
    this.allocate(Math.max(16, mini._nextId));
    for (const short of mini._documentIds.keys()) this.set(short);
  }

  /** A document MiniSearch has just added, by its short id. */
  add(short: number): void {
    if (short >= this.live.length) this.allocate(Math.ceil((short + 1) * 1.25));
    this.set(short);
  }

  /** A document taken out (discarded), by its short id. */
  remove(short: number): void {
    this.live[short] = 0;
  }

  private set(short: number): void {
    this.live[short] = 1;
    this.external[short] = Number(this.mini._documentIds.get(short));
    const lengths = this.mini._fieldLength.get(short)!;
    for (let f = 0; f < this.lengths.length; f++) this.lengths[f]![short] = lengths[f] ?? 0;
  }

  /** Room for `capacity` short ids, keeping the columns (the scratch starts empty). */
  private allocate(capacity: number): void {
    const grown = <T extends Float64Array | Int32Array | Uint8Array>(old: T | undefined, make: (n: number) => T): T => {
      const next = make(capacity);
      if (old) next.set(old as never);
      return next;
    };
    this.live = grown(this.live as Uint8Array | undefined, (n) => new Uint8Array(n));
    this.external = grown(this.external as Int32Array | undefined, (n) => new Int32Array(n));
    const fields = this.mini._avgFieldLength.length;
    this.lengths = Array.from({ length: fields }, (_, f) => grown(this.lengths?.[f], (n) => new Float64Array(n)));
    this.acc = new Float64Array(capacity);
    this.stamp = new Int32Array(capacity);
    this.order = new Int32Array(capacity);
    this.masks = new Uint32Array(capacity * this.maskWords);
  }
}

/** One search's scoring: keeps what its leaves found until it is dropped. */
export class Scorer {
  private readonly bits = new Map<string, number>();
  private words = 1;
  private readonly memo = new Map<string, { found: Found; trace: LeafTrace }>();
  private readonly nodes = new Map<object, Map<string, { found: Found; trace: Trace }>>();
  // The columns' scratch, by short id, used by one node at a time.
  private readonly acc: Float64Array;
  private readonly stamp: Int32Array;
  private readonly order: Int32Array;

  constructor(
    private readonly mini: MiniSearchInternals,
    readonly columns: Columns,
  ) {
    ({ acc: this.acc, stamp: this.stamp, order: this.order } = columns);
  }

  private get scratchMasks(): Uint32Array {
    const c = this.columns;
    if (c.maskWords < this.words) {
      c.masks = new Uint32Array(c.live.length * this.words);
      c.maskWords = this.words;
    }
    return c.masks;
  }

  /** The documents matching `tree` (options as `MiniSearch#search` takes them), scored as it scores them. */
  search(tree: Query, options: SearchOptions = {}): Ranked {
    this.countTerms(tree);
    const { found, trace } = this.run(tree, options);
    const n = found.ids.length;
    const scores = new Float64Array(n);
    for (let i = 0; i < n; i++) scores[i] = found.scores[i]! * (popcount(found.masks, i, this.words) || 1);
    return { ids: found.ids, scores, explain: explainer(trace) };
  }

  /** Gives each query term of the tree a bit, widening the masks when there are more than 32. */
  private countTerms(tree: Query): void {
    const visit = (q: Query): void => {
      if (typeof q === 'string') {
        if (!this.bits.has(q)) this.bits.set(q, this.bits.size);
      } else if (typeof q === 'object') q.queries.forEach(visit);
    };
    visit(tree);
    const words = Math.max(1, Math.ceil(this.bits.size / 32));
    if (words !== this.words) {
      // Masks kept from earlier passes were narrower: forget them rather than widen each.
      this.memo.clear();
      this.nodes.clear();
      this.words = words;
    }
  }

  private run(q: Query, inherited: SearchOptions): { found: Found; trace: Trace } {
    // The directory never boosts documents one by one; scoring them so would need the Map per document this avoids.
    if (inherited.boostDocument || (typeof q === 'object' && q.boostDocument)) throw new Error('The directory scorer does not take boostDocument');
    if (q === MiniSearch.wildcard) return this.wildcard();
    if (typeof q === 'string') return this.leaf(q, inherited);
    // The same tree object under the same options gives the same documents: a word's tree is asked for again in each pass of a search.
    const key = inherited.boostTerm ? undefined : JSON.stringify(inherited);
    const kept = key === undefined ? undefined : this.nodes.get(q)?.get(key);
    if (kept) return kept;
    const result = this.combination(q, inherited);
    if (key !== undefined) this.nodes.set(q, (this.nodes.get(q) ?? new Map()).set(key, result));
    return result;
  }

  private combination(q: Exclude<Query, string | symbol>, inherited: SearchOptions): { found: Found; trace: Trace } {
    const options: SearchOptions = { ...inherited, ...q };
    delete (options as { queries?: unknown }).queries;
    const parts = q.queries.map((sub) => this.run(sub, options));
    const combine = (options.combineWith ?? 'OR').toUpperCase();
    if (combine !== 'AND' && combine !== 'OR') throw new Error(`Invalid combination operator: ${options.combineWith}`);
    if (!parts.length) return { found: this.empty(), trace: { kind: combine === 'AND' ? 'and' : 'or', children: [] } };
    const found = parts.length === 1 ? parts[0]!.found : combine === 'AND' ? this.and(parts.map((p) => p.found)) : this.or(parts.map((p) => p.found));
    return { found, trace: { kind: combine === 'AND' ? 'and' : 'or', children: parts.map((p) => p.trace) } };
  }

  private empty(): Found {
    return { ids: new Int32Array(0), scores: new Float64Array(0), masks: new Uint32Array(0) };
  }

  /** Every document, each scored 1 and matching no query term. */
  private wildcard(): { found: Found; trace: Trace } {
    const ids = [...this.mini._documentIds.keys()];
    const scores = new Float64Array(ids.length).fill(1);
    return { found: { ids: Int32Array.from(ids), scores, masks: new Uint32Array(ids.length * this.words) }, trace: { kind: 'all' } };
  }

  /** One query term: its own postings, then those of the longer terms it begins (prefix) and of the terms a typo away (fuzzy), as `executeQuerySpec` walks them. */
  private leaf(term: string, inherited: SearchOptions): { found: Found; trace: Trace } {
    const options = { ...this.mini._options.searchOptions, ...inherited };
    const fields = options.fields ?? this.mini._options.fields;
    const boosts = fields.map((f) => (hasOwn(options.boost, f) ? options.boost![f] : 0) || 1);
    const termBoost = typeof options.boostTerm === 'function' ? options.boostTerm(term, 0, [term]) : 1;
    const prefix = typeof options.prefix === 'function' ? options.prefix(term, 0, [term]) : options.prefix === true;
    const fuzzyOption = typeof options.fuzzy === 'function' ? options.fuzzy(term, 0, [term]) : options.fuzzy || false;
    const weights = { ...DEFAULT_WEIGHTS, ...options.weights };
    const bm25 = options.bm25 ?? DEFAULT_BM25;
    const maxFuzzy = options.maxFuzzy ?? 6;
    const key = JSON.stringify([term, fields, boosts, termBoost, prefix, fuzzyOption, weights, bm25, maxFuzzy]);
    const kept = this.memo.get(key);
    if (kept) return kept;

    const bit = this.bits.get(term)!;
    const fieldIds = fields.map((f) => this.mini._fieldIds[f]!);
    const trace: LeafTrace = { kind: 'leaf', derived: [], fieldIds };
    const epoch = this.next();
    let count = 0;
    const walk = (derived: string, weight: number, data: Postings | undefined): void => {
      if (!data) return;
      trace.derived.push([derived, data]);
      count = this.score(derived, weight, termBoost, data, fieldIds, boosts, bm25, bit, epoch, count);
    };
    walk(term, 1, this.mini._index.get(term));
    let fuzzyMatches: Map<string, [Postings, number]> | undefined;
    if (fuzzyOption) {
      const fuzzy = fuzzyOption === true ? 0.2 : fuzzyOption;
      const distance = fuzzy < 1 ? Math.min(maxFuzzy, Math.round(term.length * fuzzy)) : fuzzy;
      if (distance) fuzzyMatches = this.mini._index.fuzzyGet(term, distance);
    }
    if (prefix) {
      for (const [t, data] of this.mini._index.atPrefix(term)) {
        const distance = t.length - term.length;
        if (!distance) continue;
        fuzzyMatches?.delete(t);
        walk(t, (weights.prefix * t.length) / (t.length + 0.3 * distance), data);
      }
    }
    if (fuzzyMatches) {
      for (const [t, [data, distance]] of fuzzyMatches) {
        if (!distance) continue;
        walk(t, (weights.fuzzy * t.length) / (t.length + distance), data);
      }
    }
    const result = { found: this.collect(count), trace };
    if (key !== undefined) this.memo.set(key, result);
    return result;
  }

  /** `termResults`: one index term's postings into the scratch, field by field. Returns how many documents the node has touched. */
  private score(
    derived: string,
    termWeight: number,
    termBoost: number,
    data: Postings,
    fieldIds: number[],
    boosts: number[],
    bm25: { k: number; b: number; d: number },
    bit: number,
    epoch: number,
    count: number,
  ): number {
    const { acc, stamp, order, scratchMasks: masks, words } = this;
    const { live, lengths } = this.columns;
    const word = bit >>> 5;
    const flag = 1 << (bit & 31);
    const { k, b, d } = bm25;
    const total = this.mini._documentCount;
    for (let f = 0; f < fieldIds.length; f++) {
      const fieldId = fieldIds[f]!;
      const freqs = data.get(fieldId);
      if (freqs == null) continue;
      const fieldBoost = boosts[f]!;
      const compact = (freqs as Map<number, number> & Partial<CompactSource>).compact?.();
      let matching = compact ? compact.docs.length : freqs.size;
      let idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
      const avg = this.mini._avgFieldLength[fieldId]!;
      const length = lengths[fieldId]!;
      // forEach, not for…of: an entry array per posting was most of what a search allocated.
      const visit = (tf: number, doc: number): void => {
        if (doc >= live.length || !live[doc]) {
          // A discarded document not yet vacuumed (or one added since the columns were read): as MiniSearch does, clear it from the postings.
          if (!this.mini._documentIds.has(doc)) {
            this.mini.removeTerm(fieldId, doc, derived);
            matching -= 1;
            idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
          }
          return;
        }
        const raw = idf * (d + (tf * (k + 1)) / (tf + k * (1 - b + (b * length[doc]!) / avg)));
        // MiniSearch multiplies in a document boost of 1 before `raw`: exact, so the product is bit for bit its own.
        const weighted = termWeight * termBoost * fieldBoost * raw;
        if (stamp[doc] !== epoch) {
          stamp[doc] = epoch;
          acc[doc] = weighted;
          order[count++] = doc;
          const at = doc * words;
          for (let w = 0; w < words; w++) masks[at + w] = 0;
          masks[at + word] = flag;
        } else {
          acc[doc] = acc[doc]! + weighted;
          masks[doc * words + word] = masks[doc * words + word]! | flag;
        }
      };
      if (compact) for (let i = 0; i < compact.docs.length; i++) visit(compact.freqs[i]!, compact.docs[i]!);
      else freqs.forEach(visit);
    }
    return count;
  }

  /** A fresh mark for the scratch. */
  private next(): number {
    const c = this.columns;
    if (++c.epoch === 0x7fffffff) {
      this.stamp.fill(0);
      c.epoch = 1;
    }
    return c.epoch;
  }

  /** The scratch's first `count` touched documents, in the order they were touched. */
  private collect(count: number): Found {
    const { acc, order, scratchMasks, words } = this;
    const ids = order.slice(0, count);
    const scores = new Float64Array(count);
    const masks = new Uint32Array(count * words);
    for (let i = 0; i < count; i++) {
      const doc = ids[i]!;
      scores[i] = acc[doc]!;
      for (let w = 0; w < words; w++) masks[i * words + w] = scratchMasks[doc * words + w]!;
    }
    return { ids, scores, masks };
  }

  /** Scatters `f` into the scratch under a fresh mark; returns the mark. */
  private scatter(f: Found): number {
    const epoch = this.next();
    const { acc, stamp, order, scratchMasks, words } = this;
    for (let i = 0; i < f.ids.length; i++) {
      const doc = f.ids[i]!;
      stamp[doc] = epoch;
      acc[doc] = f.scores[i]!;
      order[i] = doc;
      for (let w = 0; w < words; w++) scratchMasks[doc * words + w] = f.masks[i * words + w]!;
    }
    return epoch;
  }

  /** OR: every document of any part, scores summed; the first part's documents first, then each new one as it comes. */
  private or(parts: Found[]): Found {
    const epoch = this.scatter(parts[0]!);
    let count = parts[0]!.ids.length;
    const { acc, stamp, order, scratchMasks, words } = this;
    for (let p = 1; p < parts.length; p++) {
      const f = parts[p]!;
      for (let i = 0; i < f.ids.length; i++) {
        const doc = f.ids[i]!;
        if (stamp[doc] !== epoch) {
          stamp[doc] = epoch;
          acc[doc] = f.scores[i]!;
          order[count++] = doc;
          for (let w = 0; w < words; w++) scratchMasks[doc * words + w] = f.masks[i * words + w]!;
        } else {
          acc[doc] = acc[doc]! + f.scores[i]!;
          for (let w = 0; w < words; w++) scratchMasks[doc * words + w] = scratchMasks[doc * words + w]! | f.masks[i * words + w]!;
        }
      }
    }
    return this.collect(count);
  }

  /** AND: the documents of every part, scores summed, in the order of the last part (as MiniSearch's reduce leaves them). */
  private and(parts: Found[]): Found {
    let current = parts[0]!;
    const { acc, stamp, words, scratchMasks } = this;
    for (let p = 1; p < parts.length && current.ids.length; p++) {
      const epoch = this.scatter(current);
      const f = parts[p]!;
      const ids: number[] = [];
      const scores: number[] = [];
      const masks: number[] = [];
      for (let i = 0; i < f.ids.length; i++) {
        const doc = f.ids[i]!;
        if (stamp[doc] !== epoch) continue;
        ids.push(doc);
        scores.push(acc[doc]! + f.scores[i]!);
        for (let w = 0; w < words; w++) masks.push(scratchMasks[doc * words + w]! | f.masks[i * words + w]!);
      }
      current = { ids: Int32Array.from(ids), scores: Float64Array.from(scores), masks: Uint32Array.from(masks) };
    }
    return current;
  }
}

function popcount(masks: Uint32Array, i: number, words: number): number {
  let n = 0;
  for (let w = 0; w < words; w++) {
    let v = masks[i * words + w]!;
    v = v - ((v >>> 1) & 0x55555555);
    v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
    n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
  }
  return n;
}

/** Whether a document is among what `trace` found. */
function contains(trace: Trace, short: number): boolean {
  switch (trace.kind) {
    case 'all':
      return true;
    case 'and':
      for (const c of trace.children) if (!contains(c, short)) return false;
      return trace.children.length > 0;
    case 'or':
      for (const c of trace.children) if (contains(c, short)) return true;
      return false;
    case 'leaf':
      for (let i = 0; i < trace.derived.length; i++) if (scored(trace, i, short)) return true;
      return false;
  }
}

/** Whether a leaf scored a document through its `i`th index term. */
function scored(trace: LeafTrace, i: number, short: number): boolean {
  const data = trace.derived[i]![1];
  for (const f of trace.fieldIds) if (data.get(f)?.has(short)) return true;
  return false;
}

/** `Ranked.explain`: it keeps the tree's trace (which holds the postings it read), not the search's arrays (an answer kept for its next page keeps it). */
function explainer(trace: Trace): (short: number) => string[] {
  return (short) => (contains(trace, short) ? [...matched(trace, short)] : []);
}

/** The index terms a document of the result matched, through every part of the tree that found it. */
function matched(trace: Trace, short: number, into = new Set<string>()): Set<string> {
  if (trace.kind === 'leaf') for (let i = 0; i < trace.derived.length; i++) scored(trace, i, short) && into.add(trace.derived[i]![0]);
  else if (trace.kind !== 'all') for (const c of trace.children) if (contains(c, short)) matched(c, short, into);
  return into;
}
