/**
 * The providers the scraper reads, their pages, and how. The live addresses are the providers'
 * public pages as the providers publish them; they have not been fetched from here (no internet), so
 * each parser is tested on saved pages under `test/fixtures/scrape/`.
 */
import type { Course } from '../core/catalog/schemas.js'
import { parseAamaListing } from './providers/aama.js'
import { parseAceList } from './providers/ace.js'
import { parseEventTable } from './providers/events.js'
import { parseReliasCourse } from './providers/relias.js'
import { readStructured } from './structured.js'
import type { Page, ProviderSource } from './types.js'

export const SOURCES: ProviderSource[] = [
  {
    provider: 'aama',
    pages: [
      { url: 'https://www.aama-ntl.org/continuing-education/e-learning-center', kind: 'elearning' },
      { url: 'https://www.aama-ntl.org/continuing-education/self-study', kind: 'self-study' },
      { url: 'https://www.aama-ntl.org/conference', kind: 'event' },
    ],
    parse: (page, kind) => (kind === 'elearning' ? parseAamaListing(page) : []),
    defaults: { approvals: ['AAMA'] },
  },
  {
    provider: 'aama-chapters',
    pages: [],
    parse: (page) => parseEventTable('aama-chapters')(page),
    defaults: { approvals: ['AAMA'], format: 'workshop' },
  },
  {
    provider: 'relias',
    pages: [
      {
        url: 'https://www.reliasacademy.com/rls/store/browse/productDetailSingleSku.jsp?productId=phlebotomy-basics',
        kind: 'course',
      },
      {
        url: 'https://www.reliasacademy.com/rls/store/browse/productDetailSingleSku.jsp?productId=medical-ethics-ma',
        kind: 'course',
      },
    ],
    parse: (page) => parseReliasCourse(page),
  },
  {
    provider: 'ace',
    pages: [],
    parse: (page, kind) => (kind === 'list' ? parseAceList(page) : []),
    defaults: { approvals: ['AAMA', 'AMT', 'NHA', 'ARMA'] },
  },
]

export const sourceOf = (provider: string) => SOURCES.find((s) => s.provider === provider)

/**
 * The records of one page: its structured data when it has any (read generically), otherwise
 * its provider's parser.
 */
export function parsePage(source: ProviderSource, page: Page, kind: string): Course[] {
  const structured = readStructured(page, source.provider, source.defaults)
  return structured.length > 0 ? structured : source.parse(page, kind)
}
