import { CATEGORIES, isSample } from '../core/catalog/constants.js'
import type { Course } from './api.js'
import { h, marked, money, titleCase } from './dom.js'

/** One result: highlighted title linking out, provider, credits by area, hours, price, approvals. */
export function courseCard(hit: Course & { highlight: { title: string } }, providerName: string) {
  const credits = CATEGORIES.filter((a) => (hit.credits[a] ?? 0) > 0).map(
    (a) => `${titleCase(a)} ${hit.credits[a]}`,
  )
  const title = marked(hit.highlight.title)
  return h(
    'li',
    { class: 'card', part: 'card' },
    h(
      'h3',
      { part: 'title' },
      hit.url ? h('a', { href: hit.url, target: '_blank', rel: 'noopener' }, title) : title,
    ),
    h('p', { class: 'meta' }, `${providerName} · ${titleCase(hit.format)}`),
    h(
      'p',
      {},
      credits.length > 0 ? `Credits: ${credits.join(', ')}` : 'Credits: not known',
      ' · ',
      hit.hours === null ? 'hours not known' : `${hit.hours} h`,
    ),
    h('p', { class: 'price' }, money(hit.price)),
    (hit.unknown?.length ?? 0) > 0 &&
      h(
        'p',
        { class: 'meta unknown' },
        `Not known (${hit.unknown?.join(', ')}) — check with the provider`,
      ),
    h(
      'p',
      { class: 'meta' },
      hit.approvals.length > 0
        ? `Approved by ${hit.approvals.join(', ')}`
        : 'No approving body listed',
    ),
    isSample(hit) && h('p', {}, h('span', { class: 'tag' }, 'Sample data')),
  )
}
