import { invalid } from '../shared/errors.js';
import { renderEmail } from '../shared/email.js';
import type { Mailer } from '../shared/mailer.js';
import type { NetworkConfig, Networks } from '../shared/networks.js';
import { once, type OnceStore } from '../shared/once.js';
import type { Publisher } from '../shared/publisher.js';
import type { ListingInput, ListingSnapshot } from './schema.js';
import type { ListingStore } from './store.js';

export interface Clock {
  now(): Date;
}
export interface Ids {
  next(): string;
}

/** Validated input in, `Listing.Submitted` out. Returns the new id. */
export async function submitListing(
  input: ListingInput,
  deps: { publisher: Publisher; networks: Networks; ids: Ids; clock: Clock },
): Promise<string> {
  if (!deps.networks.has(input.network)) throw invalid('Unknown network', { network: 'unknown_network' });
  const listing: ListingSnapshot = { id: deps.ids.next(), submittedAt: deps.clock.now().toISOString(), data: input };
  await deps.publisher.publish('Listing.Submitted', { version: 1, listing });
  return listing.id;
}

export async function storePendingListing(listing: ListingSnapshot, store: ListingStore): Promise<'stored' | 'duplicate'> {
  return store.putPending(listing);
}

/** The notice coordinators get: what came in and where to moderate it. Finnish first, with sv/en lines. */
export function moderationNotice(listing: ListingSnapshot, network: NetworkConfig, siteUrl: string) {
  const url = `${siteUrl}/fi/coordinator/?network=${encodeURIComponent(network.id)}#listing-${encodeURIComponent(listing.id)}`;
  return renderEmail({
    lang: 'fi',
    subject: `Uusi ilmoitus odottaa tarkistusta: ${listing.data.title.fi}`,
    preheader: `${listing.data.organisation.name} lähetti ilmoituksen verkostoon ${network.name.fi}.`,
    title: network.name.fi,
    blocks: [
      {
        heading: 'Uusi ilmoitus odottaa tarkistusta',
        paragraphs: [
          'Ilmoitus näkyy hakemistossa ja uutiskirjeessä vasta, kun koordinaattori on hyväksynyt sen.',
          'En ny annons väntar på granskning. / A new listing is waiting for moderation.',
        ],
        facts: [
          ['Otsikko', listing.data.title.fi],
          ['Järjestäjä', listing.data.organisation.name],
          ['Tiivistelmä', listing.data.summary.fi],
        ],
        action: { label: 'Tarkista ilmoitus', url },
      },
    ],
    footer: [`Saat tämän viestin, koska olet verkoston ${network.name.fi} koordinaattori.`],
  });
}

export async function notifyCoordinators(
  listing: ListingSnapshot,
  eventId: string,
  deps: { mailer: Mailer; networks: Networks; onceStore: OnceStore; siteUrl: string },
): Promise<number> {
  const network = deps.networks.get(listing.data.network);
  if (!network) return 0;
  const mail = moderationNotice(listing, network, deps.siteUrl);
  let sent = 0;
  for (const [i, to] of network.coordinators.entries()) {
    // Keyed by event and recipient index, not address: no personal data in keys.
    const result = await once(deps.onceStore, `mail#${eventId}#coord#${i}`, async () => {
      await deps.mailer.send({ to, ...mail, tags: { kind: 'moderation-notice' } });
    });
    if (result === 'done') sent++;
  }
  return sent;
}
