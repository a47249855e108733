/**
 * Parsers written in code, for sites whose pages carry no schema.org data and need more than a
 * recipe's CSS selectors. A recipe names one by its key.
 */
import type { Course } from '../../core/catalog/schemas.js'
import type { Page } from '../types.js'
import { parseAamaListing } from './aama.js'
import { parseAceList } from './ace.js'
import { parseEventTable } from './events.js'

export const PARSERS = {
  /** The AAMA e-Learning Center listing. */
  'aama-elearning': (page) => parseAamaListing(page),
  /** The ACE course list. */
  'ace-list': (page) => parseAceList(page),
  /** A state society's or chapter's table of events. */
  'event-table': (page, provider) => parseEventTable(provider)(page),
} satisfies Record<string, (page: Page, provider: string) => Course[]>
