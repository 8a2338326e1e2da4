import MiniSearch, { type AsPlainObject, type Options, type Query, type QueryCombination, type SearchOptions } from 'minisearch';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as finnish } from '@orama/stemmers/finnish';
import { stemmer as swedish } from '@orama/stemmers/swedish';
import { bestOf } from './rank.js';
import { Columns, Scorer, type CompactPostings, type CompactSource, type MiniSearchInternals } from './scorer.js';

/**
 * Free-text search that understands Finnish, Swedish and English: a
 * MiniSearch index (BM25 with field weights, prefix and typo-tolerant term
 * lookups on a radix tree) over words reduced by the Snowball stemmers of
 * each text's own language. See docs/architecture.md ("Directory search")
 * for why MiniSearch and how it was measured.
 *
 * Every word of a text is indexed as its stem, and a title's words also as
 * `=word` (the whole word), so a query word written as in the title scores
 * above one that only shares its stem. Finnish and Swedish compounds of
 * titles and names are indexed once more by their tails (`perhekahvila`
 * also as `kahvila`, `ahvila`…) in a low-weighted field, so a part finds
 * the whole.
 */

export type TextLanguage = 'fi' | 'sv' | 'en';
export const TEXT_LANGUAGES: readonly TextLanguage[] = ['fi', 'sv', 'en'];
type Localised = Partial<Record<TextLanguage, string>>;

/** What one document offers to search, by field; localised fields in each language present. */
export interface SearchDocument {
  title: Localised;
  summary: Localised;
  /** the description, or only its distinct words: order does not matter */
  description: Localised;
  organisation: string;
  /** street addresses and municipalities */
  place: string;
}

/** Field weights: title above summary above organisation above description above address. */
const WEIGHT = { title: 6, summary: 3, organisation: 2, description: 1, place: 0.6, parts: 0.35 } as const;
const LOCALISED = ['title', 'summary', 'description'] as const;
const fieldName = (f: (typeof LOCALISED)[number], l: TextLanguage) => `${f}_${l}`;
const LANG_FIELDS: Record<TextLanguage, string[]> = {
  fi: LOCALISED.map((f) => fieldName(f, 'fi')),
  sv: LOCALISED.map((f) => fieldName(f, 'sv')),
  en: LOCALISED.map((f) => fieldName(f, 'en')),
};
/** Names and addresses are not translated: they are searched with the Finnish stemmer whatever the page's language. */
const NEUTRAL = ['organisation', 'place'];
const TEXT_FIELDS = [...LANG_FIELDS.fi, ...LANG_FIELDS.sv, ...LANG_FIELDS.en, ...NEUTRAL];
const FIELDS = [...TEXT_FIELDS, 'parts'];
const STEMMERS: Record<TextLanguage, (w: string) => string> = { fi: finnish, sv: swedish, en: english };

const TITLES = new Set(LANG_FIELDS.fi.concat(LANG_FIELDS.sv, LANG_FIELDS.en).filter((f) => f.startsWith('title')));
const fieldLanguage = (field: string): TextLanguage => (field.endsWith('_sv') ? 'sv' : field.endsWith('_en') ? 'en' : 'fi');
const FIELD_LANGUAGE: Record<string, TextLanguage> = Object.fromEntries(TEXT_FIELDS.map((f) => [f, fieldLanguage(f)]));
const fieldWeight = (field: string): number => WEIGHT[field.replace(/_(fi|sv|en)$/, '') as keyof typeof WEIGHT];

/** Words that carry no meaning of their own in a query ("tukea *ja* neuvontaa", "stöd *för* familjer"). */
const STOP_WORDS = new Set([
  'ja', 'tai', 'sekä', 'on', 'ei', 'se', 'ne', 'että', 'kun', 'jos', 'myös', 'kanssa', 'eli',
  'och', 'eller', 'i', 'på', 'för', 'till', 'med', 'av', 'om', 'en', 'ett', 'som', 'att',
  'and', 'or', 'the', 'a', 'an', 'of', 'for', 'in', 'on', 'to', 'with', 'at', 'by',
]);

/**
 * Search normalisation: case and Finnish/Swedish diacritics do not matter
 * (`perhetyö` finds `perhetyo`, `Pruntsin Poukama` finds `pruntsin poukama`).
 */
export function normalise(text: string): string {
  return fold(text.toLowerCase())
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Without diacritics: ä → a, ö → o, å → a, é → e. */
const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '');

const WORD = /[\p{L}\p{N}]+/gu;

/** The words of a text, lower-case, diacritics kept (the stemmers read them: `-ssä` is a case ending). */
export function words(text: string): string[] {
  return text.toLowerCase().normalize('NFC').match(WORD) ?? [];
}

/**
 * The searchable form of a long text: its distinct words, lower-case.
 * Searching it finds what searching the whole text finds (order and
 * repetition aside), at a fraction of the size.
 */
export function searchWords(text: string): string {
  return [...new Set(words(text))].join(' ');
}

/** What a word of a language becomes in the index. */
interface Analysed {
  /** [stem, `=whole word`] */
  terms: [string, string];
  /** whether it goes into the vocabulary that typos are repaired from (three letters or more, no digits) */
  vocabulary: boolean;
  /** the tails of its stem, for compound parts (titles and names are indexed by those of the Finnish stem; highlighting reads each language's), worked out when first asked for */
  tails?: string[];
}

/**
 * Words already analysed, per language: a network's texts repeat a small
 * vocabulary, and stemming, folding and allocating terms for every
 * occurrence was most of the cost of building an index. Cleared when it
 * grows past a bound, so an instance's memory stays flat.
 */
const analysed: Record<TextLanguage, Map<string, Analysed>> = { fi: new Map(), sv: new Map(), en: new Map() };
const ANALYSED_SIZE = 200_000;

