import { randomBytes } from 'node:crypto';

// ── Errors ───────────────────────────────────────────────────────────────

export type SchedulerErrorCode = 'ValidationException' | 'ConflictException' | 'ResourceNotFoundException';

const STATUS: Record<SchedulerErrorCode, number> = { ValidationException: 400, ConflictException: 409, ResourceNotFoundException: 404 };

export class SchedulerError extends Error {
  readonly status: number;
  constructor(
    readonly code: SchedulerErrorCode,
    message: string,
  ) {
    super(message);
    this.name = code;
    this.status = STATUS[code];
  }
}

const invalid = (message: string) => new SchedulerError('ValidationException', message);

// ── Time zones (Intl only: no time-zone library) ────────────────────────

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface Wall {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function wallClock(timeZone: string, instant: number): Wall & { second: number } {
  const p: Partial<Record<Intl.DateTimeFormatPartTypes, number>> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instant))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** Milliseconds the zone's wall clock is ahead of UTC at an instant. */
function offsetAt(timeZone: string, instant: number): number {
  const w = wallClock(timeZone, instant);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

const DAY_MS = 86_400_000;

/**
 * Every instant at which the zone's clock shows this wall time: none in the
 * spring-forward gap, two in the autumn overlap, otherwise one; ascending.
 */
function wallToInstants(timeZone: string, w: Wall): number[] {
  const naive = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);
  // Transitions are months apart, so the offsets a day either side cover both sides of any one.
  const offsets = new Set([offsetAt(timeZone, naive - DAY_MS), offsetAt(timeZone, naive), offsetAt(timeZone, naive + DAY_MS)]);
  return [...new Set([...offsets].map((o) => naive - o).filter((t) => offsetAt(timeZone, t) === naive - t))].sort((a, b) => a - b);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 1 = Sunday … 7 = Saturday, as cron numbers them. */
function cronWeekday(year: number, month: number, day: number): number {
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
}

// ── Schedule expressions ────────────────────────────────────────────────

interface Cron {
  minutes: number[];
  hours: number[];
  months: Set<number>;
  years: Set<number>;
  day: (year: number, month: number, day: number) => boolean;
}

export type ScheduleExpression =
  | { kind: 'at'; wall: Wall & { second: number } }
  | { kind: 'rate'; everyMs: number }
  | { kind: 'cron'; cron: Cron };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: DAY_MS };

/** Parses `at(…)`, `rate(…)` or `cron(…)` as EventBridge Scheduler does; a ValidationException otherwise. */
export function parseScheduleExpression(expression: string): ScheduleExpression {
  const at = /^at\((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\)$/.exec(expression);
  if (at) {
    const [year, month, day, hour, minute, second] = at.slice(1).map(Number) as [number, number, number, number, number, number];
    if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 59) {
      throw invalid(`Invalid Schedule Expression ${expression}: not a calendar date and time.`);
    }
    return { kind: 'at', wall: { year, month, day, hour, minute, second } };
  }
  const rate = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    if (value < 1) throw invalid(`Invalid Schedule Expression ${expression}: the value must be a positive number.`);
    return { kind: 'rate', everyMs: value * UNIT_MS[rate[2]!]! };
  }
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) return { kind: 'cron', cron: parseCron(cron[1]!.trim(), expression) };
  throw invalid(`Invalid Schedule Expression ${expression}: use at(yyyy-mm-ddThh:mm:ss), rate(value unit) or cron(fields).`);
}

