import { escapeHtml, safeUrl } from './html.js';
import type { Localised, UiLanguage } from './i18n.js';

/**
 * Email layout that Outlook (Word engine), Gmail and phone mail apps all
 * render: one fluid table up to 600 px (a fixed 600 px only inside Outlook's
 * conditional comments), inline CSS only, no web fonts, scripts or images.
 * Long words and links wrap, so nothing scrolls sideways at 320 px; buttons
 * are padded links, tappable as a whole, with a VML shape for Outlook. A
 * `color-scheme` meta and explicit colours on every box keep dark modes from
 * inverting text into its background. Every piece of user text is escaped
 * here, so templates pass plain strings.
 */

/** Text in the mail's language, or in another one (a Finnish fallback in a Swedish mail), marked with `lang`. */
export type MailText = string | { text: string; lang: UiLanguage };

/** The reader's text, or the Finnish one marked as Finnish when there is none in their language. */
export const mailText = (text: Localised, lang: UiLanguage): MailText => (text[lang] !== undefined ? text[lang]! : lang === 'fi' ? text.fi : { text: text.fi, lang: 'fi' });

export interface EmailBlock {
  heading?: MailText;
  paragraphs?: MailText[];
  /** label/value rows, e.g. the listing's organisation and title */
  facts?: Array<[string, MailText]>;
  action?: { label: string; url: string };
  /** a plain link (lighter than a button, for lists of many items) */
  link?: { label: string; url: string };
}

export interface EmailContent {
  lang: UiLanguage;
  subject: string;
  /** Hidden preview text shown by inbox lists. */
  preheader: string;
  title: MailText;
  blocks: EmailBlock[];
  footer: string[];
  /** e.g. the unsubscribe link */
  footerLinks?: Array<{ label: string; url: string }>;
}

const FONT = 'font-family:Arial,Helvetica,sans-serif;';
/** Long addresses and words break instead of widening the mail on a phone. */
const WRAP = 'word-break:break-word;overflow-wrap:anywhere;';
const INK = '#1a1a1a';
const MUTED = '#4a4a4a';
const BRAND = '#0b4f8a';

const plain = (t: MailText) => (typeof t === 'string' ? t : t.text);
/** ` lang="fi"` on an element holding text in another language than the mail's. */
const langAttr = (t: MailText) => (typeof t === 'string' ? '' : ` lang="${t.lang}"`);

/** A button Outlook draws as a rounded box (VML) and every other client as a padded link, all of it tappable. */
function button(label: string, url: string): string {
  const href = safeUrl(url);
  const text = escapeHtml(label);
  return `<!--[if mso]><v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w="urn:schemas-microsoft-com:office:word" href="${href}" style="height:44px;v-text-anchor:middle;width:260px;" arcsize="10%" stroke="f" fillcolor="${BRAND}"><w:anchorlock/><center style="color:#ffffff;${FONT}font-size:15px;font-weight:bold;">${text}</center></v:roundrect><![endif]-->`
    + `<!--[if !mso]><!--><a href="${href}" style="display:inline-block;background-color:${BRAND};color:#ffffff;${FONT}font-size:15px;line-height:20px;font-weight:bold;text-decoration:none;padding:12px 20px;border-radius:4px;max-width:100%;box-sizing:border-box;${WRAP}">${text}</a><!--<![endif]-->`;
}

