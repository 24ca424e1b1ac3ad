import { foldKey, prepareName } from '@hts/domain'
import type { Kysely } from 'kysely'
import type { Readable } from 'node:stream'
import type { Database } from '../../db/schema'
import { HttpError, notFound } from '../../http/errors'
import { actorOf, recordAudit } from '../audit'
import type { AuthUser } from '../auth'
import type { JobsService } from '../jobs'
import type { UnitsService } from '../units'
import { checkMapping, POPULATION_FIELD_KEYS, POPULATION_FIELDS, suggestMapping, type ColumnMapping } from './fields'
import { POPULATION_IMPORT_JOB, type PopulationImportParams } from './import-job'
import { ExtractHeaderMapping } from './stored'
import { activeExtracts } from './lookup-local'
import { presentExtract, snapshotOf } from './presenter'
import type { UploadMeta, UploadStore } from './uploads'

const EXTRACT_NOT_FOUND = 'Không tìm thấy bản dữ liệu dân cư này'

export interface ExtractInput {
  uploadId: string
  unitId: string
  source: string
  extractDate: string
  mapping: ColumnMapping
}

export function createPopulationService(db: Kysely<Database>, units: UnitsService, jobs: JobsService, uploads: UploadStore) {
  const selectExtracts = () =>
    db
      .selectFrom('population_extracts as x')
      .innerJoin('administrative_units as u', 'u.id', 'x.unit_id')
      .leftJoin('users as c', 'c.id', 'x.created_by')
      .selectAll('x')
      .select(['u.name as unit_name', 'c.full_name as created_by_name'])

  /** Header texts of the unit's last mapping, so the next extract of the same shape maps itself. */
  async function previousMapping(unitId: string): Promise<Record<string, string>> {
    const last = await db.selectFrom('population_extracts').select('mapping').where('unit_id', '=', unitId).orderBy('created_at', 'desc').limit(1).executeTakeFirst()
    return last ? ExtractHeaderMapping.parse(last.mapping) : {}
  }

  /** The file's header and sample rows, with the suggested mapping. */
  async function present(user: AuthUser, meta: UploadMeta) {
    return {
      uploadId: meta.id,
      fileName: meta.fileName,
      format: meta.format,
      size: meta.size,
      ...meta.preview,
      suggestedMapping: suggestMapping(meta.preview.headers, await previousMapping(user.unitId)),
      fields: POPULATION_FIELD_KEYS.map((key) => ({ key, label: POPULATION_FIELDS[key].label, required: POPULATION_FIELDS[key].required })),
    }
  }

  return {
    /** Keeps the file (bytes in the shared store, the rest in population_uploads) and shows its header; the sample rows are people's records, so the upload is audited (issue 14). */
    async upload(user: AuthUser, file: { stream: Readable; fileName: string; truncated: () => boolean }) {
      const received = await uploads.receive(file.fileName, file.stream, file.truncated)
      try {
        const meta = await db.transaction().execute(async (trx) => {
          const kept = await uploads.keep(trx, user, received)
          await recordAudit(trx, actorOf(user), {
            action: 'population.upload',
            entityType: 'upload',
            entityId: kept.id,
            details: { fileName: kept.fileName, rows: kept.preview.sampleRows.length, sha256: kept.sha256, size: kept.size },
          })
          return kept
        })
        return await present(user, meta)
      } finally {
        await received.discard()
      }
    },

    /** Each time the sample rows are shown again is audited too. */
    async describeUpload(user: AuthUser, uploadId: string) {
      const meta = await uploads.get(user, uploadId)
      await recordAudit(db, actorOf(user), { action: 'population.upload.read', entityType: 'upload', entityId: meta.id, details: { fileName: meta.fileName, rows: meta.preview.sampleRows.length } })
      return present(user, meta)
    },

    async createExtract(user: AuthUser, input: ExtractInput) {
      if (!(await units.scopeOf(user.unitId)).has(input.unitId)) {
        throw new HttpError(400, 'validation', 'Đơn vị của dữ liệu dân cư không thuộc phạm vi của bạn', { fieldErrors: { unitId: 'Chọn đơn vị của bạn hoặc đơn vị cấp dưới' } })
      }
      const meta = await uploads.get(user, input.uploadId)
      const { preview } = meta
      const problems = checkMapping(input.mapping, preview.headers.length)
      if (problems.length > 0) throw new HttpError(400, 'validation', `Cách ghép cột chưa đúng: ${problems[0]}`, { problems })
      const headerMapping = Object.fromEntries(
        POPULATION_FIELD_KEYS.flatMap((key) => (input.mapping[key] === undefined ? [] : [[key, preview.headers[input.mapping[key] as number] ?? '']])),
      )
      const { extractId, jobId } = await db.transaction().execute(async (trx) => {
        const extract = await trx
          .insertInto('population_extracts')
          .values({ unit_id: input.unitId, source: input.source, extract_date: input.extractDate, file_name: meta.fileName, mapping: JSON.stringify(headerMapping), errors: JSON.stringify([]), created_by: user.id })
          .returning('id')
          .executeTakeFirstOrThrow()
        await uploads.startLoad(trx, meta, extract.id)
        const params: PopulationImportParams = { extractId: extract.id, uploadId: meta.id, userId: user.id, headerRow: preview.headerRow, mapping: input.mapping }
        const job = await jobs.enqueue(trx, POPULATION_IMPORT_JOB, { unitId: input.unitId, createdBy: user.id, params })
        await trx.updateTable('population_extracts').set({ job_id: job }).where('id', '=', extract.id).execute()
        await recordAudit(trx, actorOf(user), {
          action: 'population.import.start',
          entityType: 'population_extract',
          entityId: extract.id,
          details: { unitId: input.unitId, source: input.source, extractDate: input.extractDate, fileName: meta.fileName, uploadId: meta.id, sha256: meta.sha256, mapping: headerMapping, jobId: job },
        })
        return { extractId: extract.id, jobId: job }
      })
      jobs.wake()
      return { extract: await this.get(user, extractId), jobId }
    },

    async list(user: AuthUser, unitId?: string) {
      const scope = [...(await units.scopeOf(user.unitId))]
      let query = selectExtracts().where('x.unit_id', 'in', scope)
      if (unitId) query = query.where('x.unit_id', '=', unitId)
      return (await query.orderBy('x.created_at', 'desc').limit(200).execute()).map(presentExtract)
    },

    /** An extract of a unit outside the user's scope does not exist for them (404). */
    async get(user: AuthUser, id: string) {
      const row = await selectExtracts().where('x.id', '=', id).executeTakeFirst()
      if (!row || !(await units.scopeOf(user.unitId)).has(row.unit_id)) throw notFound(EXTRACT_NOT_FOUND)
      return presentExtract(row)
    },

    /** An extract's details as GET shows them: its rejected rows quote people's records, so the read is audited (issue 14). */
    async read(user: AuthUser, id: string) {
      const view = await this.get(user, id)
      await recordAudit(db, actorOf(user), { action: 'population.extract.read', entityType: 'population_extract', entityId: view.id, details: { unitId: view.unitId, errorRows: view.errors.map((e) => e.row) } })
      return view
    },

    /**
     * People of the active extracts in the user's scope, by personal ID or by name (+ birth year).
     * Reading population records is reading personal data: one audit row with the ids returned.
     */
    async searchPeople(user: AuthUser, query: { personalId?: string | undefined; name?: string | undefined; birthYear?: number | undefined }) {
      const extracts = await activeExtracts(db, [...(await units.scopeOf(user.unitId))])
      if (extracts.length === 0) return []
      let q = db.selectFrom('population_people').selectAll().where('extract_id', 'in', extracts.map((e) => e.id))
      if (query.personalId) q = q.where('personal_id', '=', query.personalId.replace(/\s/g, ''))
      if (query.name) {
        // By the blocking key (indexed), never a scan of the whole extract.
        const name = prepareName(query.name)
        if (!name || !query.birthYear) throw new HttpError(400, 'validation', 'Tìm theo họ tên cần kèm năm sinh', { fieldErrors: { birthYear: 'Nhập năm sinh' } })
        q = q.where('key_name_year', '=', `${name.surname} ${name.given}|${query.birthYear}`).where('name_folded', '=', foldKey(query.name))
      } else if (!query.personalId) {
        throw new HttpError(400, 'validation', 'Nhập số định danh, hoặc họ tên và năm sinh để tìm')
      }
      const rows = await q.orderBy('full_name').limit(50).execute()
      await recordAudit(db, actorOf(user), {
        action: 'population.search',
        entityType: 'population',
        details: { query, returned: rows.map((r) => String(r.id)) },
      })
      return rows.map(snapshotOf)
    },
  }
}
export type PopulationService = ReturnType<typeof createPopulationService>
