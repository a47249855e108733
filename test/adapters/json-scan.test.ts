/**
 * The JSON shape scanner that bounds catalogs before any JSON.parse, and the upload reader that
 * scans a body as it arrives: the same shape whatever the pieces the bytes come in, stopping at
 * the first bound crossed, and an upload over the bounds refused with its body read to the end.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { readUpload } from '../../src/adapters/catalog-parse/bounded.js'
import { JsonShapeScanner, scanJson } from '../../src/adapters/catalog-parse/scan.js'

/** Nesting depth of a parsed JSON value: scalars 0, an array or object one more than its deepest child. */
function depthOf(value: unknown): number {
  if (value === null || typeof value !== 'object') return 0
  const children = Array.isArray(value) ? value : Object.values(value)
  return 1 + Math.max(0, ...children.map(depthOf))
}

/** Feeds `bytes` cut at `cuts` (positions, any order). */
function scanInPieces(bytes: Uint8Array, cuts: number[], maxDepth = 64) {
  const scanner = new JsonShapeScanner({ maxDepth })
  const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)
  let from = 0
  for (const to of [...points, bytes.length]) {
    scanner.feed(bytes.subarray(from, to))
    from = to
  }
  return scanner.shape
}

/** A body that arrives in the given pieces, noting whether it was read to its end. */
function streamOf(pieces: Uint8Array[]) {
  const state = { drained: false }
  let next = 0
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[next++]
      if (piece) controller.enqueue(piece)
      else {
        state.drained = true
        controller.close()
      }
    },
  })
  return { stream, state }
}

const cut = (bytes: Uint8Array, size: number) =>
  Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) =>
    bytes.subarray(i * size, (i + 1) * size),
  )

describe('JSON shape scanner', () => {
  it('finds the depth, the items and the courses of any document, whatever the pieces', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 6 }), { maxLength: 8 }),
        fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 6 }), { maxKeys: 5 }),
        fc.array(fc.nat(), { maxLength: 30 }),
        (courses, others, cuts) => {
          const { courses: _, ...rest } = others
          const document = { ...rest, courses }
          const text = JSON.stringify(document)
          const expected = {
            depth: depthOf(document),
            items: Object.keys(document).length,
            keyItems: courses.length,
          }
          expect(scanJson(text, { maxDepth: 64 })).toEqual(expected)
          expect(scanInPieces(new TextEncoder().encode(text), cuts)).toEqual(expected)
        },
      ),
      { numRuns: 300 },
    )
  })

  it('skips strings with escaped quotes and backslashes, even split across pieces', () => {
    const text = '{"a":"x\\"[[[\\\\","courses":["\\\\\\"{",{"b":"\\u005b"}],"c":"\u00e9\u{1F600}["}'
    const bytes = new TextEncoder().encode(text)
    const expected = { depth: 3, items: 3, keyItems: 2 }
    expect(scanJson(text, { maxDepth: 32 })).toEqual(expected)
    for (let size = 1; size <= 8; size++)
      expect(
        scanInPieces(
          bytes,
          cut(bytes, size).map((_, i) => i * size),
        ),
      ).toEqual(expected)
  })

  it('searches once per quote, not once per escape: a string of 10,000 escapes is one pass', () => {
    // Counting the searches: a search per escape, each to the end of the piece, made a 64 KB
    // piece of backslashes take 0.4 s on the main thread.
    class Counted extends Uint8Array {
      searches = 0
      override indexOf(value: number, from?: number): number {
        this.searches++
        return super.indexOf(value, from)
      }
    }
    const text = `{"courses":[{"t":"${'\\\\'.repeat(10_000)}"}],"n":1}`
    const bytes = Counted.from(new TextEncoder().encode(text)) as Counted
    const scanner = new JsonShapeScanner({ maxDepth: 8 })
    expect(scanner.feed(bytes)).toBe(true)
    expect(scanner.shape).toEqual({ depth: 3, items: 2, keyItems: 1 })
    expect(bytes.searches).toBeLessThan(10_000 + 20)
  })

  it('stops at the first bound crossed', () => {
    const many = `{"courses":[${Array(1_000).fill('{}').join(',')}]}`
    expect(scanJson(many, { maxDepth: 32, maxKeyItems: 10 }).keyItems).toBe(11)
    expect(scanJson(`[${Array(50).fill(1).join(',')}]`, { maxDepth: 32, maxItems: 5 }).items).toBe(
      6,
    )
    const scanner = new JsonShapeScanner({ maxDepth: 3 })
    expect(scanner.feed(new TextEncoder().encode('[[[[[]]]]]'))).toBe(false)
    expect(scanner.shape.depth).toBe(4)
    expect(scanner.crossed).toBe(true)
  })
})

describe('reading an upload as it arrives', () => {
  const limits = { maxDepth: 32, maxCourses: 1_000 }

  it('refuses a body with too many courses, and reads the rest of it before answering', async () => {
    const body = new TextEncoder().encode(
      `{"providers":[],"courses":[${Array(50_000).fill('{}').join(',')}]}`,
    )
    const { stream, state } = streamOf(cut(body, 4_096))
    expect(await readUpload(stream, limits)).toEqual({
      ok: false,
      issues: [{ file: '', path: '$.courses', message: 'more than 1000 courses' }],
    })
    expect(state.drained).toBe(true)
  })

  it('refuses JSON nested too deep', async () => {
    const { stream } = streamOf([new TextEncoder().encode(`{"a":${'['.repeat(5_000)}`)])
    expect(await readUpload(stream, limits)).toEqual({
      ok: false,
      issues: [{ file: '', path: '$', message: 'nested deeper than 32 levels' }],
    })
  })

  it('gives back the text of a body within bounds, characters split across pieces included', async () => {
    const text = JSON.stringify({
      providers: [{ id: 'p', name: 'Pré-Séance \u{1F600}' }],
      courses: Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, title: `Cours n\u00b0${i}` })),
    })
    const { stream, state } = streamOf(cut(new TextEncoder().encode(text), 3))
    expect(await readUpload(stream, limits)).toEqual({ ok: true, text })
    expect(state.drained).toBe(true)
  })

  it('reads an absent body as empty', async () => {
    expect(await readUpload(null, limits)).toEqual({ ok: true, text: '' })
  })
})
