import { api, clearErrors, generalError, localName, messages, pageLang, showFieldErrors, showMessage } from './forms.js';

const m = messages();
const form = document.getElementById('listing-form') as HTMLFormElement;
const status = document.getElementById('form-status') as HTMLElement;
const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')!;

async function loadNetworks() {
  const select = form.elements.namedItem('network') as HTMLSelectElement;
  const res = await api<{ networks: Array<{ id: string; name: { fi: string; sv?: string; en?: string } }> }>('GET', '/api/networks');
  for (const n of res.body?.networks ?? []) select.add(new Option(localName(n.name), n.id));
  if (res.body?.networks.length === 1) select.value = res.body.networks[0]!.id;
}

/** Show only the sub-fields that apply: chosen channels, schedule kind. */
function syncSections() {
  const data = new FormData(form);
  const channels = data.getAll('channels');
  for (const box of form.querySelectorAll<HTMLElement>('[data-channel]')) box.hidden = !channels.includes(box.dataset.channel!);
  const schedule = String(data.get('schedule.type') ?? 'none');
  for (const box of form.querySelectorAll<HTMLElement>('[data-schedule]')) {
    const which = box.dataset.schedule!;
    box.hidden = which === 'times' ? schedule === 'none' : which !== schedule;
  }
}

let channelOrder: string[] = [];

function body(): Record<string, unknown> {
  const data = new FormData(form);
  const v = (n: string) => String(data.get(n) ?? '').trim();
  const opt = (n: string) => v(n) || undefined;
  const texts = (n: string) => ({ fi: v(`${n}.fi`), sv: opt(`${n}.sv`), en: opt(`${n}.en`) });
  const num = (n: string) => (v(n) === '' ? undefined : Number(v(n)));
  channelOrder = data.getAll('channels').map(String);
  const channels = channelOrder.map((type) =>
    type === 'place'
      ? { type, address: v('channel.place.address'), postcode: v('channel.place.postcode'), municipality: v('channel.place.municipality') }
      : type === 'online'
        ? { type, url: v('channel.online.url') }
        : { type, phone: v('channel.phone.phone') },
  );
  const scheduleType = v('schedule.type') || 'none';
  const schedule =
    scheduleType === 'once'
      ? { type: 'once', date: v('schedule.date'), startTime: v('schedule.startTime'), endTime: opt('schedule.endTime') }
      : scheduleType === 'recurring'
        ? { type: 'recurring', frequency: v('schedule.frequency'), weekdays: data.getAll('schedule.weekdays'), startTime: v('schedule.startTime'), endTime: v('schedule.endTime'), until: opt('schedule.until') }
        : { type: 'none' };
  const ageMin = num('ageRange.min');
  const ageMax = num('ageRange.max');
  const accessibility = data.getAll('accessibility');
  return {
    network: v('network'),
    organisation: { name: v('organisation.name'), kind: opt('organisation.kind'), businessId: opt('organisation.businessId') },
    contact: { name: v('contact.name'), email: v('contact.email'), phone: opt('contact.phone'), website: opt('contact.website') },
    title: texts('title'),
    summary: texts('summary'),
    description: texts('description'),
    kind: opt('kind'),
    themes: data.getAll('themes'),
    targetGroups: data.getAll('targetGroups'),
    ...(ageMin !== undefined || ageMax !== undefined ? { ageRange: { min: ageMin, max: ageMax } } : {}),
    languages: data.getAll('languages'),
    channels,
    ...(accessibility.length ? { accessibility } : {}),
    schedule,
    cost: { free: v('cost.free') === 'true', note: opt('cost.note') },
    registration: { required: v('registration.required') === 'true', url: opt('registration.url'), email: opt('registration.email') },
    validFrom: opt('validFrom'),
    validUntil: opt('validUntil'),
    homepage: v('homepage'),
  };
}

/** The API names channels by position; the form names them by kind. */
function mapPath(path: string): string {
  const match = /^channels\.(\d+)\.(.+)$/.exec(path);
  if (match) return `channel.${channelOrder[Number(match[1])]}.${match[2]}`;
  return path;
}

form.addEventListener('change', syncSections);
form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(form, status);
  button.disabled = true;
  button.textContent = m['submit.sending'] ?? '…';
  try {
    const res = await api<{ id: string }>('POST', `/api/listings?lang=${pageLang()}`, body());
    if (res.status === 202) {
      form.hidden = true;
      showMessage(status, 'success', m['submit.success.title'] ?? '', m['submit.success.text']);
    } else if (res.status === 400 && res.error?.fields) {
      showFieldErrors(form, status, res.error.fields, m['form.errors.title'] ?? '', mapPath);
    } else {
      generalError(status, m, res.status);
    }
  } catch {
    generalError(status, m, 0);
  } finally {
    button.disabled = false;
    button.textContent = m['submit.send'] ?? '';
  }
});

syncSections();
void loadNetworks();