function parseCron(body: string, expression: string): Cron {
  const fields = body.split(/\s+/);
  const bad = (why: string) => invalid(`Invalid Schedule Expression ${expression}: ${why}.`);
  if (fields.length !== 6) throw bad('a cron expression has six fields: minutes hours day-of-month month day-of-week year');
  const [min, hour, dom, month, dow, year] = fields as [string, string, string, string, string, string];
  // AWS: a value or * in one day field needs ? in the other.
  if ((dom === '?') === (dow === '?')) throw bad('use ? in exactly one of day-of-month and day-of-week');
  return {
    minutes: [...list(min, 0, 59, bad, 'minutes')].sort((a, b) => a - b),
    hours: [...list(hour, 0, 23, bad, 'hours')].sort((a, b) => a - b),
    months: list(month, 1, 12, bad, 'month', MONTHS),
    years: list(year, 1970, 2199, bad, 'year'),
    day: dom === '?' ? weekdayMatcher(dow, bad) : monthDayMatcher(dom, bad),
  };
}

/** A field of `,`-separated values, ranges (wrapping allowed) and `/` steps. */
function list(field: string, lo: number, hi: number, bad: (why: string) => Error, name: string, names?: string[]): Set<number> {
  const value = (s: string): number => {
    const i = names?.indexOf(s.toUpperCase()) ?? -1;
    const n = i >= 0 ? i + lo : /^\d+$/.test(s) ? Number(s) : NaN;
    if (!(n >= lo && n <= hi)) throw bad(`${name} value "${s}" is outside ${lo}-${hi}`);
    return n;
  };
  const out = new Set<number>();
  for (const item of field.split(',')) {
    const m = /^([^/-]+)(?:-([^/]+))?(?:\/(\d+))?$/.exec(item);
    if (!m) throw bad(`${name} item "${item}" is not understood`);
    const from = m[1]!;
    const to = m[2];
    const stepText = m[3];
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw bad(`${name} step must be positive`);
    const start = from === '*' ? lo : value(from);
    if (from === '*' && to !== undefined) throw bad(`${name} item "${item}" is not understood`);
    // "a/s" runs from a to the end of the field, as in 1/10 = 1, 11, 21 …
    const end = to !== undefined ? value(to) : from === '*' || stepText !== undefined ? hi : start;
    const span = end >= start ? end - start : hi - start + 1 + end - lo;
    for (let k = 0; k <= span; k += step) out.add(start + k > hi ? start + k - (hi - lo + 1) : start + k);
  }
  return out;
}

function monthDayMatcher(field: string, bad: (why: string) => Error): Cron['day'] {
  const tests: Array<(y: number, m: number, d: number) => boolean> = [];
  const plain: string[] = [];
  for (const item of field.split(',')) {
    const w = /^(\d+|L)W$/.exec(item);
    if (item === 'L') tests.push((y, m, d) => d === daysInMonth(y, m));
    else if (w) {
      const target = w[1] === 'L' ? undefined : Number(w[1]);
      if (target !== undefined && (target < 1 || target > 31)) throw bad(`day-of-month value "${item}" is outside 1-31`);
      tests.push((y, m, d) => d === nearestWeekday(y, m, target ?? daysInMonth(y, m)));
    } else plain.push(item);
  }
  if (plain.length > 0) {
    const days = list(plain.join(','), 1, 31, bad, 'day-of-month');
    tests.push((_y, _m, d) => days.has(d));
  }
  return (y, m, d) => tests.some((t) => t(y, m, d));
}

/** The W wildcard: the weekday nearest the given day, never leaving the month. */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysInMonth(year, month);
  if (day > last) return -1;
  const wd = cronWeekday(year, month, day);
  if (wd === 7) return day === 1 ? 3 : day - 1;
  if (wd === 1) return day === last ? day - 2 : day + 1;
  return day;
}

