import type { Facet } from './attributes.js'
import { h, titleCase, uid } from './dom.js'

/** The catalog's facets, in the order shown, with their legends. */
export const FACETS: [Facet, string][] = [
  ['category', 'Content area'],
  ['approval', 'Approved by'],
  ['provider', 'Provider'],
  ['format', 'Format'],
]

export type Limit = 'maxPrice' | 'maxHours'

/**
 * The filters: one fieldset per facet (filled in by `facetOptions` once counts arrive) and the
 * limits. Open beside the results when there is room; folded above them on a phone.
 */
export function filterPanel(open: boolean, onLimit: (name: Limit, value: string) => void) {
  const boxes = {} as Record<Facet, HTMLElement>
  const fieldsets = FACETS.map(([facet, legend]) => {
    boxes[facet] = h('div')
    return h('fieldset', {}, h('legend', {}, legend), boxes[facet])
  })
  const limit = (label: string, name: Limit) => {
    const id = uid('ceu-limit')
    return h(
      'div',
      {},
      h('label', { for: id }, label),
      h('input', {
        id,
        type: 'number',
        min: '0',
        step: 'any',
        inputmode: 'decimal',
        oninput: (e: Event) => onLimit(name, (e.target as HTMLInputElement).value),
      }),
    )
  }
  const panel = h(
    'details',
    { part: 'filters', class: 'filters', open },
    h('summary', {}, 'Filters'),
    fieldsets,
    h(
      'fieldset',
      {},
      h('legend', {}, 'Limits'),
      h(
        'div',
        { class: 'stack' },
        limit('Highest price ($)', 'maxPrice'),
        limit('Most hours', 'maxHours'),
      ),
    ),
  )
  return { panel, boxes }
}

export const facetLabel = (facet: Facet, value: string) =>
  facet === 'approval' ? value : titleCase(value)

/** One checkbox per value, with its count. */
export function facetOptions(
  facet: Facet,
  values: string[],
  counts: Record<string, number>,
  selected: Set<string>,
  label: (value: string) => string,
  toggle: (value: string, on: boolean) => void,
) {
  return values.map((value) => {
    const id = uid(`ceu-${facet}`)
    return h(
      'label',
      { class: 'check', for: id },
      h('input', {
        id,
        type: 'checkbox',
        name: facet,
        value,
        checked: selected.has(value),
        onchange: (e: Event) => toggle(value, (e.target as HTMLInputElement).checked),
      }),
      h('span', {}, label(value)),
      h(
        'span',
        { class: 'count' },
        String(counts[value] ?? 0),
        h('span', { class: 'sr' }, ' courses'),
      ),
    )
  })
}
