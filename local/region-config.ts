/**
 * A generated region: `count` networks across Finnish municipalities, each
 * with its own names in three languages, municipalities, languages,
 * coordinators and a weekly digest, all due Monday 08:00 (the storm the
 * bench and the limits in docs/architecture.md are about). Used by the infra
 * test, the bench's --region scenario and `npm run region-config`.
 *
 *   npm run region-config -- 200 > config/examples/region-200.json
 *   VERKOSTO_CONFIG=config/examples/region-200.json npm start
 */
import { pathToFileURL } from 'node:url';
import { parseConfig, type OperatorConfig } from '../lib/config.js';

const MUNICIPALITIES = [
  ['Kemi', 'Kemi'], ['Tornio', 'Torneå'], ['Rovaniemi', 'Rovaniemi'], ['Keminmaa', 'Keminmaa'], ['Simo', 'Simo'], ['Tervola', 'Tervola'],
  ['Ylitornio', 'Övertorneå'], ['Kemijärvi', 'Kemijärvi'], ['Sodankylä', 'Sodankylä'], ['Kittilä', 'Kittilä'], ['Inari', 'Enare'], ['Utsjoki', 'Utsjoki'],
  ['Oulu', 'Uleåborg'], ['Kokkola', 'Karleby'], ['Pietarsaari', 'Jakobstad'], ['Kannus', 'Kannus'], ['Kalajoki', 'Kalajoki'], ['Ylivieska', 'Ylivieska'],
  ['Lahti', 'Lahtis'], ['Heinola', 'Heinola'], ['Hollola', 'Hollola'], ['Orimattila', 'Orimattila'], ['Asikkala', 'Asikkala'], ['Sysmä', 'Sysmä'],
  ['Vaasa', 'Vasa'], ['Mustasaari', 'Korsholm'], ['Närpiö', 'Närpes'], ['Kristiinankaupunki', 'Kristinestad'], ['Seinäjoki', 'Seinäjoki'], ['Lapua', 'Lappo'],
  ['Kuopio', 'Kuopio'], ['Joensuu', 'Joensuu'], ['Mikkeli', 'S:t Michel'], ['Savonlinna', 'Nyslott'], ['Kajaani', 'Kajana'], ['Iisalmi', 'Idensalmi'],
  ['Porvoo', 'Borgå'], ['Loviisa', 'Lovisa'], ['Raasepori', 'Raseborg'], ['Kemiönsaari', 'Kimitoön'],
] as const;

const KINDS = [
  { slug: 'perhekeskus', fi: 'perhekeskuksen verkosto', sv: 'familjecentrets nätverk', en: 'family centre network' },
  { slug: 'sosiaalityo', fi: 'sosiaalityön verkosto', sv: 'socialarbetets nätverk', en: 'social work network' },
  { slug: 'omaishoito', fi: 'omaishoidon verkosto', sv: 'närståendevårdens nätverk', en: "carers' network" },
  { slug: 'nuoret', fi: 'nuorten palvelujen verkosto', sv: 'ungdomstjänsternas nätverk', en: 'youth services network' },
  { slug: 'jarjestot', fi: 'järjestöverkosto', sv: 'föreningsnätverket', en: 'associations network' },
] as const;

const slug = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');

export function regionNetworks(count: number): OperatorConfig['networks'] {
  return Array.from({ length: count }, (_, i) => {
    const [fi, sv] = MUNICIPALITIES[i % MUNICIPALITIES.length]!;
    const kind = KINDS[Math.floor(i / MUNICIPALITIES.length) % KINDS.length]!;
    const round = Math.floor(i / (MUNICIPALITIES.length * KINDS.length));
    const neighbour = MUNICIPALITIES[(i + 1) % MUNICIPALITIES.length]![0];
    const id = `${slug(fi)}-${kind.slug}${round ? `-${round + 1}` : ''}`;
    return {
      id,
      name: { fi: `${fi}n ${kind.fi}`, sv: `${sv} ${kind.sv}`, en: `${fi} ${kind.en}` },
      municipalities: i % 3 === 0 ? [fi, neighbour] : [fi],
      languages: fi === sv ? ['fi', 'en'] : ['fi', 'sv', 'en'],
      coordinators: [`koordinaattori@${slug(fi)}.example.fi`, `${kind.slug}@${slug(fi)}.example.fi`],
      digest: { frequency: 'weekly', weekday: 1, dayOfMonth: 1, time: '08:00', timeZone: 'Europe/Helsinki' },
      meetingAnnouncements: i % 2 ? 'digest' : 'email',
    };
  });
}

/** The base config with its networks replaced by `count` generated ones, validated as synth would. */
export function regionConfig(base: OperatorConfig, count: number): OperatorConfig {
  return parseConfig({ ...base, networks: regionNetworks(count) }, `generated region of ${count} networks`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { loadConfig } = await import('../lib/config.js');
  const count = Number(process.argv[2] ?? '200');
  process.stdout.write(`${JSON.stringify(regionConfig(loadConfig(), count), null, 2)}\n`);
}