function analyse(word: string, lang: TextLanguage): Analysed {
  const cache = analysed[lang];
  let a = cache.get(word);
  if (a === undefined) {
    if (cache.size >= ANALYSED_SIZE) cache.clear();
    // Numbers (postcodes, ages) and one- and two-letter words are their own stem.
    const stem = word.length < 3 || /^\p{N}+$/u.test(word) ? fold(word) : fold(STEMMERS[lang](word));
    a = { terms: [stem, `=${fold(word)}`], vocabulary: word.length >= 3 && !/\p{N}/u.test(word) };
    cache.set(word, a);
  }
  return a;
}

const stem = (word: string, lang: TextLanguage): string => analyse(word, lang).terms[0];

/** Tails of a compound's stem that may be a word of their own: `perhekahvil` → `ekahvil`, `hekahvil`… `kahvil`. */
function tails(s: string): string[] {
  const out: string[] = [];
  for (let i = 3; i <= s.length - 4; i++) out.push(s.slice(i));
  return out;
}

/** The compound tails a word of a title or name is indexed by (none for a stem under seven letters). */
function compoundTails(word: string): string[] {
  return stemTails(analyse(word, 'fi'));
}

const stemTails = (a: Analysed): string[] => (a.tails ??= a.terms[0].length >= 7 ? tails(a.terms[0]) : []);


interface Doc extends SearchDocument {
  id: number;
}

function extractField(doc: Doc, field: string): string {
  if (field === 'id') return String(doc.id);
  if (field === 'organisation') return doc.organisation;
  if (field === 'place') return doc.place;
  if (field === 'parts') {
    // Finnish and Swedish compound; English writes its parts apart.
    // Titles and names only: what a service is called is where a part of a compound is looked for, and every tail costs build time.
    return [doc.title.fi, doc.title.sv ?? '', doc.organisation].join(' ');
  }
  const [f, l] = field.split('_') as [(typeof LOCALISED)[number], TextLanguage];
  return doc[f][l] ?? '';
}

/** How one query word is matched, and what was seen of it. */
interface QueryWord {
  word: string;
  /** the stems it is looked up by; a document term starting with one of these is no typo */
  stems: string[];
  exact: string;
  /** other ways to read it, when it found nothing by its letters: its parts apart, or the nearest word of the texts */
  repairs: Query[];
  /** the nearest word of the texts, for "did you mean" */
  correction?: string;
  /** whether it is looked up with typo tolerance: not once it is repaired to the nearest stem of the texts, which the typo look-up mostly found again */
  fuzzy: boolean;
  /** its query tree, built once per search until a repair changes it (the scorer keeps what a tree found by the tree) */
  tree?: QueryCombination;
}

/** Search options of a query tree that holds index terms already: nothing more to split or stem. */
const QUERY_TERMS: SearchOptions = { tokenize: (t) => [t], processTerm: (t) => t };

/**
 * How often a stem must occur in the texts (all fields and languages) to
 * be looked up only as itself and its near forms, without prefix and typo
 * expansions. At 50,000 listings the expansions of such stems (`tuke`,
 * `kem`, `seurakun`) walked tens of thousands of postings each and made
 * the slowest queries; what they add ranks below the thousands of exact
 * hits. A network of a few thousand listings or fewer never reaches it
 * for most words.
 */
const COMMON = 2_000;

/** How many letters a typo may cost: one in a word of five letters or more, two from nine (a swap is two). */
const typoDistance = (word: string) => (word.length >= 9 ? 2 : word.length >= 5 ? 1 : 0);

/** Adjacent letters swapped (`omaishotiaja` → `omaishoitaja`): one typo, though two edits for the index's fuzzy lookup. */
function swaps(word: string): string[] {
  if (word.length < 5 || word.length >= 9) return [];
  const out = new Set<string>();
  for (let i = 0; i < word.length - 1; i++) {
    if (word[i] === word[i + 1]) continue;
    out.add(word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2));
  }
  return [...out];
}

export interface TextHit {
  /** the document's number (its position in what was indexed) */
  id: number;
  score: number;
  /** the index terms it matched (for highlighting): worked out when first read, as only a page of hits is shown */
  readonly terms: string[];
}

/**
 * Hits in columns, in the order they were found: a common word has tens
 * of thousands of them, and an object each was a good part of a query's
 * cost. Best first is a stable sort by score (`rankOrder`), left to the
 * caller, who sorts anyway (the directory breaks ties by its own order).
 * The terms a hit matched are worked out only for those read (a page's).
 */
export interface Ranking {
  /** the documents' numbers */
  readonly ids: Int32Array;
  readonly scores: Float64Array;
  /** the index terms document `id` matched (for highlighting); none for a document not among the hits. It keeps none of the ranking's arrays. */
  terms(id: number): string[];
}

/** One hit of a ranking, its terms read when asked for. */
class Hit implements TextHit {
  constructor(
    private readonly ranking: Ranking,
    private readonly at: number,
  ) {}

  get id(): number {
    return this.ranking.ids[this.at]!;
  }
  get score(): number {
    return this.ranking.scores[this.at]!;
  }
  get terms(): string[] {
    return this.ranking.terms(this.id);
  }
}

/** The hits of a ranking as objects, for who reads few of them. */
export const hitsOf = (r: Ranking): TextHit[] => Array.from(r.ids, (_, i) => new Hit(r, i));

export interface TextSearch {
  ranking: Ranking;
  /** the query's meaningful words */
  words: string[];
  /** whether every word had to match (false: no document had them all, so those with most come first) */
  all: boolean;
  /** a spelling of the query with more to find, when a word matched only by typo tolerance or not at all */
  suggestion?: string;
}

