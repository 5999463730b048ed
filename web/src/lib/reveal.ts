/**
 * Moves focus to a result that just appeared and scrolls its top into view. Focus alone scrolls
 * a tall element so that its middle shows, which on a phone leaves the heading above the screen.
 */
export function reveal(element: HTMLElement | null | undefined) {
  if (!element) return;
  element.focus({ preventScroll: true });
  element.scrollIntoView?.({ block: 'start' });
}
