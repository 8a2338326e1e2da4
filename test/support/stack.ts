import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../local/stack.js';
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
 * A whole local stack on free ports with an in-memory table (or a temp data
 * dir), for one test file. Handlers are loaded once per process, so each
 * test file gets one stack (vitest runs files in separate forks).
 */
export async function startTestStack(overrides: Partial<LocalStackOptions> = {}): Promise<TestStack> {
  const ports = { http: await freePort(), mail: await freePort(), dynamo: await freePort(), bus: await freePort(), queue: await freePort(), scheduler: await freePort() };
  const dataDir = overrides.dataDir === undefined ? mkdtempSync(join(tmpdir(), 'verkosto-test-')) : overrides.dataDir;
  // Tests read their own writes at once; production caches the directory a few seconds.
  process.env.DIRECTORY_CACHE_SECONDS = '0';
  const stack = await startLocalStack({ ports, dataDir, bus: { maxAttempts: 3, baseDelayMs: 20 }, queueVisibilitySeconds: 1, ...overrides });
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