/**
 * An in-memory index of documents numbered 0…n-1 when built; documents
 * are then added and taken out by number as the directory changes. Kept
 * per network in the warm function.
 */
export class TextIndex {
  protected readonly mini: MiniSearch<Doc>;
  /** the documents' columns the scorer reads, built at the first search and kept up to date */
  private columns?: Columns;
  /** every stem of the texts → a word it came from and how often it occurs: the vocabulary that typos and compounds are repaired from */
  private readonly stems = new Map<string, { word: string; count: number }>();
  /** every word of the texts, folded → as written and how often: "did you mean" offers these */
  private readonly surface = new Map<string, { word: string; count: number }>();
  /**
   * The nearest words already looked for, until the vocabulary changes:
   * each look-up measures the word against every word of the texts (a
   * few milliseconds at 50,000 listings), and misspellings repeat.
   */
  private readonly nearby = new Map<string, { stem: string; word: string } | string | undefined>();
  /** the stems in order, for prefix look-ups; sorted on the first query that needs it */
  private sortedStems?: string[];

  /**
   * @param build how the first documents go in: `serialised` (the default,
   * cheaper), MiniSearch's own `addAll` (which must give the same index), or
   * a snapshot `toSnapshot` wrote (then `documents` is not read)
   */
  constructor(documents: readonly SearchDocument[], build: 'serialised' | 'addAll' | TextSnapshot = 'serialised') {
    const processTerm = (term: string, field?: string): string | string[] => {
      if (field === 'parts') return compoundTails(term);
      const a = analyse(term, FIELD_LANGUAGE[field!]!);
      if (a.vocabulary) this.note(a, 1, term);
      // The whole word ranks where it counts most, in titles; elsewhere the stem is enough, and the index far smaller.
      return TITLES.has(field!) ? a.terms : a.terms[0];
    };
    const options = {
      fields: FIELDS,
      idField: 'id',
      extractField: extractField as (d: Doc, f: string) => string,
      tokenize: words,
      processTerm,
      // Discarded documents stay in the postings, skipped at each search, until a vacuum clears them: in batches between requests, once 2 % of the index (or 200 documents) is dirt.
      autoVacuum: { minDirtCount: 200, minDirtFactor: 0.02, batchSize: 2000, batchWait: 5 },
    };
    if (build === 'addAll') {
      this.mini = new MiniSearch<Doc>(options);
      this.mini.addAll(documents.map((d, id) => ({ ...d, id })));
    } else if (build === 'serialised') this.mini = MiniSearch.loadJS<Doc>(serialisedIndex(documents, processTerm), options);
    else {
      this.mini = fromSnapshot(build, options);
      for (const [key, word, n] of build.stems) this.stems.set(key, { word, count: n });
      for (const [key, word, n] of build.surface) this.surface.set(key, { word, count: n });
    }
  }

  /** The index in MiniSearch's serialised form. */
  toJSON(): AsPlainObject {
    return this.mini.toJSON();
  }

  /**
   * Everything the index holds, in a form that loads several times faster
   * than MiniSearch's own (`toJSON` + `loadJS`) because each term's
   * postings stay one compact string until a query first reads them
   * (docs/architecture.md, "Snapshots"). Discarded documents are left out.
   */
  toSnapshot(): TextSnapshot {
    const internals = this.mini as unknown as MiniInternals;
    const live = internals._documentIds;
    const terms: Array<[string, string]> = [];
    for (const [term, data] of internals._index) {
      // Still as loaded, and nothing discarded since (its postings would be in the string): the string is the postings.
      const encoded = data instanceof LazyPostings && data.encoded !== undefined && internals._dirtCount === 0 ? data.encoded : encodePostings(data, live);
      if (encoded) terms.push([term, encoded]);
    }
    return {
      documentIds: [...live],
      fieldLength: [...live.keys()].map((short) => internals._fieldLength.get(short)!),
      averageFieldLength: [...internals._avgFieldLength],
      nextId: internals._nextId,
      terms,
      stems: [...this.stems].map(([key, v]) => [key, v.word, v.count]),
      surface: [...this.surface].map(([key, v]) => [key, v.word, v.count]),
    };
  }

  /** Counts a word of the texts into the vocabulary (`delta` 1) or out of it (-1). */
  private note(a: Analysed, delta: 1 | -1, word: string): void {
    if (this.nearby.size) this.nearby.clear();
    count(this.stems, a.terms[0], word, delta);
    count(this.surface, a.terms[1].slice(1), word, delta);
    if (delta < 0) this.sortedStems = undefined;
  }

  /** Adds document number `id` (a number not in the index now). */
  add(id: number, document: SearchDocument): void {
    this.mini.add({ ...document, id });
    this.sortedStems = undefined;
    this.columns?.add((this.mini as unknown as MiniSearchInternals)._nextId - 1);
  }

  /** Takes out document number `id`, indexed from `document`. */
  remove(id: number, document: SearchDocument): void {
    // The index knows documents by their number as text (extractField).
    const short = (this.mini as unknown as MiniSearchInternals)._idToShortId.get(String(id));
    this.mini.discard(String(id));
    if (short !== undefined) this.columns?.remove(short);
    const doc = { ...document, id };
    for (const field of TEXT_FIELDS) {
      for (const term of words(extractField(doc, field))) {
        const a = analyse(term, FIELD_LANGUAGE[field]!);
        if (a.vocabulary) this.note(a, -1, term);
      }
    }
  }

  get size(): number {
    return this.mini.documentCount;
  }

  /** The query's words: those a hit must have, and stop words that only rank (all are required when nothing else is left). */
  private queryWords(query: string): QueryWord[] {
    return this.splitQuery(query).required;
  }

