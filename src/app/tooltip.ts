/**
 * One HTML tooltip for chart rows: shown on hover AND keyboard focus, positioned near the row, text only.
 * Escape hides it. Rows point at it with aria-describedby.
 */
export function attachTooltips(
  container: HTMLElement, selector: string, textOf: (el: Element) => string | undefined,
): HTMLElement {
  const tip = document.createElement('div');
  tip.className = 'tooltip';
  tip.id = 'chart-tooltip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  container.append(tip);

  const show = (row: Element) => {
    const text = textOf(row);
    if (!text) return;
    tip.replaceChildren(...text.split('\n').map((line) => {
      const p = document.createElement('p');
      p.textContent = line;
      return p;
    }));
    tip.hidden = false;
    const box = row.getBoundingClientRect();
    const host = container.getBoundingClientRect();
    const left = Math.min(Math.max(0, box.left - host.left + 24), Math.max(0, host.width - tip.offsetWidth - 8));
    tip.style.left = `${left}px`;
    // below the row, or above it when it would leave the window
    const below = box.bottom + 4 + tip.offsetHeight <= window.innerHeight;
    tip.style.top = `${below ? box.bottom - host.top + 4 : box.top - host.top - tip.offsetHeight - 4}px`;
  };
  const hide = () => {
    tip.hidden = true;
  };
  for (const row of container.querySelectorAll(selector)) {
    row.setAttribute('aria-describedby', tip.id);
    row.addEventListener('mouseenter', () => show(row));
    row.addEventListener('mouseleave', hide);
    row.addEventListener('focus', () => show(row));
    row.addEventListener('blur', hide);
    row.addEventListener('keydown', (e) => {
      if ((e as KeyboardEvent).key === 'Escape') hide();
    });
  }
  return tip;
}
