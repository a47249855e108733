import { expect } from 'vitest'

/**
 * Shared vocabulary of the rule-book tables (docs/rules.md). Cases are written from the rule book,
 * not from the engine: they name the response fields the rule book defines.
 */

// biome-ignore lint/suspicious/noExplicitAny: the tables read JSON answers loosely
export type Body = any

export interface RuleCase {
  /** Unique, stable: the test's name starts with it. */
  id: string
  /** The rule checked: a docs/rules.md section and/or the official URL. */
  rule: string
  request: Record<string, unknown>
  check: (body: Body) => void
}

/** The rule-book section that defines the engine's behaviour (docs/rules.md). */
export const ENGINE = 'docs/rules.md "How the engine applies them"'

let counter = 0
/** An ad-hoc activity: a distinct title each time unless one is given. */
export function adhoc(
  completedOn: string,
  credits: Record<string, number>,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  counter++
  return { title: `Activity ${counter}`, completedOn, credits, approvals: [], ...extra }
}
export const aama = (completedOn: string, credits: Record<string, number>, extra = {}) =>
  adhoc(completedOn, credits, { approvals: ['AAMA'], ...extra })

/** An activity measured in time only (no credits). */
export function timed(completedOn: string, time: { hours?: number; minutes?: number }, extra = {}) {
  counter++
  return { title: `Timed ${counter}`, completedOn, approvals: [], ...time, ...extra }
}

export function row(body: Body, id: string) {
  const found = (body.requirements ?? []).find((r: { id: string }) => r.id === id)
  expect(found, `requirement row "${id}"`).toBeDefined()
  return found
}

/** `required`, `earned`, `remaining` of one row, exactly. */
export function expectRow(body: Body, id: string, earned: number, remaining: number) {
  const r = row(body, id)
  expect({ id, earned: r.earned, remaining: r.remaining }).toEqual({ id, earned, remaining })
}

export function outcome(body: Body, index: number) {
  const found = (body.activities ?? []).find((a: { index: number }) => a.index === index)
  expect(found, `activity ${index}`).toBeDefined()
  return found
}

export const counted = (body: Body, index: number) => outcome(body, index).counted as number

export interface WarningDetail {
  code: string
  message: string
  figures?: string[]
  activities?: number[]
}

export function details(body: Body): WarningDetail[] {
  expect(Array.isArray(body.warningDetails), 'warningDetails is an array').toBe(true)
  return body.warningDetails
}

export const codes = (body: Body) => details(body).map((w) => w.code)

export function expectWarning(body: Body, code: string, match: Partial<WarningDetail> = {}) {
  const found = details(body).filter((w) => w.code === code)
  expect(found.length, `a warning "${code}"`).toBeGreaterThan(0)
  if (match.figures) {
    const all = found.flatMap((w) => w.figures ?? [])
    for (const f of match.figures) expect(all, `warning "${code}" names ${f}`).toContain(f)
  }
  if (match.activities) {
    const all = found.flatMap((w) => w.activities ?? [])
    for (const a of match.activities)
      expect(all, `warning "${code}" names activity ${a}`).toContain(a)
  }
  // Every detail is one of the plain `warnings` strings, in the same order.
  expect(body.warnings).toEqual(details(body).map((w) => w.message))
}

export function expectNoWarning(body: Body, code: string) {
  expect(codes(body)).not.toContain(code)
}

/** Every figure the answer rests on that the rule book does not mark `official`. */
export function warnedFigures(body: Body): string[] {
  return details(body).flatMap((w) => w.figures ?? [])
}

export function pathway(body: Body, id: string) {
  return (body.pathways ?? []).find((p: { id: string }) => p.id === id)
}
