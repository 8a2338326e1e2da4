import { mailText, renderEmail } from '../shared/email.js';
import { pick, type UiLanguage } from '../shared/i18n.js';
import type { ListingInput } from './schema.js';

type Kind = 'receipt' | 'approved' | 'rejected' | 'expiring' | 'newLink';

const T = {
  fi: {
    title: 'Verkosto',
    receipt: { subject: 'Kuittaus: ilmoituksesi on vastaanotettu', heading: 'Kiitos ilmoituksesta', body: ['Ilmoituksesi on vastaanotettu. Verkoston koordinaattori tarkistaa sen ennen julkaisua.', 'Alla olevalla henkilökohtaisella linkillä voit muokata tai poistaa ilmoituksen milloin tahansa. Älä jaa linkkiä muille.'], action: 'Muokkaa ilmoitusta' },
    approved: { subject: 'Ilmoituksesi on julkaistu', heading: 'Ilmoitus on nyt näkyvillä', body: ['Koordinaattori hyväksyi ilmoituksesi, ja se näkyy nyt verkoston palveluhakemistossa.'], action: 'Muokkaa ilmoitusta' },
    rejected: { subject: 'Ilmoitustasi ei julkaistu', heading: 'Ilmoitusta ei julkaistu', body: ['Koordinaattori ei hyväksynyt ilmoitusta tai sen muutosta. Perustelu:'], action: 'Muokkaa ja lähetä uudelleen' },
    expiring: { subject: 'Onko ilmoituksesi yhä ajankohtainen?', heading: 'Ilmoituksen voimassaolo päättyy pian', body: ['Ilmoituksesi voimassaolo päättyy {date}. Jos toiminta jatkuu, vahvista se yhdellä napsautuksella, niin ilmoitus pysyy hakemistossa vielä vuoden.'], action: 'Kyllä, ilmoitus on yhä ajankohtainen' },
    newLink: { subject: 'Uusi muokkauslinkki ilmoitukseesi', heading: 'Vanhat muokkauslinkit eivät enää toimi', body: ['Verkoston koordinaattori mitätöi ilmoituksesi aiemmat muokkauslinkit. Alla on uusi henkilökohtainen linkki. Älä jaa linkkiä muille.'], action: 'Muokkaa ilmoitusta' },
    facts: { title: 'Otsikko', organisation: 'Järjestäjä' },
    footer: 'Saat tämän viestin, koska lähetit ilmoituksen Verkosto-palveluun.',
  },
  sv: {
    title: 'Verkosto',
    receipt: { subject: 'Bekräftelse: din anmälan har tagits emot', heading: 'Tack för anmälan', body: ['Din anmälan har tagits emot. Nätverkets koordinator granskar den innan den publiceras.', 'Med den personliga länken nedan kan du redigera eller ta bort anmälan när som helst. Dela inte länken med andra.'], action: 'Redigera anmälan' },
    approved: { subject: 'Din anmälan har publicerats', heading: 'Anmälan syns nu', body: ['Koordinatorn godkände din anmälan, och den syns nu i nätverkets tjänstekatalog.'], action: 'Redigera anmälan' },
    rejected: { subject: 'Din anmälan publicerades inte', heading: 'Anmälan publicerades inte', body: ['Koordinatorn godkände inte anmälan eller ändringen. Motivering:'], action: 'Redigera och skicka på nytt' },
    expiring: { subject: 'Är din anmälan fortfarande aktuell?', heading: 'Anmälan går snart ut', body: ['Din anmälan är giltig till {date}. Om verksamheten fortsätter, bekräfta det med ett klick så stannar anmälan i katalogen ett år till.'], action: 'Ja, anmälan är fortfarande aktuell' },
    newLink: { subject: 'Ny redigeringslänk till din anmälan', heading: 'De gamla redigeringslänkarna fungerar inte längre', body: ['Nätverkets koordinator har ogiltigförklarat de tidigare redigeringslänkarna till din anmälan. Här är en ny personlig länk. Dela inte länken med andra.'], action: 'Redigera anmälan' },
    facts: { title: 'Rubrik', organisation: 'Arrangör' },
    footer: 'Du får det här meddelandet eftersom du har skickat en anmälan till Verkosto.',
  },
  en: {
    title: 'Verkosto',
    receipt: { subject: 'Receipt: your listing has been received', heading: 'Thank you for your listing', body: ['Your listing has been received. The network coordinator checks it before it is published.', 'With the personal link below you can edit or remove the listing at any time. Do not share the link.'], action: 'Edit the listing' },
    approved: { subject: 'Your listing is published', heading: 'The listing is now visible', body: ['The coordinator approved your listing, and it now appears in the network directory.'], action: 'Edit the listing' },
    rejected: { subject: 'Your listing was not published', heading: 'The listing was not published', body: ['The coordinator did not approve the listing or its change. Reason:'], action: 'Edit and send again' },
    expiring: { subject: 'Is your listing still current?', heading: 'Your listing expires soon', body: ['Your listing is valid until {date}. If the activity goes on, confirm it with one click and the listing stays in the directory for another year.'], action: 'Yes, the listing is still current' },
    newLink: { subject: 'A new edit link to your listing', heading: 'The old edit links no longer work', body: ['The network coordinator revoked the earlier edit links to your listing. Here is a new personal link. Do not share the link.'], action: 'Edit the listing' },
    facts: { title: 'Title', organisation: 'Organiser' },
    footer: 'You get this message because you submitted a listing to Verkosto.',
  },
} as const;

const fiDate = (d: string) => `${Number(d.slice(8, 10))}.${Number(d.slice(5, 7))}.${d.slice(0, 4)}`;

/** Mails to the person who submitted a listing, in the language they used. */
export function listingMail(kind: Kind, r: { data: ListingInput }, lang: UiLanguage, extra: { link?: string; reason?: string; validUntil?: string }) {
  const t = T[lang];
  const k = t[kind];
  const paragraphs = k.body.map((p) => p.replace('{date}', extra.validUntil ? fiDate(extra.validUntil) : ''));
  if (kind === 'rejected' && extra.reason) paragraphs.push(extra.reason);
  return renderEmail({
    lang,
    // The receipt goes to whatever address the public form named: its subject carries none of the submitted text.
    subject: kind === 'receipt' ? k.subject : `${k.subject}: ${pick(r.data.title, lang)}`,
    preheader: paragraphs[0] ?? '',
    title: t.title,
    blocks: [
      {
        heading: k.heading,
        paragraphs,
        facts: [
          [t.facts.title, mailText(r.data.title, lang)],
          [t.facts.organisation, r.data.organisation.name],
        ],
        ...(extra.link ? { action: { label: k.action, url: extra.link } } : {}),
      },
    ],
    footer: [t.footer],
  });
}
