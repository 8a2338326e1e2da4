import { listingInput, type ListingInput } from '../functions/listings/schema.js';
import { DynamoListingStore } from '../functions/listings/store.js';
import { documentClient } from '../functions/shared/dynamo.js';
import { LOCAL_TABLE, type LocalStack } from './stack.js';

const base = {
  network: 'kemi-perhekeskus',
  languages: ['fi'],
  accessibility: ['not-known'],
  registration: { required: false },
  cost: { free: true },
} as const;

const place = (address: string, postcode = '94100') => ({ type: 'place' as const, address, postcode, municipality: 'Kemi' });

/** The demo network's first listings, modelled on Kemi's family-centre network (see the seeds). */
export const DEMO_LISTINGS: ListingInput[] = [
  {
    ...base,
    organisation: { name: 'Kemin kaupunki, perhekeskus', kind: 'municipal' },
    contact: { name: 'Perhekeskuksen ohjaaja', email: 'perhekeskus@kemi.example.fi', phone: '016 259 000' },
    title: { fi: 'Perhekahvila Pruntsin Poukamassa', sv: 'Familjecafé i Pruntsin Poukama', en: 'Family café at Pruntsin Poukama' },
    summary: { fi: 'Matalan kynnyksen kohtaamispaikka lapsiperheille joka keskiviikko.', sv: 'En lågtröskelmötesplats för barnfamiljer varje onsdag.', en: 'A low-threshold meeting place for families every Wednesday.' },
    description: { fi: 'Tule juttelemaan, leikkimään ja tapaamaan muita perheitä. Paikalla perheohjaaja ja vaihtuvia yhteistyökumppaneita. Ei ennakkoilmoittautumista.' },
    kind: 'group', themes: ['family-support', 'peer-support'], targetGroups: ['families-with-children', 'babies-toddlers'],
    channels: [place('Keskuspuistokatu 8')], accessibility: ['wheelchair', 'accessible-toilet'],
    schedule: { type: 'recurring', frequency: 'weekly', weekdays: ['wed'], startTime: '10:00', endTime: '12:00' },
  },
  {
    ...base,
    organisation: { name: 'Kemin seurakunta', kind: 'parish' },
    contact: { name: 'Lapsityönohjaaja', email: 'perhekerho@kemi-seurakunta.example.fi' },
    title: { fi: 'Seurakunnan perhekerho', sv: 'Församlingens familjeklubb' },
    summary: { fi: 'Laulua, leikkiä ja pientä välipalaa vauvoille ja leikki-ikäisille vanhempineen.' },
    description: { fi: 'Perhekerho kokoontuu seurakuntakeskuksen kerhotilassa. Kerho on avoin kaikille perheille vakaumuksesta riippumatta.' },
    kind: 'group', themes: ['family-support', 'parenting'], targetGroups: ['families-with-children', 'children'],
    channels: [place('Kirkkopuistikko 1')],
    schedule: { type: 'recurring', frequency: 'weekly', weekdays: ['tue', 'thu'], startTime: '09:30', endTime: '11:00' },
  },
  {
    ...base,
    organisation: { name: 'MLL Kemin yhdistys', kind: 'association' },
    contact: { name: 'Vertaisryhmän vetäjä', email: 'kemi@mll.example.fi' },
    title: { fi: 'Vanhempien vertaisryhmä', en: "Parents' peer group" },
    summary: { fi: 'Vertaistukea arjen jaksamiseen pikkulapsiperheiden vanhemmille.' },
    description: { fi: 'Ryhmässä jaetaan kokemuksia ja vinkkejä vanhemmuuden iloihin ja haasteisiin. Lastenhoito järjestetty.' },
    kind: 'group', themes: ['peer-support', 'parenting', 'mental-health'], targetGroups: ['families-with-children', 'adults'],
    channels: [place('Valtakatu 12')],
    schedule: { type: 'recurring', frequency: 'monthly', weekdays: ['mon'], weekOfMonth: 1, startTime: '17:30', endTime: '19:00' },
  },
  {
    ...base,
    organisation: { name: 'Lapin hyvinvointialue, lastenneuvola', kind: 'wellbeing-county' },
    contact: { name: 'Neuvolan ajanvaraus', email: 'neuvola@lapha.example.fi', phone: '016 328 0000' },
    title: { fi: 'Lastenneuvola', sv: 'Barnrådgivning', en: 'Child health clinic' },
    summary: { fi: 'Lapsen kasvun ja kehityksen seuranta sekä vanhemmuuden tuki alle kouluikäisille.' },
    description: { fi: 'Terveydenhoitajan ja lääkärin määräaikaistarkastukset, rokotukset ja tukea perheen arkeen. Ajanvaraus puhelimitse arkisin.' },
    kind: 'service', themes: ['family-support', 'health', 'children-youth'], targetGroups: ['families-with-children', 'babies-toddlers', 'children'],
    languages: ['fi', 'sv', 'en'], channels: [place('Sairaalakatu 5'), { type: 'phone', phone: '016 328 0000' }],
    accessibility: ['wheelchair', 'induction-loop', 'accessible-toilet', 'parking'],
    schedule: { type: 'none' },
  },
  {
    ...base,
    organisation: { name: 'Lapin Kriisikeskus ry', kind: 'association' },
    contact: { name: 'Kriisipäivystys', email: 'kriisi@kriisikeskus.example.fi', phone: '09 2525 0111' },
    title: { fi: 'Kriisipuhelin', sv: 'Kristelefon', en: 'Crisis helpline' },
    summary: { fi: 'Keskusteluapua kriisissä oleville ja heidän läheisilleen ympäri vuorokauden.' },
    description: { fi: 'Voit soittaa nimettömänä. Päivystäjät ovat koulutettuja vapaaehtoisia ja ammattilaisia.' },
    kind: 'service', themes: ['crisis-help', 'mental-health'], targetGroups: ['adults', 'youth'],
    languages: ['fi', 'sv', 'en', 'ar'], channels: [{ type: 'phone', phone: '09 2525 0111' }, { type: 'online', url: 'https://kriisikeskus.example.fi/chat' }],
    schedule: { type: 'none' },
  },
  {
    ...base,
    organisation: { name: 'Kemin kaupunki, maahanmuuttajapalvelut', kind: 'municipal' },
    contact: { name: 'Perheterapeutti', email: 'maahanmuutto@kemi.example.fi' },
    title: { fi: 'Perhe yhtenäiseksi -tapaamiset', en: 'Family together meetings' },
    summary: { fi: 'Perheterapeuttista tukea pakolaistaustaisille perheille vanhemmuuden ja perheen yhteyden vahvistamiseen.' },
    description: { fi: 'Tapaamisissa käytetään Oulussa kehitettyä työskentelymallia. Tulkki mukana tarvittaessa. Ohjaus sosiaalityön kautta.' },
    kind: 'service', themes: ['immigrants-integration', 'family-support', 'parenting'], targetGroups: ['immigrants', 'families-with-children'],
    languages: ['fi', 'ar', 'so', 'uk'], channels: [place('Valtakatu 26')],
    registration: { required: true, email: 'maahanmuutto@kemi.example.fi' },
    schedule: { type: 'none' },
  },
  {
    ...base,
    organisation: { name: 'Omaiset ry, Kemin toimipiste', kind: 'association' },
    contact: { name: 'Omaistoiminnan ohjaaja', email: 'kemi@omaiset.example.fi' },
    title: { fi: 'Omaishoitajien olohuone', sv: 'Vardagsrum för närståendevårdare' },
    summary: { fi: 'Omaishoitajien vertaisryhmä: virkistystä, tietoa ja toisten tukea.' },
    description: { fi: 'Ryhmässä vaihdetaan kokemuksia ja saadaan tietoa palveluista. Hoidettavalle voi järjestää sijaishoidon kysymällä ohjaajalta.' },
    kind: 'group', themes: ['carers', 'peer-support', 'older-people'], targetGroups: ['carers', 'older-people'],
    channels: [place('Kauppakatu 17')],
    schedule: { type: 'recurring', frequency: 'monthly', weekdays: ['thu'], weekOfMonth: -1, startTime: '13:00', endTime: '15:00' },
  },
  {
    ...base,
    organisation: { name: 'Kemin nuorisopalvelut', kind: 'municipal' },
    contact: { name: 'Nuoriso-ohjaaja', email: 'nuoriso@kemi.example.fi' },
    title: { fi: 'Nuorten avoin ilta', en: 'Open evening for young people' },
    summary: { fi: 'Avoin nuorisotila 13–17-vuotiaille: pelejä, musiikkia ja turvallinen aikuinen.' },
    description: { fi: 'Tule sellaisena kuin olet. Nuoriso-ohjaajat ovat paikalla ja juttelevat, jos haluat.' },
    kind: 'group', themes: ['children-youth', 'leisure'], targetGroups: ['youth'], ageRange: { min: 13, max: 17 },
    channels: [place('Nuorisotalo, Meripuistokatu 3')],
    schedule: { type: 'recurring', frequency: 'weekly', weekdays: ['mon', 'wed', 'fri'], startTime: '17:00', endTime: '21:00' },
  },
].map((l) => listingInput.parse(l));