export function renderEmail(c: EmailContent): { lang: UiLanguage; subject: string; html: string; text: string } {
  const blocks = c.blocks.map(renderBlock).join('');
  const footer = c.footer.map((f) => `<p style="margin:0 0 8px;${FONT}font-size:13px;line-height:18px;color:${MUTED};">${escapeHtml(f)}</p>`).join('');
  const links = (c.footerLinks ?? [])
    .map((l) => `<a href="${safeUrl(l.url)}" style="color:${BRAND};text-decoration:underline;display:inline-block;padding:6px 0;">${escapeHtml(l.label)}</a>`)
    .join(' &middot; ');
  const html = `<!DOCTYPE html>
<html lang="${c.lang}" xmlns="http://www.w3.org/1999/xhtml" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<meta name="color-scheme" content="light dark">
<meta name="supported-color-schemes" content="light dark">
<title>${escapeHtml(c.subject)}</title>
<!--[if mso]><noscript><xml><o:OfficeDocumentSettings><o:PixelsPerInch>96</o:PixelsPerInch></o:OfficeDocumentSettings></xml></noscript><![endif]-->
<style>:root{color-scheme:light dark;supported-color-schemes:light dark;}</style>
</head>
<body style="margin:0;padding:0;background-color:#f2f4f5;color:${INK};-webkit-text-size-adjust:100%;">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(c.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f2f4f5;">
<tr><td align="center" style="padding:16px 8px;">
<!--[if mso]><table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0"><tr><td><![endif]-->
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="width:100%;max-width:600px;background-color:#ffffff;border:1px solid #d5dade;">
<tr><td${langAttr(c.title)} style="background-color:${BRAND};padding:18px 20px;${FONT}font-size:20px;line-height:26px;color:#ffffff;font-weight:bold;${WRAP}">${escapeHtml(plain(c.title))}</td></tr>
${blocks}
<tr><td style="padding:16px 20px;border-top:1px solid #d5dade;background-color:#ffffff;${WRAP}">${footer}${links ? `<p style="margin:0;${FONT}font-size:13px;line-height:18px;">${links}</p>` : ''}</td></tr>
</table>
<!--[if mso]></td></tr></table><![endif]-->
</td></tr>
</table>
</body>
</html>`;
  return { lang: c.lang, subject: c.subject, html, text: renderText(c) };
}

function renderBlock(b: EmailBlock): string {
  const parts: string[] = [];
  if (b.heading) parts.push(`<h2${langAttr(b.heading)} style="margin:0 0 12px;${FONT}font-size:18px;line-height:24px;color:${INK};">${escapeHtml(plain(b.heading))}</h2>`);
  for (const p of b.paragraphs ?? []) parts.push(`<p${langAttr(p)} style="margin:0 0 12px;${FONT}font-size:15px;line-height:22px;color:${INK};">${escapeHtml(plain(p))}</p>`);
  if (b.facts?.length) {
    // Label above value: two columns would not fit a phone beside long values.
    const rows = b.facts
      .map(([k, v]) => `<p style="margin:0 0 8px;${FONT}font-size:14px;line-height:20px;color:${MUTED};">${escapeHtml(k)}<br><span${langAttr(v)} style="color:${INK};">${escapeHtml(plain(v))}</span></p>`)
      .join('');
    parts.push(rows);
  }
  if (b.action) parts.push(`<p style="margin:8px 0 4px;">${button(b.action.label, b.action.url)}</p>`);
  if (b.link) parts.push(`<p style="margin:0 0 4px;${FONT}font-size:15px;line-height:22px;"><a href="${safeUrl(b.link.url)}" style="color:${BRAND};text-decoration:underline;display:inline-block;padding:6px 0;${WRAP}">${escapeHtml(b.link.label)}</a></p>`);
  return `<tr><td style="padding:20px 20px 8px;background-color:#ffffff;${WRAP}">${parts.join('')}</td></tr>\n`;
}

function renderText(c: EmailContent): string {
  const title = plain(c.title);
  const lines: string[] = [title, '='.repeat(Math.min(title.length, 60)), ''];
  for (const b of c.blocks) {
    if (b.heading) lines.push(plain(b.heading), '-'.repeat(Math.min(plain(b.heading).length, 60)));
    for (const p of b.paragraphs ?? []) lines.push(plain(p), '');
    for (const [k, v] of b.facts ?? []) lines.push(`${k}: ${plain(v)}`);
    if (b.facts?.length) lines.push('');
    if (b.action) lines.push(`${b.action.label}: ${b.action.url}`, '');
    if (b.link) lines.push(`${b.link.label}: ${b.link.url}`, '');
  }
  lines.push('--', ...c.footer);
  for (const l of c.footerLinks ?? []) lines.push(`${l.label}: ${l.url}`);
  return lines.join('\n') + '\n';
}
