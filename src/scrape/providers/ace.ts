import { load } from 'cheerio'
import type { Course } from '../../core/catalog/schemas.js'
import { clean, parseApprovals, parseArea, parseCredits, stableId } from '../normalize.js'
import type { Page } from '../types.js'

/**
 * The ACE course list: `.course-item` blocks with the name, "Content area: Clinical" and
 * "2 CEUs". The page states once that every course is AAMA-approved and accepted by AMT, NHA
 * and ARMA; single-course prices are not listed (the membership covers them), so price stays
 * unknown.
 */
export function parseAceList(page: Page): Course[] {
  const $ = load(page.html)
  const approvals = parseApprovals($('.membership').text())
  return $('.course-item')
    .toArray()
    .flatMap((el) => {
      const link = $(el).find('.course-name a').first()
      const title = clean(link.text())
      if (!title) return []
      const area = parseArea($(el).find('.area').text())
      const blurb = clean($(el).find('.course-blurb').text())
      const course: Course = {
        id: stableId('ace', title),
        provider: 'ace',
        title,
        ...(blurb && { description: blurb }),
        url: new URL(link.attr('href') ?? '', page.url).toString(),
        format: 'online',
        hours: null,
        credits: parseCredits($(el).find('.ceu').text(), area),
        approvals,
        price: null,
        tags: [],
        source: { url: page.url, fetchedAt: page.fetchedAt, confidence: 'scraped' },
      }
      return [course]
    })
}