function weekdayMatcher(field: string, bad: (why: string) => Error): Cron['day'] {
  const weekday = (s: string) => {
    const i = WEEKDAYS.indexOf(s.toUpperCase());
    const n = i >= 0 ? i + 1 : /^\d+$/.test(s) ? Number(s) : NaN;
    if (!(n >= 1 && n <= 7)) throw bad(`day-of-week value "${s}" is outside 1-7 (SUN-SAT)`);
    return n;
  };
  const nth = /^(\w+)#(\d)$/.exec(field);
  if (nth) {
    const wd = weekday(nth[1]!);
    const k = Number(nth[2]);
    if (k < 1 || k > 5) throw bad('the # instance must be 1-5');
    return (y, m, d) => cronWeekday(y, m, d) === wd && Math.ceil(d / 7) === k;
  }
  if (field.includes('#')) throw bad('only one # expression is allowed in day-of-week');
  if (field.includes('/')) throw bad('day-of-week does not take / steps');
  if (field === 'L') return (y, m, d) => cronWeekday(y, m, d) === 7;
  const lastOf = /^(\w+)L$/.exec(field);
  if (lastOf) {
    const wd = weekday(lastOf[1]!);
    return (y, m, d) => cronWeekday(y, m, d) === wd && d + 7 > daysInMonth(y, m);
  }
  const days = list(field, 1, 7, bad, 'day-of-week', WEEKDAYS);
  return (y, m, d) => days.has(cronWeekday(y, m, d));
}

export interface FireWindow {
  /** Recurring schedules start on or after this instant. */
  startDate?: Date | number;
  /** Recurring schedules end on or before this instant. */
  endDate?: Date | number;
}

/**
 * The next time a schedule expression fires strictly after `after`, or
 * undefined when it never fires again.
 *
 * - at(): the instant itself, even when it is not after `after` (a one-time
 *   schedule in the past is due at once); Start/EndDate do not apply.
 * - rate(): startDate + k × interval (no startDate: counted from `after`);
 *   days are 24-hour durations, whatever DST does to the calendar.
 * - cron(): evaluated on the zone's wall clock. As AWS documents, a time
 *   that does not exist (spring forward) is skipped and a time that occurs
 *   twice (fall back) fires once, at its first occurrence.
 */
export function nextFireTime(expression: string, timezone: string, after: Date | number, window: FireWindow = {}): Date | undefined {
  if (!isTimeZone(timezone)) throw invalid(`Invalid ScheduleExpressionTimezone ${timezone}.`);
  const t = next(parseScheduleExpression(expression), timezone, +after, window);
  return t === undefined ? undefined : new Date(t);
}

function next(expr: ScheduleExpression, timezone: string, after: number, window: FireWindow): number | undefined {
  const start = window.startDate === undefined ? undefined : +window.startDate;
  const end = window.endDate === undefined ? Infinity : +window.endDate;
  let t: number | undefined;
  if (expr.kind === 'at') {
    const instants = wallToInstants(timezone, expr.wall);
    const w = expr.wall;
    // In a spring-forward gap the wall time is read with the offset before the change (it lands later).
    return (instants[0] ?? Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - offsetAt(timezone, Date.UTC(w.year, w.month - 1, w.day) - DAY_MS)) + w.second * 1000;
  } else if (expr.kind === 'rate') {
    const anchor = start ?? after;
    t = after < anchor ? anchor : anchor + (Math.floor((after - anchor) / expr.everyMs) + 1) * expr.everyMs;
  } else {
    t = nextCron(expr.cron, timezone, start !== undefined ? Math.max(after, start - 1) : after);
  }
  return t !== undefined && t <= end ? t : undefined;
}

function nextCron(cron: Cron, timezone: string, after: number): number | undefined {
  const from = wallClock(timezone, after);
  let { year, month, day } = from;
  const fromMinutes = from.hour * 60 + from.minute;
  while (year <= 2199) {
    if (!cron.years.has(year)) {
      [year, month, day] = [year + 1, 1, 1];
      continue;
    }
    if (!cron.months.has(month) || day > daysInMonth(year, month)) {
      [year, month, day] = month === 12 ? [year + 1, 1, 1] : [year, month + 1, 1];
      continue;
    }
    if (cron.day(year, month, day)) {
      const first = year === from.year && month === from.month && day === from.day;
      for (const hour of cron.hours) {
        for (const minute of cron.minutes) {
          // Times hours before `after` on its own date cannot be after it; skip the Intl work.
          if (first && hour * 60 + minute < fromMinutes - 180) continue;
          const [t] = wallToInstants(timezone, { year, month, day, hour, minute });
          if (t !== undefined && t > after) return t;
        }
      }
    }
    day++;
  }
  return undefined;
}

