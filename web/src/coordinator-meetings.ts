import { announceCount } from './desk-tabs.js';
import { api, bindJsonForm, formJson, messages, pageLang, setLocalText, showMessage, type Localised } from './forms.js';
import { el, fill, whenText } from './meeting-text.js';
import { initRepeats, syncReveals } from './reveal.js';

/**
 * The meetings section of the coordinator desk: coming meetings with their
 * seats, attendees and waitlist, CSV export, cancelling one or the rest of
 * a series, and the form that schedules a meeting or a monthly series.
 * The desk (coordinator.ts) announces the chosen network with 'verkosto:network'.
 */
const m = messages();
const listBox = document.getElementById('desk-meetings-list') as HTMLElement;
const sectionStatus = document.getElementById('meetings-desk-status') as HTMLElement;
const attendeesBox = document.getElementById('desk-meetings-attendees') as HTMLElement;
const cancelBox = document.getElementById('desk-meeting-cancel-box') as HTMLElement;
const cancelForm = document.getElementById('desk-meeting-cancel') as HTMLFormElement;
const cancelHeading = document.getElementById('desk-cancel-h') as HTMLElement;
const scheduleForm = document.getElementById('schedule-meeting') as HTMLFormElement;
const scheduleStatus = document.getElementById('schedule-status') as HTMLElement;

interface DeskMeeting {
  id: string;
  seriesId: string;
  title: Localised;
  date: string;
  startTime: string;
  endTime: string;
  status: 'scheduled' | 'cancelled';
  capacity: number | null;
  confirmed: number;
  waitlisted: number;
}

interface Attendee {
  name: string;
  email: string;
  organisation?: string;
  attendance: 'onsite' | 'online';
  position?: number;
}

let network = '';
/** The meeting the cancel form and the attendee list are about, and the button to return focus to. */
let current: { meeting: DeskMeeting; opener: HTMLElement } | undefined;

const titleOf = (t: Localised) => t[pageLang()] ?? t.fi;
const whenOf = (d: DeskMeeting) => whenText(m, d.date, d.startTime, d.endTime);

function table(head: string[], rows: Array<Array<string | Node>>): HTMLTableElement {
  const t = el('table');
  const tr = el('tr');
  for (const h of head) {
    const th = el('th', h);
    th.scope = 'col';
    tr.append(th);
  }
  const thead = el('thead');
  thead.append(tr);
  const tbody = el('tbody');
  for (const row of rows) {
    const r = el('tr');
    for (const c of row) {
      const td = el('td');
      td.append(c);
      r.append(td);
    }
    tbody.append(r);
  }
  t.append(thead, tbody);
  return t;
}

function actions(d: DeskMeeting): Node {
  const wrap = el('div', undefined, 'row-actions');
  const label = `${titleOf(d.title)}, ${whenOf(d)}`;
  const show = el('button', m['desk.meetings.attendees'], 'link');
  show.type = 'button';
  show.setAttribute('aria-label', `${m['desk.meetings.attendees'] ?? ''}: ${label}`);
  show.addEventListener('click', () => void showAttendees(d, show));
  const csv = el('a', m['desk.meetings.csv']);
  csv.href = `/api/coordinator/meetings/${encodeURIComponent(d.id)}/attendees.csv`;
  csv.setAttribute('download', `attendees-${d.date}.csv`);
  csv.setAttribute('aria-label', `${m['desk.meetings.csv'] ?? ''}: ${label}`);
  wrap.append(show, csv);
  if (d.status !== 'cancelled') {
    const cancel = el('button', m['desk.meetings.cancel'], 'link');
    cancel.type = 'button';
    cancel.setAttribute('aria-label', `${m['desk.meetings.cancel'] ?? ''}: ${label}`);
    cancel.addEventListener('click', () => openCancel(d, cancel));
    wrap.append(cancel);
  }
  return wrap;
}

async function loadMeetings(): Promise<void> {
  if (!network) return;
  const res = await api<{ meetings: DeskMeeting[] }>('GET', `/api/coordinator/networks/${encodeURIComponent(network)}/meetings`);
  if (!res.body) {
    listBox.replaceChildren(el('p', m['desk.meetings.error']));
    return;
  }
  const meetings = res.body.meetings;
  announceCount('meetings', meetings.filter((d) => d.status !== 'cancelled').length);
  if (!meetings.length) {
    listBox.replaceChildren(el('p', m['desk.meetings.none'], 'muted'));
    return;
  }
  const rows = meetings.map((d) => {
    const title = el('span');
    setLocalText(title, d.title);
    const titleCell = el('div');
    titleCell.append(title);
    if (d.status === 'cancelled') titleCell.append(' ', el('strong', `(${m['desk.meetings.cancelled'] ?? ''})`));
    return [whenOf(d), titleCell, `${d.confirmed} / ${d.capacity ?? m['desk.meetings.unlimited'] ?? ''}`, String(d.waitlisted), actions(d)];
  });
  listBox.replaceChildren(
    table([m['desk.meetings.col.when'], m['desk.meetings.col.title'], m['desk.meetings.col.confirmed'], m['desk.meetings.col.waitlisted'], m['desk.meetings.col.actions']].map((x) => x ?? ''), rows),
  );
}

