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
}
