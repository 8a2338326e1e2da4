/**
 * Facts the pages state that are not translations: who to contact and when the
 * accessibility statement was last reviewed. An operator running their own
 * deployment changes these here, in one place.
 */
export const SITE = {
  /** Feedback on the service and on its accessibility (Act on the Provision of Digital Services § 15). */
  feedbackEmail: 'palaute@verkosto.example.fi',
  /** ISO date the accessibility statement was prepared or last reviewed. */
  statementDate: '2026-11-22',
} as const;

/**
 * The supervising authority every Finnish accessibility statement must name,
 * with the contact details Traficom asks statements to give. Each language
 * has its own address of the same service.
 */
export const SUPERVISOR = {
  web: { fi: 'https://www.saavutettavuusvaatimukset.fi', sv: 'https://www.webbtillganglighet.fi', en: 'https://www.webaccessibility.fi' },
  email: 'saavutettavuus@traficom.fi',
  phone: '029 534 5000',
} as const;

type Texts = { readonly fi: string; readonly sv: string; readonly en: string };

/** One purpose the service holds personal data for, as the privacy notice states it (GDPR art. 13). */
export interface Register {
  readonly id: string;
  /** what for */
  readonly purpose: Texts;
  /** the lawful basis (art. 6) */
  readonly basis: Texts;
  /** which data */
  readonly data: Texts;
  /** how long, and what happens then */
  readonly retention: Texts;
}

/**
 * The privacy notice (tietosuojaseloste) of this deployment. The controller is
 * whoever runs the service — a wellbeing services county, a municipality or an
 * NGO — so an operator replaces the controller and contact here; the registers
 * describe what this code stores and for how long, and change only with it.
 */
