import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { SchedulerError, type LocalScheduler, type Schedule, type ScheduleDefinition, type ScheduleState } from './scheduler.js';

/**
 * The EventBridge Scheduler wire API (REST-JSON, as @aws-sdk/client-scheduler
 * speaks it): POST / PUT / GET / DELETE /schedules/{Name}?groupName=…, and
 * GET /schedules. Timestamps travel as epoch seconds; errors carry
 * `x-amzn-errortype` and `{ Message }`.
 */
export async function startSchedulerServer(scheduler: LocalScheduler, port: number, host = '127.0.0.1'): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    handle(scheduler, req, res).catch((err: unknown) => sendError(res, 500, 'InternalServerException', (err as Error).message));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(err.code === 'EADDRINUSE' ? new Error(`port ${port} is in use; set VERKOSTO_SCHEDULER_PORT to another port`) : err),
    );
    server.listen(port, host, () => resolve());
  });
  const addr = server.address();
  return {
    url: `http://${host}:${typeof addr === 'object' && addr ? addr.port : port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

type WireDefinition = Omit<ScheduleDefinition, 'Name' | 'StartDate' | 'EndDate'> & { StartDate?: unknown; EndDate?: unknown };

async function handle(scheduler: LocalScheduler, req: IncomingMessage, res: ServerResponse) {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const url = new URL(req.url ?? '/', 'http://localhost');
  const query = url.searchParams;
  const one = /^\/schedules\/([^/]+)$/.exec(url.pathname);
  try {
    if (one) {
      const name = decodeURIComponent(one[1]!);
      switch (req.method) {
        case 'POST':
          return send(res, scheduler.createSchedule(definition(name, chunks)));
        case 'PUT':
          return send(res, scheduler.updateSchedule(definition(name, chunks)));
        case 'GET':
          return send(res, wireSchedule(scheduler.getSchedule(name, query.get('groupName') ?? 'default')));
        case 'DELETE':
          scheduler.deleteSchedule(name, query.get('groupName') ?? 'default');
          return send(res, {});
      }
    }
    if (url.pathname === '/schedules' && req.method === 'GET') {
      const state = query.get('State');
      if (state !== null && state !== 'ENABLED' && state !== 'DISABLED') throw new SchedulerError('ValidationException', 'State must be ENABLED or DISABLED.');
      const all = scheduler.listSchedules({
        ...(query.get('ScheduleGroup') ? { GroupName: query.get('ScheduleGroup')! } : {}),
        ...(query.get('NamePrefix') ? { NamePrefix: query.get('NamePrefix')! } : {}),
        ...(state ? { State: state as ScheduleState } : {}),
      });
      const from = Number(query.get('NextToken') ?? '0');
      const max = Number(query.get('MaxResults') ?? '100');
      if (!Number.isInteger(from) || from < 0) throw new SchedulerError('ValidationException', 'NextToken is not valid.');
      if (!Number.isInteger(max) || max < 1 || max > 100) throw new SchedulerError('ValidationException', 'MaxResults must be 1-100.');
      const page = all.slice(from, from + max);
      return send(res, {
        Schedules: page.map((s) => ({ ...s, CreationDate: seconds(s.CreationDate), LastModificationDate: seconds(s.LastModificationDate) })),
        ...(from + max < all.length ? { NextToken: String(from + max) } : {}),
      });
    }
    return sendError(res, 404, 'UnknownOperationException', `${req.method} ${url.pathname} is not supported by the local scheduler.`);
  } catch (err) {
    if (err instanceof SchedulerError) return sendError(res, err.status, err.code, err.message);
    throw err;
  }
}

function definition(name: string, chunks: Buffer[]): ScheduleDefinition {
  let body: WireDefinition;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as WireDefinition;
  } catch {
    throw new SchedulerError('ValidationException', 'The request body is not valid JSON.');
  }
  const { StartDate, EndDate, ...rest } = body;
  return { ...rest, Name: name, ...date('StartDate', StartDate), ...date('EndDate', EndDate) };
}

/** The SDK sends epoch seconds; an ISO string is taken too, for curl users. */
function date(field: 'StartDate' | 'EndDate', value: unknown): Partial<Record<typeof field, Date>> {
  if (value === undefined || value === null) return {};
  const d = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : new Date(NaN);
  if (Number.isNaN(d.getTime())) throw new SchedulerError('ValidationException', `${field} must be a timestamp.`);
  return { [field]: d };
}

const seconds = (d: Date) => d.getTime() / 1000;

function wireSchedule(s: Schedule) {
  return {
    ...s,
    ...(s.StartDate ? { StartDate: seconds(s.StartDate) } : {}),
    ...(s.EndDate ? { EndDate: seconds(s.EndDate) } : {}),
    CreationDate: seconds(s.CreationDate),
    LastModificationDate: seconds(s.LastModificationDate),
  };
}

function send(res: ServerResponse, body: unknown) {
  res.writeHead(200, { 'content-type': 'application/json', 'x-amzn-requestid': crypto.randomUUID() });
  res.end(JSON.stringify(body));
}

function sendError(res: ServerResponse, status: number, code: string, message: string) {
  if (res.headersSent) return;
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': crypto.randomUUID(), 'x-amzn-errortype': code });
  res.end(JSON.stringify({ Message: message }));
}
