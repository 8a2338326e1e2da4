import { randomUUID } from 'node:crypto';
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { matches, validatePattern } from './pattern.js';

/** The event shape a Lambda target receives from EventBridge. */
export interface EventBridgeEvent {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: unknown;
}

export interface LocalRule {
  id: string;
  pattern: Record<string, unknown>;
  target: (event: EventBridgeEvent) => Promise<void>;
}

export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  EventBusName?: string;
  Time?: string | number | Date;
  Resources?: string[];
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface DeadLetter {
  ruleId: string;
  event: EventBridgeEvent;
  error: string;
  attempts: number;
  at: string;
}

export interface LocalEventBusOptions {
  name: string;
  /** Deliveries tried per event and rule before it becomes a dead letter. @default 4 */
  maxAttempts?: number;
  /** First retry delay; doubles each time, with jitter. @default 200 */
  baseDelayMs?: number;
  /** JSON lines file that keeps dead letters across restarts. */
  deadLetterFile?: string;
  logger?: (msg: string) => void;
  region?: string;
}

const MAX_DETAIL_BYTES = 256 * 1024;

/**
 * The local EventBridge bus: PutEvents semantics (per-entry errors), rules
 * matched with EventBridge's pattern language, and asynchronous,
 * at-least-once delivery to each matching rule independently, with retries
 * and exponential backoff, then dead letters that can be re-driven.
 */
export class LocalEventBus {
  readonly name: string;
  private readonly rules = new Map<string, LocalRule>();
  private readonly maxAttempts: number;
  private readonly baseDelayMs: number;
  private readonly region: string;
  private letters: DeadLetter[] = [];
  private pending = 0;
  private waiters: Array<() => void> = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;
  readonly counters = { accepted: 0, delivered: 0, retried: 0, deadLettered: 0 };

  constructor(private readonly opts: LocalEventBusOptions) {
    this.name = opts.name;
    this.maxAttempts = opts.maxAttempts ?? 4;
    this.baseDelayMs = opts.baseDelayMs ?? 200;
    this.region = opts.region ?? 'eu-north-1';
    if (opts.deadLetterFile && existsSync(opts.deadLetterFile)) {
      this.letters = readFileSync(opts.deadLetterFile, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as DeadLetter);
    }
  }

  addRule(rule: LocalRule): void {
    validatePattern(rule.pattern);
    if (this.rules.has(rule.id)) throw new Error(`Rule ${rule.id} already exists`);
    this.rules.set(rule.id, rule);
  }

  putEvents(entries: PutEventsEntry[]): { FailedEntryCount: number; Entries: PutEventsResultEntry[] } {
    const results: PutEventsResultEntry[] = entries.map((entry) => {
      const problem = this.check(entry);
      if (problem) return problem;
      const event: EventBridgeEvent = {
        version: '0',
        id: randomUUID(),
        'detail-type': entry.DetailType!,
        source: entry.Source!,
        account: '000000000000',
        time: toIso(entry.Time),
        region: this.region,
        resources: entry.Resources ?? [],
        detail: JSON.parse(entry.Detail!),
      };
      this.counters.accepted++;
      for (const rule of this.rules.values()) {
        if (matches(rule.pattern, event as unknown as Record<string, unknown>)) this.schedule(rule, event, 1, 0);
      }
      return { EventId: event.id };
    });
    return { FailedEntryCount: results.filter((r) => 'ErrorCode' in r).length, Entries: results };
  }

  private check(e: PutEventsEntry): PutEventsResultEntry | undefined {
    if (!e.Source) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Source is required' };
    if (!e.DetailType) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'DetailType is required' };
    // Offline one bus stands for both the custom bus and the account's default bus (where SES publishes).
    if (e.EventBusName && e.EventBusName !== this.name && e.EventBusName !== 'default' && !e.EventBusName.endsWith(`:event-bus/${this.name}`)) {
      return { ErrorCode: 'ResourceNotFoundException', ErrorMessage: `Event bus ${e.EventBusName} does not exist` };
    }
    if (!e.Detail) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is required' };
    if (Buffer.byteLength(e.Detail) > MAX_DETAIL_BYTES) return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Entry is larger than 256 KB' };
    try {
      const parsed: unknown = JSON.parse(e.Detail);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
    } catch {
      return { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed' };
    }
    return undefined;
  }

  /** Never delivers inside putEvents: EventBridge is asynchronous, and callers must not depend on consumers. */
  private schedule(rule: LocalRule, event: EventBridgeEvent, attempt: number, delayMs: number) {
    this.pending++;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.deliver(rule, event, attempt);
    }, delayMs);
    this.timers.add(timer);
  }

  private async deliver(rule: LocalRule, event: EventBridgeEvent, attempt: number) {
    try {
      if (this.closed) return;
      // A copy per target, so one consumer cannot change what another sees.
      await rule.target(structuredClone(event));
      this.counters.delivered++;
    } catch (err) {
      const message = (err as Error).message ?? String(err);
      if (attempt < this.maxAttempts && !this.closed) {
        this.counters.retried++;
        const delay = this.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
        this.opts.logger?.(`bus: ${rule.id} failed on ${event['detail-type']} (attempt ${attempt}): ${message}; retrying`);
        this.schedule(rule, event, attempt + 1, delay);
      } else {
        this.counters.deadLettered++;
        this.opts.logger?.(`bus: ${rule.id} gave up on ${event['detail-type']} ${event.id} after ${attempt} attempts; dead letter kept`);
        const letter: DeadLetter = { ruleId: rule.id, event, error: message, attempts: attempt, at: new Date().toISOString() };
        this.letters.push(letter);
        if (this.opts.deadLetterFile) appendFileSync(this.opts.deadLetterFile, JSON.stringify(letter) + '\n');
      }
    } finally {
      this.pending--;
      if (this.pending === 0) for (const w of this.waiters.splice(0)) w();
    }
  }

  deadLetters(): readonly DeadLetter[] {
    return this.letters;
  }

  /** Delivers dead letters again (once each); the ones that succeed leave the list. */
  async redrive(filter: (l: DeadLetter) => boolean = () => true): Promise<{ redriven: number; failed: number }> {
    const chosen = this.letters.filter(filter);
    const kept = this.letters.filter((l) => !filter(l));
    let redriven = 0;
    for (const letter of chosen) {
      const rule = this.rules.get(letter.ruleId);
      try {
        if (!rule) throw new Error(`rule ${letter.ruleId} no longer exists`);
        await rule.target(structuredClone(letter.event));
        redriven++;
        this.counters.delivered++;
      } catch (err) {
        kept.push({ ...letter, error: (err as Error).message, attempts: letter.attempts + 1, at: new Date().toISOString() });
      }
    }
    this.letters = kept;
    if (this.opts.deadLetterFile) writeFileSync(this.opts.deadLetterFile, kept.map((l) => JSON.stringify(l) + '\n').join(''));
    return { redriven, failed: chosen.length - redriven };
  }

  /** Resolves when nothing is in flight or waiting for a retry (events published from consumers included). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.pending = 0;
    for (const w of this.waiters.splice(0)) w();
  }
}

function toIso(time: PutEventsEntry['Time']): string {
  if (time === undefined) return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const d = time instanceof Date ? time : typeof time === 'number' ? new Date(time * 1000) : new Date(time);
  return Number.isNaN(d.getTime()) ? new Date().toISOString() : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
