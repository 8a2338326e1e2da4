import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../lib/config.js';
import { DEFAULT_LIMITS, type Limits } from '../../functions/shared/limits.js';
import { ROOT, startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack.js';
import { freePort } from '../../local/ports.js';

export interface TestStack extends LocalStack {
  api(path: string, init?: RequestInit & { json?: unknown }): Promise<Response>;
  mailbox(): Promise<Mail[]>;
  mailTo(address: string): Promise<Mail[]>;
  clearMail(): Promise<void>;
}

export interface Mail {
  messageId: string;
  from: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
  headers?: Array<{ name: string; value: string }>;
  attachments: Array<{ content: string; contentType: string; filename?: string }>;
  at: number;
}

/**
 * Every test client is 127.0.0.1, so the shipped per-client limits would
 * stop a functional test's tenth listing; tests run with the limits a
 * thousandfold unless they ask for the shipped ones (the abuse tests do).
 */
function lifted(l: Limits): Limits {
  const up = (w: Limits['listings']) => ({ ...w, perClient: w.perClient * 1000, perAddress: w.perAddress * 1000 });
  return { ...l, listings: up(l.listings), rsvps: up(l.rsvps), presentations: up(l.presentations), subscriptions: up(l.subscriptions), surveyAnswers: up(l.surveyAnswers), signIn: up(l.signIn), digestTests: up(l.digestTests), coordinatorNoticesPerHour: l.coordinatorNoticesPerHour * 1000 };
}

/**
 * A whole local stack on free ports with an in-memory table (or a temp data
 * dir), for one test file. Handlers are loaded once per process, so each
 * test file gets one stack (vitest runs files in separate forks).
 */
export async function startTestStack({ productionLimits = false, ...overrides }: Partial<LocalStackOptions> & { productionLimits?: boolean } = {}): Promise<TestStack> {
  const ports = { http: await freePort(), mail: await freePort(), dynamo: await freePort(), bus: await freePort(), queue: await freePort(), scheduler: await freePort(), objects: await freePort() };
  const dataDir = overrides.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'verkosto-test-')) : overrides.dataDir;
  // Tests read their own writes at once; production caches the directory a few seconds.
  process.env.DIRECTORY_CACHE_SECONDS = '0';
  const base = overrides.config ?? loadConfig(process.env.VERKOSTO_CONFIG ?? join(ROOT, 'config/verkosto.config.json'));
  const config = { ...base, limits: productionLimits ? DEFAULT_LIMITS : lifted(base.limits) };
  const stack = await startLocalStack({ ports, dataDir, bus: { maxAttempts: 3, baseDelayMs: 20 }, queueVisibilitySeconds: 1, ...overrides, config });
  const mailbox = async (): Promise<Mail[]> => {
    const res = await fetch(`${stack.urls.mail}/store`);
    return ((await res.json()) as { emails: Mail[] }).emails;
  };
  return {
    ...stack,
    api: (path, init = {}) => {
      const { json, ...rest } = init;
      return fetch(`${stack.urls.site}${path}`, {
        ...rest,
        ...(json !== undefined ? { body: JSON.stringify(json), headers: { 'content-type': 'application/json', ...(rest.headers ?? {}) } } : {}),
      });
    },
    mailbox,
    mailTo: async (address) => (await mailbox()).filter((m) => m.destination.to.includes(address)),
    clearMail: async () => void (await fetch(`${stack.urls.mail}/clear-store`, { method: 'POST' })),
    close: async () => {
      await stack.close();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