// ── The scheduler ───────────────────────────────────────────────────────

export interface Clock {
  now(): number;
}

/** A clock tests move by hand, so nothing waits on real time. */
export class ManualClock implements Clock {
  private t: number;
  constructor(start: Date | number) {
    this.t = +start;
  }
  now(): number {
    return this.t;
  }
  set(to: Date | number): void {
    this.t = +to;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

export interface ScheduleTarget {
  Arn: string;
  RoleArn: string;
  Input?: string;
  EventBridgeParameters?: { DetailType: string; Source: string };
  RetryPolicy?: { MaximumEventAgeInSeconds?: number; MaximumRetryAttempts?: number };
  DeadLetterConfig?: { Arn?: string };
}

export type ScheduleState = 'ENABLED' | 'DISABLED';
export type ActionAfterCompletion = 'NONE' | 'DELETE';

/** What CreateSchedule and UpdateSchedule take (UpdateSchedule replaces every field). */
export interface ScheduleDefinition {
  Name: string;
  GroupName?: string;
  ScheduleExpression: string;
  ScheduleExpressionTimezone?: string;
  StartDate?: Date;
  EndDate?: Date;
  Description?: string;
  State?: ScheduleState;
  FlexibleTimeWindow: { Mode: 'OFF' | 'FLEXIBLE'; MaximumWindowInMinutes?: number };
  Target: ScheduleTarget;
  ActionAfterCompletion?: ActionAfterCompletion;
  KmsKeyArn?: string;
  ClientToken?: string;
}

/** What GetSchedule returns. */
export interface Schedule extends Omit<ScheduleDefinition, 'ClientToken'> {
  Arn: string;
  GroupName: string;
  ScheduleExpressionTimezone: string;
  State: ScheduleState;
  ActionAfterCompletion: ActionAfterCompletion;
  CreationDate: Date;
  LastModificationDate: Date;
}

export interface ScheduleSummary {
  Arn: string;
  Name: string;
  GroupName: string;
  State: ScheduleState;
  CreationDate: Date;
  LastModificationDate: Date;
  Target: { Arn: string };
}

export interface Invocation {
  scheduledTime: Date;
  executionId: string;
  attemptNumber: number;
}

/** Delivers one invocation. `target.Input` arrives with the context attributes filled in. */
export type FireTarget = (schedule: Schedule, target: ScheduleTarget, invocation: Invocation) => Promise<void>;

export interface LocalSchedulerOptions {
  fire: FireTarget;
  /** @default the system clock */
  clock?: Clock;
  /** Arm a real timer for the next due schedule. @default true unless a clock is injected */
  timers?: boolean;
  /** Schedule groups that exist. @default ['default'] */
  groups?: string[];
  region?: string;
  accountId?: string;
  logger?: (line: string) => void;
}

interface Entry {
  schedule: Schedule;
  expression: ScheduleExpression;
  clientToken: string | undefined;
  nextAt: number | undefined;
}

const NAME = /^[0-9a-zA-Z-_.]{1,64}$/;
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * EventBridge Scheduler in memory: schedules by group and name, at / rate /
 * cron expressions in any IANA zone, Start/EndDate, ENABLED/DISABLED and
 * ActionAfterCompletion. One timer waits for the earliest due schedule; with
 * an injected clock, `tick()` fires whatever is due instead.
 */
export class LocalScheduler {
  private readonly entries = new Map<string, Entry>();
  private readonly groups: Set<string>;
  private readonly clock: Clock;
  private readonly timers: boolean;
  private readonly region: string;
  private readonly accountId: string;
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private waiters: Array<() => void> = [];
  private closed = false;
  readonly counters = { fired: 0, failed: 0 };
  readonly failures: Array<{ scheduleArn: string; scheduledTime: Date; error: string }> = [];

  constructor(private readonly opts: LocalSchedulerOptions) {
    this.clock = opts.clock ?? { now: () => Date.now() };
    this.timers = opts.timers ?? opts.clock === undefined;
    this.groups = new Set(opts.groups ?? ['default']);
    this.region = opts.region ?? 'eu-north-1';
    this.accountId = opts.accountId ?? '000000000000';
  }

  createSchedule(def: ScheduleDefinition): { ScheduleArn: string } {
    const group = def.GroupName ?? 'default';
    const existing = this.entries.get(key(group, def.Name));
    // A retry carrying the same client token is the same request, not a conflict.
    if (existing && def.ClientToken !== undefined && existing.clientToken === def.ClientToken) return { ScheduleArn: existing.schedule.Arn };
    const entry = this.build(def, undefined);
    if (existing) throw new SchedulerError('ConflictException', `Schedule ${def.Name} already exists.`);
    this.entries.set(key(group, def.Name), entry);
    this.arm();
    return { ScheduleArn: entry.schedule.Arn };
  }

  updateSchedule(def: ScheduleDefinition): { ScheduleArn: string } {
    const k = key(def.GroupName ?? 'default', def.Name);
    const existing = this.entries.get(k);
    if (!existing) throw this.notFound(def.Name);
    const entry = this.build(def, existing.schedule.CreationDate);
    this.entries.set(k, entry);
    this.arm();
    return { ScheduleArn: entry.schedule.Arn };
  }

  getSchedule(name: string, groupName = 'default'): Schedule {
    const entry = this.entries.get(key(groupName, name));
    if (!entry) throw this.notFound(name);
    return structuredClone(entry.schedule);
  }

  deleteSchedule(name: string, groupName = 'default'): void {
    if (!this.entries.delete(key(groupName, name))) throw this.notFound(name);
    this.arm();
  }

  listSchedules(filter: { GroupName?: string; NamePrefix?: string; State?: ScheduleState } = {}): ScheduleSummary[] {
    return [...this.entries.values()]
      .map((e) => e.schedule)
      .filter((s) => (!filter.GroupName || s.GroupName === filter.GroupName) && s.Name.startsWith(filter.NamePrefix ?? '') && (!filter.State || s.State === filter.State))
      .sort((a, b) => (a.GroupName + '/' + a.Name).localeCompare(b.GroupName + '/' + b.Name))
      .map((s) => ({ Arn: s.Arn, Name: s.Name, GroupName: s.GroupName, State: s.State, CreationDate: s.CreationDate, LastModificationDate: s.LastModificationDate, Target: { Arn: s.Target.Arn } }));
  }

  /** When the schedule fires next (undefined: disabled, completed or past its EndDate). */
  nextInvocation(name: string, groupName = 'default'): Date | undefined {
    const entry = this.entries.get(key(groupName, name));
    if (!entry) throw this.notFound(name);
    return entry.nextAt === undefined ? undefined : new Date(entry.nextAt);
  }

  /**
   * Fires, in time order, every invocation due up to `now` (each occurrence
   * once, recurring ones included) and resolves when their targets answered.
   * `only` (schedule names) fires just those and leaves the rest due for the
   * next tick: a test that jumps days ahead to one reminder would otherwise
   * run every minute's DigestClock in between (4,320 invocations for three
   * days, 40 s on a loaded machine).
   */
  async tick(now = this.clock.now(), options: { only?: readonly string[] } = {}): Promise<number> {
    const runs: Array<Promise<void>> = [];
    const chosen = (e: Entry) => !options.only || options.only.includes(e.schedule.Name);
    for (;;) {
      let due: Entry | undefined;
      for (const e of this.entries.values()) if (e.nextAt !== undefined && e.nextAt <= now && chosen(e) && (!due || e.nextAt < due.nextAt!)) due = e;
      if (!due || this.closed) break;
      const scheduledTime = due.nextAt!;
      // Advance before the target runs, so a concurrent tick cannot fire the same occurrence.
      due.nextAt = due.expression.kind === 'at' ? undefined : next(due.expression, due.schedule.ScheduleExpressionTimezone, scheduledTime, window(due.schedule));
      runs.push(this.invoke(due, scheduledTime, due.nextAt === undefined));
    }
    await Promise.all(runs);
    this.arm();
    return runs.length;
  }

  /** Resolves when no target invocation is running. */
  idle(): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  // ── internals ──────────────────────────────────────────────────────────

  private notFound(name: string) {
    return new SchedulerError('ResourceNotFoundException', `Schedule ${name} does not exist.`);
  }

  private build(def: ScheduleDefinition, created: Date | undefined): Entry {
    if (typeof def.Name !== 'string' || !NAME.test(def.Name)) throw invalid('Name must be 1-64 letters, digits, hyphens, underscores or dots.');
    const group = def.GroupName ?? 'default';
    if (!NAME.test(group)) throw invalid('GroupName must be 1-64 letters, digits, hyphens, underscores or dots.');
    if (!this.groups.has(group)) throw new SchedulerError('ResourceNotFoundException', `Schedule group ${group} does not exist.`);
    if (typeof def.ScheduleExpression !== 'string') throw invalid('ScheduleExpression is required.');
    const expression = parseScheduleExpression(def.ScheduleExpression);
    const timezone = def.ScheduleExpressionTimezone ?? 'UTC';
    if (!isTimeZone(timezone)) throw invalid(`Invalid ScheduleExpressionTimezone ${timezone}.`);
    const ftw = def.FlexibleTimeWindow;
    if (!ftw || (ftw.Mode !== 'OFF' && ftw.Mode !== 'FLEXIBLE')) throw invalid('FlexibleTimeWindow.Mode must be OFF or FLEXIBLE.');
    if (ftw.Mode === 'FLEXIBLE' && !(Number.isInteger(ftw.MaximumWindowInMinutes) && ftw.MaximumWindowInMinutes! >= 1 && ftw.MaximumWindowInMinutes! <= 1440)) {
      throw invalid('FlexibleTimeWindow.MaximumWindowInMinutes must be 1-1440 when Mode is FLEXIBLE.');
    }
    const t = def.Target;
    if (!t || typeof t.Arn !== 'string' || !t.Arn || typeof t.RoleArn !== 'string' || !t.RoleArn) throw invalid('Target needs Arn and RoleArn.');
    if (t.EventBridgeParameters && (!t.EventBridgeParameters.DetailType || !t.EventBridgeParameters.Source)) {
      throw invalid('EventBridgeParameters needs DetailType and Source.');
    }
    const state = def.State ?? 'ENABLED';
    if (state !== 'ENABLED' && state !== 'DISABLED') throw invalid('State must be ENABLED or DISABLED.');
    const after = def.ActionAfterCompletion ?? 'NONE';
    if (after !== 'NONE' && after !== 'DELETE') throw invalid('ActionAfterCompletion must be NONE or DELETE.');
    for (const [field, d] of [['StartDate', def.StartDate], ['EndDate', def.EndDate]] as const) {
      if (d !== undefined && !(d instanceof Date && !Number.isNaN(d.getTime()))) throw invalid(`${field} must be a timestamp.`);
    }
    if (def.StartDate && def.EndDate && def.StartDate >= def.EndDate) throw invalid('The StartDate must be before the EndDate.');

    const now = this.clock.now();
    const { ClientToken, ...rest } = def;
    const schedule: Schedule = {
      ...structuredClone(rest),
      Arn: `arn:aws:scheduler:${this.region}:${this.accountId}:schedule/${group}/${def.Name}`,
      GroupName: group,
      ScheduleExpressionTimezone: timezone,
      State: state,
      ActionAfterCompletion: after,
      CreationDate: created ?? new Date(now),
      LastModificationDate: new Date(now),
    };
    let nextAt: number | undefined;
    if (state === 'ENABLED') {
      // A rate schedule without StartDate starts invoking at once, so it is anchored on now.
      const w = expression.kind === 'rate' && !def.StartDate ? { ...window(schedule), startDate: now } : window(schedule);
      nextAt = next(expression, timezone, now - 1, w);
    }
    return { schedule, expression, clientToken: ClientToken, nextAt };
  }

  private async invoke(entry: Entry, scheduledTime: number, last: boolean) {
    const schedule = structuredClone(entry.schedule);
    const invocation: Invocation = { scheduledTime: new Date(scheduledTime), executionId: randomBytes(8).toString('hex'), attemptNumber: 1 };
    const target = { ...schedule.Target, ...(schedule.Target.Input !== undefined ? { Input: contextAttributes(schedule.Target.Input, schedule.Arn, invocation) } : {}) };
    this.inFlight++;
    try {
      await this.opts.fire(schedule, target, invocation);
      this.counters.fired++;
    } catch (err) {
      // AWS retries per RetryPolicy, then uses the DeadLetterConfig; offline the failure is kept for inspection.
      const error = (err as Error).message ?? String(err);
      this.counters.failed++;
      this.failures.push({ scheduleArn: schedule.Arn, scheduledTime: invocation.scheduledTime, error });
      this.opts.logger?.(`scheduler: ${schedule.GroupName}/${schedule.Name} failed at ${invocation.scheduledTime.toISOString()}: ${error}`);
    } finally {
      this.inFlight--;
      const k = key(schedule.GroupName, schedule.Name);
      // Only the schedule that fired is deleted: not one re-created or updated meanwhile.
      if (last && schedule.ActionAfterCompletion === 'DELETE' && this.entries.get(k) === entry) this.entries.delete(k);
      if (this.inFlight === 0) for (const w of this.waiters.splice(0)) w();
    }
  }

  private arm() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.timers || this.closed) return;
    let earliest = Infinity;
    for (const e of this.entries.values()) if (e.nextAt !== undefined && e.nextAt < earliest) earliest = e.nextAt;
    if (earliest === Infinity) return;
    this.timer = setTimeout(() => void this.tick(), Math.min(MAX_TIMER_MS, Math.max(0, earliest - this.clock.now())));
    this.timer.unref();
  }
}

