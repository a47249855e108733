import { type Child, h, uid } from './dom.js'

type Control = HTMLInputElement | HTMLSelectElement

/** A labelled control with its own line for a message in plain words. */
export interface Field {
  wrap: HTMLElement
  control: Control
  error: HTMLElement
}

/** `field('Completed on', input)`: label, control, and the error line it is described by. */
export function field(label: Child | Child[], control: Control): Field {
  control.id ||= uid('ceu-f')
  const error = h('p', { class: 'field-error', id: uid('ceu-err') })
  return {
    control,
    error,
    wrap: h('div', {}, h('label', { for: control.id }, label), control, error),
  }
}

/** Shows (or clears) the field's message next to it, for eyes and for screen readers. */
export function setError(f: Field, message: string | null) {
  f.error.textContent = message ?? ''
  if (message) {
    f.control.setAttribute('aria-invalid', 'true')
    f.control.setAttribute('aria-describedby', f.error.id)
  } else {
    f.control.removeAttribute('aria-invalid')
    f.control.removeAttribute('aria-describedby')
  }
}

/** Today in the visitor's own time zone, `YYYY-MM-DD`. */
export function localToday(): string {
  const now = new Date()
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10)
}

/** A date a person did something on: required, real, not in the future. */
export function checkPastDate(f: Field, what: string): string | null {
  const input = f.control as HTMLInputElement
  const message = input.validity.badInput
    ? 'Enter a whole date: month, day and year.'
    : input.value === ''
      ? `Enter the date you ${what}.`
      : input.value > localToday()
        ? `That date is in the future: enter the date you ${what}.`
        : null
  setError(f, message)
  return message ? null : input.value
}

/**
 * A number field: empty gives `undefined`; text that is not a number, a negative number or one
 * above `max` gives a message next to the field and `null`.
 */
export function checkNumber(f: Field, max: number): number | undefined | null {
  const input = f.control as HTMLInputElement
  if (input.validity.badInput) {
    setError(f, 'Enter a number, like 1.5.')
    return null
  }
  if (input.value === '') {
    setError(f, null)
    return undefined
  }
  const n = Number(input.value)
  const message = n < 0 ? 'Enter 0 or more.' : n > max ? `Enter at most ${max}.` : null
  setError(f, message)
  return message ? null : n
}
