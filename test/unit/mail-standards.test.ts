import { describe, expect, it } from 'vitest';
import { DIGEST_ITEMS_PER_KIND, digestOf, everyMailKind, LINKS } from '../support/mail-kinds.js';

/** Gmail clips a message whose HTML passes 102 KB, hiding what follows (the manage and unsubscribe links). */
const GMAIL_CLIP_BYTES = 102 * 1024;
/** The HTML's size as sent: quoted-printable writes each non-ASCII byte as three characters. */
const sentSize = (html: string) => {
  const bytes = Buffer.from(html, 'utf8');
  return bytes.length + 2 * bytes.filter((b) => b > 0x7e).length;
};

describe('mail that Gmail does not clip', () => {
  it('keeps a digest of 300 items under the clipping limit with its manage and unsubscribe links at the end', () => {
    const mail = digestOf(300);

    expect(sentSize(mail.html)).toBeLessThan(GMAIL_CLIP_BYTES);
    expect(mail.html).toContain(LINKS.manage.replace(/&/g, '&amp;'));
    expect(mail.html).toContain(LINKS.unsubscribe.replace(/&/g, '&amp;'));
  });

  it('shows at most a set number of items of each kind and counts the rest with a link to the archive', () => {
    const mail = digestOf(300);
    const shown = (mail.html.match(/<h2[^>]*>Perhekahvila ja vertaistukiryhmä \d+/g) ?? []).length;

    expect(shown).toBe(4 * DIGEST_ITEMS_PER_KIND);
    expect(mail.text.match(/65 lisää arkistossa: \S+/g)).toEqual(Array(4).fill(`65 lisää arkistossa: ${LINKS.view}`));
    expect(mail.subject).toContain('300');
  });

  it('adds no archive line when every item fits', () => {
    expect(digestOf(4 * DIGEST_ITEMS_PER_KIND).text).not.toContain('arkistossa');
  });
});

describe('mail languages', () => {
  it('marks Finnish fallback texts inside Swedish and English mails with lang="fi"', () => {
    for (const lang of ['sv', 'en'] as const) {
      const html = digestOf(4, lang).html;
      expect(html).toMatch(new RegExp(`<html lang="${lang}"`));
      expect(html).toMatch(/<h2 lang="fi"[^>]*>Perhekahvila ja vertaistukiryhmä 0/);
      expect(html).toMatch(/<p lang="fi"[^>]*>Avoin kohtaamispaikka/);
      expect(html).not.toMatch(/lang="fi"[^>]*>Kemi familjecentrets nätverk/);
    }
  });

  it('marks nothing in a Finnish mail', () => {
    expect(digestOf(4, 'fi').html).not.toMatch(/<(?!html)\w+ lang="fi"/);
  });

  it.each(['fi', 'sv', 'en'] as const)('gives every kind of mail in %s the language it is written in', (lang) => {
    for (const [kind, mail] of everyMailKind(lang)) {
      expect(mail.lang, kind).toBe(lang);
      expect(mail.html, kind).toContain(`<html lang="${lang}"`);
    }
  });
});

describe('mail that adapts to phones', () => {
  it.each(everyMailKind('fi'))('%s: fluid up to 600 px, a color-scheme meta, and buttons that Outlook draws too', (_kind, mail) => {
    const outsideMso = mail.html.replace(/<!--\[if mso\]>[\s\S]*?<!\[endif\]-->/g, '');
    expect(outsideMso).not.toMatch(/width="600"|[^-]width:600px/);
    expect(mail.html).toContain('max-width:600px');
    expect(mail.html).toContain('<meta name="color-scheme" content="light dark">');
    for (const button of mail.html.match(/<v:roundrect[\s\S]*?<\/v:roundrect>/g) ?? []) expect(button).toMatch(/href="https:\/\//);
    for (const a of outsideMso.match(/<a [^>]*display:inline-block;background-color[^>]*>/g) ?? []) expect(a).toMatch(/padding:12px 20px/);
  });
});
