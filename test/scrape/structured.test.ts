/** The schema.org mapping, case by case: prices, currencies, durations, containers, bad data. */
import { describe, expect, it } from 'vitest'
import { toCourse } from '../../src/scrape/read-page.js'
import { readStructured } from '../../src/scrape/structured/index.js'

const URL_ = 'https://provider.example/c/1'
const jsonLd = (data: unknown) =>
  `<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', ...(data as object) })}</script>`
const read = async (html: string) => (await readStructured(html, URL_)).records
const course = (extra: object) => jsonLd({ '@type': 'Course', name: 'Wound Care', ...extra })

describe('prices', () => {
  it.each([
    [
      'the non-member price of labelled offers',
      [
        { '@type': 'Offer', name: 'Members', price: '15', priceCurrency: 'USD' },
        { '@type': 'Offer', name: 'Non-members', price: '35', priceCurrency: 'USD' },
      ],
      { amount: 35, currency: 'USD' },
    ],
    [
      'the first offer open to anyone, not the highest tier',
      [
        { '@type': 'Offer', name: 'Early bird', price: '40', priceCurrency: 'USD' },
        { '@type': 'Offer', name: 'Regular', price: '60', priceCurrency: 'USD' },
      ],
      { amount: 40, currency: 'USD' },
    ],
    [
      "an AggregateOffer's low price",
      { '@type': 'AggregateOffer', lowPrice: '19.5', highPrice: '99', priceCurrency: 'EUR' },
      { amount: 19.5, currency: 'EUR' },
    ],
    [
      'a priceSpecification, and a compound one as the sum of its parts',
      {
        '@type': 'Offer',
        priceSpecification: {
          '@type': 'CompoundPriceSpecification',
          priceCurrency: 'USD',
          priceComponent: [
            { '@type': 'UnitPriceSpecification', price: 100 },
            { '@type': 'UnitPriceSpecification', price: 25.5 },
          ],
        },
      },
      { amount: 125.5, currency: 'USD' },
    ],
    [
      'nothing for a price per month (no single total)',
      {
        '@type': 'Offer',
        priceSpecification: {
          '@type': 'UnitPriceSpecification',
          price: 9.99,
          priceCurrency: 'USD',
          unitCode: 'MON',
        },
      },
      null,
    ],
  ])('reads %s', async (_, offers, price) => {
    const [record] = await read(course({ offers }))
    expect(record?.price).toEqual(price)
  })

  it('reads offers on course instances', async () => {
    const [record] = await read(
      course({
        hasCourseInstance: {
          '@type': 'CourseInstance',
          offers: { '@type': 'Offer', price: '12', priceCurrency: 'USD' },
        },
      }),
    )
    expect(record?.price).toEqual({ amount: 12, currency: 'USD' })
  })

  it.each([
    ['USD', '25', { price: 25 }],
    ['GBP', '395', { price: null, listPrice: { amount: 395, currency: 'GBP' } }],
    [null, '30', { price: null, listPrice: { amount: 30, currency: null } }],
    [null, '0', { price: 0 }],
  ])('plans a %s price of %s only in dollars', async (currency, price, expected) => {
    const offers = { '@type': 'Offer', price, ...(currency && { priceCurrency: currency }) }
    const [record] = await read(course({ offers }))
    const c = toCourse(record as NonNullable<typeof record>, 'p', {
      url: URL_,
      html: '',
      fetchedAt: '2026-11-30',
    })
    expect({ price: c.price, ...(c.listPrice && { listPrice: c.listPrice }) }).toEqual(expected)
  })
})

describe('hours, sessions and what is left unknown', () => {
  it.each([
    [{ timeRequired: 'PT1H30M' }, 1.5],
    [{ timeRequired: '90 minutes' }, 1.5],
    [{ hasCourseInstance: { '@type': 'CourseInstance', courseWorkload: 'PT6H' } }, 6],
    [{ timeToComplete: 'P4Y' }, null],
    [
      { hasCourseInstance: { '@type': 'CourseInstance', courseWorkload: '2 hours per week' } },
      null,
    ],
    [{}, null],
  ])('%j gives %s contact hours', async (extra, hours) => {
    const [record] = await read(course(extra))
    expect(record?.hours).toBe(hours)
  })

  it('states no approval, no credits and no price when the page names none', async () => {
    const [record] = await read(course({}))
    expect(record).toMatchObject({ approvals: [], credits: {}, price: null, hours: null })
    expect(record?.sessions).toBeUndefined()
  })

  it('keeps every location of a session', async () => {
    const [record] = await read(
      jsonLd({
        '@type': 'EducationEvent',
        name: 'Hybrid Update',
        startDate: '2027-03-01',
        location: [
          { '@type': 'VirtualLocation', url: 'https://stream.example' },
          {
            '@type': 'Place',
            name: 'Hall B',
            address: { addressLocality: 'Dayton', addressRegion: 'OH' },
          },
        ],
        eventAttendanceMode: 'https://schema.org/MixedEventAttendanceMode',
      }),
    )
    expect(record?.sessions).toEqual([
      { start: '2027-03-01', location: 'online; Hall B, Dayton, OH' },
    ])
  })
})

describe('which items are records', () => {
  it('reads the courses an ItemList holds', async () => {
    const records = await read(
      jsonLd({
        '@type': 'ItemList',
        itemListElement: [
          { '@type': 'ListItem', position: 1, item: { '@type': 'Course', name: 'One' } },
          { '@type': 'ListItem', position: 2, item: { '@type': 'Course', name: 'Two' } },
        ],
      }),
    )
    expect(records.map((r) => r.title)).toEqual(['One', 'Two'])
  })

  it('reports malformed JSON-LD and still reads the rest of the page', async () => {
    const page = await readStructured(
      `<script type="application/ld+json">{ not json</script>
       <div itemscope itemtype="https://schema.org/Course"><span itemprop="name">Microdata Course</span></div>`,
      URL_,
    )
    expect(page.records.map((r) => r.title)).toEqual(['Microdata Course'])
    expect(page.problems).toHaveLength(1)
    expect(page.problems[0]).toMatch(/^JSON-LD block 1: /)
  })

  it('never fetches a JSON-LD context other than schema.org', async () => {
    const page = await readStructured(
      `<script type="application/ld+json">{"@context":"https://contexts.example/ce","@type":"Course","name":"X"}</script>`,
      URL_,
    )
    expect(page.records).toEqual([])
    expect(page.problems[0]).toContain(
      'remote JSON-LD context https://contexts.example/ce is not loaded',
    )
  })
})

describe('approvals that expire', () => {
  it('reads when an approval ends (CMA01 was AAMA-approved until 2019-08-29)', async () => {
    const [record] = await read(
      course({
        name: 'Pharmacology for Medical Assistants',
        courseCode: 'CMA01',
        educationalCredentialAwarded: '1.0 AAMA CEU; AAMA approval expires August 29, 2019',
      }),
    )
    expect(record).toMatchObject({
      title: 'Pharmacology for Medical Assistants',
      approvals: ['AAMA'],
      approvalsUntil: { AAMA: '2019-08-29' },
    })
  })
})