async function showAttendees(d: DeskMeeting, opener: HTMLElement): Promise<void> {
  cancelBox.hidden = true;
  const res = await api<{ attendees: Attendee[]; waitlist: Attendee[] }>('GET', `/api/coordinator/meetings/${encodeURIComponent(d.id)}/attendees`);
  if (!res.body) {
    showMessage(sectionStatus, 'error', m['desk.meetings.error'] ?? '');
    return;
  }
  current = { meeting: d, opener };
  (document.getElementById('desk-attendees-h') as HTMLElement).textContent = fill(m['desk.meetings.list.title'], { title: titleOf(d.title), when: whenOf(d) });
  const attendance = (a: Attendee) => m[`rsvp.attendance.${a.attendance}`] ?? a.attendance;
  const head = [m['desk.meetings.col.name'], m['desk.meetings.col.email'], m['desk.meetings.col.organisation'], m['desk.meetings.col.attendance']].map((x) => x ?? '');
  const part = (title: string | undefined, people: Attendee[], withPosition: boolean): Node[] => {
    const h = el('h5', title);
    if (!people.length) return [h, el('p', m['desk.meetings.list.none'], 'muted')];
    const wrap = el('div', undefined, 'table-wrap');
    wrap.append(
      table(
        withPosition ? [m['desk.meetings.col.position'] ?? '', ...head] : head,
        people.map((a) => [...(withPosition ? [String(a.position ?? '')] : []), a.name, a.email, a.organisation ?? '', attendance(a)]),
      ),
    );
    return [h, wrap];
  };
  (document.getElementById('desk-attendees-body') as HTMLElement).replaceChildren(
    ...part(m['desk.meetings.list.confirmed'], res.body.attendees, false),
    ...part(m['desk.meetings.list.waitlist'], res.body.waitlist, true),
  );
  attendeesBox.hidden = false;
  attendeesBox.focus();
}

document.getElementById('desk-attendees-close')!.addEventListener('click', () => {
  attendeesBox.hidden = true;
  current?.opener.focus();
});

function openCancel(d: DeskMeeting, opener: HTMLElement): void {
  attendeesBox.hidden = true;
  current = { meeting: d, opener };
  cancelForm.reset();
  cancelHeading.textContent = fill(m['desk.meetings.cancel.title'], { title: titleOf(d.title), when: whenOf(d) });
  cancelBox.hidden = false;
  cancelHeading.focus();
}

document.getElementById('desk-cancel-no')!.addEventListener('click', () => {
  cancelBox.hidden = true;
  current?.opener.focus();
});

bindJsonForm<{ ids: string[] }>(cancelForm, {
  status: document.getElementById('desk-cancel-status') as HTMLElement,
  url: () => `/api/coordinator/meetings/${encodeURIComponent(current?.meeting.id ?? '')}/cancel`,
  accepted: [202],
  m,
  onSuccess: async (out) => {
    cancelBox.hidden = true;
    await loadMeetings();
    showMessage(sectionStatus, 'success', fill(m['desk.meetings.cancel.done'], { n: out?.ids.length ?? 0 }));
  },
});

/* ---------- scheduling ---------- */

initRepeats(scheduleForm, () => syncReveals(scheduleForm));
scheduleForm.addEventListener('change', () => syncReveals(scheduleForm));
syncReveals(scheduleForm);

/** The form's body, with the two values that are not plain fields: presenters (one per line) and the withheld link. */
function scheduleBody(): unknown {
  const body = formJson(scheduleForm) as { mode?: string; meeting?: Record<string, unknown> };
  delete body.mode;
  const meeting = (body.meeting ??= {});
  if (typeof meeting.presenters === 'string') {
    const lines = meeting.presenters.split('\n').map((s) => s.trim()).filter(Boolean);
    if (lines.length) meeting.presenters = lines;
    else delete meeting.presenters;
  }
  const online = meeting.online as Record<string, unknown> | undefined;
  if (online) online.withheldUntilConfirmed = (document.getElementById('f-meeting-online-withheld') as HTMLInputElement).checked;
  return body;
}

bindJsonForm<{ ids: string[] }>(scheduleForm, {
  status: scheduleStatus,
  url: () => `/api/coordinator/networks/${encodeURIComponent(network)}/meetings`,
  body: scheduleBody,
  accepted: [202],
  ...(m['desk.meetings.f.sending'] ? { busyText: m['desk.meetings.f.sending'] } : {}),
  m,
  onSuccess: async (out) => {
    scheduleForm.reset();
    syncReveals(scheduleForm);
    await loadMeetings();
    showMessage(scheduleStatus, 'success', fill(m['desk.meetings.f.done'], { n: out?.ids.length ?? 0 }));
  },
});

document.addEventListener('verkosto:network', (ev) => {
  network = (ev as CustomEvent<string>).detail;
  attendeesBox.hidden = true;
  cancelBox.hidden = true;
  void loadMeetings();
});
