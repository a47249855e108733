/**
 * Every provider recipe on saved pages (test/fixtures/scrape/providers/), one page with structured
 * data and one without for each parser, asserting the exact records. The fixtures are sample
 * pages written to mirror each provider's markup; see their README.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { courseSchema } from '../../src/core/catalog/schemas.js'
import { readPage } from '../../src/scrape/read-page.js'
import { parseRecipes, type Recipe } from '../../src/scrape/recipes.js'
import { readStructured } from '../../src/scrape/structured/index.js'

const DIR = new URL('../fixtures/scrape/providers/', import.meta.url).pathname
const manifest = JSON.parse(readFileSync(`${DIR}manifest.json`, 'utf8')) as {
  fetchedAt: string
  pages: { provider: string; kind: string; url: string; file: string }[]
}
const recipes = parseRecipes(
  readFileSync(new URL('../../catalog/scrape-recipes.json', import.meta.url), 'utf8'),
)
if (!recipes.ok) throw new Error(recipes.errors.join('\n'))
const recipeOf = (provider: string) =>
  (recipes.ok ? recipes.recipes : []).find((r) => r.provider === provider)
const src = (url: string) => ({ url, fetchedAt: '2026-11-20', confidence: 'scraped' as const })

const EXPECTED: Record<string, unknown[]> = {
  'aama/elearning.html': [
    {
      id: 'aama-managing-medication-refill-requests',
      provider: 'aama',
      title: 'Managing Medication Refill Requests',
      url: 'https://www.aama-ntl.org/elearning/course/1123',
      format: 'article',
      hours: null,
      credits: {
        administrative: 1,
      },
      approvals: ['AAMA'],
      price: 20,
      tags: [],
      source: src('https://www.aama-ntl.org/continuing-education/e-learning-center'),
    },
    {
      id: 'aama-point-of-care-testing-and-clia-waivers',
      provider: 'aama',
      title: 'Point-of-Care Testing & CLIA Waivers',
      url: 'https://www.aama-ntl.org/elearning/course/1187',
      format: 'article',
      hours: null,
      credits: {
        clinical: 1.5,
      },
      approvals: ['AAMA'],
      price: 30,
      tags: [],
      source: src('https://www.aama-ntl.org/continuing-education/e-learning-center'),
    },
    {
      id: 'aama-workplace-violence-prevention',
      provider: 'aama',
      title: 'Workplace Violence Prevention',
      url: 'https://www.aama-ntl.org/elearning/course/1201',
      format: 'article',
      hours: null,
      credits: {
        general: 1,
      },
      approvals: ['AAMA'],
      price: 20,
      tags: [],
      source: src('https://www.aama-ntl.org/continuing-education/e-learning-center'),
    },
  ],
  'aama/self-study.html': [
    {
      id: 'aama-ss-diab-2',
      provider: 'aama',
      title: 'Understanding Diabetes Care',
      description:
        'A self-study course on diabetes types, monitoring and patient coaching. Finish within six months.',
      url: 'https://www.aama-ntl.org/self-study/understanding-diabetes-care',
      format: 'self-study',
      hours: null,
      credits: {
        clinical: 5,
      },
      approvals: ['AAMA'],
      price: 50,
      tags: ['diabetes', 'glucose monitoring', 'patient education'],
      source: src('https://www.aama-ntl.org/continuing-education/self-study'),
    },
    {
      id: 'aama-ss-code-1',
      provider: 'aama',
      title: 'Coding Essentials for the Medical Office',
      description: 'ICD-10-CM and CPT basics for front-office medical assistants.',
      url: 'https://www.aama-ntl.org/self-study/coding-essentials',
      format: 'self-study',
      hours: null,
      credits: {
        administrative: 4,
      },
      approvals: ['AAMA'],
      price: 40,
      tags: ['coding', 'billing'],
      source: src('https://www.aama-ntl.org/continuing-education/self-study'),
    },
  ],
  'events/aama-conference.html': [
    {
      id: 'aama-aama-annual-conference-2027',
      provider: 'aama',
      title: 'AAMA Annual Conference 2027',
      description:
        'Three days of education sessions for medical assistants; earn up to 17 AAMA CEUs.',
      url: 'https://www.aama-ntl.org/conference',
      format: 'conference',
      hours: null,
      credits: {
        administrative: 5,
        clinical: 7,
        general: 5,
      },
      approvals: ['AAMA'],
      price: 575,
      sessions: [
        {
          start: '2027-10-08',
          end: '2027-10-10',
          location: 'Convention Center, Louisville, KY',
        },
      ],
      tags: [],
      source: src('https://www.aama-ntl.org/conference'),
    },
  ],
  'events/chapter-workshops.html': [
    {
      id: 'aama-chapters-winter-chapter-meeting-infection-control-update-2027-01-16',
      provider: 'aama-chapters',
      title: 'Winter Chapter Meeting: Infection Control Update',
      url: 'https://www.example-state-society.org/events/winter-chapter-meeting',
      format: 'seminar',
      hours: null,
      credits: {
        clinical: 2,
        general: 2,
      },
      approvals: ['AAMA'],
      price: 0,
      sessions: [
        {
          start: '2027-01-16',
          location: 'Sioux Falls, SD',
        },
      ],
      tags: [],
      source: src('https://www.example-state-society.org/workshops'),
    },
    {
      id: 'aama-chapters-spring-workshop-coding-billing-and-ethics-2027-03-20',
      provider: 'aama-chapters',
      title: 'Spring Workshop: Coding, Billing and Ethics',
      url: 'https://www.example-state-society.org/events/spring-workshop',
      format: 'workshop',
      hours: null,
      credits: {
        administrative: 3,
        general: 2,
      },
      approvals: ['AAMA'],
      price: 20,
      sessions: [
        {
          start: '2027-03-20',
          location: 'Rapid City, SD',
        },
      ],
      tags: [],
      source: src('https://www.example-state-society.org/workshops'),
    },
  ],
  'relias/phlebotomy-basics.html': [
    {
      id: 'relias-phlebotomy-basics',
      provider: 'relias',
      title: 'Phlebotomy Basics',
      description:
        'Venipuncture technique, order of draw, specimen handling and patient safety for medical assistants who collect blood. 1.5 contact hours.',
      url: 'https://www.reliasacademy.com/rls/store/browse/productDetailSingleSku.jsp?productId=phlebotomy-basics',
      format: 'online',
      hours: 1.5,
      // The recipe reads title, description, price and hours: the rest stays unknown.
      credits: {},
      approvals: [],
      price: 25,
      tags: [],
      source: src(
        'https://www.reliasacademy.com/rls/store/browse/productDetailSingleSku.jsp?productId=phlebotomy-basics',
      ),
    },
  ],
  'relias/medical-ethics.html': [
    {
      id: 'relias-rel-ma-0-eth',
      provider: 'relias',
      title: 'Medical Ethics for the Medical Assistant',
      description:
        'Confidentiality, informed consent, scope of practice and ethical decision making.',
      url: 'https://www.reliasacademy.com/rls/store/browse/productDetailSingleSku.jsp?productId=medical-ethics-ma',
      format: 'online',
      hours: 1.5,
      credits: {
        general: 1.5,
      },
      approvals: [],
      price: 30,
      tags: [],
      source: src(
        'https://www.reliasacademy.com/rls/store/browse/productDetailSingleSku.jsp?productId=medical-ethics-ma',
      ),
    },
  ],
  'ace/courses.html': [
    {
      id: 'ace-the-role-of-medical-assistants-in-cardiology',
      provider: 'ace',
      title: 'The Role of Medical Assistants in Cardiology',
      description: 'ECG basics, cardiac medications and patient coaching.',
      url: 'https://www.annalsce.example/courses/cardiology',
      format: 'online',
      hours: null,
      credits: {
        clinical: 2,
      },
      approvals: ['AAMA', 'AMT', 'NHA', 'ARMA'],
      price: null,
      tags: [],
      source: src('https://www.annalsce.example/courses'),
    },
    {
      id: 'ace-medical-assistants-in-front-offices',
      provider: 'ace',
      title: 'Medical Assistants in Front Offices',
      description: 'Scheduling, registration, insurance verification and patient flow.',
      url: 'https://www.annalsce.example/courses/front-office',
      format: 'online',
      hours: null,
      credits: {
        administrative: 1.5,
      },
      approvals: ['AAMA', 'AMT', 'NHA', 'ARMA'],
      price: null,
      tags: [],
      source: src('https://www.annalsce.example/courses'),
    },
    {
      id: 'ace-the-role-of-medical-assistants-in-emergency-and-first-aid-situations',
      provider: 'ace',
      title: 'The Role of Medical Assistants in Emergency and First Aid Situations',
      description: 'Recognising emergencies, first aid and the office emergency plan.',
      url: 'https://www.annalsce.example/courses/emergency',
      format: 'online',
      hours: null,
      credits: {
        general: 1,
      },
      approvals: ['AAMA', 'AMT', 'NHA', 'ARMA'],
      price: null,
      tags: [],
      source: src('https://www.annalsce.example/courses'),
    },
  ],
  'ace/neurology.html': [
    {
      id: 'ace-the-role-of-medical-assistants-in-neurology',
      provider: 'ace',
      title: 'The Role of Medical Assistants in Neurology',
      description: 'Neurological assessment support, common disorders and patient safety.',
      url: 'https://www.annalsce.example/courses/neurology',
      format: 'online',
      hours: null,
      credits: {
        clinical: 2,
      },
      approvals: ['AAMA', 'AMT', 'NHA', 'ARMA'],
      price: 9.95,
      tags: [],
      source: src('https://www.annalsce.example/courses/neurology'),
    },
  ],
}

describe('provider recipes on saved pages', () => {
  it.each(manifest.pages.map((p) => [p.file, p] as const))('%s', async (file, page) => {
    const html = readFileSync(`${DIR}${file}`, 'utf8')
    const read = await readPage(
      { url: page.url, html, fetchedAt: manifest.fetchedAt },
      page.provider,
      recipeOf(page.provider),
    )
    expect(read.records).toEqual(EXPECTED[file])
    for (const r of read.records) expect(courseSchema.safeParse(r).success).toBe(true)
  })

  it('covers every parser with a page that has structured data and one that has none', async () => {
    const byParser = new Map<string, boolean[]>()
    for (const p of manifest.pages) {
      const html = readFileSync(`${DIR}${p.file}`, 'utf8')
      const structured = (await readStructured(html, p.url)).items > 0
      const parser = p.file.split('/')[0] as string
      byParser.set(parser, [...(byParser.get(parser) ?? []), structured])
    }
    expect([...byParser.keys()].sort()).toEqual(['aama', 'ace', 'events', 'relias'])
    for (const [, flags] of byParser) {
      expect(flags).toContain(true)
      expect(flags).toContain(false)
    }
  })

  it('returns nothing when the markup changes, rather than guessing', async () => {
    const html = readFileSync(`${DIR}ace/courses.html`, 'utf8').replaceAll('course-item', 'c-card')
    const page = { url: 'https://www.annalsce.example/courses', html, fetchedAt: '2026-11-20' }
    expect((await readPage(page, 'ace', recipeOf('ace'))).records).toEqual([])
  })

  it('never stamps a provider default on a structured record', async () => {
    const ace = recipeOf('ace') as Recipe
    expect(ace.defaults?.approvals).toContain('AAMA')
    const html = `<script type="application/ld+json">{"@context":"https://schema.org","@type":"Course",
      "name":"Foreign Course","offers":{"@type":"Offer","price":"12","priceCurrency":"USD"}}</script>`
    const read = await readPage(
      { url: 'https://ace.example/x', html, fetchedAt: '2026-11-20' },
      'ace',
      ace,
    )
    expect(read.via).toBe('schema.org')
    expect(read.records[0]?.approvals).toEqual([])
  })
})
