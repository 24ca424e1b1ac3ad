import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type Client, type TestServer } from '../../test/harness'
import { buildBirthFields, createBook } from '../../test/factories'

/**
 * A stand-in for the online population lookup service (docs/POPULATION-LOOKUP.md): it answers
 * according to the name asked for, slowly for "Chậm", with an error for "Lỗi".
 */
const requests: Array<{ authorization: string | undefined; body: any }> = []
let service: http.Server
let server: TestServer
let police: Client
let bookId: string

beforeAll(async () => {
  service = http.createServer((req, res) => {
    let raw = ''
    req.on('data', (chunk) => (raw += chunk))
    req.on('end', () => {
      const body = JSON.parse(raw)
      requests.push({ authorization: req.headers.authorization, body })
      const name: string = body.queries[0].fullName
      const reply = (status: number, payload: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(payload))
      if (req.url !== '/v1/people/search') return reply(404, {})
      if (name.includes('Chậm')) return setTimeout(() => reply(200, { results: [] }), 2000)
      if (name.includes('Lỗi')) return reply(503, { error: 'busy' })
      const results = body.queries.map((q: any) => ({
        ref: q.ref,
        candidates: q.fullName === 'Nguyễn Thị Hoà'
          ? [{ id: 'p-1', personalId: '034190001234', fullName: 'NGUYỄN THỊ HÒA', birthDate: '12.05.1990', sex: '2', motherName: 'TRẦN THỊ LAN', fatherName: 'NGUYỄN VĂN MINH', birthplace: 'Xã An Phú' }]
          : [],
      }))
      return reply(200, { results })
    })
  })
  await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve))
  const port = (service.address() as AddressInfo).port
  server = await startTestServer({ config: { populationLookup: { url: `http://127.0.0.1:${port}`, key: 'khoa-thu-nghiem', timeoutMs: 300, populationSize: 1_000_000 } } })
  police = await server.login('congan.anphu')
  const officer = await server.login('tuphap.anphu')
  bookId = (await createBook(officer, server)).id
})
afterAll(async () => {
  await server?.close()
  service?.closeAllConnections()
  await new Promise((resolve) => service?.close(resolve))
})

async function reconcile(fields: Record<string, string>) {
  const officer = await server.login('tuphap.anphu')
  const entry = (await officer.post(`/api/books/${bookId}/entries`, { fields: buildBirthFields(fields) })).body
  const response = await police.post(`/api/entries/${entry.id}/reconcile`)
  expect(response.status).toBe(200)
  return response.body
}

describe('the online population lookup service', () => {
  it('is asked with the key from the configuration and its candidates are scored like local ones', async () => {
    const result = await reconcile({ nksHoTen: 'Nguyễn Thị Hoà', nksGioiTinh: '2', nksNgaySinh: '12.05.1990', meHoTen: 'Trần Thị Lan', chaHoTen: 'Nguyễn Văn Minh' })
    expect(result).toMatchObject({ outcome: 'match', source: 'http', populationSize: 1_000_000 })
    expect(result.candidates[0].person).toMatchObject({ personalId: '034190001234', fullName: 'NGUYỄN THỊ HÒA' })
    const last = requests[requests.length - 1]!
    expect(last.authorization).toBe('Bearer khoa-thu-nghiem')
    expect(last.body.queries[0]).toMatchObject({ fullName: 'Nguyễn Thị Hoà', birthDate: '12.05.1990', sex: '2', motherName: 'Trần Thị Lan', personalId: null })
  })

  it('says "not found" only when the service answers with no candidate', async () => {
    expect((await reconcile({ nksHoTen: 'Đinh Công Tráng' })).outcome).toBe('not_found')
  })

  it('turns a timeout into "not checked yet", never "not found", and says to try again', async () => {
    const started = Date.now()
    const result = await reconcile({ nksHoTen: 'Trần Văn Chậm' })
    expect(Date.now() - started).toBeLessThan(1900)
    expect(result).toMatchObject({ outcome: 'not_checked', outcomeLabel: 'Chưa đối chiếu được', candidates: [] })
    expect(result.message).toMatch(/không trả lời trong 0.3 giây/)
    const notFound = (await police.get(`/api/reconciliation/not-found?bookId=${bookId}&includePending=true`)).body.items
    expect(notFound.map((i: any) => i.fullName)).not.toContain('Trần Văn Chậm')
  })

  it('turns an error answer into "not checked yet" too', async () => {
    const result = await reconcile({ nksHoTen: 'Lê Văn Lỗi' })
    expect(result.outcome).toBe('not_checked')
    expect(result.message).toMatch(/503/)
  })
})
