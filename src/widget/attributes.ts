/** The attributes of `<ceu-catalog>` that preset its filters; `/embed` takes them from its query string. */
export const CATALOG_FILTER_ATTRIBUTES = [
  'category',
  'approval',
  'provider',
  'format',
  'credential',
  'per-page',
  'sort',
] as const
