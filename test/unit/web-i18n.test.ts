import { describe, expect, it } from 'vitest';
import { dictionaries, LANGS, type MessageKey } from '../../web/i18n/index.js';
import { fi } from '../../web/i18n/fi.js';
import { esc, renderPage } from '../../web/layout.js';
import { pages } from '../../web/pages/index.js';
import { notFoundDocument, rootDocument } from '../../web/pages/special.js';

/** Texts that are the same in Finnish and the other language on purpose (names, codes, numbers). */
// 'dir.count' is only "{label} ({n})": the same in every language.
const SAME_ON_PURPOSE = new Set<MessageKey>(['site.name', 'dir.count', 'turns.minutes']);

const keys = Object.keys(fi) as MessageKey[];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('page dictionaries', () => {
  it.each(LANGS)('%s has exactly the keys of the Finnish dictionary, none empty', (lang) => {
    const dict = dictionaries[lang];
    const empty = keys.filter((k) => !dict[k]?.trim());
    expect(empty, `${lang}: empty or missing`).toEqual([]);
    expect(Object.keys(dict).sort()).toEqual([...keys].sort());
  });

  it.each(['sv', 'en'] as const)('leaves no Finnish text in %s', (lang) => {
    const leftovers = keys.filter((k) => !SAME_ON_PURPOSE.has(k) && dictionaries[lang][k] === fi[k]);
    expect(leftovers).toEqual([]);
  });

  it.each(['sv', 'en'] as const)('%s fills the same {placeholders} as Finnish', (lang) => {
    for (const k of keys) expect(placeholders(dictionaries[lang][k]), `${lang}: ${k}`).toEqual(placeholders(fi[k]));
  });
});

describe('built pages', () => {
  it.each(LANGS)('every %s page carries its language, one h1, the skip link and links to the other languages', (lang) => {
    for (const page of pages) {
      const html = renderPage(page, lang);
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html.match(/<h1[ >]/g)?.length, page.path).toBe(1);
      expect(html).toContain('href="#main"');
      expect(html).toContain('id="main"');
      for (const other of LANGS.filter((l) => l !== lang)) {
        expect(html).toContain(`href="/${other}/${page.path ? `${page.path}/` : ''}" hreflang="${other}" lang="${other}"`);
      }
    }
  });

  it.each(['sv', 'en'] as const)('shows no Finnish dictionary text on a %s page', (lang) => {
    // A Finnish string in the rendered page means a key looked up in the wrong dictionary.
    const finnishOnly = keys
      .filter((k) => !SAME_ON_PURPOSE.has(k) && k !== 'lang.name' && fi[k].length > 4)
      .map((k) => esc(fi[k]))
      .filter((text) => !Object.values(dictionaries[lang]).some((v) => esc(v).includes(text)));
    for (const page of pages) {
      const html = renderPage(page, lang);
      const found = finnishOnly.filter((text) => html.includes(text));
      expect(found, `${lang}/${page.path}`).toEqual([]);
    }
  });

  it('has no inline script, style or event handler that the CSP would block', () => {
    const docs = [...pages.flatMap((p) => LANGS.map((l) => renderPage(p, l))), rootDocument(), notFoundDocument()];
    for (const html of docs) {
      expect(html).not.toMatch(/<script(?![^>]*(type="application\/json"|src="\/assets\/))/);
      expect(html).not.toMatch(/<style|\sstyle="/);
      expect(html).not.toMatch(/\son[a-z]+="/);
      // Links out only to the authorities the accessibility statement and the privacy notice must name.
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\/(?!www\.(saavutettavuusvaatimukset|webbtillganglighet|webaccessibility)\.fi|tietosuoja\.fi)/);
    }
  });

  it('offers every language from the root and says "not found" in all three', () => {
    const root = rootDocument();
    for (const l of LANGS) expect(root).toContain(`href="/${l}/"`);
    const notFound = notFoundDocument();
    for (const l of LANGS) {
      expect(notFound).toContain(`lang="${l}"`);
      expect(notFound).toContain(esc(dictionaries[l]['notFound.title']));
    }
  });
});