  private splitQuery(query: string): { required: QueryWord[]; optional: QueryWord[] } {
    const all = words(query).slice(0, 12);
    const meaningful = all.filter((w) => !STOP_WORDS.has(w));
    const toWord = (word: string): QueryWord => ({ word, exact: `=${fold(word)}`, stems: [...new Set(TEXT_LANGUAGES.map((l) => stem(word, l)))], repairs: [], fuzzy: true });
    return meaningful.length ? { required: meaningful.map(toWord), optional: all.filter((w) => STOP_WORDS.has(w)).map(toWord) } : { required: all.map(toWord), optional: [] };
  }

  /** The query tree of one word: whole word, stems in each language, a shortened stem, compound tails, typos. */
  private wordQuery(w: QueryWord, pageLang: TextLanguage): QueryCombination {
    return (w.tree ??= this.buildWordQuery(w, pageLang));
  }

  private buildWordQuery(w: QueryWord, pageLang: TextLanguage): QueryCombination {
    const boost = (fields: string[], factor: number): Record<string, number> =>
      Object.fromEntries(fields.map((f) => [f, fieldWeight(f) * factor * (fieldLanguage(f) === pageLang && !NEUTRAL.includes(f) ? 1.15 : 1)]));
    const node = (term: string, fields: string[], factor: number, options: SearchOptions = {}): Query => ({ queries: [term], fields, boost: boost(fields, factor), prefix: false, fuzzy: false, ...options });
    const typo = typoDistance(w.word);
    const queries: Query[] = [node(w.exact, TEXT_FIELDS, 1.5)];
    // Languages whose stemmers agree share one look-up over all their fields (one walk of the index, not three).
    const byStem = new Map<string, string[]>();
    for (const l of TEXT_LANGUAGES) {
      const s = stem(w.word, l);
      byStem.set(s, [...(byStem.get(s) ?? []), ...(l === 'fi' ? [...LANG_FIELDS.fi, ...NEUTRAL] : LANG_FIELDS[l])]);
    }
    for (const [s, fields] of byStem) {
      if (this.occurrences(s) >= COMMON) {
        // A common stem already finds more than anyone reads: its other forms are looked up by name, not by walking every longer term (below).
        for (const [t, weight] of this.forms(s)) queries.push(node(t, fields, weight));
        continue;
      }
      queries.push(node(s, fields, 1, { prefix: s.length >= 3, fuzzy: typo && w.fuzzy && s.length >= 4 ? typo : false, weights: { prefix: 0.6, fuzzy: 0.25 } }));
      // Snowball leaves some Finnish case forms one letter apart (velkaneuvont-aa / velkaneuvon-ta, kiusaamis-essa / kiusaamin-en).
      if (s.length >= 6) queries.push(node(s.slice(0, -1), fields, 0.6, { prefix: true, weights: { prefix: 0.6, fuzzy: 0 } }));
    }
    const variants = new Set(swaps(w.word).flatMap((v) => TEXT_LANGUAGES.map((l) => stem(v, l))));
    for (const v of variants) queries.push(node(v, TEXT_FIELDS, 0.25));
    const fi = stem(w.word, 'fi');
    if (fi.length >= 4) queries.push(node(fi, ['parts'], 1, { prefix: true, weights: { prefix: 0.6, fuzzy: 0 } }));
    return { combineWith: 'OR', queries: [...queries, ...w.repairs] };
  }

  /** Runs the words' query trees; `optional` words add to the score of a hit that has them and narrow nothing. */
  private run(scorer: Scorer, qw: QueryWord[], pageLang: TextLanguage, combineWith: 'AND' | 'OR', optional: QueryWord[] = []): Ranking {
    if (!qw.length) return NOTHING;
    const trees = qw.map((w) => this.wordQuery(w, pageLang));
    let tree: Query = { combineWith, queries: trees };
    // The wildcard gives every document the same small score, so the stop words only order what the other words found ("Muskarit en").
    if (optional.length) tree = { combineWith: 'AND', queries: [tree, { combineWith: 'OR', queries: [MiniSearch.wildcard, ...optional.map((w) => this.wordQuery(w, pageLang))] }] };
    return this.execute(scorer, tree);
  }

  /** The hits of a query tree, scored as MiniSearch's own `search` scores them, in the order it finds them (the unit tests compare the two). */
  protected execute(scorer: Scorer, tree: Query): Ranking {
    const ranked = scorer.search(tree, QUERY_TERMS);
    const external = scorer.columns.external;
    const { explain } = ranked;
    const shortOf = (this.mini as unknown as MiniSearchInternals)._idToShortId;
    return { ids: ranked.ids.map((short) => external[short]!), scores: ranked.scores, terms: (id) => { const short = shortOf.get(String(id)); return short === undefined ? [] : explain(short); } };
  }

  /** A scorer for one search: what its passes look up is looked up once. */
  protected scorer(): Scorer {
    const internals = this.mini as unknown as MiniSearchInternals;
    return new Scorer(internals, (this.columns ??= new Columns(internals)));
  }

