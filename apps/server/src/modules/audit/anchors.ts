/**
 * Anchors of the audit chain (issue 14). The chain (migration 0016) finds a row edited or removed
 * behind the application's back, but whoever owns the database can also recompute every hash after
 * the row they changed and set the head to match: the chain is whole again. What such a rewrite
 * cannot change is a head recorded outside the database before it. So the server writes the chain's
 * head (seq, hash, time) every AUDIT_ANCHOR_MINUTES to a file beside the backups (BACKUP_DIR, which
 * production keeps on another disk or machine) and, with BACKUP_S3_BUCKET, as one object per anchor
 * in the off-site bucket; `npm run audit:verify` and the job `audit.verify` check that each anchored
 * row still carries the anchored hash.
 */
import fs from 'node:fs'
import path from 'node:path'
import { PutObjectCommand } from '@aws-sdk/client-s3'
import type { Kysely } from 'kysely'
import { z } from 'zod'
import type { Database } from '../../db/schema'
import { createS3Client, type S3StoreConfig } from '../files'
import type { PeriodicTask } from '../jobs'

export const AuditAnchorSchema = z.object({ seq: z.number().int().nonnegative(), hash: z.string().regex(/^[0-9a-f]{64}$/), at: z.string() })
export type AuditAnchor = z.infer<typeof AuditAnchorSchema>

export const AUDIT_ANCHOR_FILE = 'audit-anchors.jsonl'
export const AUDIT_ANCHOR_TASK = 'audit.anchor'

export async function auditChainHead(db: Kysely<Database>): Promise<{ seq: number; hash: string }> {
  const head = await db.selectFrom('audit_chain').select(['seq', 'hash']).executeTakeFirstOrThrow()
  return { seq: Number(head.seq), hash: head.hash }
}

/**
 * The anchors of a file, one JSON object per line, or of a directory of one-anchor objects as synced
 * from the bucket (`aws s3 sync s3://bucket/prefix/audit-anchors/ dir/`); a line or object that does
 * not parse is counted, never trusted.
 */
export function readAuditAnchors(file: string): { anchors: AuditAnchor[]; unreadable: number } {
  if (!fs.existsSync(file)) return { anchors: [], unreadable: 0 }
  const texts = fs.statSync(file).isDirectory()
    ? fs.readdirSync(file).filter((name) => name.endsWith('.json')).map((name) => fs.readFileSync(path.join(file, name), 'utf8').replaceAll('\n', ' '))
    : fs.readFileSync(file, 'utf8').split('\n')
  const anchors: AuditAnchor[] = []
  let unreadable = 0
  for (const line of texts) {
    if (line.trim() === '') continue
    let value: unknown
    try {
      value = JSON.parse(line)
    } catch {
      unreadable++
      continue
    }
    const parsed = AuditAnchorSchema.safeParse(value)
    if (parsed.success) anchors.push(parsed.data)
    else unreadable++
  }
  return { anchors, unreadable }
}

/** Appends one anchor and waits for the disk: an anchor lost in a crash is one the check cannot use. */
export function appendAuditAnchor(file: string, anchor: AuditAnchor): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const fd = fs.openSync(file, 'a', 0o600)
  try {
    fs.writeSync(fd, `${JSON.stringify(anchor)}\n`)
    fs.fsyncSync(fd)
  } finally {
    fs.closeSync(fd)
  }
}

export interface AuditAnchorOptions {
  file: string
  everyMinutes: number
  /** The off-site bucket of the backups, when there is one: the anchor goes there too. */
  offsite?: S3StoreConfig
}

/** One object per anchor, named by its place in the chain so a listing reads in order. */
export const anchorObjectKey = (prefix: string, anchor: AuditAnchor) => `${prefix}audit-anchors/${String(anchor.seq).padStart(12, '0')}.json`

/** The periodic task: writes the head when it moved since the last anchor of the file. */
export function createAuditAnchorTask(options: AuditAnchorOptions): PeriodicTask {
  const s3 = options.offsite ? { config: options.offsite, client: createS3Client(options.offsite) } : undefined
  // The file's last anchor, read once: afterwards this task is its only writer in this process.
  let last: AuditAnchor | undefined | null = null
  return {
    name: AUDIT_ANCHOR_TASK,
    everyMs: options.everyMinutes * 60 * 1000,
    async run(db) {
      const head = await auditChainHead(db)
      if (last === null) last = readAuditAnchors(options.file).anchors.at(-1)
      if (last && last.seq === head.seq && last.hash === head.hash) return { written: false, head }
      const anchor: AuditAnchor = { ...head, at: new Date().toISOString() }
      appendAuditAnchor(options.file, anchor)
      last = anchor
      if (s3) {
        // The local file is written first: a bucket that does not answer costs the off-site copy only.
        try {
          await s3.client.send(new PutObjectCommand({ Bucket: s3.config.bucket, Key: anchorObjectKey(s3.config.prefix, anchor), Body: JSON.stringify(anchor), ContentType: 'application/json' }))
        } catch (err) {
          console.error(`audit.anchor: không gửi được mốc neo nhật ký lên s3://${s3.config.bucket}/${s3.config.prefix} (${err instanceof Error ? err.message : String(err)}); mốc vẫn được ghi ở ${options.file}.`)
        }
      }
      return { written: true, head }
    },
  }
}
