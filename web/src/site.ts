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