  /**
   * Documents matching the query, best first. Every word must match;
   * when no document has them all, those with most of them answer. A word
   * that finds nothing by its letters is read as well as its parts apart
   * (`päihdeongelmiin` → `päihde` + `ongelmiin`) and as the nearest word of
   * the texts (`masenus` → `masennus`), below what matches as written.
   */
  search(query: string, pageLang: TextLanguage): TextSearch {
    const { required: qw, optional } = this.splitQuery(query);
    const scorer = this.scorer();
    let hits = this.run(scorer, qw, pageLang, 'AND', optional);
    /** each word's own hits, when the words together found nothing */
    const alone: Ranking[] = [];
    const unknown = qw.filter((w) => {
      const found = hits.ids.length ? hits : (alone[alone.length] = this.run(scorer, [w], pageLang, 'AND'));
      return !(found.ids.length && this.matchedByLetters(w, found));
    });
    if (unknown.length) {
      for (const w of unknown) this.repair(w, pageLang);
      hits = this.run(scorer, qw, pageLang, 'AND', optional);
    }
    let all = true;
    if (!hits.ids.length && qw.length > 1) {
      // Any of the words: the sum of each word's own hits (what an OR query scores), unless a repair changed a word since.
      hits = unknown.length || optional.length ? this.run(scorer, qw, pageLang, 'OR', optional) : anyOf(alone);
      all = false;
    }
    for (const w of qw) {
      if (w.correction || this.surface.has(fold(w.word)) || this.matchedByStem(w, hits)) continue;
      // Found, but only by typo tolerance: `perhekahvla` finds Perhekahvila and offers its spelling.
      const near = this.nearestWord(w.word);
      if (near) w.correction = near;
    }
    const suggestion = qw.some((w) => w.correction) ? qw.map((w) => w.correction ?? w.word).join(' ') : undefined;
    return { ranking: hits, words: qw.map((w) => w.word), all, ...(suggestion ? { suggestion } : {}) };
  }

  /** Whether the best hits matched a word by its letters (whole, stem, prefix or compound part) rather than by typo tolerance. */
  private matchedByLetters(w: QueryWord, hits: Ranking): boolean {
    const roots = w.stems.map((s) => (s.length >= 6 ? s.slice(0, -1) : s));
    return topTerms(hits).some((terms) => terms.some((t) => t === w.exact || roots.some((r) => t.startsWith(r))));
  }

  /** Whether the best hits matched a word as written or by its stem (a stem one letter shorter too: Snowball's `velkaneuvon` for `velkaneuvont`). */
  private matchedByStem(w: QueryWord, hits: Ranking): boolean {
    return topTerms(hits).some((terms) => terms.some((t) => t === w.exact || w.stems.some((s) => t.startsWith(s) || (s.startsWith(t) && s.length - t.length <= 1))));
  }

  /** The word of the texts one typo from `word` (two from nine letters), the commonest on a tie. */
  private nearestWord(word: string): string | undefined {
    return this.remember(`word ${word}`, () => this.findNearestWord(word)) as string | undefined;
  }

  /** A nearest-word look-up, kept while the vocabulary stays as it is (at most 1,000 of them). */
  private remember<T extends { stem: string; word: string } | string | undefined>(key: string, find: () => T): T {
    if (this.nearby.has(key)) return this.nearby.get(key) as T;
    if (this.nearby.size >= 1_000) this.nearby.clear();
    const found = find();
    this.nearby.set(key, found);
    return found;
  }

  private findNearestWord(word: string): string | undefined {
    const target = fold(word);
    const max = typoDistance(word);
    if (!max) return undefined;
    let best: { word: string; count: number; d: number } | undefined;
    for (const [key, v] of this.surface) {
      if (Math.abs(key.length - target.length) > max) continue;
      const d = editDistance(target, key, max);
      if (d > max) continue;
      if (!best || d < best.d || (d === best.d && v.count > best.count)) best = { ...v, d };
    }
    return best?.word;
  }

  /** Adds the readings of a word that found nothing by its letters: its parts apart, and the nearest word of the texts. */
  private repair(w: QueryWord, pageLang: TextLanguage): void {
    w.tree = undefined;
    const fi = stem(w.word, 'fi');
    if (w.word.length >= 7) {
      for (let i = 3; i <= w.word.length - 3; i++) {
        const left = w.word.slice(0, i);
        const right = w.word.slice(i);
        if (!this.known(stem(left, 'fi')) || !this.known(stem(right, 'fi'))) continue;
        const parts = this.queryWords(`${left} ${right}`);
        if (parts.length === 2) w.repairs.push({ combineWith: 'AND', queries: parts.map((p) => this.wordQuery(p, pageLang)), boostTerm: () => 0.8 });
        break;
      }
    }
    const near = this.nearest(fi, Math.max(1, typoDistance(w.word)));
    if (near && near.stem !== fi) {
      w.correction = near.word;
      // At 50,000 listings the typo look-up of a long word walks tens of thousands of postings; it ran once to find the word unknown, the nearest stem answers now.
      w.fuzzy = false;
      w.repairs.push({ queries: [near.stem], fields: TEXT_FIELDS, boost: Object.fromEntries(TEXT_FIELDS.map((f) => [f, fieldWeight(f) * 0.3])), prefix: false, fuzzy: false });
    }
  }

  /** Whether some word of the texts has this stem, or starts with it. */
  private known(s: string): boolean {
    if (s.length < 3) return false;
    const sorted = this.sorted();
    const lo = this.firstFrom(s);
    return lo < sorted.length && sorted[lo]!.startsWith(s);
  }

  private sorted(): string[] {
    return (this.sortedStems ??= [...this.stems.keys()].sort());
  }

  /** The position of the first stem not before `s` in the sorted stems. */
  private firstFrom(s: string): number {
    return lowerBound(this.sorted(), s);
  }

  /** How often a stem occurs in the texts, all fields and languages together. */
  private occurrences(s: string): number {
    return this.stems.get(s)?.count ?? 0;
  }

