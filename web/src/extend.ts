import { messages, showMessage } from './forms.js';
import { fill, formatDate } from './listing-view.js';

const m = messages();
const status = document.getElementById('extend-status') as HTMLElement;
const button = document.getElementById('extend') as HTMLButtonElement;

// The reminder mail links to #token=…&id=…: the fragment never reaches a server or a log.
const params = new URLSearchParams(location.hash.slice(1));
const token = params.get('token');
const id = params.get('id');
// Another link opened in the same tab changes only the fragment: start again with it.
window.addEventListener('hashchange', () => location.reload());

function done(kind: 'error' | 'success', text: string): void {
  button.closest('p')!.hidden = true;
  showMessage(status, kind, text);
}

if (!token || !id) done('error', m['extend.badLink'] ?? '');

let busy = false;
button.addEventListener('click', async () => {
  if (busy || !token || !id) return;
  busy = true;
  let res: Response | undefined;
  try {
    res = await fetch(`/api/listings/${encodeURIComponent(id)}/extend`, { method: 'POST', headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
  } catch {
    res = undefined;
  }
  busy = false;
  if (res?.status === 202) {
    const { validUntil } = (await res.json()) as { validUntil: string };
    done('success', fill(m['extend.done'], { date: formatDate(validUntil) }));
  } else if (res?.status === 409) done('error', m['extend.used'] ?? '');
  else if (res && (res.status === 401 || res.status === 403 || res.status === 404)) done('error', m['extend.badLink'] ?? '');
  else showMessage(status, 'error', m['form.error.general'] ?? '');
});
