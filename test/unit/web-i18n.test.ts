import { describe, expect, it } from 'vitest';
import { dictionaries, LANGS } from '../../web/i18n/index.js';
import { fi } from '../../web/i18n/fi.js';
import { layout } from '../../web/layout.js';
import { pages } from '../../web/pages/index.js';

/** Words that read the same in Finnish and Swedish/English on purpose. */
const SAME_ON_PURPOSE = new Set(['site.name', 'a11y.authority.link']);

describe('page dictionaries', () => {
  it.each(LANGS)('%s has every key of the Finnish dictionary, none empty', (lang) => {
    const dict = dictionaries[lang];
    for (const key of Object.keys(fi)) expect(dict[key as keyof typeof fi]?.trim(), `${lang}: ${key}`).toBeTruthy();
    expect(Object.keys(dict).sort()).toEqual(Object.keys(fi).sort());
  });

  it.each(['sv', 'en'] as const)('leaves no Finnish text in %s', (lang) => {
    const leftovers = Object.entries(fi).filter(([k, v]) => !SAME_ON_PURPOSE.has(k) && dictionaries[lang][k as keyof typeof fi] === v && v.length > 3);
    expect(leftovers).toEqual([]);
  });
});

describe('built pages', () => {
  it.each(LANGS)('every %s page carries its language and a link to the other languages', (lang) => {
    for (const page of pages) {
      const html = layout(page, lang);
      expect(html).toContain(`<html lang="${lang}">`);
      for (const other of LANGS.filter((l) => l !== lang)) expect(html).toContain(`hreflang="${other}" lang="${other}"`);
    }
  });

  it('has no inline script or style a strict CSP would block', () => {
    for (const page of pages) {
      const html = layout(page, 'fi');
      expect(html).not.toMatch(/<script(?![^>]*(type="application\/json"|src=))/);
      expect(html).not.toMatch(/ style="/);
      expect(html).not.toMatch(/ on[a-z]+="/);
    }
  });
});
