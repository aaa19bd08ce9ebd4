/** Small DOM builders: elements from tag, attributes and children; text only ever through text nodes. */
export type Attrs = Readonly<Record<string, string | number | boolean | null | undefined>>;
export type Child = Node | string | number | null | undefined | false;

/** h('p', { class: 'x' }, 'text', child) → <p class="x">text…</p>; false/null attributes and children are skipped. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K, attrs: Attrs = {}, ...children: readonly Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/** A <select> option; `selected` when its value is the current one. */
export function option(value: string, label: string, current: string): HTMLOptionElement {
  return h('option', { value, selected: value === current }, label);
}

/** A labelled control: <label for=id>text</label> followed by the control. */
export function labelled(text: string, control: HTMLElement & { id: string }): HTMLSpanElement {
  return h('span', { class: 'field' }, h('label', { for: control.id }, text), control);
}
