/**
 * The desk's mailing section (web/pages/coordinator-mailing.ts): subscriber
 * counts, the next digest's preview (subject, count, the HTML as the reader
 * gets it in a sandboxed frame, its text part as text), "send a test to me",
 * "send to everyone" behind a confirmation step, and the sending history.
 * Follows the desk's network ('verkosto:network').
 */
import { api, generalError, messages, pageLang, showMessage } from './forms.js';
import { formatWhen } from './digest-items.js';

const m = messages();
const lang = pageLang();
const status = document.getElementById('mailing-status') as HTMLElement;
const summaryBox = document.getElementById('mailing-summary') as HTMLElement;
const previewBox = document.getElementById('mailing-preview') as HTMLElement;
const historyBox = document.getElementById('mailing-history') as HTMLElement;
const sendButton = document.getElementById('digest-send') as HTMLButtonElement;
const confirmBox = document.getElementById('digest-confirm') as HTMLElement;
const yes = document.getElementById('digest-send-yes') as HTMLButtonElement;
const no = document.getElementById('digest-send-no') as HTMLButtonElement;
const archive = document.getElementById('mailing-archive') as HTMLAnchorElement;
const testButton = document.getElementById('digest-test') as HTMLButtonElement;

let network = '';
const base = () => `/api/coordinator/networks/${encodeURIComponent(network)}`;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

function facts(rows: ReadonlyArray<[string, string]>): HTMLDListElement {
  const dl = el('dl', undefined, 'facts');
  for (const [k, v] of rows) dl.append(el('dt', k), el('dd', v));
  return dl;
}

const counts = (group: string, values: Record<string, number>) =>
  Object.entries(values)
    .map(([k, n]) => `${m[`enum.${group}.${k}`] ?? k} ${n}`)
    .join(', ');

interface Summary {
  total: number;
  byLanguage: Record<string, number>;
  byFrequency: Record<string, number>;
  byKind: Record<string, number>;
}

async function loadSummary(): Promise<void> {
  const res = await api<Summary>('GET', `${base()}/subscribers/summary`);
  if (!res.body) return void summaryBox.replaceChildren(el('p', m['digest.loadError']));
  const s = res.body;
  summaryBox.replaceChildren(
    facts([
      [m['coord.mail.total'] ?? '', String(s.total)],
      [m['coord.mail.byLanguage'] ?? '', counts('uiLang', s.byLanguage)],
      [m['coord.mail.byFrequency'] ?? '', counts('frequency', s.byFrequency)],
      [m['coord.mail.byKind'] ?? '', counts('digestKind', s.byKind)],
    ]),
  );
}

/**
 * The mail's HTML in a frame that runs no script (sandbox without
 * allow-scripts). A srcdoc frame inherits the page's CSP, which refuses the
 * mail's inline styles, so they are carried over by the CSSOM, which the
 * CSP allows: `style="…"` becomes `data-style` before the frame parses it,
 * and the <style> blocks become a constructed sheet. The HTML is the mail
 * renderer's own, where every user text is escaped, so ` style="` and
 * `<style>` can only be its markup. allow-same-origin lets this script
 * reach the frame's document; links open in a new tab outside the sandbox.
 */
function mailFrame(html: string): HTMLIFrameElement {
  const frame = el('iframe', undefined, 'mail-frame');
  frame.title = m['coord.mail.frame'] ?? '';
  frame.setAttribute('sandbox', 'allow-same-origin allow-popups allow-popups-to-escape-sandbox');
  const sheets: string[] = [];
  const inert = html
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<style[^>]*>([\s\S]*?)<\/style>/gi, (_, css: string) => (sheets.push(css), ''))
    .replace(/\sstyle="/g, ' data-style="')
    .replace(/<head([^>]*)>/i, '<head$1><base target="_blank">');
  frame.addEventListener('load', () => {
    const doc = frame.contentDocument;
    const win = frame.contentWindow as (Window & typeof globalThis) | null;
    if (!doc || !win) return;
    for (const e of doc.querySelectorAll<HTMLElement>('[data-style]')) e.style.cssText = e.dataset.style ?? '';
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(sheets.join('\n'));
    doc.adoptedStyleSheets = [sheet];
    // As tall as the mail, so the page scrolls and the frame does not.
    frame.height = String(doc.documentElement.scrollHeight + 4);
  });
  frame.srcdoc = inert;
  return frame;
}

