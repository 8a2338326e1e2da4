/**
 * /<lang>/subscribe/unsubscribe/#token=…, where the List-Unsubscribe URL's
 * GET redirects: one button, because link scanners follow GETs and must
 * not unsubscribe anyone. The POST takes effect at once and erases the address.
 */
import { api, generalError, messages, pageLang, showMessage } from './forms.js';
import { tokenFromFragment } from './subscribe-form.js';

const m = messages();
const status = document.getElementById('form-status') as HTMLElement;
const box = document.getElementById('unsubscribe-box') as HTMLElement;
const button = document.getElementById('unsubscribe') as HTMLButtonElement;
const lang = pageLang();
const token = tokenFromFragment();

if (!token) {
  box.hidden = true;
  showMessage(status, 'error', m['sub.noToken'] ?? '');
}

let busy = false;
button.addEventListener('click', async () => {
  if (busy) return;
  busy = true;
  const idle = button.textContent;
  button.textContent = m['sub.unsub.sending'] ?? '';
  try {
    const res = await api('POST', `/api/subscriptions/unsubscribe?lang=${lang}`, { token });
    if (res.status === 200) {
      box.hidden = true;
      showMessage(status, 'success', m['sub.unsub.done'] ?? '', m['sub.unsub.doneText']);
    } else if (res.status === 401 || res.status === 400) {
      showMessage(status, 'error', m['sub.manage.badLink'] ?? '', m['sub.manage.badLinkText']);
    } else {
      generalError(status, m, res.status);
    }
  } finally {
    busy = false;
    button.textContent = idle;
  }
});
