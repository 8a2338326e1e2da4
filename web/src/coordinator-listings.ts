/**
 * The desk's "listings" section: the listings of the chosen network that
 * wait for a decision, each an article `#listing-<id>` (the moderation mail
 * links there), with Approve and Reject (a reason is required and mailed
 * to the submitter). Renders into #listings-body when the desk announces
 * its network (the `verkosto:network` event of web/src/coordinator.ts).
 */
import { announceCount } from './desk-tabs.js';
import { api, clearErrors, generalError, messages, showFieldErrors, showMessage, type Localised } from './forms.js';
import { el, fill, formatDateTime, listingFacts, pick, type ListingFacts } from './listing-view.js';

const m = messages();
const box = document.getElementById('listings-body') as HTMLElement;

interface Data extends Omit<ListingFacts, 'next'> {
  title: Localised;
  summary: Localised;
  description: Localised;
  [k: string]: unknown;
}
interface Pending {
  id: string;
  status: string;
  submittedAt: string;
  updatedAt: string;
  data: Data;
  published: Data | null;
}

/** Field labels for "what changes" in an edit of a published listing. */
const FIELD_LABELS: Record<string, string> = {
  network: 'submit.network', organisation: 'submit.section.organisation', contact: 'submit.section.contact', title: 'submit.title.field',
  summary: 'submit.summary', description: 'submit.description', kind: 'submit.kind', themes: 'submit.themes', targetGroups: 'submit.targetGroups',
  ageRange: 'submit.age', languages: 'submit.languages', channels: 'submit.channels', accessibility: 'submit.accessibility', schedule: 'submit.schedule',
  cost: 'submit.cost', registration: 'submit.registration', validFrom: 'submit.validFrom', validUntil: 'submit.validUntil',
};

function changed(before: Data, after: Data): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null)).map((k) => m[FIELD_LABELS[k] ?? ''] ?? k);
}

let network = '';
/**
 * Decisions this page has sent, by listing id → the version decided on. The
 * API accepts a decision (202) and applies it through an event a moment
 * later, so a list read right after may still show the listing as pending;
 * it stays hidden unless the submitter changed it since.
 */
const decided = new Map<string, string>();
const decide = (l: Pending) => decided.set(l.id, l.updatedAt ?? l.submittedAt);
const stillPending = (l: Pending) => decided.get(l.id) !== (l.updatedAt ?? l.submittedAt);
const status = el('div', undefined, 'status');
status.id = 'listings-status';
status.tabIndex = -1;
status.hidden = true;

function rejectForm(l: Pending, title: string, onDone: () => Promise<void>): HTMLFormElement {
  const form = el('form', undefined, 'stack narrow reject-form');
  form.method = 'post';
  form.noValidate = true;
  form.hidden = true;
  const formStatus = el('div', undefined, 'status');
  formStatus.tabIndex = -1;
  formStatus.hidden = true;
  const field = el('div', undefined, 'field');
  field.dataset.field = 'reason';
  const id = `reason-${l.id}`;
  const label = el('label', m['coord.pending.reason']);
  label.htmlFor = id;
  label.append(Object.assign(el('span', ' *', 'req'), { ariaHidden: 'true' }));
  const hint = el('p', m['coord.pending.reasonHint'], 'hint');
  hint.id = `${id}-hint`;
  const area = el('textarea');
  area.id = id;
  area.name = 'reason';
  area.rows = 4;
  area.maxLength = 2000;
  area.required = true;
  area.setAttribute('aria-describedby', hint.id);
  field.append(label, hint, area);
  const send = el('button', m['coord.pending.rejectSend'], 'primary');
  send.type = 'submit';
  send.setAttribute('aria-describedby', `listing-${l.id}-h`);
  const cancel = el('button', m['coord.pending.cancel'], 'secondary');
  cancel.type = 'button';
  const actions = el('p', undefined, 'actions');
  actions.append(send, ' ', cancel);
  form.append(formStatus, field, actions);
  cancel.addEventListener('click', () => {
    form.hidden = true;
    clearErrors(form, formStatus);
    form.previousElementSibling?.querySelector<HTMLButtonElement>('[data-action="reject"]')?.focus();
  });
  let busy = false;
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (busy) return;
    busy = true;
    form.setAttribute('aria-busy', 'true');
    try {
      const res = await api('POST', `/api/coordinator/listings/${encodeURIComponent(l.id)}/reject?lang=${document.documentElement.lang}`, { reason: area.value.trim() });
      if (res.status === 202) {
        decide(l);
        await onDone();
        showMessage(status, 'success', fill(m['coord.pending.rejected'], { title }));
      } else if (res.status === 400 && res.error?.fields) showFieldErrors(form, formStatus, res.error.fields, m);
      else generalError(formStatus, m, res.status);
    } finally {
      busy = false;
      form.removeAttribute('aria-busy');
    }
  });
  return form;
}

