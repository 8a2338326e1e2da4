import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { dirname, join } from 'node:path';

/**
 * The few S3 object operations the functions use (GetObject, PutObject,
 * HeadObject, DeleteObject), path style: `/<bucket>/<key>`, answering as
 * S3 does (a missing key is `404` with `<Code>NoSuchKey</Code>`, a missing
 * bucket `NoSuchBucket`). Objects live in memory, and under `dataDir` when
 * one is given, so `npm start` keeps its directory snapshots across
 * restarts. No signature check: like the other local services, it trusts
 * the one machine.
 */
export interface LocalObjectStore {
  url: string;
  /** the object's bytes, for tests */
  get(bucket: string, key: string): Buffer | undefined;
  put(bucket: string, key: string, body: Buffer): void;
  close(): Promise<void>;
}

/** Keys as S3 allows them are wider; these are what the functions write (`directory/<network>.json.br`), and nothing can climb out of the folder. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._\-/]*$/;
const safeKey = (key: string) => KEY.test(key) && !key.split('/').includes('..');

export async function startObjectStore(opts: { port: number; buckets: readonly string[]; dataDir?: string; host?: string }): Promise<LocalObjectStore> {
  const host = opts.host ?? '127.0.0.1';
  const objects = new Map<string, Buffer>();
  const file = (bucket: string, key: string) => join(opts.dataDir!, bucket, key);
  const get = (bucket: string, key: string): Buffer | undefined => {
    const id = `${bucket}/${key}`;
    let body = objects.get(id);
    if (!body && opts.dataDir) {
      try {
        body = readFileSync(file(bucket, key));
        objects.set(id, body);
      } catch {
        // Not on disk either: no such key.
      }
    }
    return body;
  };
  const put = (bucket: string, key: string, body: Buffer) => {
    objects.set(`${bucket}/${key}`, body);
    if (opts.dataDir) {
      const path = file(bucket, key);
      mkdirSync(dirname(path), { recursive: true });
      // Written aside and renamed: a reader never sees half an object, as in S3.
      writeFileSync(`${path}.part`, body);
      renameSync(`${path}.part`, path);
    }
  };
  const remove = (bucket: string, key: string) => {
    objects.delete(`${bucket}/${key}`);
    if (opts.dataDir) rmSync(file(bucket, key), { force: true });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => error(res, 500, 'InternalError', (err as Error).message));
  });
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://local').pathname);
    const [, bucket = '', ...rest] = path.split('/');
    const key = rest.join('/');
    if (!opts.buckets.includes(bucket)) return error(res, 404, 'NoSuchBucket', 'The specified bucket does not exist');
    if (!safeKey(key)) return error(res, 400, 'InvalidArgument', 'Only plain object keys are served locally');
    switch (req.method) {
      case 'PUT': {
        const chunks: Buffer[] = [];
        for await (const c of req) chunks.push(c as Buffer);
        put(bucket, key, Buffer.concat(chunks));
        res.writeHead(200, { etag: '"local"' }).end();
        return;
      }
      case 'GET':
      case 'HEAD': {
        const body = get(bucket, key);
        if (!body) return error(res, 404, 'NoSuchKey', 'The specified key does not exist.', req.method === 'HEAD');
        res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': body.length });
        res.end(req.method === 'GET' ? body : undefined);
        return;
      }
      case 'DELETE':
        remove(bucket, key);
        res.writeHead(204).end();
        return;
      default:
        return error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.');
    }
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new Error(`port ${opts.port} is in use; set VERKOSTO_OBJECTS_PORT to another port`) : err));
    server.listen(opts.port, host, () => resolve());
  });
  const addr = server.address();
  return {
    url: `http://${host}:${typeof addr === 'object' && addr ? addr.port : opts.port}`,
    get,
    put,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function error(res: ServerResponse, status: number, code: string, message: string, headOnly = false) {
  res.writeHead(status, { 'content-type': 'application/xml' });
  res.end(headOnly ? undefined : `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}
