import type { Synonyms } from '../catalog/schemas.js'
import { tokenize } from './text.js'
import type { Vocabulary } from './vocabulary.js'

/** One way to satisfy a word of the query: a term, a phrase (synonym) or a prefix. */
export interface Alternative {
  tokens: string[]
  prefix: boolean
  kind: 'exact' | 'prefix' | 'synonym' | 'typo'
}

/** A word (or a multi-word synonym) of the query; a document must match one alternative. */
export interface QueryGroup {
  text: string
  alternatives: Alternative[]
}

/** Synonym groups indexed by their first token, longest phrases first. */
export class SynonymTable {
  private readonly byFirst = new Map<string, { tokens: string[]; group: number }[]>()
  private readonly groups: string[][][] = []

  constructor(synonyms: Synonyms) {
    for (const group of synonyms) {
      const phrases = group.map(tokenize).filter((tokens) => tokens.length > 0)
      const index = this.groups.push(phrases) - 1
      for (const tokens of phrases) {
        const first = tokens[0] as string
        const list = this.byFirst.get(first) ?? []
        list.push({ tokens, group: index })
        list.sort((a, b) => b.tokens.length - a.tokens.length)
        this.byFirst.set(first, list)
      }
    }
  }

  /** The longest synonym phrase starting at `tokens[at]`, with its group's phrases. */
  match(tokens: readonly string[], at: number): { length: number; phrases: string[][] } | null {
    for (const candidate of this.byFirst.get(tokens[at] as string) ?? []) {
      if (candidate.tokens.every((t, k) => tokens[at + k] === t)) {
        return { length: candidate.tokens.length, phrases: this.groups[candidate.group] ?? [] }
      }
    }
    return null
  }
}

const MAX_GROUPS = 12

/**
 * Turns free text into groups of alternatives: every group must match (AND), any alternative
 * of a group may (OR).
 *
 * ```ts
 * expandQuery('ekg cardiolgy', vocabulary, synonyms)
 * // [{ text: 'ekg', alternatives: ekg | ecg | "electrocardiogram" ... },
 * //  { text: 'cardiolgy', alternatives: cardiolgy* | cardiology (typo) }]
 * ```
 * Typo corrections are added only for words the index does not know (a known word is taken at
 * its word); the last word also matches as a prefix, for search as you type.
 */
export function expandQuery(
  q: string,
  vocabulary: Vocabulary,
  synonyms: SynonymTable,
): QueryGroup[] {
  const tokens = tokenize(q).slice(0, MAX_GROUPS * 2)
  const endsWithWord = /[\p{L}\p{N}]$/u.test(q)
  const groups: QueryGroup[] = []
  for (let i = 0; i < tokens.length && groups.length < MAX_GROUPS; ) {
    const token = tokens[i] as string
    const isLast = i === tokens.length - 1 && endsWithWord
    const synonym = synonyms.match(tokens, i)
    if (synonym) {
      const text = tokens.slice(i, i + synonym.length).join(' ')
      const alternatives = phrasesToAlternatives(synonym.phrases, text)
      if (isLast && synonym.length === 1)
        alternatives.push({ tokens: [token], prefix: true, kind: 'prefix' })
      groups.push({ text, alternatives: dedupe(alternatives) })
      i += synonym.length
      continue
    }
    const alternatives: Alternative[] = [{ tokens: [token], prefix: false, kind: 'exact' }]
    const known = vocabulary.has(token) || (isLast && vocabulary.hasPrefix(token))
    if (isLast) alternatives[0] = { tokens: [token], prefix: true, kind: 'prefix' }
    if (!known) {
      for (const term of vocabulary.corrections(token)) {
        alternatives.push({ tokens: [term], prefix: false, kind: 'typo' })
      }
    }
    groups.push({ text: token, alternatives: dedupe(alternatives) })
    i++
  }
  return groups
}

function phrasesToAlternatives(phrases: string[][], text: string): Alternative[] {
  return phrases.map((tokens) => ({
    tokens,
    prefix: false,
    kind: tokens.join(' ') === text ? 'exact' : 'synonym',
  }))
}

function dedupe(alternatives: Alternative[]): Alternative[] {
  const seen = new Set<string>()
  return alternatives.filter((a) => {
    const key = `${a.tokens.join(' ')}${a.prefix ? '*' : ''}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

/**
 * The FTS5 MATCH expression for the groups: `("ekg" OR "ecg") AND "cardio"*`. Every token is
 * quoted, so no user input is ever read as FTS5 syntax.
 */
export function toFts5Match(groups: readonly QueryGroup[]): string {
  return groups
    .map((group) => {
      const parts = group.alternatives.map(
        (a) => `"${a.tokens.join(' ').replaceAll('"', '""')}"${a.prefix ? '*' : ''}`,
      )
      return parts.length === 1 ? parts[0] : `(${parts.join(' OR ')})`
    })
    .join(' AND ')
}
