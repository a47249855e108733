import { load } from 'cheerio'
import type { Course } from '../../core/catalog/schemas.js'
import {
  clean,
  parseApprovals,
  parseArea,
  parseCredits,
  parseFormat,
  parseHours,
  parsePrice,
  stableId,
} from '../normalize.js'
import type { Page } from '../types.js'

/**
 * A Relias Academy course page: `#product-detail` with the title, a summary, attributes
 * (contact hours, credits, accreditation, format) and the price.
 */
export function parseReliasCourse(page: Page): Course[] {
  const $ = load(page.html)
  const root = $('#product-detail')
  const title = clean(root.find('.product-title').first().text())
  if (!title) return []
  const attr = (name: string) =>
    clean(root.find(`.attr-${name}`).first().text()).replace(/^[^:]+:\s*/, '')
  const credits = attr('credits')
  const description = clean(root.find('.product-summary').text())
  return [
    {
      id: stableId('relias', title),
      provider: 'relias',
      title,
      ...(description && { description }),
      url: page.url,
      format: parseFormat(attr('format')),
      hours: parseHours(attr('hours')),
      credits: parseCredits(credits, parseArea(credits)),
      approvals: parseApprovals(attr('accreditation')),
      price: parsePrice(root.find('.product-price .price-value').first().text()),
      tags: [],
      source: { url: page.url, fetchedAt: page.fetchedAt, confidence: 'scraped' },
    },
  ]
}
