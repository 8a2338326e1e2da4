import { api, messages, pageLang, showMessage } from './forms.js';
import { fill, formatDate, listingFacts, paragraphs, type ListingFacts } from './listing-view.js';
import { helsinkiDay } from './time.js';

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
  updatedAt: string;
}

function notFound(key: string): void {
  loading.hidden = true;
  showMessage(status, 'error', m[key] ?? '');
}

/** A listing that was public and is no longer: say what happened and where to go on. */
function gone(why: 'withdrawn' | 'expired'): void {
  loading.hidden = true;
  const next = document.createElement('p');
  const link = Object.assign(document.createElement('a'), { href: `/${pageLang()}/listings/`, textContent: m['view.gone.search'] ?? '' });
  next.append(link);
  showMessage(status, 'info', m[`view.gone.${why}.title`] ?? '', m[`view.gone.${why}.text`], next);
}

async function start(): Promise<void> {
  const id = new URLSearchParams(location.search).get('id');
  if (!id) return notFound('view.missingId');
  const res = await api<View>('GET', `/api/listings/${encodeURIComponent(id)}?lang=${pageLang()}`);
  if (res.status === 410) return gone(res.error?.code === 'withdrawn' ? 'withdrawn' : 'expired');
  if (!res.body) return notFound(res.status === 404 ? 'view.notFound' : 'form.error.general');
  const l = res.body;
  // The page is about this listing, so its title is the page's h1.
  (document.querySelector('main h1') as HTMLElement).textContent = l.title;
  (document.getElementById('listing-summary') as HTMLElement).textContent = l.summary;
  (document.getElementById('listing-checked') as HTMLElement).textContent = fill(m['view.checked'], { date: formatDate(helsinkiDay(l.updatedAt)) });
  document.getElementById('listing-description')!.replaceChildren(...paragraphs(l.description));
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
