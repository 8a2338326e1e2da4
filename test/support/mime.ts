/** A MIME entity as the tests read it: its headers (lower-case names, unfolded), its parts or its decoded body. */
export interface MimeNode {
  headers: Record<string, string>;
  type: string;
  params: Record<string, string>;
  parts: MimeNode[];
  body: string;
}

/** Parses raw MIME (RFC 2045/2046) into a tree: enough to check structure, headers and bodies in tests. */
export function parseMime(raw: string): MimeNode {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const rest = split < 0 ? '' : raw.slice(split + 4);
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const i = line.indexOf(':');
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  const [type = 'text/plain', ...paramText] = (headers['content-type'] ?? 'text/plain').split(';').map((s) => s.trim());
  const params = Object.fromEntries(paramText.map((p) => p.split('=')).map(([k, v]) => [k!.toLowerCase(), (v ?? '').replace(/^"|"$/g, '')]));
  if (type.startsWith('multipart/')) {
    const boundary = params.boundary!;
    const inner = rest.split(`--${boundary}--`)[0]!;
    const parts = inner.split(`--${boundary}\r\n`).slice(1).map((p) => parseMime(p.replace(/\r\n$/, '')));
    return { headers, type: type.toLowerCase(), params, parts, body: '' };
  }
  const body = headers['content-transfer-encoding']?.toLowerCase() === 'base64' ? Buffer.from(rest.replace(/\s+/g, ''), 'base64').toString('utf8') : rest;
  return { headers, type: type.toLowerCase(), params, parts: [], body };
}
