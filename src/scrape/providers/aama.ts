import { load } from 'cheerio'
import type { Course } from '../../core/catalog/schemas.js'
import {
  clean,
  parseApprovals,
  parseApprovalsUntil,
  parseArea,
  parseCredits,
  parsePrice,
  stableId,
} from '../normalize.js'
import type { Page } from '../types.js'

/**
 * The AAMA e-Learning Center listing: one `.elc-course` per article test, with facts in
 * `.elc-facts` ("CEUs: 1.0 AAMA CEU (Administrative)", "Price: Members: Free / Nonmembers: $20").
 */
export function parseAamaListing(page: Page): Course[] {
  const $ = load(page.html)
  return $('.elc-course')
    .toArray()
    .flatMap((el) => {
      const link = $(el).find('.elc-title a').first()
      const title = clean(link.text())
      if (!title) return []
      const fact = (label: string) =>
        clean(
          $(el)
            .find('.elc-facts li')
            .filter((_, li) => clean($(li).find('.label').text()).toLowerCase().startsWith(label))
            .first()
            .text(),
        ).replace(/^[^:]+:\s*/, '')
      const ceus = fact('ceu')
      const course: Course = {
        id: stableId('aama', title),
        provider: 'aama',
        title,
        url: new URL(link.attr('href') ?? '', page.url).toString(),
        format: /article/i.test(fact('format')) ? 'article' : 'online',
        hours: null, // the listing states CEUs, not contact hours
        credits: parseCredits(ceus, parseArea(ceus)),
        approvals: parseApprovals(ceus),
        ...until(parseApprovalsUntil(`${ceus} ${fact('approv')}`)),
        price: parsePrice(fact('price')),
        tags: [],
        source: { url: page.url, fetchedAt: page.fetchedAt, confidence: 'scraped' },
      }
      return [course]
    })
}

/** `approvalsUntil` when the page gives an end date, else nothing. */
const until = (dates: Partial<Record<string, string>>) =>
  Object.keys(dates).length > 0 ? { approvalsUntil: dates } : {}
