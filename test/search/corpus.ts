import type { ListingInput } from '../../functions/listings/schema.js';
import { aListing } from '../fixtures/listings.js';

/**
 * The relevance evaluation's listings: the kinds of family, social and
 * welfare services a Finnish town's network lists (modelled on Kemi,
 * Tornio and Keminmaa), in Finnish, some with Swedish and English
 * translations. Several share words on purpose (perhe-, ryhmä, neuvonta),
 * so a query must rank, not only match.
 */
type Lang = { fi: string; sv?: string; en?: string };
interface Spec {
  title: Lang;
  summary: Lang;
  description: Lang;
  organisation: [string, ListingInput['organisation']['kind']];
  kind?: ListingInput['kind'];
  themes: ListingInput['themes'];
  targetGroups: ListingInput['targetGroups'];
  languages?: ListingInput['languages'];
  /** [address, municipality], or 'online' */
  where?: [string, string] | 'online';
  free?: boolean;
}

const POSTCODES: Record<string, string> = { Kemi: '94100', Tornio: '95400', Keminmaa: '94400', Simo: '95200', Tervola: '95300' };

function listing(s: Spec): ListingInput {
  const where = s.where ?? ['Keskuspuistokatu 8', 'Kemi'];
  return aListing({
    title: s.title,
    summary: s.summary,
    description: s.description,
    organisation: { name: s.organisation[0], kind: s.organisation[1] },
    kind: s.kind ?? 'service',
    themes: s.themes,
    targetGroups: s.targetGroups,
    languages: s.languages ?? ['fi'],
    channels: where === 'online' ? [{ type: 'online', url: 'https://etana.example.fi/palvelu' }] : [{ type: 'place', address: where[0], postcode: POSTCODES[where[1]] ?? '94100', municipality: where[1] }],
    schedule: { type: 'none' },
    cost: s.free === false ? { free: false, note: '5 € / kerta' } : { free: true },
  });
}

const perhekeskus: [string, 'municipal'] = ['Kemin kaupunki, perhekeskus', 'municipal'];
const hyvinvointialue: [string, 'wellbeing-county'] = ['Lapin hyvinvointialue', 'wellbeing-county'];
const mll: [string, 'association'] = ['MLL Kemin yhdistys', 'association'];
const seurakunta: [string, 'parish'] = ['Kemin seurakunta', 'parish'];

