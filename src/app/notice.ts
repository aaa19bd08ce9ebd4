import { el } from './el.ts';

/** A dismissible notice (e.g. link-state problems): its messages and a Dismiss button that removes it. */
export function notice(messages: readonly string[], kind: 'warn' | 'error' = 'warn', onDismiss?: () => void): HTMLElement {
  const box = el('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' });
  const list = el('ul', {}, ...messages.map((m) => el('li', {}, m)));
  const close = el('button', { type: 'button', class: 'dismiss' }, 'Dismiss');
  close.addEventListener('click', () => {
    box.remove();
    onDismiss?.();
  });
  box.append(list, close);
  return box;
}
