import { formatDateTime } from '../shared/time.js';
import { mailText, renderEmail, type EmailBlock } from '../shared/email.js';
import { pick, type UiLanguage } from '../shared/i18n.js';
import type { MeetingRecord } from './store.js';
import type { TurnClaim } from './turn-store.js';

/**
 * The mails of presentation turns: the claim's confirmation link, and the
 * notice that the desk released a turn. Every value is passed as plain text;
 * renderEmail escapes it.
 */
const T = {
  fi: {
    claimed: ['Vahvista esitysvuorosi', 'Varasit esitysvuoron verkoston tapaamisesta. Vuoro on varattu sinulle {until} asti: vahvista se alla olevasta painikkeesta, muuten se vapautuu muille.'],
    released: ['Esitysvuorosi on vapautettu', 'Verkoston koordinaattori on vapauttanut esitysvuorosi tästä tapaamisesta. Vuoro on taas muiden varattavissa. Kysy tarvittaessa lisää verkoston koordinaattorilta.'],
    meetingChanged: ['Tapaaminen, jossa esität, muuttui', 'Tapaamisen tiedot ovat muuttuneet. Esitysvuorosi pysyy ennallaan; tarkista uusi aika ja paikka alta.'],
    meetingCancelled: ['Tapaaminen, jossa olisit esittänyt, on peruttu', 'Tapaaminen on peruttu, joten esitysvuoroasi ei pidetä. Kysy tarvittaessa uudesta vuorosta verkoston koordinaattorilta.'],
    page: 'Tapaamisen sivu', confirm: 'Vahvista esitysvuoro', meeting: 'Tapaaminen', when: 'Aika', where: 'Paikka', organisation: 'Organisaatio', presenter: 'Esittäjä', topic: 'Aihe', minutes: 'Kesto', min: '{n} min',
    footer: 'Saat tämän viestin, koska tällä osoitteella varattiin esitysvuoro verkoston tapaamisesta. Jos et varannut sitä, voit jättää viestin huomiotta.',
    turns: 'Esitysvuorot',
  },
  sv: {
    claimed: ['Bekräfta din presentationstur', 'Du har bokat en presentationstur på nätverkets träff. Turen hålls för dig till {until}: bekräfta den med knappen nedan, annars blir den ledig för andra.'],
    released: ['Din presentationstur har frigjorts', 'Nätverkets koordinator har frigjort din presentationstur på den här träffen. Turen kan nu bokas av andra. Fråga vid behov nätverkets koordinator.'],
    meetingChanged: ['Träffen där du presenterar har ändrats', 'Träffens uppgifter har ändrats. Din presentationstur står kvar; kontrollera den nya tiden och platsen nedan.'],
    meetingCancelled: ['Träffen där du skulle ha presenterat är inställd', 'Träffen är inställd, så din presentationstur blir inte av. Fråga vid behov nätverkets koordinator om en ny tur.'],
    page: 'Träffens sida', confirm: 'Bekräfta presentationsturen', meeting: 'Träff', when: 'Tid', where: 'Plats', organisation: 'Organisation', presenter: 'Presentatör', topic: 'Ämne', minutes: 'Längd', min: '{n} min',
    footer: 'Du får det här meddelandet eftersom en presentationstur på nätverkets träff bokades med den här adressen. Om det inte var du kan du bortse från meddelandet.',
    turns: 'Presentationer',
  },
  en: {
    claimed: ['Confirm your presentation turn', 'You claimed a presentation turn at a network meeting. It is held for you until {until}: confirm it with the button below, or it becomes free for others.'],
    released: ['Your presentation turn was released', 'The network coordinator has released your presentation turn at this meeting. Others can now claim it. Ask the network coordinator if you need to know more.'],
    meetingChanged: ['The meeting where you present has changed', 'The meeting details have changed. Your presentation turn stands; check the new time and place below.'],
    meetingCancelled: ['The meeting where you were to present is cancelled', 'The meeting has been cancelled, so your presentation turn will not take place. Ask the network coordinator about a new turn if you wish.'],
    page: 'Meeting page', confirm: 'Confirm the presentation turn', meeting: 'Meeting', when: 'When', where: 'Where', organisation: 'Organisation', presenter: 'Presenter', topic: 'Topic', minutes: 'Length', min: '{n} min',
    footer: 'You get this message because a presentation turn at a network meeting was claimed with this address. If it was not you, you can ignore it.',
    turns: 'Presentations',
  },
} as const;


export type TurnMailKind = 'claimed' | 'released' | 'meetingChanged' | 'meetingCancelled';

/** `reason`: a cancellation's reason as the coordinator wrote it; `pageUrl`: the meeting page, linked after a change. */
export function turnMail(kind: TurnMailKind, m: MeetingRecord, c: TurnClaim, opts: { confirmUrl?: string; holdUntil?: string; minutes?: number; reason?: string; pageUrl?: string }) {
  const t = T[c.lang];
  const [heading, text] = t[kind];
  const intro = text.replace('{until}', opts.holdUntil ? formatDateTime(opts.holdUntil, c.lang) : '');
  const facts: Array<[string, string | ReturnType<typeof mailText>]> = [
    [t.meeting, mailText(m.title, c.lang)],
    [t.when, `${formatDateTime(m.start, c.lang)}–${m.endTime}`],
    ...(m.place ? [[t.where, `${m.place.name}, ${m.place.address}`] as [string, string]] : []),
    [t.organisation, c.organisation],
    [t.presenter, c.presenter],
    [t.topic, c.topic],
    ...(opts.minutes ? [[t.minutes, t.min.replace('{n}', String(opts.minutes))] as [string, string]] : []),
  ];
  return renderEmail({
    lang: c.lang,
    subject: `${heading}: ${pick(m.title, c.lang)}`,
    preheader: intro,
    title: mailText(m.title, c.lang),
    blocks: [
      {
        heading,
        paragraphs: [intro, ...(kind === 'meetingCancelled' && opts.reason ? [opts.reason] : [])],
        facts,
        ...(kind === 'claimed' && opts.confirmUrl ? { action: { label: t.confirm, url: opts.confirmUrl } } : {}),
        ...(kind === 'meetingChanged' && opts.pageUrl ? { link: { label: t.page, url: opts.pageUrl } } : {}),
      },
    ],
    footer: [t.footer],
  });
}

/** The confirmed turns as a block of a meeting mail (announcement, invite, reminder); none when there are none. */
export function turnsBlock(lines: readonly string[], lang: UiLanguage): EmailBlock[] {
  return lines.length ? [{ heading: T[lang].turns, paragraphs: [...lines] }] : [];
}

/** The label of the turns in other mails (the digest's fact rows). */
export const turnsLabel = (lang: UiLanguage) => T[lang].turns;
