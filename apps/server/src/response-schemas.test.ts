import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from './test/harness'

/**
 * Every JSON route declares its answer (a zod schema from @hts/domain): the serializer checks what
 * leaves the server and /api/docs shows it. Routes that send a file or an image are the exceptions.
 */
const FILE_DOWNLOADS = new Set([
  'GET /api/templates/{file}',
  'GET /api/books/{id}/export.xlsx',
  'GET /api/books/{id}/export-pdfs.zip',
  'GET /api/books/{id}/package.zip',
  'GET /api/exports/entries.xlsx',
  'GET /api/exports/{id}/download',
  'GET /api/imports/{id}/rejected.xlsx',
  'GET /api/imports/{id}/file',
  'GET /api/reconciliation/not-found.xlsx',
  'GET /api/followups/export.xlsx',
  'GET /api/pages/{id}/image',
  'GET /api/pages/{id}/thumbnail',
  'GET /api/handovers/{id}/package.zip',
  'GET /api/acceptance/lots/{id}/record.pdf',
  'GET /api/acceptance/lots/{id}/record.xlsx',
  'GET /api/audit/export.xlsx',
  'GET /api/campaign/appendix.xlsx',
  'GET /api/campaign/appendix.pdf',
  'GET /api/reports/weekly/report.pdf',
  'GET /api/reports/weekly/report.xlsx',
])

interface Operation {
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: unknown }> }>
}

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => server?.close())

describe('response schemas', () => {
  it('every JSON route declares the shape of its answer; only file downloads are exempt', async () => {
    const document = await server.anonymous().get('/api/docs/json')
    expect(document.status).toBe(200)
    const paths = document.body.paths as Record<string, Record<string, Operation>>
    const undeclared: string[] = []
    const declared: string[] = []
    const seen = new Set<string>()
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const route = `${method.toUpperCase()} ${path}`
        seen.add(route)
        if (FILE_DOWNLOADS.has(route)) continue
        const success = Object.entries(operation.responses ?? {}).filter(([code]) => /^2\d\d$/.test(code))
        // Without a schema the generator writes a placeholder "Default Response" without content.
        const described = success.length > 0 && success.every(([code, response]) => code === '204' || response.content?.['application/json']?.schema !== undefined)
        ;(described ? declared : undeclared).push(route)
      }
    }
    expect(undeclared).toEqual([])
    expect(declared.length).toBeGreaterThan(60)
    // The allow-list names real routes only: a renamed download must be renamed here too.
    expect([...FILE_DOWNLOADS].filter((route) => !seen.has(route))).toEqual([])
  })
})