  /**
   * The other forms of a common stem that the prefix look-ups would have
   * reached, each with the weight they would have had: stems of the texts
   * at most two letters longer than `s` that start with it (`kem` →
   * `kemi`, not `keminmaa`), and from six letters those that start with
   * it less its last letter (Snowball's `seurakun` / `seurakunn`), which
   * the shortened stem's prefix look-up scored at 0.6. Compounds that
   * start with it (`neuvolapalvelu`) are left out: that walk is what made
   * a query of a common word cost tens of thousands of postings. `s`
   * itself comes first, weighted as its exact and shortened look-ups
   * together weighed it.
   */
  private forms(s: string): Array<[string, number]> {
    const short = s.length >= 6 ? s.slice(0, -1) : undefined;
    const root = short ?? s;
    // MiniSearch's prefix weight: 0.6 · length / (length + 0.3 · letters added); the shortened stem's look-up counts 0.6 of it.
    const prefixWeight = (t: string, from: string) => (0.6 * t.length) / (t.length + 0.3 * (t.length - from.length));
    const viaShort = (t: string) => (short ? 0.6 * prefixWeight(t, short) : 0);
    const out: Array<[string, number]> = [[s, 1 + viaShort(s)]];
    const sorted = this.sorted();
    for (let i = this.firstFrom(root); i < sorted.length && sorted[i]!.startsWith(root); i++) {
      const t = sorted[i]!;
      if (t === s || t.length > s.length + 2) continue;
      out.push([t, (t.startsWith(s) ? prefixWeight(t, s) : 0) + viaShort(t)]);
    }
    return out;
  }

  /**
   * The stem of the texts nearest to `s` (one or two letters wrong,
   * missing, extra or swapped, also against the start of a longer stem:
   * `masenu(s)` is one letter from `masennu(ks)`), the commoner on a tie, with
   * a word it came from.
   */
  private nearest(s: string, max: number): { stem: string; word: string } | undefined {
    return this.remember(`stem ${s} ${max}`, () => this.findNearest(s, max));
  }

  private findNearest(s: string, max: number): { stem: string; word: string } | undefined {
    if (s.length < 4) return undefined;
    let best: { stem: string; word: string; count: number; d: number } | undefined;
    for (const [t, v] of this.stems) {
      if (t.length < s.length - max || t.length > s.length + max + 3) continue;
      let d = editDistance(s, t, max);
      // Snowball leaves some forms a letter longer (masennus / masennuks-), so the query's stem is also tried one letter shorter.
      for (const a of s.length >= 6 ? [s, s.slice(0, -1)] : [s]) {
        for (let j = Math.max(a.length - 1, 3); j <= a.length + 1 && d > 0; j++) if (j < t.length) d = Math.min(d, editDistance(a, t.slice(0, j), max));
      }
      if (d > max) continue;
      if (!best || d < best.d || (d === best.d && v.count > best.count)) best = { stem: t, ...v, d };
    }
    return best && { stem: best.stem, word: best.word };
  }

  /**
   * Where the matched words are in a text, as [start, end) offsets, for
   * highlighting: a word is marked when its stem, its whole form or a
   * part of it (a compound) is among the terms a hit matched.
   */
  static highlight(text: string, lang: TextLanguage, terms: readonly string[]): Array<[number, number]> {
    if (!terms.length) return [];
    const matched = new Set(terms);
    const out: Array<[number, number]> = [];
    for (const m of text.matchAll(WORD)) {
      // Analysed once per word and language (memoised), its tails too: a page of 50 cards has a thousand words or so.
      const word = m[0].toLowerCase();
      const a = analyse(word, lang);
      const part = (t: string) => matched.has(t);
      // A compound is indexed by the tails of its Finnish stem (`parts`), a Swedish title's too (`familjecafé-et` by `cafee`).
      const hit = matched.has(a.terms[0]) || matched.has(a.terms[1]) || (lang !== 'en' && (stemTails(a).some(part) || (lang !== 'fi' && compoundTails(word).some(part))));
      if (hit) out.push([m.index, m.index + m[0].length]);
    }
    return out;
  }
}

/**
 * The index of `documents` in MiniSearch's own serialised form (what
 * `toJSON` writes and `loadJS` reads, serialisation version 2), built the
 * way `addAll` builds it: the same terms, frequencies, field lengths and
 * running average of field lengths, documents numbered in order, terms in
 * order of first sight. Loading it is several times cheaper than `addAll`,
 * which walks the radix tree once per word of every document, where this
 * looks each word up in a hash map and fills the tree once per distinct
 * term (bench/scenarios/search-index.ts measures the build).
 */
function serialisedIndex(documents: readonly SearchDocument[], processTerm: (term: string, field: string) => string | string[]): AsPlainObject {
  // Per term and field, the documents in ascending order with their frequencies: appending is all that building needs.
  const postings = new Map<string, Array<{ docs: number[]; freqs: number[] } | undefined>>();
  const fieldLength: Record<number, number[]> = {};
  const average = FIELDS.map(() => 0);
  const documentIds: Record<number, string> = {};
  for (let n = 0; n < documents.length; n++) {
    const doc = { ...documents[n]!, id: n };
    documentIds[n] = String(n);
    const lengths: number[] = [];
    for (let f = 0; f < FIELDS.length; f++) {
      const field = FIELDS[f]!;
      const tokens = words(extractField(doc, field));
      lengths[f] = new Set(tokens).size;
      average[f] = (average[f]! * n + lengths[f]!) / (n + 1);
      for (const token of tokens) {
        const terms = processTerm(token, field);
        for (const term of typeof terms === 'string' ? [terms] : terms) {
          let byField = postings.get(term);
          if (!byField) postings.set(term, (byField = []));
          const list = (byField[f] ??= { docs: [], freqs: [] });
          const last = list.docs.length - 1;
          if (list.docs[last] === n) list.freqs[last]!++;
          else {
            list.docs.push(n);
            list.freqs.push(1);
          }
        }
      }
    }
    fieldLength[n] = lengths;
  }
  const index: AsPlainObject['index'] = [];
  for (const [term, byField] of postings) {
    const data: Record<string, Record<string, number>> = {};
    byField.forEach((list, f) => {
      if (!list) return;
      const docs: Record<string, number> = {};
      for (let i = 0; i < list.docs.length; i++) docs[list.docs[i]!] = list.freqs[i]!;
      data[f] = docs;
    });
    index.push([term, data]);
  }
  return {
    documentCount: documents.length,
    nextId: documents.length,
    documentIds,
    fieldIds: Object.fromEntries(FIELDS.map((f, i) => [f, i])),
    fieldLength,
    averageFieldLength: average,
    storedFields: {},
    dirtCount: 0,
    index,
    serializationVersion: 2,
  };
}

