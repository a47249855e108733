/**
 * A schema.org `Schedule` (an `eventSchedule`) as the dates it names: from `startDate`, every
 * `repeatFrequency` (P1D, PnW, PnM, P1Y), on `byDay` / `byMonthDay` when given, until `endDate` or
 * `repeatCount` occurrences, without `exceptDate`s. A schedule with no start date names no date;
 * one with no end names only its first.
 */
import type { Schedule } from 'schema-dts'
import { parseDate } from '../normalize.js'
import type { Item } from './graph.js'
import { enumName, text, textOf, values } from './schema.js'

/** At most this many dates per schedule (the catalog keeps at most 200 sessions). */
export const MAX_OCCURRENCES = 200

const DAY_MS = 86_400_000
const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

export function scheduleDates(schedule: Item): string[] {
  const start = parseDate(text<Schedule>(schedule, 'startDate'))
  if (!start) return []
  const end = parseDate(text<Schedule>(schedule, 'endDate'))
  const count = Number(text<Schedule>(schedule, 'repeatCount')) || null
  if (!end && !count) return [start]
  const step = frequency(text<Schedule>(schedule, 'repeatFrequency'))
  if (!step) return [start]
  const byDay = new Set(
    values<Schedule>(schedule, 'byDay')
      .map((v) => WEEKDAYS.indexOf(enumName(textOf(v))))
      .filter((d) => d >= 0),
  )
  const byMonthDay = new Set(values<Schedule>(schedule, 'byMonthDay').map((v) => Number(textOf(v))))
  const except = new Set(values<Schedule>(schedule, 'exceptDate').map((v) => parseDate(textOf(v))))
  const first = Date.parse(`${start}T00:00:00Z`)
  const last = end ? Date.parse(`${end}T00:00:00Z`) : first + 5 * 366 * DAY_MS
  const out: string[] = []
  for (
    let t = first;
    t <= last && out.length < Math.min(count ?? MAX_OCCURRENCES, MAX_OCCURRENCES);
    t += DAY_MS
  ) {
    const day = new Date(t)
    if (!matches(day, new Date(first), step, byDay, byMonthDay)) continue
    const iso = day.toISOString().slice(0, 10)
    if (!except.has(iso)) out.push(iso)
  }
  return out
}

interface Step {
  unit: 'D' | 'W' | 'M' | 'Y'
  every: number
}

/** `P1W`, `P2D`, `P1M`, `P1Y` (ISO 8601), or the words daily / weekly / monthly / yearly. */
function frequency(raw: string): Step | null {
  const iso = /^P(\d+)([DWMY])$/i.exec(raw.trim())
  if (iso) return { unit: (iso[2] as string).toUpperCase() as Step['unit'], every: Number(iso[1]) }
  const word = { daily: 'D', weekly: 'W', monthly: 'M', yearly: 'Y', annually: 'Y' }[
    raw.trim().toLowerCase()
  ] as Step['unit'] | undefined
  return word ? { unit: word, every: 1 } : null
}

function matches(
  day: Date,
  first: Date,
  step: Step,
  byDay: Set<number>,
  byMonthDay: Set<number>,
): boolean {
  const days = Math.round((day.getTime() - first.getTime()) / DAY_MS)
  const months =
    (day.getUTCFullYear() - first.getUTCFullYear()) * 12 + day.getUTCMonth() - first.getUTCMonth()
  if (byDay.size > 0 && !byDay.has(day.getUTCDay())) return false
  if (byMonthDay.size > 0 && !byMonthDay.has(day.getUTCDate())) return false
  switch (step.unit) {
    case 'D':
      return days % step.every === 0
    case 'W':
      return Math.floor(days / 7) % step.every === 0 && (byDay.size > 0 || days % 7 === 0)
    case 'M':
      return (
        months % step.every === 0 &&
        (byDay.size + byMonthDay.size > 0 || day.getUTCDate() === first.getUTCDate())
      )
    case 'Y':
      return (
        months % (12 * step.every) === 0 &&
        (byMonthDay.size > 0 || day.getUTCDate() === first.getUTCDate())
      )
  }
}
