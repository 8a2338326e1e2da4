import { bindJsonForm, messages, pageLang, showMessage } from './forms.js';

const m = messages();
const form = document.getElementById('login-form') as HTMLFormElement;
const status = document.getElementById('form-status') as HTMLElement;

// The callback sends people back here with the reason a link did not work.
const reason = new URLSearchParams(location.search).get('error');
if (reason && m[`login.error.${reason}`]) showMessage(status, 'error', m[`login.error.${reason}`]!);

bindJsonForm(form, {
  status,
  url: () => `/api/auth/login?lang=${pageLang()}`,
  body: () => ({ email: String(new FormData(form).get('email') ?? '').trim(), lang: pageLang() }),
  m,
  onSuccess: () => {
    form.hidden = true;
    showMessage(status, 'success', m['login.sent.title'] ?? '', m['login.sent.text']);
  },
});
