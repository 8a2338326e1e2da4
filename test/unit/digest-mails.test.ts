import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { itemsFor, renderDigest, type DigestContent } from '../../functions/digests/content.js';
import { digestMails } from '../../functions/digests/digests.js';
import { newKeySet, Tokens } from '../../functions/shared/tokens.js';
import type { Recipient } from '../../functions/subscriptions/store.js';
import { manageUrlWith, unsubscribeUrlWith } from '../../functions/subscriptions/subscriptions.js';

const SITE = 'https://verkosto.example.fi';
const NOW = new Date('2026-11-30T06:00:00Z');
const batch = { network: 'kemi-perhekeskus', digestId: 'd-2026-11-30' };
const networkName = { fi: 'Kemin perhekeskusverkosto', sv: 'Kemi familjecentrum' };

/** Texts with what HTML must escape, a meeting with a time, and an item only some readers chose. */
const content: DigestContent = {
  since: '2026-11-23T06:00:00Z',
  until: '2026-11-30T06:00:00Z',
  items: [
    { kind: 'listing', id: 'L1', title: { fi: 'Vauvakerho <Pruntsi> & "kahvit"', sv: 'Babyklubb' }, summary: { fi: 'Tiistaisin klo 10' }, themes: ['perheet'], by: 'MLL Kemi', url: `${SITE}/{lang}/listings/view/?id=L1` },
    { kind: 'listing', id: 'L2', title: { fi: 'Velkaneuvonta' }, summary: { fi: 'Ajanvarauksella' }, themes: ['talous'], url: `${SITE}/{lang}/listings/view/?id=L2` },
    { kind: 'meeting', id: 'M1', title: { fi: 'Verkostokahvit' }, summary: { fi: 'Pruntsin Poukama' }, themes: [], when: '2026-12-09T08:00:00Z', url: `${SITE}/{lang}/meetings/view/?id=M1` },
  ],
};

const reader = (n: number, lang: Recipient['lang'], themes: string[] = []): Recipient => ({ id: `sub-${n}`, email: `lukija-${n}@example.fi`, lang, kinds: ['listings', 'meetings'], themes, frequency: 'weekly' });
const READERS = [reader(1, 'fi'), reader(2, 'fi'), reader(3, 'sv'), reader(4, 'en'), reader(5, 'fi', ['talous']), reader(6, 'fi')];

const sub = z.object({ sub: z.string() });

describe('digest mails of one batch', () => {
  const tokens = new Tokens(newKeySet());
  const deps = { tokens, siteUrl: SITE, clock: { now: () => NOW } };

  it('give each reader exactly the mail rendered for them alone, with their own signed links', async () => {
    // Arrange
    const mailFor = digestMails(batch, networkName, deps);

    // Act
    const mails = [];
    for (const r of READERS) mails.push({ r, items: itemsFor(content, r), mail: await mailFor(r, itemsFor(content, r)) });

    // Assert
    for (const { r, items, mail } of mails) {
      const unsubscribe = /unsubscribe\?token=([\w.-]+)&lang=/.exec(mail.headers!['List-Unsubscribe']!)![1]!;
      const manage = /#token=([\w.-]+)/.exec(mail.text)![1]!;
      expect((await tokens.verify('unsubscribe', unsubscribe, sub, NOW)).claims.sub).toBe(r.id);
      expect((await tokens.verify('manage', manage, sub, NOW)).claims.sub).toBe(r.id);
      const alone = renderDigest(networkName, items, r.lang, {
        view: `${SITE}/${r.lang}/digests/view/?network=kemi-perhekeskus&id=d-2026-11-30`,
        manage: manageUrlWith(manage, r.lang, SITE),
        unsubscribe: unsubscribeUrlWith(unsubscribe, r.lang, SITE),
      });
      expect(mail).toEqual({
        to: r.email,
        ...alone,
        headers: { 'List-Unsubscribe': `<${unsubscribeUrlWith(unsubscribe, r.lang, SITE)}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        tags: { kind: 'digest', network: 'kemi-perhekeskus' },
      });
    }
  });

  it("never carry another reader's links: two readers of the same language and items get different tokens", async () => {
    // Arrange
    const mailFor = digestMails(batch, networkName, deps);
    const [a, b] = [reader(1, 'fi'), reader(2, 'fi')];

    // Act
    const first = await mailFor(a, itemsFor(content, a));
    const second = await mailFor(b, itemsFor(content, b));

    // Assert
    const links = (html: string) => [...html.matchAll(/token=([\w.-]+)/g)].map((m) => m[1]);
    expect(links(first.html)).toHaveLength(2);
    expect(links(second.html)).toHaveLength(2);
    expect(links(first.html).filter((t) => links(second.html).includes(t))).toEqual([]);
    expect(first.html).not.toMatch(/manage[0-9a-f]{32}|unsubscribe[0-9a-f]{32}/);
  });
});
