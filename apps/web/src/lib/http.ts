import type { z } from 'zod'

/** Body of every error the server sends (see the REST contract). */
export interface ErrorBody {
  error?: string
  message?: string
  issues?: unknown
  fieldErrors?: Record<string, string>
  current?: unknown
  /** The entry a refused "save and complete" kept as a draft. */
  saved?: unknown
}

/** A failed request; `message` is the server's Vietnamese message when it sent one. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body: ErrorBody,
  ) {
    super(message)
    this.name = 'HttpError'
  }

  get code(): string | undefined {
    return this.body.error
  }
}

type UnauthorizedHandler = () => void

// The app installs a handler that clears cached data and routes to the login page.
let onUnauthorized: UnauthorizedHandler = () => {
  if (window.location.pathname !== '/dang-nhap') window.location.assign('/dang-nhap')
}

export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  onUnauthorized = handler
}

const SESSION_ENDED_KEY = 'hts.sessionEnded'
// 401 codes of a session the server ended on its own (idle timeout, lifetime): the login page says why.
const SESSION_ENDED_CODES = new Set(['session_idle', 'session_expired'])

/** Why the last session ended by itself ("…do không hoạt động…"), kept for the login page until the next login. */
export function sessionEndedMessage(): string | null {
  try {
    return window.sessionStorage.getItem(SESSION_ENDED_KEY)
  } catch {
    return null
  }
}

export function clearSessionEndedMessage(): void {
  try {
    window.sessionStorage.removeItem(SESSION_ENDED_KEY)
  } catch {
    // Storage blocked: nothing was kept.
  }
}

function rememberSessionEnded(message: string): void {
  try {
    window.sessionStorage.setItem(SESSION_ENDED_KEY, message)
  } catch {
    // Storage blocked: the login page shows no reason.
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'
  body?: unknown
  query?: Record<string, string | number | undefined | null>
  /** Login and "who am I" handle 401 themselves instead of sending the user to the login page. */
  redirectOn401?: boolean
  signal?: AbortSignal
}

const FALLBACK_MESSAGES: Record<number, string> = {
  400: 'Dữ liệu gửi lên chưa hợp lệ.',
  401: 'Phiên làm việc đã hết hạn, vui lòng đăng nhập lại.',
  403: 'Tài khoản không có quyền thực hiện thao tác này.',
  404: 'Không tìm thấy dữ liệu (có thể đã bị xóa hoặc thuộc đơn vị khác).',
  409: 'Dữ liệu vừa được người khác thay đổi. Hãy tải lại rồi thử lại.',
  423: 'Tài khoản đang bị khóa.',
  429: 'Thao tác quá nhiều lần, vui lòng thử lại sau ít phút.',
}

function buildUrl(path: string, query: RequestOptions['query']): string {
  if (!query) return path
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value))
  }
  const qs = params.toString()
  return qs ? `${path}?${qs}` : path
}

async function readJson(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined
  const text = await res.text()
  if (!text) return undefined
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

function asErrorBody(value: unknown): ErrorBody {
  return typeof value === 'object' && value !== null ? (value as ErrorBody) : {}
}

/** fetch for the JSON API: same-origin cookie, JSON in and out, Vietnamese errors. */
export async function request(path: string, options: RequestOptions = {}): Promise<unknown> {
  const { method = 'GET', body, query, redirectOn401 = true, signal } = options
  let res: Response
  try {
    res = await fetch(buildUrl(path, query), {
      method,
      credentials: 'same-origin',
      headers: body === undefined ? { Accept: 'application/json' } : { Accept: 'application/json', 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
    })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new HttpError(0, 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.', {})
  }
  const data = await readJson(res)
  if (res.ok) return data

  const errorBody = asErrorBody(data)
  // Also for "who am I": the first request after an idle pause is the one that learns why.
  if (res.status === 401 && errorBody.error && SESSION_ENDED_CODES.has(errorBody.error) && errorBody.message) rememberSessionEnded(errorBody.message)
  if (res.status === 401 && redirectOn401) onUnauthorized()
  const message = errorBody.message ?? FALLBACK_MESSAGES[res.status] ?? `Máy chủ gặp lỗi (mã ${res.status}). Vui lòng thử lại.`
  throw new HttpError(res.status, message, errorBody)
}

/** Request and check the answer against a zod schema, so screens only ever see the shapes they expect. */
export async function requestParsed<T extends z.ZodType>(schema: T, path: string, options?: RequestOptions): Promise<z.output<T>> {
  const data = await request(path, options)
  const parsed = schema.safeParse(data)
  if (!parsed.success) {
    console.error('Unexpected response from', path, parsed.error.issues)
    throw new HttpError(0, 'Máy chủ trả về dữ liệu không đúng định dạng. Vui lòng báo cho quản trị hệ thống.', {})
  }
  return parsed.data
}

/** Vietnamese message of any thrown value, for toasts and alerts. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message
  return 'Đã có lỗi xảy ra. Vui lòng thử lại.'
}

/**
 * POSTs a multipart form with upload progress (fetch cannot report it). Resolves with the status and
 * the parsed JSON body; rejects with `offlineMessage` when the server cannot be reached.
 */
export function postFormWithProgress(
  url: string,
  form: FormData,
  onProgress: (fraction: number) => void,
  offlineMessage: string,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', url)
    xhr.withCredentials = true
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total)
    }
    xhr.onerror = () => reject(new HttpError(0, offlineMessage, {}))
    xhr.onload = () => {
      let body: unknown
      try {
        body = JSON.parse(xhr.responseText) as unknown
      } catch {
        body = undefined
      }
      resolve({ status: xhr.status, body })
    }
    xhr.send(form)
  })
}

/** The server's Vietnamese message from an error body, or a generic one naming the status. */
export function uploadErrorOf(status: number, body: unknown): HttpError {
  const message = typeof body === 'object' && body !== null && 'message' in body ? String((body as { message: unknown }).message) : `Tải lên không thành công (mã ${status}).`
  return new HttpError(status, message, {})
}
