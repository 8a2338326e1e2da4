import { fi, type MessageKey } from '../i18n/fi.js';

/**
 * Texts the client modules that show a listing need (web/src/listing-view.ts):
 * every enum label, the view.* texts and the few form labels reused as fact
 * names. Shared by the directory, the view page, the edit page and the desk.
 */
export const LISTING_VIEW_KEYS: readonly MessageKey[] = (Object.keys(fi) as MessageKey[]).filter(
  (k) =>
    /^(enum\.|view\.|dir\.)/.test(k) ||
    [
      'submit.contact.email', 'submit.contact.phone', 'submit.contact.website', 'submit.schedule.none', 'submit.themes', 'submit.kind',
      'submit.registration.url', 'submit.registration.email', 'submit.organisation.kind', 'submit.contact.name',
    ].includes(k),
);

/** The coordinator desk's listings section: the facts plus the moderation texts and the labels of changed fields. */
export const LISTING_DESK_KEYS: readonly MessageKey[] = [
  ...LISTING_VIEW_KEYS,
  ...(Object.keys(fi) as MessageKey[]).filter((k) => k.startsWith('coord.pending.')),
  'submit.network', 'submit.section.organisation', 'submit.section.contact', 'submit.title.field', 'submit.summary', 'submit.description',
  'submit.targetGroups', 'submit.age', 'submit.languages', 'submit.channels', 'submit.accessibility', 'submit.schedule', 'submit.cost',
  'submit.registration', 'submit.validFrom', 'submit.validUntil',
];
