import { bindCounter, bindCounters } from './counter.js';
import { bindDisclosure } from './disclosure.js';

/**
 * Runs on every page. The language switch is built as plain links to the
 * same page in the other languages; here they also carry the query and the
 * fragment, so switching language keeps e.g. an edit link's token or the
 * listing being viewed.
 */
function keepLocation(): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('a[data-keep-location]')) {
    a.href = `${a.pathname}${location.search}${location.hash}`;
  }
}

keepLocation();
window.addEventListener('hashchange', keepLocation);

/**
 * On a phone the main menu folds behind a button (site.css shows the button
 * only on narrow screens). Without this script the menu simply stays open.
 */
function menu(): void {
  const button = document.querySelector<HTMLButtonElement>('.menu-button');
  const nav = document.getElementById('main-nav');
  const header = document.querySelector('.site-header');
  if (!button || !nav || !header) return;
  bindDisclosure(button, nav);
  header.classList.add('menu-ready');
}

menu();

bindCounters();
// Controls added later (a repeat list's new item, a form filled from the API) get theirs on first focus.
document.addEventListener('focusin', (e) => {
  const t = e.target;
  if ((t instanceof HTMLInputElement || t instanceof HTMLTextAreaElement) && t.dataset.maxlength) bindCounter(t);
});
