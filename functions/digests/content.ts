import { mailText, renderEmail, type EmailBlock } from '../shared/email.js';
import { pick, type Localised, type UiLanguage } from '../shared/i18n.js';
import { turnsLabel } from '../meetings/turn-mails.js';
import { formatDateTime } from '../shared/time.js';

/** One thing in a digest. Texts keep all their languages; each reader gets theirs. */
export interface DigestItem {
  kind: 'listing' | 'meeting' | 'survey' | 'result';
  id: string;
  title: Localised;
  summary: Localised;
  themes: string[];
  /** organiser or presenter */
  by?: string;
  /** ISO instant for meetings and events */
  when?: string;
  /** a meeting's confirmed presentation turns, one line each ("Organisation (Presenter): Topic") */
  turns?: string[];
  /** `{lang}` stands for the reader's language (content is built once for everyone) */
  url: string;
}

/** An item's link in the reader's language. */
export const itemUrl = (i: Pick<DigestItem, 'url'>, lang: UiLanguage) => i.url.replace('{lang}', lang);

export interface DigestContent {
  since: string;
  until: string;
  items: DigestItem[];
}

export interface DigestReader {
  lang: UiLanguage;
  kinds: string[];
  /** empty = every theme */
  themes: string[];
}

const KIND_OF: Record<DigestItem['kind'], string> = { listing: 'listings', meeting: 'meetings', survey: 'surveys', result: 'surveys' };

/** What this reader chose: the kinds, and the themes if they named any (items without themes always pass). */
export function itemsFor(content: DigestContent, reader: DigestReader): DigestItem[] {
  return content.items.filter(
    (i) => reader.kinds.includes(KIND_OF[i.kind]) && (reader.themes.length === 0 || i.themes.length === 0 || i.themes.some((t) => reader.themes.includes(t))),
  );
}

const T = {
  fi: {
    subject: (network: string, n: number) => `${network}: ${n} ${n === 1 ? 'uutuus' : 'uutta'}`,
    test: 'TESTI',
    intro: 'Tässä verkoston uudet ilmoitukset, tulevat tapaamiset ja avoimet kyselyt.',
    sections: { listing: 'Uudet palvelut ja toiminta', meeting: 'Tulevat verkostotapaamiset', survey: 'Avoimet kyselyt', result: 'Kyselyjen tulokset' },
    read: 'Lue lisää',
    more: (n: number) => `${n} lisää arkistossa`,
    by: 'Järjestäjä',
    when: 'Aika',
    view: 'Avaa selaimessa',
    manage: 'Muuta tilausta',
    unsubscribe: 'Peru tilaus',
    footer: 'Saat tämän uutiskirjeen, koska tilasit sen Verkostosta.',
  },
  sv: {
    subject: (network: string, n: number) => `${network}: ${n} ${n === 1 ? 'nyhet' : 'nyheter'}`,
    test: 'TEST',
    intro: 'Här är nätverkets nya anmälningar, kommande träffar och öppna enkäter.',
    sections: { listing: 'Nya tjänster och verksamhet', meeting: 'Kommande nätverksträffar', survey: 'Öppna enkäter', result: 'Enkätresultat' },
    read: 'Läs mer',
    more: (n: number) => `${n} till i arkivet`,
    by: 'Arrangör',
    when: 'Tid',
    view: 'Öppna i webbläsaren',
    manage: 'Ändra prenumerationen',
    unsubscribe: 'Avsluta prenumerationen',
    footer: 'Du får det här nyhetsbrevet eftersom du har beställt det från Verkosto.',
  },
  en: {
    subject: (network: string, n: number) => `${network}: ${n} new ${n === 1 ? 'item' : 'items'}`,
    test: 'TEST',
    intro: "The network's new listings, coming meetings and open surveys.",
    sections: { listing: 'New services and activities', meeting: 'Coming network meetings', survey: 'Open surveys', result: 'Survey results' },
    read: 'Read more',
    more: (n: number) => `${n} more in the archive`,
    by: 'Organiser',
    when: 'When',
    view: 'View in browser',
    manage: 'Change subscription',
    unsubscribe: 'Unsubscribe',
    footer: 'You get this newsletter because you subscribed to it on Verkosto.',
  },
} as const;


export interface DigestLinks {
  view: string;
  manage: string;
  unsubscribe: string;
}

/**
 * The most items of one kind a digest mail shows. The rest are counted with a
 * link to the digest on the web, so the mail stays under Gmail's 102 KB
 * clipping limit whatever the week brought, and the manage and unsubscribe
 * links at its end are never clipped away (a full digest is about 45 KB).
 */
export const DIGEST_ITEMS_PER_KIND = 10;

/** The digest email of one reader: their items, in their language (Finnish where a text has no translation, marked as such). */
export function renderDigest(networkName: Localised, items: DigestItem[], lang: UiLanguage, links: DigestLinks, options: { test?: boolean } = {}) {
  const t = T[lang];
  const name = pick(networkName, lang);
  const blocks: EmailBlock[] = [{ paragraphs: [t.intro] }];
  for (const kind of ['listing', 'meeting', 'survey', 'result'] as const) {
    const of = items.filter((i) => i.kind === kind);
    if (!of.length) continue;
    blocks.push({ heading: t.sections[kind] });
    for (const i of of.slice(0, DIGEST_ITEMS_PER_KIND)) {
      blocks.push({
        heading: mailText(i.title, lang),
        paragraphs: [mailText(i.summary, lang)],
        facts: [...(i.by ? [[t.by, i.by] as [string, string]] : []), ...(i.when ? [[t.when, formatDateTime(i.when, lang)] as [string, string]] : []), ...(i.turns ?? []).map((line) => [turnsLabel(lang), line] as [string, string])],
        link: { label: t.read, url: itemUrl(i, lang) },
      });
    }
    if (of.length > DIGEST_ITEMS_PER_KIND) blocks.push({ link: { label: t.more(of.length - DIGEST_ITEMS_PER_KIND), url: links.view } });
  }
  return renderEmail({
    lang,
    // A coordinator's test copy says so in its subject, so it is never taken for the real send.
    subject: `${options.test ? `[${t.test}] ` : ''}${t.subject(name, items.length)}`,
    preheader: items.slice(0, 3).map((i) => pick(i.title, lang)).join(' · '),
    title: mailText(networkName, lang),
    blocks,
    footer: [t.footer],
    footerLinks: [
      { label: t.view, url: links.view },
      { label: t.manage, url: links.manage },
      { label: t.unsubscribe, url: links.unsubscribe },
    ],
  });
}
