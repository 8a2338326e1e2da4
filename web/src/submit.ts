import { bindJsonForm, messages, pageLang, showMessage } from './forms.js';
import { initListingForm, loadNetworks } from './listing-form.js';

const m = messages();
const form = document.getElementById('listing-form') as HTMLFormElement;
const status = document.getElementById('form-status') as HTMLElement;
const networkSelect = form.elements.namedItem('network') as HTMLSelectElement;

initListingForm(form);

function showSent(): void {
  form.hidden = true;
  const again = document.createElement('p');
  const link = document.createElement('a');
  link.href = location.pathname;
  link.textContent = m['submit.another'] ?? '';
  again.append(link);
  showMessage(status, 'success', m['submit.success.title'] ?? '', m['submit.success.text'], again);
}

bindJsonForm<{ id: string }>(form, {
  status,
  url: () => `/api/listings?lang=${pageLang()}`,
  busyText: m['submit.sending'],
  m,
  onSuccess: (res) => {
    // Back or Forward to this entry shows the receipt again, not the form refilled by the
    // browser (which, sent again, would be a second listing or a confusing field error).
    history.replaceState({ sent: res?.id ?? true }, '');
    form.reset();
    showSent();
  },
});

const sent = (history.state as { sent?: unknown } | null)?.sent;
if (sent) showSent();

void loadNetworks(networkSelect, status, m, new URLSearchParams(location.search).get('network'));