async function loadPreview(): Promise<void> {
  const res = await api<{ since: string; items: number | unknown[]; subject: string; html: string; text: string }>('GET', `${base()}/digests/preview?lang=${lang}`);
  if (!res.body) return void previewBox.replaceChildren(el('p', m['digest.loadError']));
  const p = res.body;
  const count = Array.isArray(p.items) ? p.items.length : p.items;
  const details = el('details', undefined, 'builder');
  const summary = el('summary', m['coord.mail.text']);
  // The plain-text part of the mail, as text: the items as a reader who wants everything gets them.
  const text = el('div', p.text, 'pre-line digest-text');
  text.id = 'digest-preview-text';
  details.append(summary, text);
  previewBox.replaceChildren(
    facts([
      [m['coord.mail.subject'] ?? '', p.subject],
      [m['coord.mail.items'] ?? '', String(count)],
      [m['coord.mail.since'] ?? '', formatWhen(p.since)],
    ]),
    mailFrame(p.html),
    details,
  );
}

interface HistoryRow {
  digestId: string;
  trigger: string;
  status: string;
  createdAt: string;
  recipients: number;
  sent: number;
  skipped: number;
  failed: number;
}

let latest: HistoryRow[] = [];

async function loadHistory(): Promise<void> {
  const res = await api<{ digests: HistoryRow[] }>('GET', `${base()}/digests`);
  if (!res.body) return void historyBox.replaceChildren(el('p', m['digest.loadError']));
  latest = res.body.digests;
  if (!latest.length) return void historyBox.replaceChildren(el('p', m['coord.mail.noHistory'], 'muted'));
  const table = el('table', undefined, 'results-table');
  table.id = 'digest-history';
  const caption = el('caption', document.getElementById('mailing-history-h')?.textContent ?? '', 'visually-hidden');
  const head = el('tr');
  const cols = ['date', 'trigger', 'status', 'recipients', 'sent', 'skipped', 'failed'];
  for (const c of cols) {
    const th = el('th', m[`coord.mail.h.${c}`]);
    th.scope = 'col';
    if (['recipients', 'sent', 'skipped', 'failed'].includes(c)) th.className = 'num';
    head.append(th);
  }
  const thead = el('thead');
  thead.append(head);
  const tbody = el('tbody');
  for (const d of latest) {
    const tr = el('tr');
    tr.dataset.status = d.status;
    const when = el('th', new Date(d.createdAt).toLocaleString(document.documentElement.lang, { dateStyle: 'medium', timeStyle: 'short' }));
    when.scope = 'row';
    tr.append(
      when,
      el('td', m[`coord.mail.trigger.${d.trigger}`] ?? d.trigger),
      el('td', m[`coord.mail.status.${d.status}`] ?? d.status),
      ...[d.recipients, d.sent, d.skipped, d.failed].map((n) => el('td', String(n), 'num')),
    );
    tbody.append(tr);
  }
  table.append(caption, thead, tbody);
  historyBox.replaceChildren(table);
}

async function load(n: string): Promise<void> {
  network = n;
  archive.href = `/${lang}/digests/?network=${encodeURIComponent(n)}`;
  confirmBox.hidden = true;
  await Promise.all([loadSummary(), loadPreview(), loadHistory()]);
}

sendButton.addEventListener('click', () => {
  confirmBox.hidden = false;
  yes.focus();
});

no.addEventListener('click', () => {
  confirmBox.hidden = true;
  sendButton.focus();
});

let sending = false;
yes.addEventListener('click', async () => {
  if (sending || !network) return;
  sending = true;
  try {
    const res = await api('POST', `${base()}/digests`);
    confirmBox.hidden = true;
    if (res.status !== 202) return generalError(status, m, res.status);
    showMessage(status, 'success', m['coord.mail.queued'] ?? '', m['coord.mail.queuedText']);
    // The build and the sending run in the background: follow them for a while.
    const before = latest.length;
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setTimeout(r, 1000));
      await loadHistory();
      if (latest.length > before && latest[0]?.status === 'sent') break;
    }
    await Promise.all([loadPreview(), loadSummary()]);
  } finally {
    sending = false;
  }
});

let testing = false;
testButton.addEventListener('click', async () => {
  if (testing || !network) return;
  testing = true;
  testButton.disabled = true;
  try {
    const res = await api<{ sentTo: string }>('POST', `${base()}/digests/test?lang=${lang}`);
    if (res.status !== 202 || !res.body) return generalError(status, m, res.status);
    showMessage(status, 'success', (m['coord.mail.testSent'] ?? '').replace('{email}', res.body.sentTo));
  } finally {
    testing = false;
    testButton.disabled = false;
  }
});

document.getElementById('digest-refresh')!.addEventListener('click', () => void (network && loadHistory()));

document.addEventListener('verkosto:network', (ev) => void load((ev as CustomEvent<string>).detail));