function article(l: Pending): HTMLElement {
  const a = el('article', undefined, 'card pending-listing');
  a.id = `listing-${l.id}`;
  a.tabIndex = -1;
  const hId = `listing-${l.id}-h`;
  a.setAttribute('aria-labelledby', hId);
  const h = el('h3');
  h.id = hId;
  const title = pick(l.data.title);
  h.textContent = title;
  a.append(h);
  const kind = el('p', undefined, 'muted');
  kind.textContent = `${l.published ? m['coord.pending.edited'] : m['coord.pending.new']} · ${fill(m['coord.pending.submitted'], { date: formatDateTime(l.updatedAt ?? l.submittedAt) })}`;
  a.append(kind);
  if (l.published) {
    const list = changed(l.published, l.data);
    const p = el('p', undefined, 'changes');
    p.append(el('strong', fill(m['coord.pending.changed'], { fields: list.join(', ') })));
    a.append(p, el('p', `${m['coord.pending.current'] ?? ''}: ${pick(l.published.title)}`));
  }
  a.append(el('p', pick(l.data.summary), 'lead'));
  for (const para of pick(l.data.description).split(/\n{2,}/).filter((x) => x.trim())) a.append(el('p', para));
  a.append(listingFacts(l.data, m));

  const approve = el('button', m['coord.pending.approve'], 'primary');
  approve.type = 'button';
  approve.setAttribute('aria-describedby', hId);
  const reject = el('button', m['coord.pending.reject'], 'secondary');
  reject.type = 'button';
  reject.dataset.action = 'reject';
  reject.setAttribute('aria-describedby', hId);
  const actions = el('p', undefined, 'actions');
  actions.append(approve, ' ', reject);
  const form = rejectForm(l, title, () => load());
  a.append(actions, form);

  approve.addEventListener('click', async () => {
    const res = await api('POST', `/api/coordinator/listings/${encodeURIComponent(l.id)}/approve`);
    if (res.status === 202) {
      decide(l);
      await load();
      showMessage(status, 'success', fill(m['coord.pending.approved'], { title }));
    } else {
      await load();
      generalError(status, m, res.status);
    }
  });
  reject.addEventListener('click', () => {
    form.hidden = false;
    form.querySelector('textarea')!.focus();
  });
  return a;
}

/**
 * The search over the waiting listings: the API's `q` (the directory's
 * search: inflections, compound parts, typos; best matches first), asked
 * as the coordinator types, once typing pauses. How many matched is said
 * in a live region, so a screen reader hears it without leaving the field.
 */
const search = el('form', undefined, 'stack narrow pending-search');
search.setAttribute('role', 'search');
search.noValidate = true;
const searchField = el('div', undefined, 'field');
const searchLabel = el('label', m['coord.pending.search']);
searchLabel.htmlFor = 'pending-q';
const searchHint = el('p', m['coord.pending.searchHint'], 'hint');
searchHint.id = 'pending-q-hint';
const searchInput = el('input');
searchInput.type = 'search';
searchInput.id = 'pending-q';
searchInput.name = 'q';
searchInput.maxLength = 200;
searchInput.autocomplete = 'off';
searchInput.setAttribute('aria-describedby', searchHint.id);
searchField.append(searchLabel, searchHint, searchInput);
search.append(searchField);
const found = el('p', undefined, 'muted');
found.id = 'pending-found';
found.setAttribute('role', 'status');
found.setAttribute('aria-live', 'polite');
/** Typing pauses this long before the list is asked again: one request per word, not per letter. */
const TYPING_PAUSE_MS = 300;
let typing: ReturnType<typeof setTimeout> | undefined;
searchInput.addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(() => void load(), TYPING_PAUSE_MS);
});
search.addEventListener('submit', (ev) => {
  ev.preventDefault();
  clearTimeout(typing);
  void load();
});

const holder = el('div');
let firstLoad = true;
/** Answers that arrive after a newer question are dropped: a slow answer to "perhe" must not replace the one to "perhekahvila". */
let asked = 0;
async function load(): Promise<void> {
  if (!network) return;
  const q = searchInput.value.trim();
  const mine = ++asked;
  const res = await api<{ listings: Pending[] }>('GET', `/api/coordinator/networks/${encodeURIComponent(network)}/listings?status=pending${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  if (mine !== asked) return;
  const list = el('div', undefined, 'pending-list');
  list.id = 'pending-listings';
  if (!res.body) {
    list.append(el('p', m['coord.pending.error']));
    found.textContent = '';
  } else {
    const pending = res.body.listings.filter(stillPending);
    if (!pending.length && !q) list.append(el('p', m['coord.pending.none'], 'muted'));
    else list.append(...pending.map(article));
    if (!q) announceCount('listings', pending.length);
    found.textContent = q ? fill(m[pending.length === 0 ? 'coord.pending.foundNone' : pending.length === 1 ? 'coord.pending.foundOne' : 'coord.pending.found'], { n: pending.length, q }) : '';
  }
  // The list alone is replaced: replacing the field too would take the focus from someone typing in it.
  if (holder.parentElement !== box) box.replaceChildren(status, search, found, holder);
  holder.replaceChildren(list);
  // The moderation mail links to #listing-<id>: bring that one into view once it exists.
  if (firstLoad && location.hash.startsWith('#listing-')) {
    const target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (target) {
      target.scrollIntoView({ block: 'start' });
      target.focus();
    }
  }
  firstLoad = false;
}

document.addEventListener('verkosto:network', (ev) => {
  network = (ev as CustomEvent<string>).detail;
  status.hidden = true;
  void load();
});
