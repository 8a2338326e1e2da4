/**
 * A disclosure button (WAI-ARIA APG): it shows and hides the panel it
 * controls (`aria-controls`), says which with `aria-expanded`, and Escape
 * inside the open panel closes it and gives the focus back to the button.
 * CSS hides the panel while it lacks the `open` class. Returns the setter.
 */
export function bindDisclosure(button: HTMLButtonElement, panel: HTMLElement): (open: boolean) => void {
  const set = (open: boolean) => {
    button.setAttribute('aria-expanded', String(open));
    panel.classList.toggle('open', open);
  };
  button.hidden = false;
  button.addEventListener('click', () => set(button.getAttribute('aria-expanded') !== 'true'));
  panel.addEventListener('keydown', (e) => {
    if (e.key === 'Escape' && button.getAttribute('aria-expanded') === 'true') {
      set(false);
      button.focus();
    }
  });
  return set;
}
