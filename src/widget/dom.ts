/** Tiny DOM helpers for the widgets: no framework, no innerHTML, no style attributes. */

export type Child = Node | string | number | null | undefined | false

type Props = Record<string, string | number | boolean | EventListener | null | undefined>

/**
 * `h('button', { type: 'button', onclick: go }, 'Next')`. Keys starting with `on` add event
 * listeners; `value` and `checked` set properties; `true` sets an empty attribute; `false`,
 * `null` and `undefined` set nothing.
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: (Child | Child[])[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  for (const [key, value] of Object.entries(props)) {
    if (value === false || value === null || value === undefined) continue
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value as EventListener)
    else if (key === 'value' || key === 'checked') Object.assign(el, { [key]: value })
    else el.setAttribute(key, value === true ? '' : String(value))
  }
  append(el, children)
  return el
}

export function append(el: Element, children: (Child | Child[])[]) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue
    el.append(typeof child === 'number' ? String(child) : child)
  }
}

/** Replaces an element's children. */
export function fill(el: Element, ...children: (Child | Child[])[]) {
  el.replaceChildren()
  append(el, children)
}

const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
}

/**
 * The API's highlighted text (escaped, with `<mark>` around matches) as DOM nodes, built as
 * text and `<mark>` elements only: nothing from the server is ever parsed as HTML.
 */
export function marked(html: string): Node[] {
  const text = (s: string) =>
    document.createTextNode(s.replace(/&(?:amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e] ?? e))
  return html.split(/(<mark>.*?<\/mark>)/).flatMap((part): Node[] => {
    if (part === '') return []
    const m = /^<mark>(.*)<\/mark>$/.exec(part)
    return m ? [h('mark', {}, text(m[1] ?? ''))] : [text(part)]
  })
}

let ids = 0
/** A document-unique id for label/control pairs. */
export const uid = (prefix: string) => `${prefix}-${++ids}`

export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined
  return (...args: A) => {
    clearTimeout(timer)
    timer = setTimeout(() => fn(...args), ms)
  }
}

/** `$29.95`, `$0`. */
export const usd = (amount: number) => `$${amount.toFixed(amount % 1 === 0 ? 0 : 2)}`

/** `$29.95`, `Free`, or `Price unknown`. */
export function money(amount: number | null | undefined): string {
  if (amount === null || amount === undefined) return 'Price unknown'
  return amount === 0 ? 'Free' : usd(amount)
}

export const titleCase = (s: string) =>
  s === 'cpr-card' ? 'CPR card' : s.charAt(0).toUpperCase() + s.slice(1).replace(/-/g, ' ')

/**
 * The optional heading: the host page's own `slot="heading"` element, else an `<h2>` with the
 * `heading` attribute's text, else nothing (a host page usually has its own heading).
 */
export function heading(slot: HTMLSlotElement, text: string | null) {
  const trimmed = text?.trim()
  fill(slot, trimmed ? h('h2', { part: 'heading' }, trimmed) : null)
}
