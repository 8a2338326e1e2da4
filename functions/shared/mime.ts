import { randomBytes } from 'node:crypto';

/**
 * A calendar invitation as raw MIME (RFC 2045/2046, iMIP RFC 6047) the way
 * Outlook reads it (MS-OXCMAIL): the text/calendar part with its `method`
 * inside multipart/alternative beside the plain text and HTML, and the same
 * calendar again as an .ics attachment for clients that only open files.
 *
 *   multipart/mixed
 *   ├─ multipart/alternative
 *   │  ├─ text/plain
 *   │  ├─ text/html
 *   │  └─ text/calendar; method=REQUEST|CANCEL
 *   └─ application/ics (attachment, invite.ics)
 */
export interface InviteMime {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** single-line values (checked by the mailer) */
  headers: Record<string, string>;
  calendar: { method: 'REQUEST' | 'CANCEL'; content: string; filename: string };
}

/** An encoded-word (RFC 2047) for a header holding non-ASCII text; ASCII stays as it is. */
export function encodeHeaderText(value: string): string {
  const flat = value.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(flat)) return flat;
  // Encoded words may be at most 75 characters and header lines should stay within 78: split the UTF-8 on character boundaries.
  const words: string[] = [];
  let chunk = '';
  for (const ch of flat) {
    if (Buffer.byteLength(chunk + ch) > 39) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** Base64 body lines of 76 characters (RFC 2045 §6.8). */
const base64Lines = (text: string) => Buffer.from(text, 'utf8').toString('base64').replace(/.{1,76}/g, '$&\r\n');

const part = (headers: string[], body: string) => `${headers.join('\r\n')}\r\n\r\n${body}`;

export function inviteMime(m: InviteMime, boundary = randomBytes(12).toString('hex')): string {
  const mixed = `mixed-${boundary}`;
  const alternative = `alt-${boundary}`;
  const { method, content, filename } = m.calendar;
  const alternatives = [
    part(['Content-Type: text/plain; charset=UTF-8', 'Content-Transfer-Encoding: base64'], base64Lines(m.text)),
    part(['Content-Type: text/html; charset=UTF-8', 'Content-Transfer-Encoding: base64'], base64Lines(m.html)),
    part([`Content-Type: text/calendar; charset=UTF-8; method=${method}`, 'Content-Transfer-Encoding: base64'], base64Lines(content)),
  ];
  const attachment = part(
    [`Content-Type: application/ics; name="${filename}"`, `Content-Disposition: attachment; filename="${filename}"`, 'Content-Transfer-Encoding: base64'],
    base64Lines(content),
  );
  const body = [
    `--${mixed}`,
    part([`Content-Type: multipart/alternative; boundary="${alternative}"`], [...alternatives.map((a) => `--${alternative}\r\n${a}`), `--${alternative}--\r\n`].join('')),
    `--${mixed}`,
    attachment,
    `--${mixed}--`,
    '',
  ].join('\r\n');
  const head = [
    `From: ${m.from}`,
    `To: ${m.to}`,
    `Subject: ${encodeHeaderText(m.subject)}`,
    'MIME-Version: 1.0',
    ...Object.entries(m.headers).map(([k, v]) => `${k}: ${v}`),
    `Content-Type: multipart/mixed; boundary="${mixed}"`,
  ];
  return `${head.join('\r\n')}\r\n\r\n${body}`;
}
