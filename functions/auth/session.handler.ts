import { httpHandler } from '../shared/http.js';
import { readSession } from './auth.js';
import { coordinatorAuth } from './runtime.js';

const auth = await coordinatorAuth();

/** Who is signed in and which networks they coordinate now (the pages build their frame from this). */
export const handler = httpHandler({}, async (req) => {
  const session = await readSession(req.cookies, auth.deps);
  const networks = await auth.deps.directory.networksOf(session.email);
  return {
    status: 200,
    body: {
      email: session.email,
      expiresAt: new Date(session.exp * 1000).toISOString(),
      networks: networks.map((id) => ({ id, name: auth.networks.get(id)?.name ?? { fi: id }, municipalities: auth.networks.get(id)?.municipalities ?? [] })),
    },
  };
});