/**
 * A TextIndex as `toSnapshot` gives it: MiniSearch's documents (its short
 * ids and ours), field lengths and, per term, its postings as one string
 * (`encodePostings`); and the vocabulary the typo repair reads.
 */
export interface TextSnapshot {
  /** [MiniSearch's short id, our id as text], in the index's order */
  documentIds: Array<[number, string]>;
  /** each document's field lengths, in the order of `documentIds` */
  fieldLength: number[][];
  averageFieldLength: number[];
  nextId: number;
  terms: Array<[string, string]>;
  stems: Array<[string, string, number]>;
  surface: Array<[string, string, number]>;
}

/** What `toSnapshot` and `fromSnapshot` read and write of MiniSearch 7.2 beyond its public API (the unit tests compare a loaded snapshot's answers with a fresh build's). */
interface MiniInternals {
  _index: { set(term: string, data: Map<number, Map<number, number>>): void } & Iterable<[string, Map<number, Map<number, number>>]>;
  _documentIds: Map<number, string>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _nextId: number;
  _dirtCount: number;
}

/**
 * A term's postings (field → document → frequency) as text: fields
 * apart by `|`, each `<field>:` then its documents in ascending order as
 * base-36 gaps, `*<frequency>` when not 1. Documents not in `live` (discarded,
 * not yet vacuumed) are left out; empty when none is left.
 */
function encodePostings(data: Map<number, Map<number, number>>, live: Map<number, string>): string {
  const parts: string[] = [];
  for (const [field, docs] of data) {
    const ids = [...docs.keys()].filter((d) => live.has(d)).sort((a, b) => a - b);
    if (!ids.length) continue;
    let prev = 0;
    parts.push(`${field.toString(36)}:${ids.map((d) => {
      const freq = docs.get(d)!;
      const gap = (d - prev).toString(36);
      prev = d;
      return freq === 1 ? gap : `${gap}*${freq.toString(36)}`;
    }).join(',')}`);
  }
  return parts.join('|');
}

const mapSet = Map.prototype.set;

/**
 * A Map whose contents stay encoded until first read. Every Map method
 * decodes first, so MiniSearch (search, add, discard, vacuum) sees an
 * ordinary Map. `decodeFor(key)` lets a subclass answer some keys without
 * decoding. A subclass's `decode` fills the map with `mapSet` (no decode
 * check per entry: it runs tens of thousands of times at a cold load).
 */
abstract class LazyMap<K, V> extends Map<K, V> {
  constructor(public encoded: string | undefined) {
    super();
  }

  protected abstract decode(): void;

  protected decodeFor(_key: K): void {
    this.decode();
  }

  override get size(): number {
    this.decode();
    return super.size;
  }
  override get(key: K) {
    this.decodeFor(key);
    return super.get(key);
  }
  override has(key: K): boolean {
    this.decodeFor(key);
    return super.has(key);
  }
  override set(key: K, value: V): this {
    this.decodeFor(key);
    return super.set(key, value);
  }
  override delete(key: K): boolean {
    this.decode();
    return super.delete(key);
  }
  override clear(): void {
    this.encoded = undefined;
    super.clear();
  }
  override forEach(fn: (value: V, key: K, map: Map<K, V>) => void, thisArg?: unknown): void {
    this.decode();
    super.forEach(fn, thisArg);
  }
  override keys() {
    this.decode();
    return super.keys();
  }
  override values() {
    this.decode();
    return super.values();
  }
  override entries() {
    this.decode();
    return super.entries();
  }
  override [Symbol.iterator]() {
    this.decode();
    return super[Symbol.iterator]();
  }
}

/**
 * A term's postings that stay encoded until first read. Most of a large
 * index's terms are never reached by a query in an instance's life, and
 * building every document map at load was most of the load's cost.
 * Decoding only splits the fields, each of whose documents stay encoded in
 * turn (LazyDocs).
 */
class LazyPostings extends LazyMap<number, Map<number, number>> {
  constructor(
    encoded: string | undefined,
    /** documents numbered from here on were added after the snapshot */
    private readonly limit: number,
  ) {
    super(encoded);
  }

  protected decode(): void {
    const e = this.encoded;
    if (e === undefined) return;
    this.encoded = undefined;
    for (const part of e.split('|')) {
      const colon = part.indexOf(':');
      mapSet.call(this, parseInt(part.slice(0, colon), 36), new LazyDocs(part.slice(colon + 1), this.limit));
    }
  }
}

/**
 * One field's documents of a term (document → frequency), encoded until
 * first read. A document added after the snapshot (its number at or past
 * `limit`) is looked up and set without decoding: applying a change adds
 * the card's terms to postings of thousands of documents, and decoding
 * each of them cost a cold load more than the load itself.
 */
class LazyDocs extends LazyMap<number, number> implements CompactSource {
  /** the snapshot's documents as arrays, while still encoded: what the scorer walks */
  private arrays?: CompactPostings;

  constructor(
    encoded: string | undefined,
    private readonly limit: number,
  ) {
    super(encoded);
  }

