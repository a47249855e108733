/**
 * schema.org's own examples of Course, CourseInstance, EducationEvent / Event (and subtypes) and
 * Offer, each saved in every syntax it is published in (test/fixtures/scrape/schemaorg/, see its
 * README): every page yields the record its example states, and a page that holds no course
 * (a product offer, a concert typed MusicEvent, an event only mentioned by an action or an
 * article) yields none, without failing.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { courseSchema } from '../../src/core/catalog/schemas.js'
import { toCourse } from '../../src/scrape/read-page.js'
import { readStructured, type StatedCourse } from '../../src/scrape/structured/index.js'

const DIR = new URL('../fixtures/scrape/schemaorg/', import.meta.url).pathname
const index = JSON.parse(readFileSync(`${DIR}index.json`, 'utf8')) as {
  id: string
  pages: string[]
}[]
const PAGES = index.flatMap((e) => e.pages)

interface Stated {
  title: string
  offeredBy: string | null
  format: string
  hours: number | null
  price: { amount: number; currency: string | null } | null
  /** Every session, or (for a long schedule) how many, the first and the last. */
  sessions: unknown
}

/**
 * What each example states, page by page. Pages not listed state no course. Where the syntaxes
 * of one example differ (schema.org's JSON-LD of eg-0172 leaves out the event; eg-0332's names
 * the course only in its RDFa), each page has its own row.
 */
