/**
 * /<lang>/subscribe/unsubscribe/#token=…, where the List-Unsubscribe URL's
 * GET redirects: one button, because link scanners follow GETs and must
 * not unsubscribe anyone. The POST takes effect at once and erases the address.
 */
import { messages, pageLang, showMessage } from './forms.js';
import { bindUnsubscribe, tokenFromFragment } from './subscribe-form.js';

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

bindUnsubscribe(button, { token, lang, m, status, hide: box });
