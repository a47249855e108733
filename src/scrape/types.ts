/** A fetched (or saved) page. */
export interface Page {
  url: string
  html: string
  /** `YYYY-MM-DD`: when it was fetched (or saved). */
  fetchedAt: string
}
