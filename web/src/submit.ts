import { bindJsonForm, messages, pageLang, showMessage } from './forms.js';
import { initListingForm, loadNetworks } from './listing-form.js';

const m = messages();
const form = document.getElementById('listing-form') as HTMLFormElement;
const status = document.getElementById('form-status') as HTMLElement;
const networkSelect = form.elements.namedItem('network') as HTMLSelectElement;

initListingForm(form);

bindJsonForm<{ id: string }>(form, {
  status,
  url: () => `/api/listings?lang=${pageLang()}`,
  busyText: m['submit.sending'],
  m,
  onSuccess: () => {
    form.hidden = true;
    const again = document.createElement('p');
    const link = document.createElement('a');
    link.href = location.pathname;
    link.textContent = m['submit.another'] ?? '';
    again.append(link);
    showMessage(status, 'success', m['submit.success.title'] ?? '', m['submit.success.text'], again);
  },
});

void loadNetworks(networkSelect, status, m, new URLSearchParams(location.search).get('network'));
