import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { UNIT_LISTS } from '../../test/fixtures'
import { startTestServer, type TestServer } from '../../test/harness'
import { importUnits } from './import'

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..')
const provincesCsv = path.join(UNIT_LISTS, '915_CTK-CSCL_34_provinces.csv')

let server: TestServer
beforeAll(async () => {
  server = await startTestServer()
})
afterAll(async () => server?.close())

const countUnits = async (source: string) =>
  (await server.db.kysely.selectFrom('administrative_units').select('id').where('source', '=', source).execute()).length

describe('units import', () => {
  it('imports the 34 provinces of the statistics office list, and a second run changes nothing', async () => {
    const text = fs.readFileSync(provincesCsv, 'utf8')
    const options = { versionDate: '2025-07-01', level: 'province' as const, source: '34-provinces' }
    const first = await importUnits(server.db.kysely, text, options)
    expect(first).toEqual({ inserted: 34, renamed: 0, unchanged: 0, errors: [] })
    const again = await importUnits(server.db.kysely, text, options)
    expect(again).toEqual({ inserted: 0, renamed: 0, unchanged: 34, errors: [] })
    const hanoi = await server.db.kysely.selectFrom('administrative_units').selectAll().where('code', '=', '01').where('level', '=', 'province').executeTakeFirstOrThrow()
    expect(hanoi).toMatchObject({ name: 'Thành phố Hà Nội', version_date: '2025-07-01' })
  })

  it('a reused code with a new name closes the old unit and links it to its successor', async () => {
    const v1 = 'code,name,level,parent_code\n97,Tỉnh Thử Nghiệm,province,\n97001,Xã Cũ,commune,97\n'
    const v2 = 'code,name,level,parent_code,predecessor_codes\n97001,Xã Mới,commune,97,\n97002,Xã Hợp Nhất,commune,97,97001\n'
    expect((await importUnits(server.db.kysely, v1, { versionDate: '2020-01-01', source: 'v1' })).inserted).toBe(2)
    const report = await importUnits(server.db.kysely, v2, { versionDate: '2025-07-01', source: 'v2' })
    expect(report).toMatchObject({ inserted: 1, renamed: 1, errors: [] })
    const versions = await server.db.kysely.selectFrom('administrative_units').selectAll().where('code', '=', '97001').orderBy('created_at').execute()
    expect(versions.map((u) => [u.name, u.valid_from, u.valid_to])).toEqual([
      ['Xã Cũ', null, '2025-06-30'],
      ['Xã Mới', '2025-07-01', null],
    ])
    const links = await server.db.kysely.selectFrom('unit_successions').selectAll().where('predecessor_id', '=', versions[0]?.id ?? '').execute()
    expect(links).toHaveLength(2)
  })

  it('reports every bad line with its number and writes nothing', async () => {
    const text = 'code,name,level,parent_code\n96001,Xã Tốt,commune,\n,Xã Thiếu Mã,commune,\n96003,,thon,\n'
    const report = await importUnits(server.db.kysely, text, { versionDate: '2025-07-01', source: 'bad' })
    expect(report.errors).toEqual(['Dòng 3: thiếu mã', 'Dòng 4: thiếu tên, cấp "thon" không hợp lệ (tỉnh, huyện, xã)'])
    expect(await countUnits('bad')).toBe(0)
    const orphan = await importUnits(server.db.kysely, 'code,name,level,parent_code\n96009,Xã Lạc,commune,55\n', { versionDate: '2025-07-01', source: 'orphan' })
    expect(orphan.errors).toEqual(['Dòng 2: không tìm thấy đơn vị cấp trên mã 55'])
    expect(await countUnits('orphan')).toBe(0)
  })

  it('npm run units:import works from the command line on a data directory', () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hts-units-cli-'))
    try {
      const result = spawnSync('npm', ['run', '--silent', 'units:import', '--', provincesCsv, '--version-date', '2025-07-01', '--level', 'province'], {
        cwd: repoRoot,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' },
        encoding: 'utf8',
      })
      expect(result.stderr.replace(/npm warn.*\n/g, '')).toBe('')
      expect(result.stdout).toContain('Đã nhập: 34 đơn vị mới')
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true })
    }
  })
})
