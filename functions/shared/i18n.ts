import type { UiLanguage } from './network-config.js';

export type { UiLanguage };
export const LANGUAGES: readonly UiLanguage[] = ['fi', 'sv', 'en'];

/** Picks the reply language: explicit `lang`, then Accept-Language, then Finnish. */
export function pickLanguage(explicit: string | undefined, acceptLanguage: string | undefined): UiLanguage {
  if (explicit && (LANGUAGES as readonly string[]).includes(explicit)) return explicit as UiLanguage;
  for (const part of (acceptLanguage ?? '').split(',')) {
    const code = part.trim().slice(0, 2).toLowerCase();
    if ((LANGUAGES as readonly string[]).includes(code)) return code as UiLanguage;
  }
  return 'fi';
}

export type Localised = { fi: string; sv?: string | undefined; en?: string | undefined };

/** A user's text in the wanted language, falling back to Finnish (always present). */
export function pick(text: Localised, lang: UiLanguage): string {
  return text[lang] ?? text.fi;
}

/**
 * A user's text for an API answer: `{ [key]: text }` in the wanted language,
 * or the Finnish text with `[key]Lang: 'fi'` beside it, so the page can mark
 * it lang="fi" and screen readers pronounce it right (WCAG 3.1.2).
 */
export function localisedField<K extends string>(key: K, text: Localised, lang: UiLanguage): { [P in K]: string } & { [P in `${K}Lang`]?: 'fi' } {
  const own = text[lang];
  return (own === undefined ? { [key]: text.fi, [`${key}Lang`]: 'fi' } : { [key]: own }) as { [P in K]: string } & { [P in `${K}Lang`]?: 'fi' };
}

/** Field error messages by code, shown next to the form fields. */
export const fieldMessages: Record<string, Record<UiLanguage, string>> = {
  required: { fi: 'Tämä tieto on pakollinen.', sv: 'Uppgiften är obligatorisk.', en: 'This field is required.' },
  too_long: { fi: 'Teksti on liian pitkä.', sv: 'Texten är för lång.', en: 'The text is too long.' },
  single_line: { fi: 'Kirjoita tämä yhdelle riville ilman rivinvaihtoja tai ohjausmerkkejä.', sv: 'Skriv detta på en rad utan radbrytningar eller styrtecken.', en: 'Write this on one line, without line breaks or control characters.' },
  too_short: { fi: 'Teksti on liian lyhyt.', sv: 'Texten är för kort.', en: 'The text is too short.' },
  too_many: { fi: 'Valitse vähemmän vaihtoehtoja.', sv: 'Välj färre alternativ.', en: 'Choose fewer options.' },
  choose_one: { fi: 'Valitse vähintään yksi.', sv: 'Välj minst ett alternativ.', en: 'Choose at least one.' },
  invalid_choice: { fi: 'Valitse jokin annetuista vaihtoehdoista.', sv: 'Välj ett av de givna alternativen.', en: 'Choose one of the given options.' },
  invalid_email: { fi: 'Anna sähköpostiosoite muodossa nimi@esimerkki.fi.', sv: 'Ange e-postadressen i formen namn@exempel.fi.', en: 'Enter an email address like name@example.fi.' },
  invalid_url: { fi: 'Anna verkko-osoite, joka alkaa https://.', sv: 'Ange en webbadress som börjar med https://.', en: 'Enter a web address starting with https://.' },
  invalid_phone: { fi: 'Anna puhelinnumero numeroina, esim. 040 123 4567.', sv: 'Ange telefonnumret med siffror, t.ex. 040 123 4567.', en: 'Enter a phone number in digits, e.g. 040 123 4567.' },
  invalid_postcode: { fi: 'Postinumerossa on viisi numeroa.', sv: 'Postnumret har fem siffror.', en: 'A postcode has five digits.' },
  invalid_business_id: { fi: 'Y-tunnus on muotoa 1234567-1.', sv: 'FO-numret har formen 1234567-1.', en: 'A business ID looks like 1234567-1.' },
  business_id_check: { fi: 'Y-tunnuksen tarkistusnumero ei täsmää. Tarkista tunnus esimerkiksi YTJ:stä (ytj.fi).', sv: 'FO-numrets kontrollsiffra stämmer inte. Kontrollera numret till exempel i FODS (ytj.fi).', en: 'The business ID’s check digit does not match. Check the ID, for example in the Business Information System (ytj.fi).' },
  invalid_date: { fi: 'Tarkista päivämäärä.', sv: 'Kontrollera datumet.', en: 'Check the date.' },
  invalid_time: { fi: 'Anna kellonaika muodossa tt:mm.', sv: 'Ange tiden i formen tt:mm.', en: 'Enter the time as hh:mm.' },
  invalid_range: { fi: 'Yläraja ei voi olla pienempi kuin alaraja.', sv: 'Övre gränsen kan inte vara lägre än den nedre.', en: 'The upper limit cannot be below the lower limit.' },
  before_start: { fi: 'Päättymisen pitää olla alun jälkeen.', sv: 'Slutet måste vara efter början.', en: 'The end must be after the start.' },
  turn_count: { fi: 'Anna vuorojen määrä luvulla 1–12.', sv: 'Ange antalet turer som ett tal 1–12.', en: 'Enter the number of turns, 1–12.' },
  turn_minutes: { fi: 'Anna kesto minuutteina, 5–240.', sv: 'Ange längden i minuter, 5–240.', en: 'Enter the length in minutes, 5–240.' },
  unknown_network: { fi: 'Tuntematon verkosto.', sv: 'Okänt nätverk.', en: 'Unknown network.' },
  invalid: { fi: 'Tarkista tämä tieto.', sv: 'Kontrollera uppgiften.', en: 'Check this field.' },
};

export function fieldMessage(code: string, lang: UiLanguage): string {
  return (fieldMessages[code] ?? fieldMessages.invalid!)[lang];
}