/**
 * On an empty table: the demo listings go through the real flow (the API,
 * then an approval event stamped by the demo network's coordinator), so a
 * newcomer sees a working directory and the mailbox shows what happened.
 */
export async function seedDemo(stack: LocalStack): Promise<number> {
  const network = stack.config.networks.find((n) => n.id === base.network);
  if (!network) return 0;
  const coordinator = network.coordinators[0]!;
  // Only on an empty directory: a second call (or a restart on old data) adds nothing.
  // (Read from the table, not the API, whose warm cache would then hold the empty directory for a few seconds.)
  if ((await new DynamoListingStore(documentClient(), LOCAL_TABLE).cards(network.id)).length > 0) return 0;
  let n = 0;
  for (const listing of DEMO_LISTINGS) {
    const res = await fetch(`${stack.urls.site}/api/listings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(listing) });
    if (res.status !== 202) throw new Error(`demo listing refused: ${res.status} ${await res.text()}`);
    const { id } = (await res.json()) as { id: string };
    await stack.settle();
    stack.bus.putEvents([
      {
        Source: 'verkosto',
        DetailType: 'Listing.Approved',
        Detail: JSON.stringify({ version: 1, listingId: id, network: network.id, revision: 1, audit: { actor: coordinator, network: network.id, target: { kind: 'listing', id }, at: new Date().toISOString() } }),
      },
    ]);
    n++;
  }
  await stack.settle();
  return n;
}
