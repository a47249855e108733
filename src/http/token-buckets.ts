/**
 * Token buckets keyed by client: `burst` tokens at once, refilled at `perMinute`. At most
 * `maxClients` buckets are kept (the least recently seen go first) and keys are cut to
 * `MAX_KEY_LENGTH` characters, so memory stays bounded whatever clients send.
 */
export const MAX_KEY_LENGTH = 64

export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>()
  private readonly perMs: number

  constructor(
    private readonly options: {
      perMinute: number
      burst: number
      now: () => number
      maxClients?: number
    },
  ) {
    this.perMs = options.perMinute / 60_000
  }

  /** Tokens `key` has now (refilled since it was last seen), remembering it as most recent. */
  private bucket(key: string) {
    const id = key.slice(0, MAX_KEY_LENGTH)
    const now = this.options.now()
    const bucket = this.buckets.get(id) ?? { tokens: this.options.burst, at: now }
    this.buckets.delete(id)
    bucket.tokens = Math.min(this.options.burst, bucket.tokens + (now - bucket.at) * this.perMs)
    bucket.at = now
    this.buckets.set(id, bucket)
    if (this.buckets.size > (this.options.maxClients ?? 10_000))
      this.buckets.delete(this.buckets.keys().next().value as string)
    return bucket
  }

  /** Seconds until `key` has a token again; 0 when it has one now. */
  wait(key: string): number {
    const { tokens } = this.bucket(key)
    return tokens >= 1 ? 0 : Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000))
  }

  /** Takes one token from `key`'s bucket (which may go below one). */
  take(key: string): void {
    this.bucket(key).tokens -= 1
  }

  /** How many clients are remembered. */
  get size(): number {
    return this.buckets.size
  }
}
