import { fill, h } from './dom.js'
import { type Field, field, setError } from './fields.js'

/** One credential to plan for and the end of the cycle being renewed. */
export interface Choice {
  credential: string
  cycleEnd: string
}

export interface CredentialName {
  id: string
  credential: string
}

interface Row {
  pick: Field
  date: Field
  /** The credential to select once the list has arrived. */
  want: string
}

/**
 * The credentials a person holds: one, or several planned together (CMA and CCMA is common),
 * each with its own expiration date. "Add another credential" adds a row, "Remove" takes it
 * away; the first row always stays. A credential chosen twice is refused next to its field.
 */
export class CredentialList {
  readonly wrap: HTMLElement
  private readonly box = h('div', { class: 'stack' })
  private readonly more: HTMLButtonElement
  private rows: Row[] = []
  private names: CredentialName[] = []

  constructor(
    first: Partial<Choice>[],
    private readonly changed: () => void,
  ) {
    this.more = h(
      'button',
      { type: 'button', class: 'quiet', hidden: true, onclick: () => this.add() },
      'Add another credential',
    )
    this.wrap = h('div', { class: 'stack' }, this.box, h('div', {}, this.more))
    this.render(first.length > 0 ? first : [{}])
  }

  /**
   * The credentials from the API. The first row selects `preset` if it is known, else what it
   * was restored with, else CMA.
   */
  setNames(names: CredentialName[], preset: string | undefined) {
    this.names = names
    const first = this.rows[0]
    if (first)
      first.want =
        [preset, first.want, 'cma-aama'].find((id) => names.some((r) => r.id === id)) ?? ''
    for (const row of this.rows) {
      fill(
        row.pick.control,
        names.map((r) => h('option', { value: r.id, selected: r.id === row.want }, r.credential)),
      )
      row.want = row.pick.control.value
    }
    this.more.hidden = this.rows.length >= names.length
  }

  /** What is chosen, row by row. */
  values(): Choice[] {
    return this.rows.map((r) => ({
      credential: r.pick.control.value || r.want,
      cycleEnd: r.date.control.value,
    }))
  }

  /** The credential's name as its issuer prints it ("CMA (AAMA)"), else its id. */
  name(id: string): string {
    return this.names.find((r) => r.id === id)?.credential ?? id
  }

  /** Every row has a whole date and a credential of its own; else the first problem gets focus. */
  check(): boolean {
    const seen = new Set<string>()
    let first: HTMLElement | null = null
    for (const { pick, date } of this.rows) {
      const input = date.control as HTMLInputElement
      const missing = input.value
        ? null
        : input.validity.badInput
          ? 'Enter a whole date: month, day and year.'
          : 'Enter the date this credential expires (printed on your card or certificate).'
      setError(date, missing)
      const twice = seen.has(pick.control.value)
      seen.add(pick.control.value)
      setError(
        pick,
        twice ? 'You chose this credential already: choose another or remove it.' : null,
      )
      first ??= twice ? pick.control : missing ? input : null
    }
    first?.focus()
    return first === null
  }

  private add() {
    const taken = new Set(this.values().map((v) => v.credential))
    const next = this.names.find((r) => !taken.has(r.id))
    this.render([...this.values(), { credential: next?.id ?? '' }])
    this.rows[this.rows.length - 1]?.pick.control.focus()
    this.changed()
  }

  private remove(k: number) {
    const values = this.values()
    values.splice(k, 1)
    this.render(values)
    this.more.focus()
    this.changed()
  }

  private render(choices: Partial<Choice>[]) {
    this.rows = choices.map((c, k) => this.row(k, c))
    fill(
      this.box,
      this.rows.map((row, k) =>
        h(
          'div',
          { class: 'cred' },
          row.pick.wrap,
          row.date.wrap,
          k > 0 &&
            h(
              'div',
              { class: 'fit' },
              h(
                'button',
                {
                  type: 'button',
                  class: 'quiet small',
                  'aria-label': `Remove credential ${k + 1}`,
                  onclick: () => this.remove(k),
                },
                'Remove',
              ),
            ),
        ),
      ),
    )
    this.more.hidden = this.names.length === 0 || this.rows.length >= this.names.length
  }

  private row(k: number, choice: Partial<Choice>): Row {
    const label = k === 0 ? 'Credential' : `Credential ${k + 1}`
    const want = choice.credential ?? ''
    const pick = field(
      label,
      h(
        'select',
        { onchange: () => this.changed() },
        this.names.length === 0
          ? h('option', { value: '' }, 'Loading credentials…')
          : this.names.map((r) =>
              h('option', { value: r.id, selected: r.id === want }, r.credential),
            ),
      ),
    )
    const date: Field = field(
      `${label} expires on`,
      h('input', {
        type: 'date',
        required: true,
        value: choice.cycleEnd,
        onchange: () => {
          setError(date, null)
          this.changed()
        },
      }),
    )
    return { pick, date, want }
  }
}
