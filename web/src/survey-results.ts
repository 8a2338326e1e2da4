/**
 * The public results page: /<lang>/surveys/results/?id=<survey>. Shows
 * the results once the coordinator has published them and at least five
 * have answered (no free text).
 */
import { api, messages, ownText, pageLang, showMessage } from './forms.js';
import { fill, MIN_PUBLISHED, renderResults, type SurveyResults } from './survey-results-view.js';

const m = messages();
const status = document.getElementById('form-status') as HTMLElement;
const box = document.getElementById('results') as HTMLElement;
const id = new URLSearchParams(location.search).get('id') ?? '';

async function load() {
  if (!id) {
    box.replaceChildren();
    return showMessage(status, 'error', m['survey.notFound'] ?? '');
  }
  const res = await api<SurveyResults>('GET', `/api/surveys/${encodeURIComponent(id)}/results?lang=${pageLang()}`);
  if (res.status !== 200 || !res.body) {
    box.replaceChildren();
    // Published, but fewer than five have answered: small-number protection, said as such.
    if (res.error?.code === 'too_few_responses') return showMessage(status, 'info', m['survey.results.notPublished'] ?? '', fill(m['survey.results.tooFew'], { min: MIN_PUBLISHED }));
    return showMessage(status, 'error', m[res.status === 404 ? 'survey.results.notPublished' : 'survey.loadError'] ?? '');
  }
  const r = res.body;
  const h1 = document.querySelector('main h1') as HTMLElement;
  h1.replaceChildren(`${m['survey.results.title'] ?? ''}: `, ownText(r.title, r.titleLang));
  document.title = `${h1.textContent} – ${document.title.split(' – ').slice(1).join(' – ')}`;
  renderResults(box, r, m, { level: 2, idPrefix: 'r', lang: document.documentElement.lang });
}

void load();
