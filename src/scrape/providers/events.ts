import { load } from 'cheerio'
import type { Course } from '../../core/catalog/schemas.js'
import {
  clean,
  parseApprovals,
  parseCredits,
  parseDate,
  parsePrice,
  stableId,
} from '../normalize.js'
import type { Page } from '../types.js'

/**
 * State society and chapter event tables: one row per meeting or workshop with its date,
 * title, location, CEUs ("4.0 (Clinical 2.0, General 2.0)") and cost. The page says once
 * which body approves them.
 */
export function parseEventTable(provider: string) {
  return (page: Page): Course[] => {
    const $ = load(page.html)
    const approvals = parseApprovals($('main p').first().text())
    return $('table.events tbody tr')
      .toArray()
      .flatMap((row) => {
        const cell = (name: string) => $(row).find(`td.${name}`).first()
        const link = cell('event').find('a').first()
        const title = clean(cell('event').text())
        const start = parseDate(cell('date').text())
        if (!title || !start) return []
        const location = clean(cell('where').text())
        const course: Course = {
          id: stableId(provider, `${title} ${start}`),
          provider,
          title,
          ...(link.attr('href') && {
            url: new URL(link.attr('href') as string, page.url).toString(),
          }),
          format: /workshop/i.test(title) ? 'workshop' : 'seminar',
          hours: null,
          credits: parseCredits(cell('ceus').text()),
          approvals,
          price: parsePrice(cell('cost').text()),
          sessions: [{ start, ...(location && { location }) }],
          tags: [],
          source: { url: page.url, fetchedAt: page.fetchedAt, confidence: 'scraped' },
        }
        return [course]
      })
  }
}