export const PRIVACY = {
  /** ISO date the notice was last reviewed. */
  updated: '2026-11-29',
  controller: {
    name: { fi: 'Verkosto-palvelun ylläpitäjä (esimerkki)', sv: 'Verkosto-tjänstens upprätthållare (exempel)', en: 'The operator of the Verkosto service (example)' } as Texts,
    businessId: '1234567-1',
    address: 'Esimerkkikatu 1, 94100 Kemi',
  },
  /** Who answers questions and requests about personal data. */
  contact: { email: 'tietosuoja@verkosto.example.fi', phone: '040 123 4567' },
  /** Data protection officer, if the controller has one. */
  dpo: { email: 'tietosuojavastaava@verkosto.example.fi' },
  /** Who processes the data for the controller, and where. */
  processors: {
    fi: 'Palvelu toimii Amazon Web Servicesin (AWS) palvelimilla EU:ssa (Tukholman alue, eu-north-1); sähköpostit lähetetään Amazon SES -palvelulla samalla alueella. Tietoja ei siirretä EU:n ja ETA:n ulkopuolelle eikä luovuteta muille.',
    sv: 'Tjänsten körs på Amazon Web Services (AWS) servrar i EU (Stockholmsregionen, eu-north-1); e-post skickas med Amazon SES i samma region. Uppgifterna överförs inte utanför EU och EES och lämnas inte ut till andra.',
    en: 'The service runs on Amazon Web Services (AWS) servers in the EU (Stockholm region, eu-north-1); emails are sent with Amazon SES in the same region. No data is transferred outside the EU and EEA or disclosed to anyone else.',
  } as Texts,
  registers: [
    {
      id: 'listings',
      purpose: {
        fi: 'Palveluilmoitusten julkaiseminen palveluhakemistossa, ilmoittajan muokkauslinkki ja ilmoitusta koskevat viestit.',
        sv: 'Att publicera tjänsteanmälningar i tjänstekatalogen, anmälarens redigeringslänk och meddelanden om anmälan.',
        en: 'Publishing service listings in the directory, the submitter’s edit link and messages about the listing.',
      },
      basis: { fi: 'Oikeutettu etu (art. 6.1 f): ammattilaiset tarvitsevat palvelun yhteystiedot.', sv: 'Berättigat intresse (art. 6.1 f): yrkesfolk behöver tjänstens kontaktuppgifter.', en: 'Legitimate interest (art. 6(1)(f)): professionals need the service’s contact details.' },
      data: {
        fi: 'Organisaatio ja Y-tunnus, yhteyshenkilön nimi, sähköposti ja puhelin (näkyvät ilmoituksessa julkisesti), ilmoituksen tekstit ja ilmoittamisen aika.',
        sv: 'Organisation och FO-nummer, kontaktpersonens namn, e-post och telefon (visas offentligt i anmälan), anmälans texter och tidpunkt.',
        en: 'Organisation and business ID, the contact person’s name, email and phone (shown publicly in the listing), the listing’s texts and when it was submitted.',
      },
      retention: {
        fi: 'Niin kauan kuin ilmoitus on voimassa. Vanhentunut tai poistettu ilmoitus ei enää näy; sen tiedot poistetaan pyynnöstä.',
        sv: 'Så länge anmälan gäller. En utgången eller återkallad anmälan visas inte längre; dess uppgifter raderas på begäran.',
        en: 'As long as the listing is valid. An expired or withdrawn listing is no longer shown; its data is erased on request.',
      },
    },
    {
      id: 'meetings',
      purpose: { fi: 'Verkostotapaamisiin ilmoittautuminen, osallistujalista ja tapaamista koskevat viestit.', sv: 'Anmälan till nätverksmöten, deltagarlistan och meddelanden om mötet.', en: 'Signing up for network meetings, the attendee list and messages about the meeting.' },
      basis: { fi: 'Oikeutettu etu (art. 6.1 f): tapaamisen järjestäminen.', sv: 'Berättigat intresse (art. 6.1 f): att ordna mötet.', en: 'Legitimate interest (art. 6(1)(f)): organising the meeting.' },
      data: { fi: 'Nimi, sähköposti, organisaatio ja osallistumistapa. Näkyvät vain verkoston koordinaattoreille.', sv: 'Namn, e-post, organisation och deltagarsätt. Syns bara för nätverkets koordinatorer.', en: 'Name, email, organisation and how you attend. Seen only by the network’s coordinators.' },
      retention: { fi: 'Tapaamisen tietojen mukana; poistetaan pyynnöstä. Ilmoittautumisen voi perua sähköpostin linkistä.', sv: 'Tillsammans med mötets uppgifter; raderas på begäran. Anmälan kan återkallas med länken i e-posten.', en: 'With the meeting’s records; erased on request. You can cancel your sign-up from the link in the email.' },
    },
    {
      id: 'turns',
      purpose: { fi: 'Esitysvuorojen varaaminen verkostotapaamisista ja niiden näyttäminen tapaamisen sivulla ja verkoston viesteissä.', sv: 'Att boka presentationsturer på nätverksmöten och visa dem på mötets sida och i nätverkets meddelanden.', en: 'Claiming presentation turns at network meetings and showing them on the meeting page and in the network’s messages.' },
      basis: { fi: 'Oikeutettu etu (art. 6.1 f): tapaamisen ohjelman järjestäminen. Esittäjän nimi näytetään vain suostumuksella (art. 6.1 a).', sv: 'Berättigat intresse (art. 6.1 f): att ordna mötets program. Presentatörens namn visas bara med samtycke (art. 6.1 a).', en: 'Legitimate interest (art. 6(1)(f)): organising the meeting’s programme. The presenter’s name is shown only with consent (art. 6(1)(a)).' },
      data: { fi: 'Organisaatio, esittäjän nimi, aihe, sähköposti ja kieli. Organisaatio ja aihe näkyvät julkisesti vahvistuksen jälkeen, nimi vain luvalla; sähköpostin näkevät vain koordinaattorit.', sv: 'Organisation, presentatörens namn, ämne, e-post och språk. Organisationen och ämnet visas offentligt efter bekräftelsen, namnet bara med lov; e-posten ser bara koordinatorerna.', en: 'Organisation, presenter’s name, topic, email and language. The organisation and topic are public once confirmed, the name only with consent; only coordinators see the email.' },
      retention: { fi: 'Vahvistamaton varaus poistuu vuorokausi varausajan päättymisen jälkeen, vapautettu viikon kuluttua ja vahvistettu 30 päivää tapaamisen jälkeen. Julkiset tiedot (organisaatio, aihe ja luvalla nimi) säilyvät tapaamisen tietojen mukana; poistetaan pyynnöstä.', sv: 'En obekräftad bokning raderas ett dygn efter att den gått ut, en frigjord efter en vecka och en bekräftad 30 dagar efter mötet. De offentliga uppgifterna (organisation, ämne och med lov namnet) sparas med mötets uppgifter; raderas på begäran.', en: 'An unconfirmed claim is erased a day after its hold ends, a released one after a week, a confirmed one 30 days after the meeting. What is public (organisation, topic and, with consent, the name) stays with the meeting’s records; erased on request.' },
    },
    {
      id: 'subscriptions',
      purpose: { fi: 'Uutiskirjeen ja valittujen tiedotteiden lähettäminen.', sv: 'Att skicka nyhetsbrevet och valda meddelanden.', en: 'Sending the newsletter and the notices you chose.' },
      basis: { fi: 'Suostumus (art. 6.1 a), jonka vahvistat sähköpostin linkistä ja voit perua milloin tahansa.', sv: 'Samtycke (art. 6.1 a), som du bekräftar med länken i e-posten och kan återkalla när som helst.', en: 'Consent (art. 6(1)(a)), which you confirm from the link in the email and can withdraw at any time.' },
      data: { fi: 'Sähköposti, nimi ja organisaatio (jos annettu), valinnat ja kieli; lähetysten toimitustieto.', sv: 'E-post, namn och organisation (om angivna), val och språk; leveransuppgifter för utskicken.', en: 'Email, name and organisation (if given), your choices and language; delivery records of each mailing.' },
      retention: {
        fi: 'Tilauksen ajan. Kun perut tilauksen tai osoite ei enää vastaanota postia, osoite ja valinnat poistetaan heti; jäljelle jää vain osoitteen tiiviste, jotta päätös pysyy. Lähetysten toimitustiedot poistuvat 90 päivän kuluttua.',
        sv: 'Så länge prenumerationen gäller. När du avslutar den eller adressen inte längre tar emot post raderas adressen och valen genast; bara en hash av adressen finns kvar så att beslutet gäller. Leveransuppgifterna raderas efter 90 dagar.',
        en: 'While you are subscribed. When you unsubscribe or the address stops accepting mail, the address and choices are erased at once; only a hash of the address is kept so the decision holds. Delivery records are deleted after 90 days.',
      },
    },
    {
      id: 'surveys',
      purpose: { fi: 'Verkoston kyselyt ja niiden tulokset.', sv: 'Nätverkets enkäter och deras resultat.', en: 'The network’s surveys and their results.' },
      basis: { fi: 'Oikeutettu etu (art. 6.1 f): verkoston toiminnan kehittäminen.', sv: 'Berättigat intresse (art. 6.1 f): att utveckla nätverkets verksamhet.', en: 'Legitimate interest (art. 6(1)(f)): developing the network’s work.' },
      data: {
        fi: 'Vastaukset. Nimettömään kyselyyn vastaajan sähköpostia käytetään vain vastauksen vahvistamiseen, eikä sitä tallenneta vastauksen kanssa; nimellisessä kyselyssä nimi ja sähköposti tallennetaan vastauksen kanssa.',
        sv: 'Svaren. I en anonym enkät används svararens e-post bara för att bekräfta svaret och sparas inte med svaret; i en enkät med namn sparas namn och e-post med svaret.',
        en: 'The answers. In an anonymous survey the respondent’s email is used only to confirm the answer and is not stored with it; in a named survey the name and email are stored with the answer.',
      },
      retention: { fi: 'Kyselyn tietojen mukana; poistetaan pyynnöstä.', sv: 'Tillsammans med enkätens uppgifter; raderas på begäran.', en: 'With the survey’s records; erased on request.' },
    },
    {
      id: 'coordinators',
      purpose: { fi: 'Koordinaattorien kirjautuminen ja tehtyjen toimien loki.', sv: 'Koordinatorernas inloggning och logg över åtgärder.', en: 'Coordinators’ sign-in and the log of what they did.' },
      basis: { fi: 'Oikeutettu etu (art. 6.1 f): palvelun turvallisuus ja päätösten jäljitettävyys.', sv: 'Berättigat intresse (art. 6.1 f): tjänstens säkerhet och spårbarhet av beslut.', en: 'Legitimate interest (art. 6(1)(f)): the service’s security and traceable decisions.' },
      data: { fi: 'Sähköposti, verkostot, kirjautumislinkit ja lokimerkinnät (kuka teki mitä ja milloin).', sv: 'E-post, nätverk, inloggningslänkar och loggposter (vem gjorde vad och när).', en: 'Email, networks, sign-in links and log entries (who did what and when).' },
      retention: { fi: 'Kirjautumislinkki on voimassa 15 minuuttia ja istunto 8 tuntia. Lokimerkinnät säilytetään verkoston tietojen mukana.', sv: 'Inloggningslänken gäller i 15 minuter och sessionen i 8 timmar. Loggposterna sparas med nätverkets uppgifter.', en: 'A sign-in link is valid for 15 minutes and a session for 8 hours. Log entries are kept with the network’s records.' },
    },
  ] as readonly Register[],
} as const;

/** The Finnish data protection authority, where anyone may lodge a complaint (GDPR art. 77). */
export const DPA = {
  web: { fi: 'https://tietosuoja.fi', sv: 'https://tietosuoja.fi/sv', en: 'https://tietosuoja.fi/en' },
} as const;
