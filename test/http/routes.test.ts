import { beforeAll, describe, expect, it } from 'vitest'
import { courseSchema, offerSchema, providerSchema } from '../../src/core/catalog/schemas.js'
import { searchParamsSchema } from '../../src/core/search/query.js'
import { makeTestApp } from '../helpers/app.js'

const t = makeTestApp()
beforeAll(async () => {
  await t.loadFolder()
})

describe('catalog routes', () => {
  it('returns one course by id, with its source', async () => {
    const { status, body } = await t.get('/v1/courses/ace-ma-cardiology')
    expect(status).toBe(200)
    expect(courseSchema.parse(body).title).toBe('The Role of Medical Assistants in Cardiology')
    expect(body.source.confidence).toBe('unverified')
    expect(body.price).toBeNull()
  })

  it('answers 404 problem+json for an unknown course', async () => {
    const { status, type, body } = await t.get('/v1/courses/no-such-course')
    expect(status).toBe(404)
    expect(type).toBe('application/problem+json')
    expect(body).toMatchObject({
      status: 404,
      title: 'Not found',
      detail: expect.stringContaining('no-such-course'),
    })
  })

  it('lists providers and offers in catalog order', async () => {
    const providers = await t.get('/v1/providers')
    expect(providers.body[0].id).toBe('aama')
    for (const p of providers.body) providerSchema.parse(p)
    const offers = await t.get('/v1/offers')
    for (const o of offers.body) offerSchema.parse(o)
    expect(offers.body.find((o: { id: string }) => o.id === 'ce-pro').price).toBeNull()
  })

  it('answers 404 problem+json for unknown routes', async () => {
    for (const path of ['/v2/courses', '/v1/nothing', '/v1/courses/a/b']) {
      const { status, type } = await t.get(path)
      expect(status).toBe(404)
      expect(type).toBe('application/problem+json')
    }
  })

  it('answers 405 problem+json with Allow for a path served with other methods', async () => {
    const cases = [
      ['GET', '/v1/plan', 'POST'],
      ['PUT', '/v1/progress', 'POST'],
      ['POST', '/v1/courses', 'GET, HEAD'],
      ['DELETE', '/v1/courses/ace-ma-cardiology', 'GET, HEAD'],
      ['PATCH', '/v1/credentials/cma-aama', 'GET, HEAD'],
      ['POST', '/healthz', 'GET, HEAD'],
      ['POST', '/widget.js', 'GET, HEAD'],
    ] as const
    for (const [method, path, allow] of cases) {
      const res = await t.app.request(path, { method })
      expect(res.status, `${method} ${path}`).toBe(405)
      expect(res.headers.get('allow')).toBe(allow)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      expect(await res.json()).toEqual({
        type: '/problems/method-not-allowed',
        title: 'Method not allowed',
        status: 405,
        detail: `${path} does not answer ${method}; it answers ${allow}`,
      })
    }
    // No route has these paths with any method (routing is strict about a trailing slash).
    for (const path of ['/v1/nothing', '/v1/plan/', '/v1/courses/a/b']) {
      const res = await t.app.request(path, { method: 'DELETE' })
      expect(res.status, path).toBe(404)
      expect(res.headers.get('allow')).toBeNull()
    }
  })

  it('reports health with the course count', async () => {
    const { status, body } = await t.get('/healthz')
    expect(status).toBe(200)
    expect(body).toEqual({
      ok: true,
      courses: expect.any(Number),
      sampleCourses: expect.any(Number),
      sampleData: 'include',
    })
  })
})

describe('documentation', () => {
  it('serves an OpenAPI 3.1 document describing every route', async () => {
    const { status, body } = await t.get('/openapi.json')
    expect(status).toBe(200)
    expect(body.openapi).toBe('3.1.0')
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        '/v1/courses',
        '/v1/courses/{id}',
        '/v1/providers',
        '/v1/offers',
        '/v1/credentials',
        '/v1/credentials/{id}',
        '/v1/progress',
        '/v1/plan',
        '/healthz',
      ]),
    )
    const params = body.paths['/v1/courses'].get.parameters.map((p: { name: string }) => p.name)
    expect([...params].sort()).toEqual(Object.keys(searchParamsSchema.shape).sort())
    expect(body.components.schemas.Course).toBeDefined()
  })

  it('renders the docs page locally, without scripts', async () => {
    const response = await t.app.request('/docs')
    expect(response.status).toBe(200)
    const html = await response.text()
    expect(html).toContain('/v1/courses')
    expect(html).toContain('perPage')
    expect(html).not.toMatch(/<script|https?:\/\/cdn/i)
    expect((await t.app.request('/docs.css')).headers.get('content-type')).toContain('text/css')
  })
})
