/**
 * /<lang>/digests/view/?network=…&id=…: "view in browser". The API sends
 * the email's HTML too; the page shows the items as its own content instead
 * (accessible structure, and the CSP forbids the email's inline styles).
 */
import { api, generalError, messages, pageLang, showMessage } from './forms.js';
import { formatWhen, renderDigestItems, type DigestItem } from './digest-items.js';

const m = messages();
const status = document.getElementById('form-status') as HTMLElement;
const meta = document.getElementById('digest-meta') as HTMLElement;
const box = document.getElementById('digest') as HTMLElement;
const back = document.getElementById('digest-back') as HTMLAnchorElement;
const lang = pageLang();
const query = new URLSearchParams(location.search);
const network = query.get('network') ?? '';
const id = query.get('id') ?? '';

async function start(): Promise<void> {
  if (network) back.href = `/${lang}/digests/?network=${encodeURIComponent(network)}`;
  if (!network || !id) {
    meta.hidden = true;
    return showMessage(status, 'error', m['digest.notFound'] ?? '');
  }
  const res = await api<{ id: string; createdAt: string; subject: string; items: DigestItem[] }>(
    'GET',
    `/api/networks/${encodeURIComponent(network)}/digests/${encodeURIComponent(id)}?lang=${lang}`,
  );
  if (!res.body) {
    meta.hidden = true;
    if (res.status === 404) return showMessage(status, 'error', m['digest.notFound'] ?? '');
    return generalError(status, m, res.status);
  }
  const d = res.body;
  const h1 = document.querySelector('main h1') as HTMLElement;
  h1.textContent = d.subject;
  document.title = `${d.subject} – ${m['site.name'] ?? ''}`;
  meta.textContent = (m['digest.view.sent'] ?? '').replace('{date}', formatWhen(d.createdAt, false));
  meta.className = '';
  if (!d.items.length) return void box.replaceChildren(Object.assign(document.createElement('p'), { textContent: m['digest.view.none'] ?? '' }));
  box.replaceChildren(...renderDigestItems(d.items, m, 2));
}

void start();
