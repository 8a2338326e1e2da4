/**
 * The coordinator desk's sections as a tab bar of links (web/pages/coordinator.ts):
 * one section shows at a time, each has its own address (#listings,
 * #meetings, …) so Back and Forward move between them and a section can be
 * linked, and the current link has aria-current. A fragment inside a section
 * (#listing-<id> from the moderation mail) opens that section.
 */

export type DeskSection = 'listings' | 'meetings' | 'surveys' | 'mailing' | 'coordinators' | 'audit';
const SECTIONS: readonly DeskSection[] = ['listings', 'meetings', 'surveys', 'mailing', 'coordinators', 'audit'];

/** A section tells the tab bar how many things wait in it ("Tarkistettavat 3"). */
export function announceCount(section: DeskSection, n: number): void {
  document.dispatchEvent(new CustomEvent('verkosto:count', { detail: { section, n } }));
}

function sectionOf(hash: string): DeskSection {
  let id = '';
  try {
    id = decodeURIComponent(hash.slice(1));
  } catch {
    return SECTIONS[0]!;
  }
  if ((SECTIONS as readonly string[]).includes(id)) return id as DeskSection;
  if (id.startsWith('listing-')) return 'listings';
  const inside = id ? document.getElementById(id)?.closest('section.desk-section')?.id : undefined;
  return (SECTIONS as readonly string[]).includes(inside ?? '') ? (inside as DeskSection) : SECTIONS[0]!;
}

export function bindDeskTabs(): void {
  const nav = document.getElementById('desk-tabs');
  if (!nav) return;
  const show = (moveFocus: boolean) => {
    const current = sectionOf(location.hash);
    for (const id of SECTIONS) {
      const section = document.getElementById(id);
      if (section) section.hidden = id !== current;
    }
    for (const a of nav.querySelectorAll<HTMLAnchorElement>('a[data-section]')) {
      if (a.dataset.section === current) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    }
    if (moveFocus) {
      // The section's heading is read next, and the tab bar stays in view above it.
      document.getElementById(current)?.focus({ preventScroll: true });
      nav.scrollIntoView({ block: 'nearest' });
    }
  };
  document.addEventListener('verkosto:count', (ev) => {
    const { section, n } = (ev as CustomEvent<{ section: DeskSection; n: number }>).detail;
    const badge = nav.querySelector<HTMLElement>(`[data-count-for="${section}"]`);
    if (!badge) return;
    badge.textContent = String(n);
    badge.hidden = false;
  });
  window.addEventListener('hashchange', () => show(true));
  show(false);
}
