import * as z from 'zod';
import { pick, type UiLanguage } from '../shared/i18n.js';
import { renderIcs, type IcsEvent } from '../shared/ics.js';
import { matchesQuery } from '../shared/search.js';
import { helsinkiDate, helsinkiTime } from '../shared/time.js';
import { nextOccurrences } from './recurrence.js';
import { LISTING_KINDS, SERVED_LANGUAGES, TARGET_GROUPS, THEMES, WEEKDAYS, type ListingInput } from './schema.js';
import type { DirectoryCard, ListingRecord } from './store.js';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const directoryQuery = z.object({
  network: z.string().min(1, 'required').max(41),
  q: z.string().max(200, 'too_long').optional(),
  theme: z.enum(THEMES, 'invalid_choice').optional(),
  targetGroup: z.enum(TARGET_GROUPS, 'invalid_choice').optional(),
  municipality: z.string().max(80).optional(),
  language: z.enum(SERVED_LANGUAGES, 'invalid_choice').optional(),
  kind: z.enum(LISTING_KINDS, 'invalid_choice').optional(),
  online: flag.optional(),
  free: flag.optional(),
  lang: z.enum(['fi', 'sv', 'en']).optional(),
});
export type DirectoryQuery = z.infer<typeof directoryQuery>;

/**
 * Filters and sorts a network's directory cards: events and groups with a
 * next date come first by that date, then everything else by title in the
 * reader's language (Finnish collation).
 */
export function searchDirectory(cards: readonly DirectoryCard[], q: DirectoryQuery, lang: UiLanguage): DirectoryCard[] {
  const municipality = q.municipality?.trim().toLowerCase();
  const hits = cards.filter(
    (c) =>
      (!q.q || matchesQuery(c.search, q.q)) &&
      (!q.theme || c.themes.includes(q.theme)) &&
      (!q.targetGroup || c.targetGroups.includes(q.targetGroup)) &&
      (!q.language || c.languages.includes(q.language)) &&
      (!q.kind || c.kind === q.kind) &&
      (!municipality || c.municipalities.some((m) => m.toLowerCase() === municipality)) &&
      (q.online === undefined || c.online === q.online) &&
      (q.free === undefined || c.free === q.free),
  );
  const collator = new Intl.Collator(lang === 'sv' ? 'sv' : lang === 'en' ? 'en' : 'fi');
  return hits.sort((a, b) => {
    if (a.next && b.next) return a.next.localeCompare(b.next);
    if (a.next) return -1;
    if (b.next) return 1;
    return collator.compare(pick(a.title, lang), pick(b.title, lang));
  });
}

export function cardView(c: DirectoryCard, lang: UiLanguage) {
  return {
    id: c.id,
    kind: c.kind,
    title: pick(c.title, lang),
    summary: pick(c.summary, lang),
    organisation: c.organisation,
    themes: c.themes,
    targetGroups: c.targetGroups,
    languages: c.languages,
    municipalities: c.municipalities,
    online: c.online,
    free: c.free,
    next: c.next ?? null,
  };
}

/** The public view of a published listing: everything a professional needs to refer a client. */
export function publicView(r: ListingRecord, lang: UiLanguage, now: Date) {
  const l = r.published!;
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
    next: nextOccurrences(l.schedule, now, 3).map((o) => ({ start: o.start.toISOString(), ...(o.end ? { end: o.end.toISOString() } : {}) })),
    cost: l.cost,
    registration: l.registration,
    validFrom: l.validFrom ?? null,
    validUntil: l.validUntil ?? null,
    publishedAt: r.publishedAt,
    updatedAt: r.updatedAt,
  };
}

const BYDAY: Record<(typeof WEEKDAYS)[number], string> = { mon: 'MO', tue: 'TU', wed: 'WE', thu: 'TH', fri: 'FR', sat: 'SA', sun: 'SU' };