const TABLE: [string[], Stated[]][] = [
  [
    ['eg-0461-microdata.html', 'eg-0461-rdfa.html', 'eg-0461-jsonld.html'],
    [
      {
        title: 'Miami Heat at Philadelphia 76ers - Game 3 (Home Game 1)',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: { amount: 35, currency: 'USD' },
        sessions: [{ start: '2016-04-21', location: 'Philadelphia, PA' }],
      },
    ],
  ],
  [
    ['eg-0012-microdata.html', 'eg-0012-rdfa.html', 'eg-0012-jsonld.html'],
    [
      {
        title: 'Typhoon with Radiation City',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: { amount: 13, currency: 'USD' },
        sessions: [{ start: '2013-09-14', location: 'The Hi-Dive, Denver, CO' }],
      },
    ],
  ],
  [
    ['eg-0172-microdata.html', 'eg-0172-rdfa.html'],
    [
      {
        title: 'Typhoon with Radiation City',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: { amount: 13, currency: 'USD' },
        sessions: [{ start: '2013-10-12', location: 'The Hi-Dive, Denver, CO' }],
      },
    ],
  ],
  [
    ['eg-0173-microdata.html', 'eg-0173-rdfa.html', 'eg-0173-jsonld.html'],
    [
      {
        title: 'SOLD OUT! Typhoon with Radiation City',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: { amount: 13, currency: 'USD' },
        sessions: [{ start: '2013-09-14', location: 'The Hi-Dive, Denver, CO' }],
      },
    ],
  ],
  [
    ['eg-0174-jsonld.html'],
    [
      {
        title: 'Typhoon with Radiation City',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: { amount: 13, currency: 'USD' },
        sessions: [{ start: '2013-09-14', location: 'The Hi-Dive, Denver, CO' }],
      },
    ],
  ],
  [
    ['eg-4468b-microdata.html', 'eg-4468b-rdfa.html', 'eg-4468b-jsonld.html'],
    [
      {
        title: 'Rinse',
        offeredBy: 'NAC Indigenous Theatre',
        format: 'seminar',
        hours: null,
        price: { amount: 35, currency: 'CAD' },
        sessions: [{ start: '2026-01-22', location: 'Azrieli Studio, Ottawa, ON' }],
      },
    ],
  ],
  [
    ['eg-4495-jsonld.html'],
    [
      {
        title: 'EuroPython 2025',
        offeredBy: null,
        format: 'conference',
        hours: null,
        price: null,
        sessions: [
          { start: '2025-07-14', end: '2025-07-20', location: 'The Prague Congress Centre' },
        ],
      },
    ],
  ],
  [
    ['eg-0240-jsonld.html'],
    [
      {
        title: 'Tai chi Class',
        offeredBy: null,
        format: 'seminar',
        hours: 1,
        price: null,
        sessions: { count: 52, first: { start: '2017-01-04' }, last: { start: '2017-12-27' } },
      },
    ],
  ],
  [
    ['eg-0241-jsonld.html'],
    [
      {
        title: 'Example Meetup',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: null,
        sessions: [],
      },
    ],
  ],
  [
    ['eg-0242-jsonld.html'],
    [
      {
        title: 'Count Example',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: null,
        sessions: { count: 10, first: { start: '2016-12-24' }, last: { start: '2017-01-02' } },
      },
    ],
  ],
  [
    ['eg-0243-jsonld.html'],
    [
      {
        title: 'Example',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: null,
        sessions: [],
      },
    ],
  ],
  [
    ['eg-0244-jsonld.html'],
    [
      {
        title: 'Example',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: null,
        sessions: [],
      },
    ],
  ],
  [
    ['eg-0170-jsonld.html'],
    [
      {
        title: 'The Adventures of Kira and Morrison',
        offeredBy: 'Kira and Morrison Music',
        format: 'seminar',
        hours: null,
        price: { amount: 30, currency: 'USD' },
        sessions: [
          { start: '2025-07-21', location: 'online; Snickerpark Stadium, Snickertown, PA' },
        ],
      },
    ],
  ],
  [
    ['eg-0014-jsonld.html'],
    [
      {
        title: 'Story Time Reading',
        offeredBy: 'Story Time Virtual Events',
        format: 'webinar',
        hours: null,
        price: { amount: 0, currency: 'USD' },
        sessions: [{ start: '2020-07-24', location: 'online' }],
      },
    ],
  ],
  [
    ['eg-0278-jsonld.html'],
    [
      {
        title: 'Undergraduate CS degree from ACME College',
        offeredBy: 'ACME Community College',
        format: 'college',
        hours: null,
        price: { amount: 16278, currency: 'USD' },
        sessions: [],
      },
    ],
  ],
  [
    ['eg-0279-jsonld.html'],
    [
      {
        title: 'IBEW Apprenticeship',
        offeredBy: 'International Brotherhood of Electrical Workers',
        format: 'online',
        hours: null,
        price: null,
        sessions: [],
      },
    ],
  ],
  [
    ['eg-0294-jsonld.html'],
    [
      {
        title: 'ACME University Basketweaving Program',
        offeredBy: null,
        format: 'online',
        hours: null,
        price: null,
        sessions: [],
      },
    ],
  ],
  [
    ['eg-0303-jsonld.html'],
    [
      {
        title: 'Local Bookseller Author Night',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: null,
        sessions: [],
      },
    ],
  ],
  [
    ['eg-0313-jsonld.html'],
    [
      {
        title: 'Olympic Games',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: null,
        sessions: [],
      },
      {
        title: 'The Rio 2016 Summer Olympics',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: null,
        sessions: [{ start: '2016-08-05', end: '2016-08-21' }],
      },
      {
        title: 'The London 2012 Summer Olympics',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: null,
        sessions: [{ start: '2012-07-27', end: '2012-08-12' }],
      },
    ],
  ],
  [
    ['eg-0332-rdfa.html'],
    [
      {
        title: "The Data Scientist's Toolbox",
        offeredBy: null,
        format: 'online',
        hours: null,
        price: null,
        sessions: [{ start: '2019-02-15', end: '2019-03-21' }],
      },
    ],
  ],
  [
    ['eg-0332-jsonld.html'],
    [
      {
        title:
          "In this course you will get an introduction to the main tools and ideas in the data scientist's toolbox",
        offeredBy: null,
        format: 'online',
        hours: null,
        price: null,
        sessions: [{ start: '2019-02-15', end: '2019-03-21' }],
      },
    ],
  ],
  [
    ['eg-0333-rdfa.html'],
    [
      {
        title: 'HNC Accounting',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: null,
        sessions: [
          { start: '2016-08-29', end: '2017-06-23', location: 'St Brycedale Campus Kirkcaldy' },
          { start: '2016-08-29', end: '2017-06-23', location: 'Halbeath Campus Dunfermline' },
          { start: '2016-08-31', end: '2017-06-21', location: 'St Brycedale Campus Kirkcaldy' },
        ],
      },
    ],
  ],
  [
    ['eg-0333-jsonld.html'],
    [
      {
        title: 'HNC Accounting',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: null,
        sessions: [
          { start: '2016-08-29', end: '2017-06-23', location: 'Halbeath Campus Dunfermline' },
          { start: '2016-08-29', end: '2017-06-23', location: 'St Brycedale Campus Kirkcaldy' },
          { start: '2016-08-31', end: '2017-06-21', location: 'St Brycedale Campus Kirkcaldy' },
        ],
      },
    ],
  ],
  [
    ['eg-0334-rdfa.html', 'eg-0334-jsonld.html'],
    [
      {
        title: 'Basic Proofreading',
        offeredBy: null,
        format: 'online',
        hours: null,
        price: { amount: 395, currency: 'GBP' },
        sessions: [],
      },
    ],
  ],
  [
    ['eg-0335-rdfa.html', 'eg-0335-jsonld.html'],
    [
      {
        title: 'HNC Accounting',
        offeredBy: null,
        format: 'online',
        hours: null,
        price: null,
        sessions: [],
      },
    ],
  ],
  [
    ['eg-0336-rdfa.html', 'eg-0336-jsonld.html'],
    [
      {
        title: 'Basic Proofreading',
        offeredBy: null,
        format: 'online',
        hours: null,
        price: null,
        sessions: [],
      },
    ],
  ],
  [
    ['eg-0337-rdfa.html', 'eg-0337-jsonld.html'],
    [
      {
        title: "The Data Scientist's Toolbox",
        offeredBy: 'Johns Hopkins University',
        format: 'online',
        hours: null,
        price: { amount: 0, currency: null },
        sessions: [],
      },
    ],
  ],
  [
    ['eg-0338-rdfa.html', 'eg-0338-jsonld.html'],
    [
      {
        title: 'Physics',
        offeredBy: 'University of Bristol',
        format: 'college',
        hours: null,
        price: null,
        sessions: [],
      },
    ],
  ],
  [
    ['eg-0426-microdata.html', 'eg-0426-rdfa.html'],
    [
      {
        title: 'The 2016 Missoula Marathon',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: { amount: 85, currency: 'USD' },
        sessions: [{ start: '2016-07-10', location: 'Missoula, MT' }],
      },
    ],
  ],
  [
    ['eg-0426-jsonld.html'],
    [
      {
        title: 'The Missoula Marathon',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: { amount: 85, currency: 'USD' },
        sessions: [{ start: '2016-07-10', location: 'Missoula, MT' }],
      },
    ],
  ],
  [
    ['eg-0437-microdata.html'],
    [
      {
        title: 'Las Fallas 2017',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: null,
        sessions: [{ start: '2017-03-15', end: '2017-03-19', location: 'Valencia' }],
      },
    ],
  ],
  [
    ['eg-0437-rdfa.html', 'eg-0437-jsonld.html'],
    [
      {
        title: 'The Falles 2017',
        offeredBy: null,
        format: 'seminar',
        hours: null,
        price: null,
        sessions: [{ start: '2017-03-15', end: '2017-03-19', location: 'Valencia' }],
      },
    ],
  ],
]

