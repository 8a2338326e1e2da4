import { api, messages, pageLang, showMessage } from './forms.js';
import { listingFacts, type ListingFacts } from './listing-view.js';

const m = messages();
const status = document.getElementById('view-status') as HTMLElement;
const loading = document.getElementById('view-loading') as HTMLElement;
const article = document.getElementById('listing') as HTMLElement;

interface View extends ListingFacts {
  id: string;
  title: string;
  summary: string;
  description: string;
  calendarLinks: { google: string; outlook: string } | null;
}

function notFound(key: string): void {
  loading.hidden = true;
  showMessage(status, 'error', m[key] ?? '');
}

async function start(): Promise<void> {
  const id = new URLSearchParams(location.search).get('id');
  if (!id) return notFound('view.missingId');
  const res = await api<View>('GET', `/api/listings/${encodeURIComponent(id)}?lang=${pageLang()}`);
  if (!res.body) return notFound(res.status === 404 ? 'view.notFound' : 'form.error.general');
  const l = res.body;
  (document.getElementById('listing-title') as HTMLElement).textContent = l.title;
  (document.getElementById('listing-summary') as HTMLElement).textContent = l.summary;
  const description = document.getElementById('listing-description') as HTMLElement;
  description.replaceChildren(
    ...l.description
      .split(/\n{2,}/)
      .filter((p) => p.trim())
      .map((p) => Object.assign(document.createElement('p'), { textContent: p })),
  );
  document.getElementById('listing-facts')!.replaceChildren(listingFacts(l, m));
  if (l.schedule && l.schedule.type !== 'none' && l.calendarLinks) {
    (document.getElementById('listing-ics') as HTMLAnchorElement).href = `/api/listings/${encodeURIComponent(l.id)}/calendar.ics?lang=${pageLang()}`;
    (document.getElementById('listing-google') as HTMLAnchorElement).href = l.calendarLinks.google;
    (document.getElementById('listing-outlook') as HTMLAnchorElement).href = l.calendarLinks.outlook;
    (document.getElementById('listing-calendar') as HTMLElement).hidden = false;
  }
  document.title = `${l.title} – ${document.title}`;
  loading.hidden = true;
  article.hidden = false;
}

void start();
