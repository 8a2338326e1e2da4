import { httpHandler } from '../shared/http.js';
import { loadNetworks } from '../shared/networks.js';

// Public view: never the coordinators' addresses.
const publicNetworks = loadNetworks().all.map((n) => ({
  id: n.id,
  name: n.name,
  languages: n.languages,
  municipalities: n.municipalities,
}));

export const handler = httpHandler({}, async () => ({
  status: 200,
  body: { networks: publicNetworks },
  headers: { 'cache-control': 'public, max-age=300' },
}));
