import { escapeHtml, safeUrl } from './html.js';
import type { UiLanguage } from './i18n.js';

/**
 * Email layout that Outlook (Word engine) and Gmail both render: one
 * 600 px table, inline CSS only, no web fonts, no scripts, no images. Every
 * piece of user text is escaped here, so templates pass plain strings.
 */
export interface EmailBlock {
  heading?: string;
  paragraphs?: string[];
  /** label/value rows, e.g. the listing's organisation and title */
  facts?: Array<[string, string]>;
  action?: { label: string; url: string };
}

export interface EmailContent {
  lang: UiLanguage;
  subject: string;
  /** Hidden preview text shown by inbox lists. */
  preheader: string;
  title: string;
  blocks: EmailBlock[];
  footer: string[];
  /** e.g. the unsubscribe link */
  footerLinks?: Array<{ label: string; url: string }>;
}

const FONT = "font-family:Arial,Helvetica,sans-serif;";

export function renderEmail(c: EmailContent): { subject: string; html: string; text: string } {
  const blocks = c.blocks.map(renderBlock).join('');
  const footer = c.footer.map((f) => `<p style="margin:0 0 8px;${FONT}font-size:13px;line-height:18px;color:#4a4a4a;">${escapeHtml(f)}</p>`).join('');
  const links = (c.footerLinks ?? [])
    .map((l) => `<a href="${safeUrl(l.url)}" style="color:#0b4f8a;text-decoration:underline;">${escapeHtml(l.label)}</a>`)
    .join(' &middot; ');
  const html = `<!DOCTYPE html>
<html lang="${c.lang}" xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>${escapeHtml(c.subject)}</title>
</head>
<body style="margin:0;padding:0;background-color:#f2f4f5;">
<div style="display:none;max-height:0;overflow:hidden;mso-hide:all;">${escapeHtml(c.preheader)}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background-color:#f2f4f5;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" border="0" style="width:600px;max-width:100%;background-color:#ffffff;border:1px solid #d5dade;">
<tr><td style="background-color:#0b4f8a;padding:18px 24px;${FONT}font-size:20px;line-height:26px;color:#ffffff;font-weight:bold;">${escapeHtml(c.title)}</td></tr>
${blocks}
<tr><td style="padding:16px 24px;border-top:1px solid #d5dade;">${footer}${links ? `<p style="margin:0;${FONT}font-size:13px;line-height:18px;">${links}</p>` : ''}</td></tr>
</table>
</td></tr>
</table>
</body>
</html>`;
  return { subject: c.subject, html, text: renderText(c) };
}

function renderBlock(b: EmailBlock): string {
  const parts: string[] = [];
  if (b.heading) parts.push(`<h2 style="margin:0 0 12px;${FONT}font-size:18px;line-height:24px;color:#1a1a1a;">${escapeHtml(b.heading)}</h2>`);
  for (const p of b.paragraphs ?? []) parts.push(`<p style="margin:0 0 12px;${FONT}font-size:15px;line-height:22px;color:#1a1a1a;">${escapeHtml(p)}</p>`);
  if (b.facts?.length) {
    const rows = b.facts
      .map(([k, v]) => `<tr><td style="padding:4px 12px 4px 0;${FONT}font-size:14px;color:#4a4a4a;vertical-align:top;">${escapeHtml(k)}</td><td style="padding:4px 0;${FONT}font-size:14px;color:#1a1a1a;">${escapeHtml(v)}</td></tr>`)
      .join('');
    parts.push(`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:0 0 12px;">${rows}</table>`);
  }
  if (b.action) {
    // Bulletproof button: a padded table cell, which Outlook renders as a box.
    parts.push(`<table role="presentation" cellpadding="0" cellspacing="0" border="0" style="margin:8px 0 4px;"><tr><td style="background-color:#0b4f8a;border-radius:4px;padding:12px 20px;"><a href="${safeUrl(b.action.url)}" style="${FONT}font-size:15px;color:#ffffff;text-decoration:none;font-weight:bold;">${escapeHtml(b.action.label)}</a></td></tr></table>`);
  }
  return `<tr><td style="padding:20px 24px 8px;">${parts.join('')}</td></tr>\n`;
}

function renderText(c: EmailContent): string {
  const lines: string[] = [c.title, '='.repeat(Math.min(c.title.length, 60)), ''];
  for (const b of c.blocks) {
    if (b.heading) lines.push(b.heading, '-'.repeat(Math.min(b.heading.length, 60)));
    for (const p of b.paragraphs ?? []) lines.push(p, '');
    for (const [k, v] of b.facts ?? []) lines.push(`${k}: ${v}`);
    if (b.facts?.length) lines.push('');
    if (b.action) lines.push(`${b.action.label}: ${b.action.url}`, '');
  }
  lines.push('--', ...c.footer);
  for (const l of c.footerLinks ?? []) lines.push(`${l.label}: ${l.url}`);
  return lines.join('\n') + '\n';
}
