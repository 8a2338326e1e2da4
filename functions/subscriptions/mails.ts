import { renderEmail } from '../shared/email.js';
import type { UiLanguage } from '../shared/i18n.js';

const T = {
  fi: {
    confirm: { subject: 'Vahvista Verkoston uutiskirjeen tilaus', heading: 'Vahvista tilaus', body: 'Sinut on lisätty tilaajaksi vasta, kun vahvistat tilauksen. Linkki on voimassa 48 tuntia. Jos et tilannut uutiskirjettä, voit jättää viestin huomiotta.', action: 'Vahvista tilaus' },
    already: { subject: 'Olet jo Verkoston uutiskirjeen tilaaja', heading: 'Olet jo tilaaja', body: 'Osoitteesi on jo postituslistalla. Voit muuttaa tilaustasi alla olevasta linkistä.', action: 'Muuta tilausta' },
    footer: 'Saat tämän viestin, koska osoitteellesi pyydettiin Verkoston uutiskirjettä.',
  },
  sv: {
    confirm: { subject: 'Bekräfta prenumerationen på Verkostos nyhetsbrev', heading: 'Bekräfta prenumerationen', body: 'Du läggs till som prenumerant först när du bekräftar. Länken gäller i 48 timmar. Om du inte beställde nyhetsbrevet kan du lämna meddelandet utan åtgärd.', action: 'Bekräfta prenumerationen' },
    already: { subject: 'Du prenumererar redan på Verkostos nyhetsbrev', heading: 'Du är redan prenumerant', body: 'Din adress finns redan på e-postlistan. Du kan ändra prenumerationen via länken nedan.', action: 'Ändra prenumerationen' },
    footer: 'Du får det här meddelandet eftersom Verkostos nyhetsbrev beställdes till din adress.',
  },
  en: {
    confirm: { subject: 'Confirm your Verkosto newsletter subscription', heading: 'Confirm your subscription', body: 'You are added to the list only when you confirm. The link is valid for 48 hours. If you did not subscribe, you can ignore this message.', action: 'Confirm subscription' },
    already: { subject: 'You already subscribe to the Verkosto newsletter', heading: 'You are already subscribed', body: 'Your address is already on the mailing list. You can change your subscription with the link below.', action: 'Change subscription' },
    footer: 'You get this message because the Verkosto newsletter was requested for your address.',
  },
} as const;

export function subscriptionMail(kind: 'confirm' | 'already', lang: UiLanguage, link: string) {
  const t = T[lang];
  const k = t[kind];
  return renderEmail({ lang, subject: k.subject, preheader: k.body, title: 'Verkosto', blocks: [{ heading: k.heading, paragraphs: [k.body], action: { label: k.action, url: link } }], footer: [t.footer] });
}
