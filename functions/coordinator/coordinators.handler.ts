import * as z from '../shared/zod.js';
import { coordinatorAuth } from '../auth/runtime.js';
import { normaliseEmail } from '../auth/coordinators.js';
import { ENV, parseEnv } from '../shared/env.js';
import { invalid } from '../shared/errors.js';
import { httpHandler } from '../shared/http.js';
import { EventBridge } from '../shared/aws/services.js';
import { EventBridgePublisher } from '../shared/publisher.js';

const env = parseEnv({ [ENV.eventBusName]: z.string().check(z.minLength(1)) });
const auth = await coordinatorAuth();
const publisher = new EventBridgePublisher(new EventBridge(), env[ENV.eventBusName]);
const directory = auth.deps.directory;

const addBody = z.object({ email: z.email('invalid_email').check(z.maxLength(254, 'too_long')) });

/**
 * GET    /api/coordinator/networks/{network}/coordinators
 * POST   /api/coordinator/networks/{network}/coordinators {email}
 * DELETE /api/coordinator/networks/{network}/coordinators/{email}
 */
export const handler = httpHandler(
  { body: z.optional(addBody), authorize: auth.require((req) => req.params.network) },
    async (req, session) => {
      const network = req.params.network!;
      const method = req.event.requestContext.http.method;
      if (method === 'GET') return { status: 200, body: { coordinators: await directory.list(network) } };

      const at = new Date().toISOString();
      if (method === 'POST') {
        if (!req.body) throw invalid('Email is required', { email: 'required' });
        const email = normaliseEmail(req.body.email);
        if (!(await directory.add(network, email, session.email, at))) return { status: 200, body: { email, already: true } };
        await publisher.publish('Coordinator.Added', {
          version: 1, network, email,
          audit: { actor: session.email, network, target: { kind: 'coordinator', id: email }, at },
        });
        return { status: 201, body: { email } };
      }

      const email = normaliseEmail(req.params.email ?? '');
      if (!z.email().safeParse(email).success) throw invalid('Not an email address', { email: 'invalid_email' });
      await directory.remove(network, email, session.email, at);
      await publisher.publish('Coordinator.Removed', {
        version: 1, network, email,
        audit: { actor: session.email, network, target: { kind: 'coordinator', id: email }, at },
      });
      return { status: 200, body: { email, removed: true } };
    },
);
