/**
 * A page's schema.org data as a tree of items, whatever its syntax: JSON-LD, microdata and RDFa
 * are each read by the W3C-conformant streaming parser made for it (rdfa-streaming-parser,
 * microdata-rdf-streaming-parser, jsonld-streaming-parser), which turn them into one RDF graph;
 * this file folds that graph back into items (`{ types, props }`), keeping only schema.org terms.
 *
 * Why these parsers: on schema.org's own examples the all-in-one extractors lose RDFa's nesting
 * (one drops `rel="hasCourseInstance"` links, another merges every RDFa node into one), while
 * these follow the specifications (RDFa 1.1 `vocab`/`rel`/`property` chaining, microdata's
 * `itemref`, JSON-LD 1.1 contexts and `@graph`).
 */
import type * as RDF from '@rdfjs/types'
import { JsonLdParser } from 'jsonld-streaming-parser'
import { MicrodataRdfParser } from 'microdata-rdf-streaming-parser'
import { DataFactory } from 'rdf-data-factory'
import { RdfaParser } from 'rdfa-streaming-parser'

/** A schema.org item: its types (without the vocabulary prefix) and property values. */
export interface Item {
  types: string[]
  id?: string
  props: Record<string, Value[]>
}
/** A property value: text (literals and IRIs alike) or a nested item. */
export type Value = string | Item

export interface Extraction {
  /** Items that are no other item's property value, in page order. */
  roots: Item[]
  /** Structured data that could not be read (a malformed JSON-LD block, an unknown context). */
  problems: string[]
}

/** schema.org's terms; also under `vocab="https://schema.org"` without its slash, a common slip. */
const SCHEMA = /^https?:\/\/schema\.org\/?/
const RDF_TYPE = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#type'
/** Items nested deeper are cut (a guard against pathological pages). */
const MAX_DEPTH = 12

/**
 * schema.org's context, for JSON-LD that names it: its terms are schema.org's names. Any other
 * remote context is refused: the scraper never fetches a context from a page's say-so.
 */
const documentLoader = {
  async load(url: string) {
    if (SCHEMA.test(url.endsWith('/') ? url : `${url}/`))
      return { '@context': { '@vocab': 'https://schema.org/' } }
    throw new Error(`remote JSON-LD context ${url} is not loaded`)
  },
}

/** Every schema.org item on the page, as trees rooted at the items nothing else points to. */
export async function extractItems(html: string, baseUrl: string): Promise<Extraction> {
  const factory = new DataFactory()
  const problems: string[] = []
  const quads: RDF.Quad[] = []
  const collect = async (parser: NodeJS.ReadWriteStream, input: string, label: string) => {
    try {
      quads.push(...(await readAll(parser, input)))
    } catch (error) {
      problems.push(`${label}: ${error instanceof Error ? error.message : String(error)}`)
    }
  }
  await collect(
    new RdfaParser({ baseIRI: baseUrl, contentType: 'text/html', dataFactory: factory }),
    html,
    'RDFa',
  )
  await collect(
    new MicrodataRdfParser({ baseIRI: baseUrl, dataFactory: factory }),
    html,
    'microdata',
  )
  let block = 0
  for (const script of jsonLdBlocks(html)) {
    block++
    await collect(
      new JsonLdParser({ baseIRI: baseUrl, dataFactory: factory, documentLoader }),
      script,
      `JSON-LD block ${block}`,
    )
  }
  return { roots: foldGraph(quads), problems }
}

/** The text of each `<script type="application/ld+json">`. */
function jsonLdBlocks(html: string): string[] {
  const blocks: string[] = []
  const pattern =
    /<script\b[^>]*\btype\s*=\s*["']?application\/ld\+json["']?[^>]*>([\s\S]*?)<\/script\s*>/gi
  for (const m of html.matchAll(pattern)) if (m[1]?.trim()) blocks.push(m[1])
  return blocks
}

function readAll(parser: NodeJS.ReadWriteStream, input: string): Promise<RDF.Quad[]> {
  return new Promise((resolve, reject) => {
    const out: RDF.Quad[] = []
    parser.on('data', (quad: RDF.Quad) => out.push(quad))
    parser.on('error', reject)
    parser.on('end', () => resolve(out))
    parser.write(input)
    parser.end()
  })
}

interface Node {
  types: string[]
  props: Map<string, RDF.Term[]>
}

/** Folds quads into items; schema.org terms only, subjects in the order they first appear. */
export function foldGraph(quads: readonly RDF.Quad[]): Item[] {
  const nodes = new Map<string, Node>()
  const referenced = new Set<string>()
  const keyOf = (t: RDF.Term) => `${t.termType}:${t.value}`
  for (const q of quads) {
    const isType = q.predicate.value === RDF_TYPE
    if (!isType && !SCHEMA.test(q.predicate.value)) continue
    const key = keyOf(q.subject)
    let node = nodes.get(key)
    if (!node) {
      node = { types: [], props: new Map() }
      nodes.set(key, node)
    }
    if (isType) {
      if (SCHEMA.test(q.object.value)) node.types.push(q.object.value.replace(SCHEMA, ''))
      continue
    }
    const name = q.predicate.value.replace(SCHEMA, '')
    node.props.set(name, [...(node.props.get(name) ?? []), q.object])
    if (q.object.termType !== 'Literal') referenced.add(keyOf(q.object))
  }
  const visited = new Set<string>()
  const build = (key: string, term: RDF.Term, path: Set<string>): Item => {
    visited.add(key)
    const node = nodes.get(key) as Node
    // microdata's way to give a second type: `additionalType` with a schema.org IRI.
    const additional = (node.props.get('additionalType') ?? [])
      .filter((o) => SCHEMA.test(o.value))
      .map((o) => o.value.replace(SCHEMA, ''))
    const item: Item = { types: [...new Set([...node.types, ...additional])], props: {} }
    if (term.termType === 'NamedNode') item.id = term.value
    for (const [name, objects] of node.props) {
      item.props[name] = [...objects].sort(byLanguage).map((o) => {
        const k = keyOf(o)
        if (o.termType === 'Literal') return literal(o)
        if (!nodes.has(k) || path.has(k) || path.size >= MAX_DEPTH) return o.value
        return build(k, o, new Set([...path, k]))
      })
    }
    return item
  }
  const roots: Item[] = []
  const rootsWhere = (isRoot: (key: string) => boolean) => {
    for (const q of quads) {
      const key = keyOf(q.subject)
      const node = nodes.get(key)
      if (!node || node.types.length === 0 || visited.has(key) || !isRoot(key)) continue
      roots.push(build(key, q.subject, new Set([key])))
    }
  }
  rootsWhere((key) => !referenced.has(key))
  // Items only reachable through a cycle (a product and its offer naming each other).
  rootsWhere(() => true)
  return roots
}

/** English or untagged text first: a page giving a name in several languages is read in English. */
function byLanguage(a: RDF.Term, b: RDF.Term): number {
  const rank = (t: RDF.Term) =>
    t.termType === 'Literal' && t.language && !t.language.toLowerCase().startsWith('en') ? 1 : 0
  return rank(a) - rank(b)
}

const XSD_DOUBLE = 'http://www.w3.org/2001/XMLSchema#double'

/** A literal's text; JSON-LD writes a JSON number like 9.95 as the double `9.95E0`: read it back. */
function literal(term: RDF.Literal): string {
  if (term.datatype.value !== XSD_DOUBLE) return term.value
  const n = Number(term.value)
  return Number.isFinite(n) ? String(n) : term.value
}
