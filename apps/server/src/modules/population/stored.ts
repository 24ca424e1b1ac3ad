/** The jsonb columns of population_extracts, parsed where they are read. */
import { z } from 'zod'

/** Field → the header text it was read from: the unit's next extract of the same shape maps itself. */
export const ExtractHeaderMapping = z.record(z.string(), z.string())

/** Rows that could not be loaded (and warnings), by file row number; at most a few hundred are kept. */
export const ExtractErrors = z.array(z.object({ row: z.number().int(), message: z.string() }))
export type ExtractErrors = z.infer<typeof ExtractErrors>
