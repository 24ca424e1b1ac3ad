/**
 * The file store's part of a backup. The store is content-addressed, so the backup's own store
 * (`<backup dir>/files`, shared by every generation) receives only the files it does not have yet,
 * and a restore copies into the target store only what is missing there. Every copy is checked
 * against its name: the source store verifies what it streams, the target hashes what it stores.
 */
import type { FileStore } from '../files'

export interface FilesSnapshot {
  /** `sha256 size` lines, sorted. */
  list: string
  count: number
  copied: number
  problems: { sha256: string; error: string }[]
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

async function copyOne(from: FileStore, to: FileStore, sha256: string): Promise<void> {
  const stored = await to.put(await from.stream(sha256))
  if (stored.sha256 !== sha256) throw new Error(`nội dung tệp ${sha256} không khớp tên của nó`)
}

/** Lists the source store and (mode 'copy') copies what the backup store lacks. A damaged file is noted, not fatal. */
export async function snapshotFiles(source: FileStore, backupStore: FileStore | undefined, onProgress?: (done: number) => Promise<void>): Promise<FilesSnapshot> {
  const lines: string[] = []
  const problems: FilesSnapshot['problems'] = []
  let copied = 0
  for await (const sha256 of source.list()) {
    try {
      const size = (await source.size(sha256)) ?? 0
      if (backupStore && !(await backupStore.has(sha256))) {
        await copyOne(source, backupStore, sha256)
        copied++
      }
      lines.push(`${sha256} ${size}`)
    } catch (error) {
      problems.push({ sha256, error: message(error) })
    }
    if (onProgress && lines.length % 200 === 0) await onProgress(lines.length)
  }
  lines.sort()
  return { list: lines.map((l) => `${l}\n`).join(''), count: lines.length, copied, problems }
}

/** Every listed file is in the backup store (verification after writing). Returns the missing ones. */
export async function missingFromBackup(backupStore: FileStore, files: { sha256: string }[]): Promise<string[]> {
  const missing: string[] = []
  for (const file of files) if (!(await backupStore.has(file.sha256))) missing.push(file.sha256)
  return missing
}

/** Restores the files the target store lacks; returns counts and what could not be restored. */
export async function restoreFiles(backupStore: FileStore, target: FileStore, files: { sha256: string }[]): Promise<{ copied: number; present: number; failed: { sha256: string; error: string }[] }> {
  let copied = 0
  let present = 0
  const failed: { sha256: string; error: string }[] = []
  for (const { sha256 } of files) {
    try {
      if (await target.has(sha256)) {
        present++
        continue
      }
      await copyOne(backupStore, target, sha256)
      copied++
    } catch (error) {
      failed.push({ sha256, error: message(error) })
    }
  }
  return { copied, present, failed }
}

/** Copies into `to` the listed files it lacks (the off-site bucket), each checked against its name; returns how many were copied. */
export async function copyMissing(from: FileStore, to: FileStore, files: { sha256: string }[]): Promise<number> {
  let copied = 0
  for (const { sha256 } of files) {
    if (await to.has(sha256)) continue
    await copyOne(from, to, sha256)
    copied++
  }
  return copied
}