/** An .ics of a listing's schedule (RRULE for recurring ones) for a professional's calendar. */
export function listingIcs(r: ListingRecord, siteUrl: string, lang: UiLanguage, now: Date): string | undefined {
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
  if (s.type === 'once') {
    return renderIcs([{ ...base, start: { date: s.date, time: s.startTime }, ...(s.endTime ? { end: { date: s.date, time: s.endTime } } : {}) }]);
  }
  const first = nextOccurrences(s, now, 1)[0];
  if (!first) return undefined;
  const days = s.weekdays.map((w) => BYDAY[w]);
  const byDay = s.frequency === 'monthly' ? days.map((d) => `${s.weekOfMonth ?? 1}${d}`).join(',') : days.join(',');
  const until = s.until ? `;UNTIL=${s.until.replace(/-/g, '')}T235959Z` : '';
  return renderIcs([
    {
      ...base,
      start: { date: first.date, time: helsinkiTime(first.start) },
      end: { date: first.date, time: s.endTime },
      rrule: `FREQ=${s.frequency === 'weekly' ? 'WEEKLY' : 'MONTHLY'};BYDAY=${byDay}${until}`,
    },
  ]);
}

/* ---------- Open Referral HSDS 3.0 ---------- */

export function hsdsService(r: ListingRecord, siteUrl: string) {
  const l = r.published!;
  const place = l.channels.filter((c) => c.type === 'place');
  return {
    id: r.id,
    organization_id: orgId(l.organisation.name),
    name: l.title.fi,
    alternate_name: l.title.sv ?? l.title.en ?? null,
    description: l.description.fi,
    url: `${siteUrl}/fi/listings/view/?id=${encodeURIComponent(r.id)}`,
    email: l.contact.email,
    status: 'active',
    interpretation_services: null,
    application_process: l.registration.required ? [l.registration.url, l.registration.email].filter(Boolean).join(' ') || 'Registration required' : null,
    fees_description: l.cost.free ? 'Maksuton' : (l.cost.note ?? 'Maksullinen'),
    last_modified: r.updatedAt,
    languages: l.languages.map((code) => ({ id: `${r.id}-lang-${code}`, service_id: r.id, code, name: null, note: null })),
    phones: [...(l.contact.phone ? [l.contact.phone] : []), ...l.channels.flatMap((c) => (c.type === 'phone' ? [c.phone] : []))].map((number, i) => ({ id: `${r.id}-phone-${i}`, service_id: r.id, number, type: 'voice', languages: [] })),
    contacts: [{ id: `${r.id}-contact`, service_id: r.id, name: l.contact.name, email: l.contact.email, phones: [] }],
    service_at_locations: place.map((p, i) => ({
      id: `${r.id}-sal-${i}`,
      service_id: r.id,
      location: { id: `${r.id}-loc-${i}`, location_type: 'physical', name: l.organisation.name, addresses: [{ id: `${r.id}-addr-${i}`, address_type: 'physical', address_1: p.address, city: p.municipality, region: null, state_province: null, postal_code: p.postcode, country: 'FI' }] },
    })),
    schedules: l.schedule.type === 'none' ? [] : [{ id: `${r.id}-schedule`, service_id: r.id, ...hsdsSchedule(l.schedule) }],
    attributes: l.themes.map((t) => ({ id: `${r.id}-theme-${t}`, link_id: r.id, link_type: 'service', taxonomy_term: { id: `verkosto-theme-${t}`, code: t, name: t, vocabulary: 'verkosto-themes' } })),
  };
}

function hsdsSchedule(s: ListingInput['schedule']) {
  if (s.type === 'once') return { dtstart: s.date, until: s.date, opens_at: s.startTime, closes_at: s.endTime ?? null, freq: null, byday: null };
  if (s.type === 'recurring') return { dtstart: null, until: s.until ?? null, opens_at: s.startTime, closes_at: s.endTime, freq: s.frequency === 'weekly' ? 'WEEKLY' : 'MONTHLY', byday: s.weekdays.map((w) => BYDAY[w]).join(',') };
  return {};
}

export const orgId = (name: string) => `org-${Buffer.from(name.trim().toLowerCase()).toString('base64url').slice(0, 40)}`;

export function hsdsOrganization(name: string, kind: string, businessId?: string) {
  return { id: orgId(name), name, description: kind, email: null, website: null, tax_id: businessId ?? null, legal_status: kind };
}

export const todayInHelsinki = (now: Date) => helsinkiDate(now);
