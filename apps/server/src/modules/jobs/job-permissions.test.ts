import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestServer, type TestServer } from '../../test/harness'
import { unitIdByCode } from '../../test/factories'

/**
 * A job is seen and cancelled by whoever may start its kind, inside their scope. Written out by hand
 * (not derived from the permission table) so that a change to roles or kinds shows up here.
 * Other kinds in scope: 403 on one job, left out of the list; another commune's job: 404.
 */
const KINDS = ['import.entries', 'export.unit', 'reconcile.batch', 'population.import', 'files.verify', 'scans.process', 'audit.verify', 'duplicates.scan', 'handover.pdfs', 'ocr.page'] as const
type Kind = (typeof KINDS)[number]

const MAY_HANDLE: Record<string, readonly Kind[]> = {
  'tuphap.anphu': ['import.entries', 'export.unit', 'reconcile.batch', 'population.import', 'scans.process', 'duplicates.scan', 'handover.pdfs', 'ocr.page'],
  'sohoa.anphu': ['import.entries', 'scans.process', 'duplicates.scan', 'ocr.page'],
  'congan.anphu': ['reconcile.batch', 'population.import'],
  'lanhdao.anphu': ['audit.verify'],
  sotuphap: ['export.unit', 'population.import', 'files.verify', 'audit.verify', 'handover.pdfs'],
  admin: ['files.verify', 'audit.verify'],
}

let server: TestServer
const jobIds = {} as Record<Kind, string>

beforeAll(async () => {
  server = await startTestServer()
  const anPhu = await unitIdByCode(server, '98001')
  for (const kind of KINDS) {
    // Finished rows: the runner leaves them alone, the routes still show and "cancel" them.
    const row = await server.db.kysely
      .insertInto('jobs')
      .values({ kind, unit_id: anPhu, status: 'failed', params: JSON.stringify({}), progress: JSON.stringify({}), finished_at: new Date() })
      .returning('id')
      .executeTakeFirstOrThrow()
    jobIds[kind] = row.id
  }
})
afterAll(async () => server?.close())

describe('job routes check the permission of the job kind', () => {
  it('every kind the server runs names its permission and is in this table', () => {
    expect([...server.services.jobRunner.kinds()].sort()).toEqual([...KINDS].sort())
  })

  for (const [username, allowed] of Object.entries(MAY_HANDLE)) {
    it(username, async () => {
      const client = await server.login(username)
      const expected = Object.fromEntries(KINDS.map((kind) => [kind, allowed.includes(kind) ? 200 : 403]))
      const seen: Record<string, number> = {}
      const cancelled: Record<string, number> = {}
      for (const kind of KINDS) {
        seen[kind] = (await client.get(`/api/jobs/${jobIds[kind]}`)).status
        cancelled[kind] = (await client.post(`/api/jobs/${jobIds[kind]}/cancel`)).status
      }
      expect(seen).toEqual(expected)
      expect(cancelled).toEqual(expected)
      const listed = (await client.get('/api/jobs')).body.items as { kind: string }[]
      expect(listed.map((job) => job.kind).sort()).toEqual([...allowed].sort())
      const refused = await client.post(`/api/jobs/${jobIds['files.verify']}/cancel`)
      if (!allowed.includes('files.verify')) expect(refused.body.message).toMatch(/không có quyền/)
    })
  }

  it("another commune's jobs answer 404, whatever their kind", async () => {
    const other = await server.login('tuphap.binhminh')
    for (const kind of KINDS) {
      expect((await other.get(`/api/jobs/${jobIds[kind]}`)).status).toBe(404)
      expect((await other.post(`/api/jobs/${jobIds[kind]}/cancel`)).status).toBe(404)
    }
    expect((await other.get('/api/jobs')).body.items).toEqual([])
  })
})
