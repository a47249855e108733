import { beforeAll } from 'vitest'
import { contractSuite } from '../contract/api.js'
import { makeTestApp } from '../helpers/app.js'

const t = makeTestApp()
beforeAll(async () => {
  await t.loadFolder()
})

contractSuite('Node (SQLite)', () => ({
  fetch: async (path, init) => t.app.request(path, init),
}))
