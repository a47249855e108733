/** The widgets' only contact with the outside: the recert API, without cookies. */

export interface Course {
  id: string
  provider: string
  title: string
  url?: string
  format: string
  hours: number | null
  credits: Partial<Record<'administrative' | 'clinical' | 'general', number>>
  approvals: string[]
  price: number | null
  source: { confidence: string }
  /** Facts the catalog does not know (price, hours, credits). */
  unknown?: string[]
}

export interface SearchResult {
  total: number
  page: number
  perPage: number
  hits: (Course & { highlight: { title: string } })[]
  facets: Record<string, Record<string, number>>
}

/** The plan answers, as the API's own schemas define them (type-only: no bytes in the bundle). */
export type { JointPlanResponse, Plan, PlanResponse } from '../core/plan/schemas.js'
export type { Progress } from '../core/rules/request.js'

/** A refusal or failure of the API; `errors` lists the fields a 4xx named. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: { path: string; message: string }[] = [],
  ) {
    super(message)
  }
}

export class Api {
  private readonly base: string

  constructor(base: string | null) {
    this.base = (base ?? '').replace(/\/+$/, '')
  }

  async get<T>(path: string, params?: URLSearchParams, signal?: AbortSignal): Promise<T> {
    const query = params && [...params].length > 0 ? `?${params}` : ''
    return this.send<T>(`${path}${query}`, { signal })
  }

  async post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  }

  private async send<T>(path: string, init: RequestInit): Promise<T> {
    const response = await fetch(`${this.base}${path}`, {
      ...init,
      credentials: 'omit',
      headers: { accept: 'application/json', ...init.headers },
    })
    const data = await response.json().catch(() => null)
    if (!response.ok) {
      const problem = data as {
        detail?: string
        title?: string
        errors?: { path: string; message: string }[]
      } | null
      throw new ApiError(
        problem?.detail ?? problem?.title ?? `The service answered ${response.status}`,
        response.status,
        Array.isArray(problem?.errors) ? problem.errors : [],
      )
    }
    return data as T
  }
}
