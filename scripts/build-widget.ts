/** `npm run build:widget`: writes the widget bundle to dist/assets/ (static assets for Workers). */
import { mkdirSync, writeFileSync } from 'node:fs'
import { bundleWidget, gzipSize } from '../src/adapters/widget-bundle.js'

const out = new URL('../dist/assets/', import.meta.url)
mkdirSync(out, { recursive: true })
const { js, hash } = await bundleWidget()
writeFileSync(new URL('widget.js', out), js)
console.log(`dist/assets/widget.js: ${js.length} bytes, ${gzipSize(js)} gzipped, version ${hash}`)