function key(group: string, name: string) {
  return `${group}/${name}`;
}

function window(s: Schedule): FireWindow {
  return { ...(s.StartDate ? { startDate: s.StartDate } : {}), ...(s.EndDate ? { endDate: s.EndDate } : {}) };
}

/** EventBridge Scheduler's context attributes, replaced in the target's input at each invocation. */
function contextAttributes(input: string, scheduleArn: string, inv: Invocation): string {
  return input
    .replaceAll('<aws.scheduler.schedule-arn>', scheduleArn)
    .replaceAll('<aws.scheduler.scheduled-time>', inv.scheduledTime.toISOString().replace(/\.\d{3}Z$/, 'Z'))
    .replaceAll('<aws.scheduler.execution-id>', inv.executionId)
    .replaceAll('<aws.scheduler.attempt-number>', String(inv.attemptNumber));
}

/**
 * The PutEvents entry a templated EventBridge target sends: the bus ARN as
 * EventBusName, Detail from Input, the schedule ARN in resources. Undefined
 * for targets that are not event buses.
 */
export function toPutEventsEntry(
  schedule: Schedule,
  target: ScheduleTarget,
): { EventBusName: string; Source: string; DetailType: string; Detail: string; Resources: string[] } | undefined {
  const p = target.EventBridgeParameters;
  if (!p || !/^arn:aws[\w-]*:events:[^:]*:[^:]*:event-bus\/.+/.test(target.Arn)) return undefined;
  return { EventBusName: target.Arn, Source: p.Source, DetailType: p.DetailType, Detail: target.Input ?? '{}', Resources: [schedule.Arn] };
}
