/**
 * The shape of a JSON text, found without building it, so that bounds are checked before any
 * JSON.parse: how deep arrays and objects nest (strings skipped), how many items the outermost
 * array or object holds and, for an outermost object, how many the array under `key` holds.
 * It reads UTF-8 bytes, fed in pieces as they arrive (an upload being received); once a bound
 * is crossed the scan stops there. A linear scan with no recursion and nothing kept but counters
 * and the first 40 bytes of the last key, so neither depth nor size can overflow the stack or
 * fill the heap. (In UTF-8 every byte of a multi-byte character is 0x80 or more, so the
 * structural characters, quotes and backslashes are found byte by byte.)
 */

export interface JsonShape {
  /** Deepest nesting seen (at most one past `maxDepth`: the scan stops there). */
  depth: number
  /** Items of the outermost array or object. */
  items: number
  /** Items of the array under `key` in the outermost object. */
  keyItems: number
}

export interface ShapeBounds {
  maxDepth: number
  /** The scan stops once the outermost array or object has more items than this. */
  maxItems?: number
  /** The scan stops once the array under `key` has more items than this. */
  maxKeyItems?: number
  /** Default `courses`. */
  key?: string
}

const KEY_CHARS = 40
const BACKSLASH = 92
const QUOTE = 34
const COMMA = 44
const OPEN_BRACE = 123
const OPEN_BRACKET = 91
const CLOSE_BRACE = 125
const CLOSE_BRACKET = 93

export class JsonShapeScanner {
  private depth = 0
  private deepest = 0
  private commas = 0
  private sawItem = false
  private keyCommas = 0
  private sawKeyItem = false
  private inKey = false
  private inString = false
  private escaped = false
  /** The start of the depth-1 string being read, when it began in an earlier piece. */
  private pendingKey = ''
  private lastKey = ''
  private stopped = false
  private readonly maxItems: number
  private readonly maxKeyItems: number
  private readonly key: string

  constructor(private readonly bounds: ShapeBounds) {
    this.maxItems = bounds.maxItems ?? Number.POSITIVE_INFINITY
    this.maxKeyItems = bounds.maxKeyItems ?? Number.POSITIVE_INFINITY
    this.key = bounds.key ?? 'courses'
  }

  /** Scans the next bytes; false once a bound has been crossed (the rest is ignored). */
  feed(bytes: Uint8Array): boolean {
    if (this.stopped) return false
    let { depth, deepest, commas, keyCommas, inString, escaped, sawItem, sawKeyItem, inKey } = this
    const { maxItems, maxKeyItems } = this
    const maxDepth = this.bounds.maxDepth
    const end = bytes.length
    let stopped = false
    let stringStart = 0
    /** The next quote and backslash at or after the scan (`end`: none), each found once and
     *  reused until passed: strings are skipped with native searches, and a string of many
     *  escapes costs one search per quote, not one per escape. */
    let quote = -1
    let backslash = -1
    for (let i = 0; i < end; i++) {
      if (inString) {
        if (escaped) {
          escaped = false
          continue
        }
        if (quote < i) {
          quote = bytes.indexOf(QUOTE, i)
          if (quote < 0) quote = end
        }
        if (backslash < i) {
          backslash = bytes.indexOf(BACKSLASH, i)
          if (backslash < 0) backslash = end
        }
        if (backslash < quote) {
          // Skip the backslash and the character it escapes (maybe in the next piece).
          i = backslash + 1
          if (i >= end) escaped = true
          continue
        }
        if (quote === end) break
        inString = false
        if (depth === 1) this.endKey(keyText(bytes, stringStart, quote))
        i = quote
        continue
      }
      const ch = bytes[i] as number
      if (ch <= 32) continue
      if (depth === 1) {
        if (ch === COMMA) commas++
        else if (ch !== CLOSE_BRACKET && ch !== CLOSE_BRACE) sawItem = true
        if (commas + 1 > maxItems) stopped = true
      } else if (depth === 2 && inKey) {
        if (ch === COMMA) keyCommas++
        else if (ch !== CLOSE_BRACKET && ch !== CLOSE_BRACE) sawKeyItem = true
        if (keyCommas + 1 > maxKeyItems) stopped = true
      }
      if (ch === QUOTE) {
        inString = true
        stringStart = i + 1
      } else if (ch === OPEN_BRACE || ch === OPEN_BRACKET) {
        depth++
        if (depth === 2) inKey = ch === OPEN_BRACKET && this.lastKey === this.key
        if (depth > deepest) {
          deepest = depth
          if (depth > maxDepth) stopped = true
        }
      } else if (ch === CLOSE_BRACE || ch === CLOSE_BRACKET) depth--
      if (stopped) break
    }
    // A depth-1 string that goes on in the next piece: keep its start.
    if (inString && depth === 1 && !stopped)
      this.pendingKey = (this.pendingKey + keyText(bytes, stringStart, end)).slice(0, KEY_CHARS)
    Object.assign(this, {
      depth,
      deepest,
      commas,
      keyCommas,
      inString,
      escaped,
      sawItem,
      sawKeyItem,
      inKey,
      stopped,
    })
    return !stopped
  }

  private endKey(tail: string): void {
    this.lastKey = (this.pendingKey + tail).slice(0, KEY_CHARS)
    this.pendingKey = ''
  }

  /** Whether a bound has been crossed. */
  get crossed(): boolean {
    return this.stopped
  }

  get shape(): JsonShape {
    return {
      depth: this.deepest,
      items: this.sawItem ? this.commas + 1 : 0,
      keyItems: this.sawKeyItem ? this.keyCommas + 1 : 0,
    }
  }
}

/** The first KEY_CHARS bytes of a key, as text (only compared with the plain-ASCII `key`). */
const keyText = (bytes: Uint8Array, start: number, end: number) =>
  String.fromCharCode(...bytes.subarray(start, Math.min(end, start + KEY_CHARS)))

/** Characters encoded at a time by `scanJson`. */
const PIECE = 1 << 16

/**
 * The shape of a whole JSON text, the scan stopping at the first bound crossed. The text is
 * encoded piece by piece, so a refusal early in a large text costs little. (A piece may end in
 * the middle of a surrogate pair: its halves encode as replacement characters, which changes no
 * structural character.)
 */
export function scanJson(text: string, bounds: ShapeBounds): JsonShape {
  const scanner = new JsonShapeScanner(bounds)
  const encoder = new TextEncoder()
  for (let at = 0; at < text.length; at += PIECE)
    if (!scanner.feed(encoder.encode(text.slice(at, at + PIECE)))) break
  return scanner.shape
}
