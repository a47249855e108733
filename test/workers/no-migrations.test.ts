import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import worker from '../../src/entry/worker.js'

afterEach(() => vi.restoreAllMocks())

describe('the Worker on a database without migrations', () => {
  it.each(['/healthz', '/v1/courses?q=ekg', '/v1/providers'])(
    'answers %s with 503 problem+json naming the fix, and logs the cause',
    async (path) => {
      const logged: string[] = []
      vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
        logged.push(String(line))
      })
      const ctx = createExecutionContext()
      const res = await worker.fetch(
        new Request(`http://recert.test${path}`),
        { ...env, DB: env.EMPTY_DB },
        ctx,
      )
      await waitOnExecutionContext(ctx)
      expect(res.status).toBe(503)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      const body = await res.json<{ detail: string }>()
      expect(body.detail).toBe('catalog not loaded: run the migrations (npm run dev:worker)')
      expect(logged.join('\n')).toMatch(/no such table/)
    },
  )
})
