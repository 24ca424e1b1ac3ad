import type { FastifyError, FastifyInstance } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'

/** An error the user can act on: status, stable code, Vietnamese message, optional details. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly body: Record<string, unknown> = {},
  ) {
    super(message)
  }
}

export const notFound = (what = 'Không tìm thấy dữ liệu') => new HttpError(404, 'not_found', what)
export const forbidden = () => new HttpError(403, 'forbidden', 'Tài khoản của bạn không có quyền thực hiện thao tác này')
/** Allowed in general but not here, with the reason (e.g. four eyes: not on one's own work). */
export const refused = (message: string, body: Record<string, unknown> = {}) => new HttpError(403, 'forbidden', message, body)
export const conflict = (message: string, body: Record<string, unknown> = {}) => new HttpError(409, 'conflict', message, body)
export const unprocessable = (message: string, body: Record<string, unknown> = {}) =>
  new HttpError(422, 'unprocessable', message, body)

interface PgError {
  code?: string
  constraint?: string
}

function isPgError(error: unknown): error is PgError {
  return typeof error === 'object' && error !== null && typeof (error as PgError).code === 'string'
}

/** True for a unique violation (of the named constraint, when given) from either engine. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  return isPgError(error) && error.code === '23505' && (constraint === undefined || error.constraint === constraint)
}

/** True for a foreign-key violation (of the named constraint, when given) from either engine. */
export function isForeignKeyViolation(error: unknown, constraint?: string): boolean {
  return isPgError(error) && error.code === '23503' && (constraint === undefined || error.constraint === constraint)
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | HttpError | Error, request, reply) => {
    if (error instanceof HttpError) {
      return reply.code(error.statusCode).send({ error: error.code, message: error.message, ...error.body })
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const fieldErrors: Record<string, string> = {}
      for (const issue of error.validation) {
        const key = issue.instancePath.replace(/^\//, '').replace(/\//g, '.') || '_'
        fieldErrors[key] ??= issue.message ?? 'Giá trị không hợp lệ'
      }
      const first = Object.entries(fieldErrors)[0]
      return reply.code(400).send({
        error: 'validation',
        message: `Dữ liệu chưa hợp lệ${first ? `: ${first[1]}` : ''}`,
        fieldErrors,
      })
    }
    if (isPgError(error) && error.code === '23505') {
      return reply.code(409).send({ error: 'duplicate', message: 'Dữ liệu này đã có trong hệ thống (trùng lặp)' })
    }
    // Class 22 (data exception: number out of range, bad date, bad text) comes from what was sent; a route's schema should have caught it.
    if (isPgError(error) && error.code?.startsWith('22')) {
      request.log.warn({ err: error }, 'data exception not caught by the route schema')
      return reply.code(400).send({ error: 'validation', message: 'Dữ liệu chưa hợp lệ: có giá trị quá lớn, quá nhỏ hoặc sai định dạng' })
    }
    const status = (error as FastifyError).statusCode
    if (status && status < 500) {
      return reply.code(status).send({ error: 'bad_request', message: 'Yêu cầu không hợp lệ' })
    }
    request.log.error(error)
    return reply.code(500).send({ error: 'internal', message: 'Lỗi hệ thống, vui lòng thử lại hoặc báo quản trị viên' })
  })
}
