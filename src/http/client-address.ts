/**
 * The client's address behind `hops` trusted reverse proxies: each proxy appends the address it
 * received the request from to X-Forwarded-For, so the entry `hops` from the right is the last
 * one written by a trusted proxy. Entries further left were written by the client and may be
 * anything. With 0 hops, or a header shorter than `hops`, the socket address is the client.
 *
 * @example
 * clientAddress('spoofed, 203.0.113.7', '10.0.0.2', 1) // '203.0.113.7'
 * clientAddress('spoofed, 203.0.113.7', '10.0.0.2', 0) // '10.0.0.2'
 */
export function clientAddress(
  forwardedFor: string | undefined,
  socket: string | undefined,
  hops: number,
): string {
  if (hops > 0 && forwardedFor) {
    const entries = forwardedFor.split(',')
    const entry = entries[entries.length - hops]?.trim()
    if (entry && entries.length >= hops) return entry
  }
  return socket ?? 'unknown'
}
