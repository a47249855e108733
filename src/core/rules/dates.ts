/**
 * Calendar dates (`YYYY-MM-DD`, no time zone) as plain arithmetic: no clock is read here.
 */
const DAY = 86_400_000

export function toDay(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return Date.UTC(y, m - 1, d) / DAY
}

export function fromDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10)
}

export function addDays(date: string, days: number): string {
  return fromDay(toDay(date) + days)
}

export function daysBetween(from: string, to: string): number {
  return toDay(to) - toDay(from)
}

function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate()
}

export function isMonthEnd(date: string): boolean {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return d === lastDayOfMonth(y, m)
}

/**
 * Moves by whole calendar months, clamping to the month's last day (2024-02-29 - 12 months =
 * 2023-02-28). With `monthEnd`, a month-end date stays a month end (2027-06-30 + 3 = 2027-09-30).
 */
export function addMonths(date: string, months: number, monthEnd = false): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const last = lastDayOfMonth(year, month)
  const day = monthEnd && d === lastDayOfMonth(y, m) ? last : Math.min(d, last)
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}
