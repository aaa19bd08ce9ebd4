import { el } from './el.ts';

/** A labelled <select> (id `ctl-NAME`) of [value, text] options that calls `onChange` with the chosen value. */
export function selectControl(
  name: string, label: string, value: string, options: readonly (readonly [string, string])[],
  onChange: (v: string) => void, disabled = false,
): HTMLElement {
  const id = `ctl-${name}`;
  const s = el('select', { id, name, disabled });
  for (const [v, text] of options) s.append(el('option', { value: v, selected: v === value }, text));
  s.addEventListener('change', () => onChange(s.value));
  return el('div', { class: 'control' }, el('label', { for: id }, label), s);
}
