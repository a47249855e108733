import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test'
import { afterEach, describe, expect, it, vi } from 'vitest'
import worker from '../../src/entry/worker.js'
import type { Client } from '../contract/api.js'
import { sampleSuite } from '../contract/sample.js'

afterEach(() => vi.restoreAllMocks())

/** The Worker over the same local D1, with its variables overridden as `wrangler.toml [vars]` would. */
const withVars = (vars: { SAMPLE_DATA?: string }): Client => ({
  fetch: async (path, init) => {
    const ctx = createExecutionContext()
    const res = await worker.fetch(
      new Request(`http://recert.test${path}`, init),
      { ...env, ...vars },
      ctx,
    )
    await waitOnExecutionContext(ctx)
    return res
  },
})

sampleSuite('workerd (local D1)', {
  server: () => ({ fetch: (path, init) => SELF.fetch(`http://recert.test${path}`, init) }),
  excluding: () => withVars({ SAMPLE_DATA: 'exclude' }),
})

describe('SAMPLE_DATA on the Worker', () => {
  it('is "include" in wrangler.toml, as the shipped demo catalog wants', () => {
    expect(env.SAMPLE_DATA).toBe('include')
  })

  it('answers every request 503 problem+json naming a bad value, and logs it', async () => {
    const logged: string[] = []
    vi.spyOn(console, 'error').mockImplementation((line: unknown) => {
      logged.push(String(line))
    })
    for (const path of ['/healthz', '/v1/courses?q=ekg']) {
      const res = await withVars({ SAMPLE_DATA: 'maybe' }).fetch(path)
      expect(res.status).toBe(503)
      expect(res.headers.get('content-type')).toBe('application/problem+json')
      const body = await res.json<{ detail: string }>()
      expect(body.detail).toBe(
        'Invalid configuration:\n  SAMPLE_DATA: must be include or exclude, not "maybe"',
      )
    }
    expect(logged.join('\n')).toMatch(/config\.invalid.*SAMPLE_DATA/)
    // Set right again, the same isolate serves.
    expect((await withVars({ SAMPLE_DATA: 'exclude' }).fetch('/healthz')).status).toBe(200)
  })
})