const EXPECTED = new Map(TABLE.flatMap(([pages, records]) => pages.map((p) => [p, records])))

function stated(r: StatedCourse): Stated {
  const s = r.sessions ?? []
  return {
    title: r.title,
    offeredBy: r.offeredBy?.name ?? null,
    format: r.format,
    hours: r.hours,
    price: r.price,
    sessions: s.length > 3 ? { count: s.length, first: s[0], last: s.at(-1) } : s,
  }
}

describe("schema.org's examples", () => {
  it('lists only pages that exist', () => {
    for (const page of EXPECTED.keys()) expect(PAGES).toContain(page)
  })

  it.each(PAGES)('%s', async (page) => {
    const url = `https://example.org/schemaorg/${page}`
    const read = await readStructured(readFileSync(`${DIR}${page}`, 'utf8'), url)
    // Read (or, for a context the scraper never fetches, reported as unreadable).
    expect(read.items > 0 || read.problems.some((p) => p.includes('context'))).toBe(true)
    expect(read.records.map(stated)).toEqual(EXPECTED.get(page) ?? [])
    for (const record of read.records) {
      const course = toCourse(record, 'example', { url, html: '', fetchedAt: '2026-11-30' })
      expect(courseSchema.safeParse(course).success).toBe(true)
    }
  })
})
