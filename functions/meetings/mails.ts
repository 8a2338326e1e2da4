import { formatDateTime } from '../shared/time.js';
import { mailText, renderEmail } from '../shared/email.js';
import { pick, type UiLanguage } from '../shared/i18n.js';
import type { MeetingRecord } from './store.js';
import { turnsBlock } from './turn-mails.js';

type Kind = 'confirmed' | 'waitlisted' | 'promoted' | 'updated' | 'cancelled' | 'withdrawn' | 'reminder';

/** The mail's button and link: nothing to do after a cancellation; the calendar first for a place. */
function actions(kind: Kind, t: { cancelLink: string; addToCalendar: string }, o: { cancelUrl?: string; calendarUrl?: string; waitlisted?: boolean }) {
  if (kind === 'cancelled' || kind === 'withdrawn') return {};
  const cancel = o.cancelUrl ? { link: { label: t.cancelLink, url: o.cancelUrl } } : {};
  if (kind === 'waitlisted' || o.waitlisted || !o.calendarUrl) return cancel;
  return { action: { label: t.addToCalendar, url: o.calendarUrl }, ...cancel };
}

const T = {
  fi: {
    confirmed: ['Ilmoittautuminen vahvistettu', 'Paikkasi on varattu. Kalenterikutsu on liitteenä.'],
    waitlisted: ['Olet jonossa', 'Tapaaminen on täynnä. Olet jonossa sijalla {n}; saat viestin, jos paikka vapautuu.'],
    promoted: ['Sait paikan', 'Paikka vapautui, ja se on nyt sinun. Kalenterikutsu on liitteenä.'],
    updated: ['Tapaaminen muuttui', 'Tapaamisen tiedot ovat muuttuneet. Päivitetty kalenterikutsu on liitteenä.'],
    cancelled: ['Tapaaminen on peruttu', 'Tapaaminen on peruttu. Liitteenä oleva peruutus poistaa sen kalenteristasi.'],
    cancelledWaitlisted: ['Tapaaminen on peruttu', 'Tapaaminen, jonka jonossa olit, on peruttu.'],
    withdrawn: ['Ilmoittautumisesi on peruttu', 'Perumisesi on vastaanotettu, ja paikkasi on vapautettu muille. Liitteenä oleva peruutus poistaa tapaamisen kalenteristasi.'],
    reminder: ['Muistutus: tapaaminen lähestyy', 'Tervetuloa! Alla tapaamisen tiedot.'],
    when: 'Aika', where: 'Paikka', online: 'Verkossa', cancelLink: 'Peru ilmoittautuminen', addToCalendar: 'Lisää kalenteriin', footer: 'Saat tämän viestin, koska ilmoittauduit verkoston tapaamiseen.',
  },
  sv: {
    confirmed: ['Anmälan bekräftad', 'Din plats är reserverad. Kalenderinbjudan finns som bilaga.'],
    waitlisted: ['Du står i kö', 'Träffen är fullsatt. Du står som nummer {n} i kön; du får ett meddelande om en plats blir ledig.'],
    promoted: ['Du fick en plats', 'En plats blev ledig och den är nu din. Kalenderinbjudan finns som bilaga.'],
    updated: ['Träffen har ändrats', 'Träffens uppgifter har ändrats. Den uppdaterade inbjudan finns som bilaga.'],
    cancelled: ['Träffen är inställd', 'Träffen är inställd. Bilagan tar bort den ur din kalender.'],
    cancelledWaitlisted: ['Träffen är inställd', 'Träffen som du stod i kö till är inställd.'],
    withdrawn: ['Din anmälan är avbokad', 'Vi har tagit emot din avbokning och platsen har frigjorts för andra. Bilagan tar bort träffen ur din kalender.'],
    reminder: ['Påminnelse: träffen närmar sig', 'Välkommen! Här är uppgifterna om träffen.'],
    when: 'Tid', where: 'Plats', online: 'På nätet', cancelLink: 'Avboka anmälan', addToCalendar: 'Lägg till i kalendern', footer: 'Du får det här meddelandet eftersom du anmälde dig till nätverkets träff.',
  },
  en: {
    confirmed: ['Your place is confirmed', 'Your place is reserved. The calendar invitation is attached.'],
    waitlisted: ['You are on the waitlist', 'The meeting is full. You are number {n} on the waitlist; we will tell you if a place frees up.'],
    promoted: ['You got a place', 'A place became free and it is now yours. The calendar invitation is attached.'],
    updated: ['The meeting has changed', 'The meeting details have changed. The updated invitation is attached.'],
    cancelled: ['The meeting is cancelled', 'The meeting has been cancelled. The attachment removes it from your calendar.'],
    cancelledWaitlisted: ['The meeting is cancelled', 'The meeting you were on the waitlist for has been cancelled.'],
    withdrawn: ['Your place is cancelled', 'We have received your cancellation and your place is free for others. The attachment removes the meeting from your calendar.'],
    reminder: ['Reminder: the meeting is coming up', 'Welcome! Here are the details of the meeting.'],
    when: 'When', where: 'Where', online: 'Online', cancelLink: 'Cancel your place', addToCalendar: 'Add to calendar', footer: 'You get this message because you signed up for a network meeting.',
  },
} as const;

/**
 * `waitlisted`: the reader had no place, so a cancellation says so and removes nothing from a calendar.
 * `turns`: the meeting's confirmed presentation turns, as lines (turns.ts turnLine).
 *
 * `calendarUrl`: the meeting's .ics. Someone with a place gets "Add to
 * calendar" as the mail's one button and cancelling as a plain link under
 * it; someone on the waitlist only the link.
 */
export function meetingMail(kind: Kind, m: MeetingRecord, lang: UiLanguage, opts: { position?: number; cancelUrl?: string; calendarUrl?: string; showOnline: boolean; reason?: string; waitlisted?: boolean; turns?: readonly string[] }) {
  const t = T[lang];
  const [heading, text] = t[kind === 'cancelled' && opts.waitlisted ? 'cancelledWaitlisted' : kind];
  const when = formatDateTime(m.start, lang);
  const facts: Array<[string, string]> = [[t.when, `${when}–${m.endTime}`]];
  if (m.place) facts.push([t.where, `${m.place.name}, ${m.place.address}`]);
  if (m.online) facts.push([t.online, opts.showOnline ? m.online.url : '—']);
  return renderEmail({
    lang,
    subject: `${heading}: ${pick(m.title, lang)}`,
    preheader: text.replace('{n}', String(opts.position ?? '')),
    title: mailText(m.title, lang),
    blocks: [
      { heading, paragraphs: [text.replace('{n}', String(opts.position ?? '')), ...(opts.reason ? [opts.reason] : []), mailText(m.description, lang)], facts, ...actions(kind, t, opts) },
      // Who presents: not in a cancellation or a withdrawal, which are about nothing happening.
      ...(kind === 'cancelled' || kind === 'withdrawn' ? [] : turnsBlock(opts.turns ?? [], lang)),
    ],
    footer: [t.footer],
  });
}