  protected decode(): void {
    const e = this.encoded;
    if (e === undefined) return;
    this.encoded = undefined;
    const { docs, freqs } = this.arrays ?? decodeArrays(e);
    this.arrays = undefined;
    // What was added since goes after the snapshot's documents, as it would have come in order.
    const added = [...Map.prototype.entries.call(this)] as Array<[number, number]>;
    Map.prototype.clear.call(this);
    for (let i = 0; i < docs.length; i++) mapSet.call(this, docs[i]!, freqs[i]!);
    for (const [k, v] of added) mapSet.call(this, k, v);
  }

  protected override decodeFor(key: number): void {
    if (this.encoded === undefined || key < this.limit) this.decode();
  }

  /**
   * The documents and frequencies in the order the Map would give them,
   * without becoming one, while nothing but additions touched it: arrays
   * decode several times faster than a Map is built, and are walked faster.
   */
  compact(): CompactPostings | undefined {
    if (this.encoded === undefined) return undefined;
    const own = (this.arrays ??= decodeArrays(this.encoded));
    const added = mapSize.call(this);
    if (!added) return own;
    const docs = new Int32Array(own.docs.length + added);
    const freqs = new Int32Array(docs.length);
    docs.set(own.docs);
    freqs.set(own.freqs);
    let i = own.docs.length;
    Map.prototype.forEach.call(this, (freq: number, doc: number) => {
      docs[i] = doc;
      freqs[i++] = freq;
    });
    return { docs, freqs };
  }

  /** Without decoding: highlighting asks whether each hit of a page has the term. */
  override has(key: number): boolean {
    if (this.encoded === undefined || key >= this.limit) return super.has(key);
    const { docs } = (this.arrays ??= decodeArrays(this.encoded));
    return docs[lowerBound(docs, key)] === key;
  }
}

const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, 'size')!.get!;

/** The position of the first item not before `x` in ascending `sorted`. */
function lowerBound<T extends string | number>(sorted: ArrayLike<T>, x: T): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A snapshot's documents of a term in a field (base-36 gaps, `*frequency` when not 1), in one pass over the characters: a common term has tens of thousands. */
function decodeArrays(e: string): CompactPostings {
  let count = 1;
  for (let i = 0; i < e.length; i++) if (e.charCodeAt(i) === 44) count++;
  const docs = new Int32Array(count);
  const freqs = new Int32Array(count);
  let k = 0;
  let doc = 0;
  let n = 0;
  let freq = 0;
  let inFreq = false;
  for (let i = 0; i <= e.length; i++) {
    const c = i < e.length ? e.charCodeAt(i) : 44;
    if (c === 44 /* , */) {
      docs[k] = doc += n;
      freqs[k++] = inFreq ? freq : 1;
      n = freq = 0;
      inFreq = false;
    } else if (c === 42 /* * */) inFreq = true;
    else {
      const digit = c <= 57 ? c - 48 : c - 87;
      if (inFreq) freq = freq * 36 + digit;
      else n = n * 36 + digit;
    }
  }
  return { docs, freqs };
}

/** A MiniSearch index from a snapshot: documents and lengths through its own loader, the terms' postings left encoded. */
function fromSnapshot(s: TextSnapshot, options: Options<Doc>): MiniSearch<Doc> {
  const mini = MiniSearch.loadJS<Doc>(
    {
      documentCount: s.documentIds.length,
      nextId: s.nextId,
      documentIds: Object.fromEntries(s.documentIds),
      fieldIds: Object.fromEntries(FIELDS.map((f, i) => [f, i])),
      fieldLength: Object.fromEntries(s.documentIds.map(([short], i) => [short, s.fieldLength[i]!])),
      averageFieldLength: s.averageFieldLength,
      storedFields: {},
      dirtCount: 0,
      index: [],
      serializationVersion: 2,
    },
    options,
  );
  const index = (mini as unknown as MiniInternals)._index;
  for (const [term, encoded] of s.terms) index.set(term, new LazyPostings(encoded, s.nextId));
  return mini;
}

const NOTHING: Ranking = { ids: new Int32Array(0), scores: new Float64Array(0), terms: () => [] };

/** The terms of the best 20 hits. */
function topTerms(r: Ranking): string[][] {
  return bestOf(r.scores, 20).map((i) => r.terms(r.ids[i]!));
}

/** Hits of any of the words, each scored the sum of its scores for each word, in the order first found. */
function anyOf(perWord: readonly Ranking[]): Ranking {
  const at = new Map<number, number>();
  const ids: number[] = [];
  const scores: number[] = [];
  for (const r of perWord) {
    for (let i = 0; i < r.ids.length; i++) {
      const id = r.ids[i]!;
      const seen = at.get(id);
      if (seen === undefined) {
        at.set(id, ids.length);
        ids.push(id);
        scores.push(r.scores[i]!);
      } else scores[seen]! += r.scores[i]!;
    }
  }
  const each = perWord.map((r) => r.terms);
  return {
    ids: Int32Array.from(ids),
    scores: Float64Array.from(scores),
    terms: (id) => [...new Set(each.flatMap((terms) => terms(id)))],
  };
}

function count(map: Map<string, { word: string; count: number }>, key: string, word: string, delta: 1 | -1): void {
  const seen = map.get(key);
  if (!seen) {
    if (delta > 0) map.set(key, { word, count: 1 });
  } else if ((seen.count += delta) <= 0) map.delete(key);
}

/** Three rows of the distance table, reused: a typo repair measures the query word against every word of the texts. */
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)] as const;

/** Optimal string alignment distance (a swap of neighbours costs one), stopping early past `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  const n = a.length;
  const m = b.length;
  if (m + 1 > rows[0].length) rows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m]!;
}
