/** Failures the domain can report; the HTTP layer maps each code to a status. */
export type DomainErrorCode = 'NOT_FOUND' | 'INVALID_INPUT' | 'CATALOG_NOT_LOADED'

export interface FieldError {
  path: string
  message: string
}

export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
    readonly errors: FieldError[] = [],
  ) {
    super(message)
    this.name = 'DomainError'
  }

  /** Invalid input, one message per field; the message lists them all (`path: message; …`). */
  static invalid(errors: FieldError[]): DomainError {
    return new DomainError(
      'INVALID_INPUT',
      errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      errors,
    )
  }

  /** The same failure with every field path put under `prefix` (`credential` -> `body.credential`). */
  under(prefix: string): DomainError {
    if (this.errors.length === 0) return this
    const errors = this.errors.map((e) => ({ ...e, path: `${prefix}.${e.path}` }))
    return this.code === 'INVALID_INPUT'
      ? DomainError.invalid(errors)
      : new DomainError(this.code, this.message, errors)
  }
}
