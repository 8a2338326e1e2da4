import { api, clearErrors, generalError, messages, pageLang, showFieldErrors, showMessage } from './forms.js';

const m = messages();
const form = document.getElementById('login-form') as HTMLFormElement;
const status = document.getElementById('form-status') as HTMLElement;

// The callback sends people back here with the reason a link did not work.
const reason = new URLSearchParams(location.search).get('error');
if (reason && m[`login.error.${reason}`]) showMessage(status, 'error', m[`login.error.${reason}`]!);

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(form, status);
  const email = String(new FormData(form).get('email') ?? '').trim();
  const res = await api('POST', `/api/auth/login?lang=${pageLang()}`, { email, lang: pageLang() }).catch(() => undefined);
  if (res?.status === 202) {
    form.hidden = true;
    showMessage(status, 'success', m['login.sent.title'] ?? '', m['login.sent.text']);
  } else if (res?.status === 400 && res.error?.fields) {
    showFieldErrors(form, status, res.error.fields, m['form.errors.title'] ?? '');
  } else {
    generalError(status, m, res?.status ?? 0);
  }
});