export const EVAL_LISTINGS: Record<string, ListingInput> = {
  perhekahvila: listing({
    title: { fi: 'Perhekahvila Pruntsin Poukamassa', sv: 'Familjecafé i Pruntsin Poukama', en: 'Family café at Pruntsin Poukama' },
    summary: { fi: 'Matalan kynnyksen kohtaamispaikka lapsiperheille joka keskiviikko.', sv: 'En lågtröskelmötesplats för barnfamiljer varje onsdag.', en: 'A low-threshold meeting place for families every Wednesday.' },
    description: { fi: 'Tule juttelemaan, leikkimään ja tapaamaan muita perheitä. Paikalla perheohjaaja ja vaihtuvia yhteistyökumppaneita.' },
    organisation: perhekeskus, kind: 'group', themes: ['family-support', 'peer-support'], targetGroups: ['families-with-children'], languages: ['fi', 'sv'],
  }),
  perhekahvilaTornio: listing({
    title: { fi: 'Torniolaisten perhekahvila' },
    summary: { fi: 'Kahvia, leikkiä ja juttuseuraa perheille Tornion perhekeskuksessa.' },
    description: { fi: 'Avoin kaikille lapsiperheille. Tarjolla kahvia ja pientä purtavaa.' },
    organisation: ['Tornion kaupunki, perhekeskus', 'municipal'], kind: 'group', themes: ['family-support'], targetGroups: ['families-with-children'], where: ['Torikatu 2', 'Tornio'],
  }),
  perhekerho: listing({
    title: { fi: 'Seurakunnan perhekerho', sv: 'Församlingens familjeklubb' },
    summary: { fi: 'Laulua, leikkiä ja välipalaa vauvoille ja leikki-ikäisille vanhempineen.' },
    description: { fi: 'Perhekerho kokoontuu seurakuntakeskuksen kerhotilassa. Avoin kaikille perheille vakaumuksesta riippumatta.' },
    organisation: seurakunta, kind: 'group', themes: ['family-support', 'parenting'], targetGroups: ['families-with-children', 'children'], where: ['Kirkkopuistikko 1', 'Kemi'],
  }),
  yksinhuoltajat: listing({
    title: { fi: 'Yksinhuoltajien vertaistukiryhmä', en: 'Peer support group for single parents' },
    summary: { fi: 'Yksin lapsiaan kasvattaville vanhemmille: jaksamista, vinkkejä ja seuraa.', en: 'For parents raising children alone: coping, tips and company.' },
    description: { fi: 'Ryhmä kokoontuu kahden viikon välein. Lastenhoito järjestetty ryhmän ajaksi.' },
    organisation: ['Yhden Vanhemman Perheiden Liitto, Kemin toiminta', 'association'], kind: 'group', themes: ['peer-support', 'parenting'], targetGroups: ['adults', 'families-with-children'], languages: ['fi', 'en'],
  }),
  velkaneuvonta: listing({
    title: { fi: 'Talous- ja velkaneuvonta', sv: 'Ekonomi- och skuldrådgivning', en: 'Financial and debt counselling' },
    summary: { fi: 'Maksutonta apua velkaongelmiin, budjetointiin ja velkajärjestelyyn.', sv: 'Avgiftsfri hjälp med skuldproblem, budget och skuldsanering.', en: 'Free help with debt problems, budgeting and debt restructuring.' },
    description: { fi: 'Talous- ja velkaneuvoja auttaa selvittämään tilanteen, neuvottelee velkojien kanssa ja avustaa velkajärjestelyhakemuksessa.' },
    organisation: ['Oikeusaputoimisto, talous- ja velkaneuvonta', 'municipal'], themes: ['debt-money'], targetGroups: ['adults'], languages: ['fi', 'sv', 'en'], where: ['Valtakatu 26', 'Kemi'],
  }),
  vauvaperheet: listing({
    title: { fi: 'Vauvaperheiden kohtaamispaikka', sv: 'Mötesplats för babyfamiljer' },
    summary: { fi: 'Alle 1-vuotiaiden vauvojen vanhemmille: vauvahierontaa, lauluja ja vertaistukea.' },
    description: { fi: 'Kohtaamispaikassa voit tavata muita vauvaperheitä ja kysyä neuvolan terveydenhoitajalta.' },
    organisation: mll, kind: 'group', themes: ['family-support', 'peer-support'], targetGroups: ['babies-toddlers', 'families-with-children'], languages: ['fi', 'sv'],
  }),
  masennus: listing({
    title: { fi: 'Masennuksesta toipuvien vertaisryhmä' },
    summary: { fi: 'Suljettu ryhmä masennuksesta toipuville aikuisille, ohjaajana mielenterveyshoitaja.' },
    description: { fi: 'Kymmenen tapaamisen ryhmä, jossa käsitellään mielialaa, arjen rytmiä ja toipumista. Haastattelu ennen ryhmän alkua.' },
    organisation: ['Kemin Seudun Mielenterveysseura ry', 'association'], kind: 'group', themes: ['mental-health', 'peer-support'], targetGroups: ['adults'],
  }),
  ikaihmiset: listing({
    title: { fi: 'Ikäihmisten olohuone', sv: 'Vardagsrum för äldre' },
    summary: { fi: 'Avoin päivätoiminta ikäihmisille: kahvia, jumppaa ja yhteislaulua.', sv: 'Öppen dagverksamhet för äldre: kaffe, gymnastik och allsång.' },
    description: { fi: 'Olohuoneeseen voi tulla ilman ajanvarausta. Tiistaisin tuolijumppa ja torstaisin muistelupiiri.' },
    organisation: ['Kemin Eläkeläiset ry', 'association'], kind: 'group', themes: ['older-people', 'leisure'], targetGroups: ['older-people'], languages: ['fi', 'sv'],
  }),
  kiusaaminen: listing({
    title: { fi: 'Tukea koulukiusattujen perheille', en: 'Support for families of bullied children' },
    summary: { fi: 'Neuvoja vanhemmille, kun lasta on kiusattu koulussa tai netissä.', en: 'Advice for parents when a child is bullied at school or online.' },
    description: { fi: 'Autamme selvittämään kiusaamisessa tapahtunutta, keskustelemaan koulun kanssa ja tukemaan lasta.' },
    organisation: mll, themes: ['children-youth', 'parenting'], targetGroups: ['families-with-children', 'children'], languages: ['fi', 'en'], where: 'online',
  }),
  omaishoitajat: listing({
    title: { fi: 'Omaishoitajien olohuone', sv: 'Vardagsrum för närståendevårdare' },
    summary: { fi: 'Vertaistukea ja virkistystä omaistaan hoitaville.', sv: 'Kamratstöd och rekreation för dem som vårdar en anhörig.' },
    description: { fi: 'Tapaamisissa on aikaa omille ajatuksille. Hoidettavalle voidaan järjestää sijaishoito tapaamisen ajaksi.' },
    organisation: ['Kemin Seudun Omaishoitajat ry', 'association'], kind: 'group', themes: ['carers', 'peer-support'], targetGroups: ['carers'], languages: ['fi', 'sv'],
  }),
  omaishoidonTuki: listing({
    title: { fi: 'Omaishoidon tuki', sv: 'Stöd för närståendevård', en: 'Informal care support' },
    summary: { fi: 'Hoitopalkkio, vapaapäivät ja palvelut omaishoitajalle hyvinvointialueelta.', en: 'Care allowance, days off and services for informal carers.' },
    description: { fi: 'Omaishoidon tukea haetaan hyvinvointialueelta hakemuksella. Palveluohjaaja tekee kotikäynnin ja arvioi hoidon tarpeen.' },
    organisation: hyvinvointialue, themes: ['carers'], targetGroups: ['carers', 'older-people'], languages: ['fi', 'sv', 'en'], where: ['Sairaalakatu 1', 'Kemi'],
  }),
  ruokaapu: listing({
    title: { fi: 'Ruoka-apu ja yhteinen ateria', sv: 'Mathjälp och gemensam måltid' },
    summary: { fi: 'Ruokakassien jako maanantaisin ja yhteinen lounas keskiviikkoisin.' },
    description: { fi: 'Ruoka-apua jaetaan ilman tulotarkastusta. Lounaalle ovat tervetulleita kaikki, myös lapsiperheet.' },
    organisation: ['Kemin Diakoniatyö', 'parish'], themes: ['debt-money', 'crisis-help'], targetGroups: ['adults', 'families-with-children'], languages: ['fi', 'sv'], where: ['Kirkkopuistikko 1', 'Kemi'],
  }),
  lastenneuvola: listing({
    title: { fi: 'Lastenneuvola', sv: 'Barnrådgivning', en: 'Child health clinic' },
    summary: { fi: 'Lasten kasvun ja kehityksen seuranta, rokotukset ja vanhemmuuden tuki.', sv: 'Uppföljning av barns tillväxt och utveckling, vaccinationer och föräldrastöd.', en: 'Monitoring of children’s growth and development, vaccinations and parenting support.' },
    description: { fi: 'Neuvolan terveydenhoitaja ja lääkäri tapaavat alle kouluikäisiä lapsia ja heidän perheitään ajanvarauksella.' },
    organisation: hyvinvointialue, themes: ['health', 'family-support'], targetGroups: ['families-with-children', 'babies-toddlers', 'children'], languages: ['fi', 'sv', 'en'], where: ['Sairaalakatu 1', 'Kemi'],
  }),
  aitiysneuvola: listing({
    title: { fi: 'Äitiysneuvola', sv: 'Mödrarådgivning', en: 'Maternity clinic' },
    summary: { fi: 'Raskauden seuranta ja synnytysvalmennus odottaville perheille.', en: 'Pregnancy check-ups and antenatal classes for expecting families.' },
    description: { fi: 'Terveydenhoitaja seuraa raskauden kulkua ja äidin vointia. Perhevalmennus ensimmäistä lastaan odottaville.' },
    organisation: hyvinvointialue, themes: ['health', 'family-support'], targetGroups: ['families-with-children', 'adults'], languages: ['fi', 'sv', 'en'], where: ['Sairaalakatu 1', 'Kemi'],
  }),
  kriisipuhelin: listing({
    title: { fi: 'Kriisipuhelin', sv: 'Kristelefon', en: 'Crisis helpline' },
    summary: { fi: 'Keskusteluapua kriisissä ympäri vuorokauden, myös nimettömänä.', sv: 'Samtalshjälp i kris dygnet runt, också anonymt.', en: 'Someone to talk to in a crisis, day and night, anonymously if you wish.' },
    description: { fi: 'Soita, kun elämässä on vaikeaa: ero, läheisen kuolema, väkivalta tai itsetuhoiset ajatukset.' },
    organisation: ['Suomen Mielenterveys ry', 'association'], themes: ['crisis-help', 'mental-health'], targetGroups: ['adults', 'youth'], languages: ['fi', 'sv', 'en'], where: 'online',
  }),
  nuorisotila: listing({
    title: { fi: 'Nuorisotila Kipinä', en: 'Youth club Kipinä' },
    summary: { fi: 'Avoin nuorisotila 13–17-vuotiaille arki-iltaisin.', en: 'Open youth club for 13–17-year-olds on weekday evenings.' },
    description: { fi: 'Biljardia, pelejä, kokkailua ja nuoriso-ohjaajien seuraa. Päihteetön tila.' },
    organisation: ['Kemin kaupunki, nuorisopalvelut', 'municipal'], kind: 'group', themes: ['children-youth', 'leisure'], targetGroups: ['youth'], languages: ['fi', 'en'], where: ['Meripuistokatu 5', 'Kemi'],
  }),
  etsivaNuorisotyo: listing({
    title: { fi: 'Etsivä nuorisotyö' },
    summary: { fi: 'Tukea alle 29-vuotiaille, jotka ovat koulutuksen tai työn ulkopuolella.' },
    description: { fi: 'Etsivä nuorisotyöntekijä auttaa löytämään opiskelupaikan, työn tai tarvittavat palvelut. Luottamuksellista ja vapaaehtoista.' },
    organisation: ['Kemin kaupunki, nuorisopalvelut', 'municipal'], themes: ['children-youth', 'employment'], targetGroups: ['youth'], where: ['Meripuistokatu 5', 'Kemi'],
  }),
  paihdeneuvonta: listing({
    title: { fi: 'Päihdeneuvonta A-klinikalla', en: 'Substance abuse counselling' },
    summary: { fi: 'Apua alkoholin, huumeiden ja rahapelaamisen ongelmiin, myös läheisille.', en: 'Help with alcohol, drug and gambling problems, also for family members.' },
    description: { fi: 'Ajanvarauksella tai päivystysaikana. Keskustelut ovat luottamuksellisia.' },
    organisation: hyvinvointialue, themes: ['substance-use', 'mental-health'], targetGroups: ['adults', 'youth'], languages: ['fi', 'en'], where: ['Valtakatu 12', 'Kemi'],
  }),
  rahapeli: listing({
    title: { fi: 'Peliriippuvaisten läheisten ryhmä' },
    summary: { fi: 'Vertaisryhmä rahapelaajien läheisille.' },
    description: { fi: 'Ryhmässä jaetaan kokemuksia läheisen peliongelmasta ja omasta jaksamisesta.' },
    organisation: ['Sosped-säätiö, Kemin ryhmät', 'association'], kind: 'group', themes: ['substance-use', 'peer-support'], targetGroups: ['adults'], where: 'online',
  }),
  maahanmuuttajat: listing({
    title: { fi: 'Suomen kielen keskusteluryhmä maahanmuuttajille', en: 'Finnish conversation group for immigrants' },
    summary: { fi: 'Harjoitellaan arjen suomea rennosti kahvin äärellä.', en: 'Practise everyday Finnish over coffee.' },
    description: { fi: 'Kaikki tasot ovat tervetulleita. Vapaaehtoiset ohjaajat auttavat myös lomakkeiden täyttämisessä.' },
    organisation: ['Kemin Monikulttuurinen yhdistys ry', 'association'], kind: 'group', themes: ['immigrants-integration'], targetGroups: ['immigrants', 'adults'], languages: ['fi', 'en', 'ar', 'uk'],
  }),
  arabiankielinen: listing({
    title: { fi: 'Arabiankielinen perhekerho' },
    summary: { fi: 'Perhekerho arabiaa puhuville perheille, mukana suomenkielinen ohjaaja.' },
    description: { fi: 'Leikkiä, laulua ja tietoa suomalaisista perhepalveluista omalla kielellä.' },
    organisation: ['Kemin Monikulttuurinen yhdistys ry', 'association'], kind: 'group', themes: ['immigrants-integration', 'family-support'], targetGroups: ['immigrants', 'families-with-children'], languages: ['ar', 'fi'],
  }),
  ukrainalaiset: listing({
    title: { fi: 'Ukrainalaisten perheiden tapaamiset', en: 'Meetings for Ukrainian families' },
    summary: { fi: 'Vertaistukea ja neuvontaa Suomeen muuttaneille ukrainalaisille perheille.', en: 'Peer support and advice for Ukrainian families who have moved to Finland.' },
    description: { fi: 'Tulkki paikalla. Neuvomme oleskelulupa- ja Kela-asioissa.' },
    organisation: ['Suomen Punainen Risti, Kemin osasto', 'association'], kind: 'group', themes: ['immigrants-integration', 'peer-support'], targetGroups: ['immigrants', 'families-with-children'], languages: ['uk', 'ru', 'fi', 'en'],
  }),
  perheneuvola: listing({
    title: { fi: 'Perheneuvola', sv: 'Familjerådgivning', en: 'Family guidance clinic' },
    summary: { fi: 'Tukea lapsen kehitykseen, kasvatukseen ja perheen ristiriitoihin.', en: 'Support with child development, upbringing and family conflicts.' },
    description: { fi: 'Psykologi ja sosiaalityöntekijä tapaavat perhettä. Ei lähetettä. Myös eroperheiden sovittelu.' },
    organisation: hyvinvointialue, themes: ['family-support', 'mental-health', 'parenting'], targetGroups: ['families-with-children', 'children'], languages: ['fi', 'sv', 'en'], where: ['Sairaalakatu 1', 'Kemi'],
  }),
  eroneuvonta: listing({
    title: { fi: 'Eroperheiden vertaisryhmä' },
    summary: { fi: 'Eron jälkeiseen vanhemmuuteen tukea muilta samassa tilanteessa olevilta.' },
    description: { fi: 'Käsittelemme huoltajuutta, tapaamisia ja lasten hyvinvointia erossa.' },
    organisation: ['Kemin Seudun Perhepalvelut ry', 'association'], kind: 'group', themes: ['peer-support', 'parenting'], targetGroups: ['adults'],
  }),
  lapsiperheidenKotipalvelu: listing({
    title: { fi: 'Lapsiperheiden kotipalvelu', sv: 'Hemservice för barnfamiljer' },
    summary: { fi: 'Tilapäistä apua kotiin arjen kuormittaessa, esimerkiksi synnytyksen tai sairauden jälkeen.' },
    description: { fi: 'Kodinhoitaja auttaa lastenhoidossa ja kodin arjessa. Hae palvelua hyvinvointialueen perhepalveluista.' },
    organisation: hyvinvointialue, themes: ['family-support'], targetGroups: ['families-with-children', 'babies-toddlers'], languages: ['fi', 'sv'], free: false,
  }),
  avoinPaivakoti: listing({
    title: { fi: 'Avoin päiväkoti Tenavatupa' },
    summary: { fi: 'Leikkitoimintaa kotona hoidettaville lapsille ja heidän aikuisilleen.' },
    description: { fi: 'Ohjattua leikkiä, askartelua ja laulua. Ei ilmoittautumista.' },
    organisation: perhekeskus, kind: 'group', themes: ['family-support', 'children-youth'], targetGroups: ['children', 'families-with-children'], where: ['Pohjoisrantakatu 10', 'Kemi'],
  }),
  muskari: listing({
    title: { fi: 'Vauvamuskari', sv: 'Babymusik' },
    summary: { fi: 'Musiikkileikkejä 0–2-vuotiaille ja heidän vanhemmilleen.' },
    description: { fi: 'Loruja, laulua ja soittimia. Maksullinen, ilmoittautuminen etukäteen.' },
    organisation: ['Kemin musiikkiopisto', 'municipal'], kind: 'group', themes: ['leisure', 'family-support'], targetGroups: ['babies-toddlers'], languages: ['fi', 'sv'], free: false,
  }),
  tyollisyys: listing({
    title: { fi: 'Työllisyyspalveluiden työnhakuklinikka', en: 'Job search clinic' },
    summary: { fi: 'Apua ansioluetteloon, työhakemuksiin ja työpaikkojen etsimiseen.', en: 'Help with CVs, job applications and finding vacancies.' },
    description: { fi: 'Työvalmentaja neuvoo työnhaussa ilman ajanvarausta. Ota mukaan oma kannettava, jos sinulla on.' },
    organisation: ['Kemi-Tornio työllisyysalue', 'municipal'], themes: ['employment'], targetGroups: ['adults', 'youth', 'immigrants'], languages: ['fi', 'en'], where: ['Valtakatu 21', 'Kemi'],
  }),
  asumisneuvonta: listing({
    title: { fi: 'Asumisneuvonta', sv: 'Boenderådgivning', en: 'Housing advice' },
    summary: { fi: 'Neuvoja vuokranmaksuun, häätöuhkaan ja asumisen ongelmiin.', en: 'Advice on rent payment, eviction threats and housing problems.' },
    description: { fi: 'Asumisneuvoja auttaa sopimaan maksusuunnitelman vuokranantajan kanssa ja hakemaan tukia.' },
    organisation: ['Kemin Vuokra-asunnot Oy', 'company'], themes: ['housing', 'debt-money'], targetGroups: ['adults'], languages: ['fi', 'sv', 'en'], where: ['Asemakatu 3', 'Kemi'],
  }),
  ensikoti: listing({
    title: { fi: 'Ensikodin avopalvelut' },
    summary: { fi: 'Tukea vauvaperheille raskausajasta lapsen ensimmäisiin vuosiin.' },
    description: { fi: 'Päihteitä käyttäneiden tai vaikeassa elämäntilanteessa olevien odottavien äitien ja vauvaperheiden tukeminen.' },
    organisation: ['Ensi- ja turvakotien liitto, Lapin ensikoti', 'association'], themes: ['family-support', 'substance-use'], targetGroups: ['babies-toddlers', 'families-with-children'], where: ['Tervolantie 4', 'Tervola'],
  }),
  turvakoti: listing({
    title: { fi: 'Turvakoti', sv: 'Skyddshem', en: 'Women’s and family shelter' },
    summary: { fi: 'Turvaa lähisuhdeväkivaltaa kokeneille ja heidän lapsilleen ympäri vuorokauden.', sv: 'Skydd för den som utsatts för våld i nära relationer, dygnet runt.', en: 'Safety for people who have experienced domestic violence, and their children, day and night.' },
    description: { fi: 'Turvakotiin voi tulla ilman lähetettä. Apua saa myös puhelimitse.' },
    organisation: ['Ensi- ja turvakotien liitto, Lapin turvakoti', 'association'], themes: ['crisis-help', 'family-support'], targetGroups: ['adults', 'families-with-children'], languages: ['fi', 'sv', 'en'], where: ['Tervolantie 4', 'Tervola'],
  }),
  vammaiset: listing({
    title: { fi: 'Kehitysvammaisten nuorten harrastekerho' },
    summary: { fi: 'Liikuntaa, musiikkia ja retkiä kehitysvammaisille nuorille.' },
    description: { fi: 'Avustajat paikalla. Esteetön tila ja invapysäköinti.' },
    organisation: ['Kemin Kehitysvammaisten Tuki ry', 'association'], kind: 'group', themes: ['disability', 'leisure'], targetGroups: ['people-with-disabilities', 'youth'],
  }),
  kuulovammaiset: listing({
    title: { fi: 'Kuulovammaisten kohtaamispaikka', sv: 'Mötesplats för hörselskadade' },
    summary: { fi: 'Vertaistukea ja tietoa kuulon apuvälineistä, viittomakielinen tulkkaus.' },
    description: { fi: 'Induktiosilmukka käytössä. Apuvälineneuvoja paikalla kuukauden ensimmäisenä maanantaina.' },
    organisation: ['Kemin Kuulo ry', 'association'], kind: 'group', themes: ['disability', 'peer-support'], targetGroups: ['people-with-disabilities', 'older-people'], languages: ['fi', 'fse', 'sv'],
  }),
  muistiluotsi: listing({
    title: { fi: 'Muistiluotsi – muistisairaiden ja läheisten neuvonta', sv: 'Minneslots – rådgivning om minnessjukdomar' },
    summary: { fi: 'Neuvontaa ja vertaisryhmiä muistisairaille ja heidän omaisilleen.' },
    description: { fi: 'Muistineuvoja kertoo palveluista, tuista ja arjen keinoista muistisairauden eri vaiheissa.' },
    organisation: ['Lapin Muistiyhdistys ry', 'association'], themes: ['older-people', 'carers'], targetGroups: ['older-people', 'carers'], languages: ['fi', 'sv'], where: ['Keminmaantie 6', 'Keminmaa'],
  }),
  liikunta: listing({
    title: { fi: 'Seniorien kuntosali', sv: 'Gym för seniorer' },
    summary: { fi: 'Ohjattu kuntosaliharjoittelu yli 65-vuotiaille.' },
    description: { fi: 'Liikuntaneuvoja laatii jokaiselle oman ohjelman. Vahvistaa tasapainoa ja ehkäisee kaatumisia.' },
    organisation: ['Kemin kaupunki, liikuntapalvelut', 'municipal'], kind: 'group', themes: ['older-people', 'health'], targetGroups: ['older-people'], languages: ['fi', 'sv'], where: ['Urheilukatu 2', 'Kemi'], free: false,
  }),
  nuortenMielenterveys: listing({
    title: { fi: 'Nuorten mielenterveyspalvelut', en: 'Youth mental health services' },
    summary: { fi: 'Matalan kynnyksen keskusteluapua ahdistukseen, masennukseen ja jaksamiseen 13–22-vuotiaille.', en: 'Low-threshold counselling for anxiety, depression and coping for 13–22-year-olds.' },
    description: { fi: 'Nuori voi varata ajan itse. Psykiatrinen sairaanhoitaja ja psykologi.' },
    organisation: hyvinvointialue, themes: ['mental-health', 'children-youth'], targetGroups: ['youth'], languages: ['fi', 'en'], where: ['Sairaalakatu 1', 'Kemi'],
  }),
  koulukuraattori: listing({
    title: { fi: 'Koulukuraattori ja koulupsykologi' },
    summary: { fi: 'Oppilaiden ja opiskelijoiden tuki koulunkäyntiin, kaverisuhteisiin ja kiusaamistilanteisiin.' },
    description: { fi: 'Kuraattoriin voi ottaa yhteyttä oppilas itse tai huoltaja. Maksutonta ja luottamuksellista.' },
    organisation: hyvinvointialue, themes: ['children-youth', 'mental-health'], targetGroups: ['children', 'youth'], where: ['Koulukatu 4', 'Keminmaa'],
  }),
  vertaistukiIsat: listing({
    title: { fi: 'Isien ryhmä', en: "Dads' group" },
    summary: { fi: 'Isille ja lapsille yhteistä tekemistä lauantaiaamuisin.', en: 'Saturday mornings for dads and their kids.' },
    description: { fi: 'Liikuntaa ja leikkiä lasten kanssa, isät keskustelevat isyydestä.' },
    organisation: mll, kind: 'group', themes: ['parenting', 'peer-support'], targetGroups: ['families-with-children', 'adults'], languages: ['fi', 'en'], where: ['Urheilukatu 2', 'Kemi'],
  }),
  sosiaalityo: listing({
    title: { fi: 'Aikuissosiaalityö', sv: 'Socialt arbete för vuxna' },
    summary: { fi: 'Sosiaaliohjausta ja -työtä aikuisille elämän muutostilanteissa.' },
    description: { fi: 'Sosiaalityöntekijä auttaa toimeentuloon, asumiseen ja kuntoutukseen liittyvissä asioissa.' },
    organisation: hyvinvointialue, themes: ['debt-money', 'housing', 'employment'], targetGroups: ['adults'], languages: ['fi', 'sv'], where: ['Valtakatu 26', 'Kemi'],
  }),
  toimeentulotuki: listing({
    title: { fi: 'Ehkäisevä toimeentulotuki', en: 'Preventive social assistance' },
    summary: { fi: 'Tukea yllättäviin menoihin ja taloudellisen tilanteen vakauttamiseen.', en: 'Help with unexpected costs and stabilising finances.' },
    description: { fi: 'Haetaan hyvinvointialueelta. Voidaan myöntää esimerkiksi vuokrarästeihin tai lasten harrastuksiin.' },
    organisation: hyvinvointialue, themes: ['debt-money'], targetGroups: ['adults', 'families-with-children'], languages: ['fi', 'en'], where: 'online',
  }),
  vapaaehtoiset: listing({
    title: { fi: 'Ystävätoiminta yksinäisille ikäihmisille', sv: 'Vänverksamhet för ensamma äldre' },
    summary: { fi: 'Vapaaehtoinen ystävä tulee kylään tai lähtee ulkoilemaan.', sv: 'En frivillig vän kommer på besök eller följer med ut.' },
    description: { fi: 'Ystäväksi voi ilmoittautua ja ystävää voi pyytää. Koulutamme vapaaehtoiset.' },
    organisation: ['Suomen Punainen Risti, Kemin osasto', 'association'], themes: ['older-people', 'leisure'], targetGroups: ['older-people'], languages: ['fi', 'sv'],
  }),
  simo: listing({
    title: { fi: 'Simon perhetupa' },
    summary: { fi: 'Kyläkeskuksen perhetupa avoinna tiistaisin: leikkiä ja kahvia.' },
    description: { fi: 'Perhetupa on tarkoitettu kaikille simolaisille lapsiperheille.' },
    organisation: ['Simon kunta', 'municipal'], kind: 'group', themes: ['family-support'], targetGroups: ['families-with-children'], where: ['Simontie 20', 'Simo'],
  }),
  keminmaa: listing({
    title: { fi: 'Keminmaan perhetyö', sv: 'Familjearbete i Keminmaa' },
    summary: { fi: 'Perheohjaaja tulee kotiin tukemaan arjessa ja kasvatuksessa.' },
    description: { fi: 'Perhetyö on maksutonta ja sitä voi pyytää itse ottamalla yhteyttä perhekeskukseen.' },
    organisation: hyvinvointialue, themes: ['family-support', 'parenting'], targetGroups: ['families-with-children'], languages: ['fi', 'sv'], where: ['Keminmaantie 6', 'Keminmaa'],
  }),
  synnytys: listing({
    title: { fi: 'Doula-tuki synnytykseen', en: 'Doula support for childbirth' },
    summary: { fi: 'Vapaaehtoinen doula tukee raskausaikana ja synnytyksessä.', en: 'A volunteer doula supports you in pregnancy and childbirth.' },
    description: { fi: 'Erityisesti yksin synnyttäville ja maahan muuttaneille. Maksuton.' },
    organisation: ['Kemin Doulat ry', 'association'], themes: ['family-support', 'health'], targetGroups: ['adults', 'immigrants'], languages: ['fi', 'en', 'ar'],
  }),
  ryhmaVanhemmille: listing({
    title: { fi: 'Vanhempien vertaisryhmä', en: "Parents' peer group" },
    summary: { fi: 'Vertaistukea arjen jaksamiseen pikkulapsiperheiden vanhemmille.' },
    description: { fi: 'Ryhmässä jaetaan kokemuksia ja vinkkejä vanhemmuuden iloihin ja haasteisiin. Lastenhoito järjestetty.' },
    organisation: mll, kind: 'group', themes: ['peer-support', 'parenting', 'mental-health'], targetGroups: ['families-with-children', 'adults'], languages: ['fi', 'en'], where: ['Valtakatu 12', 'Kemi'],
  }),
};
