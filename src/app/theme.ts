/**
 * The colour theme: light, dark, or the system's (the default). The choice is kept in this browser
 * (localStorage, never sent) and applied as `data-theme` on <html>, which app.css reads over the system preference.
 */
import { el } from './el.ts';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];
export const THEME_KEY = 'nelm-explorer:theme';

function stored(): Theme {
  try {
    const v = globalThis.localStorage?.getItem(THEME_KEY);
    return THEMES.find((t) => t === v) ?? 'system';
  } catch {
    return 'system';
  }
}

/** Applies a theme to the page and remembers it (a refused write keeps it for this page only). */
export function applyTheme(theme: Theme): void {
  if (theme === 'system') document.documentElement.removeAttribute('data-theme');
  else document.documentElement.setAttribute('data-theme', theme);
  try {
    if (theme === 'system') globalThis.localStorage?.removeItem(THEME_KEY);
    else globalThis.localStorage?.setItem(THEME_KEY, theme);
  } catch {
    // storage refused: the theme holds until the page is closed
  }
}

/** Applies the remembered theme (call once at start). */
export function restoreTheme(): void {
  const t = stored();
  if (t !== 'system') document.documentElement.setAttribute('data-theme', t);
}

/** The theme control for the header. */
export function themeSwitch(): HTMLElement {
  const current = document.documentElement.getAttribute('data-theme') ?? 'system';
  const select = el('select', { 'id': 'theme-select', 'class': 'theme-select', 'aria-label': 'Colour theme' });
  for (const t of THEMES) {
    select.append(el('option', { value: t, selected: t === current }, t === 'system' ? 'Theme: system' : `Theme: ${t}`));
  }
  select.addEventListener('change', () => applyTheme(THEMES.find((t) => t === select.value) ?? 'system'));
  return select;
}
