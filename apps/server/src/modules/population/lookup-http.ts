/**
 * Client of an online population lookup service (contract: docs/POPULATION-LOOKUP.md). It fails
 * safe: a timeout, a refused connection, an error status or an answer that does not follow the
 * contract makes the whole batch "unavailable" (entries stay "not checked yet"); only an answer
 * with an empty candidate list means "not found".
 */
import { defaultFrequencies, preparePerson } from '@hts/domain'
import { z } from 'zod'
import type { Candidate, CandidateSnapshot, LookupResult, PopulationLookup } from './lookup'

export interface HttpLookupConfig {
  url: string
  key: string | undefined
  timeoutMs: number
  /** People the service covers (the prior of the matching model); default: the whole country. */
  populationSize: number
  /** Queries per request. */
  batchSize?: number
}

const text = z.string().max(500).nullish().transform((v) => v ?? null)
const CandidateJson = z.object({
  id: z.string().max(100).optional(),
  personalId: text,
  fullName: z.string().min(1).max(500),
  birthDate: text,
  sex: text,
  birthplace: text,
  homeTown: text,
  ethnicity: text,
  nationality: text,
  motherName: text,
  motherPersonalId: text,
  fatherName: text,
  fatherPersonalId: text,
  residence: text,
})
const ResponseJson = z.object({
  results: z.array(z.object({ ref: z.string(), candidates: z.array(CandidateJson).max(50) })),
})

function unavailable(message: string): LookupResult {
  return { status: 'unavailable', source: 'http', message }
}

export function createHttpLookup(config: HttpLookupConfig): PopulationLookup {
  const endpoint = `${config.url.replace(/\/+$/, '')}/v1/people/search`
  const batchSize = config.batchSize ?? 100
  const seconds = Math.round(config.timeoutMs / 100) / 10

  async function post(body: unknown): Promise<z.infer<typeof ResponseJson> | string> {
    let response: Response
    try {
      response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(config.key ? { authorization: `Bearer ${config.key}` } : {}) },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(config.timeoutMs),
      })
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')
      return timedOut
        ? `Dịch vụ tra cứu CSDL dân cư không trả lời trong ${seconds} giây: chưa đối chiếu được, hãy chạy lại sau`
        : 'Không kết nối được dịch vụ tra cứu CSDL dân cư: chưa đối chiếu được, kiểm tra đường truyền rồi chạy lại'
    }
    if (!response.ok) {
      await response.body?.cancel()
      return `Dịch vụ tra cứu CSDL dân cư trả lỗi ${response.status}: chưa đối chiếu được, hãy chạy lại sau hoặc báo quản trị viên`
    }
    try {
      const parsed = ResponseJson.safeParse(await response.json())
      return parsed.success ? parsed.data : 'Dịch vụ tra cứu CSDL dân cư trả dữ liệu không đúng định dạng: chưa đối chiếu được, báo quản trị viên'
    } catch {
      return 'Dịch vụ tra cứu CSDL dân cư trả dữ liệu không đọc được: chưa đối chiếu được, báo quản trị viên'
    }
  }

  return {
    source: 'http',
    // The service decides how widely it searches: one request per batch.
    progressive: false,
    async search(_scopeUnitIds, queries): Promise<LookupResult> {
      const candidates = new Map<string, Candidate[]>()
      for (let i = 0; i < queries.length; i += batchSize) {
        const chunk = queries.slice(i, i + batchSize)
        const answer = await post({
          queries: chunk.map((q) => ({
            ref: q.ref,
            personalId: q.person.personalId ?? null,
            fullName: q.input.fullName ?? null,
            birthDate: q.input.birthDate ?? null,
            sex: q.person.sex ?? null,
            motherName: q.input.motherName ?? null,
            fatherName: q.input.fatherName ?? null,
            birthplace: q.input.birthplace ?? null,
          })),
        })
        if (typeof answer === 'string') return unavailable(answer)
        const byRef = new Map(answer.results.map((r) => [r.ref, r.candidates]))
        for (const q of chunk) {
          const found = byRef.get(q.ref)
          if (!found) return unavailable('Dịch vụ tra cứu CSDL dân cư trả thiếu kết quả cho một số trường hợp: chưa đối chiếu được, hãy chạy lại sau')
          candidates.set(q.ref, found.map((c, n) => {
            const id = `${q.ref}:${c.id ?? c.personalId ?? n}`
            const snapshot: CandidateSnapshot = { ...c, id, extractId: null }
            return { id, extractId: null, snapshot, person: preparePerson(c) }
          }))
        }
      }
      return {
        status: 'ok',
        source: 'http',
        populationSize: config.populationSize,
        frequencies: defaultFrequencies(config.populationSize),
        candidates,
        extractIds: [],
      }
    },
  }
}
