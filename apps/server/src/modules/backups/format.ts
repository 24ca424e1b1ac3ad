/**
 * The backup file: one zip (entries stored, not compressed again: both dumps are compressed already)
 * holding `manifest.json`, the database dump and `files.txt` (the file store's sha256 list), plus a
 * sidecar `<name>.sha256` in `sha256sum` format with the checksum of the whole zip. Written to a
 * temporary name, fsynced, renamed, the directory fsynced: a power cut leaves no half backup under a
 * real name. `unzip -l` and `sha256sum -c` work on it without our code.
 */
import fs from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import yauzl from 'yauzl'
import yazl from 'yazl'
import { z } from 'zod'
import { hashingStream } from '../files'

export const MANIFEST_NAME = 'manifest.json'
export const FILES_LIST_NAME = 'files.txt'
export const BACKUP_EXTENSION = '.htsbak'
/** Large reads: a backup is read while the server serves requests, and each chunk waits its turn on the event loop. */
export const CHUNK = 1024 * 1024

const Part = z.object({ name: z.string(), size: z.number(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })

export const BackupManifest = z.object({
  format: z.literal('hts-backup'),
  version: z.literal(1),
  id: z.uuid(),
  kind: z.enum(['hourly', 'daily', 'manual', 'cli']),
  engine: z.enum(['pglite', 'postgres']),
  createdAt: z.string(),
  /** The last migration applied to the database dumped: a restore into older code is refused. */
  migration: z.string(),
  database: Part,
  files: Part.extend({
    count: z.number(),
    /** 'copy': every listed file is in the backup's file store (`<backup dir>/files`); 'manifest': listed only. */
    mode: z.enum(['copy', 'manifest']),
    store: z.enum(['local', 's3']),
    problems: z.array(z.object({ sha256: z.string(), error: z.string() })),
  }),
})
export type BackupManifest = z.infer<typeof BackupManifest>

export interface PartSource {
  name: string
  /** A file on disk (the pg_dump output) or bytes in memory (PGlite's dump). */
  file?: string
  buffer?: Buffer
}

async function fsyncPath(target: string, flags = 'r'): Promise<void> {
  try {
    const handle = await fs.promises.open(target, flags)
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch (error) {
    // Some file systems refuse fsync on a directory; a file's fsync must succeed.
    if (flags !== 'r' || !(await fs.promises.stat(target)).isDirectory()) throw error
  }
}

/** Writes `text` to `target` durably (temp name, fsync, rename, directory fsync). */
export async function writeDurably(target: string, data: Buffer | string): Promise<void> {
  const temp = `${target}.part`
  await fs.promises.writeFile(temp, data, { flag: 'w', mode: 0o640 })
  await fsyncPath(temp, 'r+')
  await fs.promises.rename(temp, target)
  await fsyncPath(path.dirname(target))
}


export async function sha256OfPart(part: PartSource): Promise<{ sha256: string; size: number }> {
  const h = hashingStream()
  const source: Readable = part.file ? fs.createReadStream(part.file, { highWaterMark: CHUNK }) : Readable.from([part.buffer ?? Buffer.alloc(0)])
  await pipeline(source, h.stream, async (s: AsyncIterable<Buffer>) => {
    for await (const chunk of s) void chunk
  })
  return h.digest()
}

/** Writes the zip and its checksum sidecar; returns the checksum of the whole and its size. */
export async function writeBackupFile(target: string, manifest: BackupManifest, parts: PartSource[]): Promise<{ sha256: string; size: number }> {
  const zip = new yazl.ZipFile()
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), MANIFEST_NAME, { compress: true })
  for (const part of parts) {
    if (part.file) zip.addFile(part.file, part.name, { compress: false })
    else zip.addBuffer(part.buffer ?? Buffer.alloc(0), part.name, { compress: part.name.endsWith('.txt') })
  }
  zip.end()
  const temp = `${target}.part`
  const h = hashingStream()
  try {
    await pipeline(zip.outputStream, h.stream, fs.createWriteStream(temp, { flags: 'wx', mode: 0o640 }))
    await fsyncPath(temp, 'r+')
    await fs.promises.rename(temp, target)
  } catch (error) {
    await fs.promises.rm(temp, { force: true })
    throw error
  }
  const whole = h.digest()
  await writeDurably(checksumPath(target), `${whole.sha256}  ${path.basename(target)}\n`)
  await fsyncPath(path.dirname(target))
  return whole
}

export const checksumPath = (backupFile: string) => `${backupFile}.sha256`

export class BackupInvalidError extends Error {}

/** The checksum the sidecar records; the whole file is hashed again and must match (before anything is restored). */
export async function verifyWholeChecksum(file: string): Promise<{ sha256: string; size: number }> {
  let recorded: string
  try {
    recorded = (await fs.promises.readFile(checksumPath(file), 'utf8')).trim().split(/\s+/)[0] ?? ''
  } catch {
    throw new BackupInvalidError(`Thiếu tệp mã kiểm tra ${checksumPath(file)} đi kèm bản sao lưu: không thể xác nhận bản sao lưu còn nguyên vẹn.`)
  }
  const actual = await sha256OfPart({ name: '', file })
  if (actual.sha256 !== recorded) {
    throw new BackupInvalidError(`Bản sao lưu ${file} bị hỏng hoặc bị sửa: mã kiểm tra SHA-256 không khớp (ghi ${recorded.slice(0, 12)}…, tính được ${actual.sha256.slice(0, 12)}…). Hãy dùng một bản sao lưu khác.`)
  }
  return actual
}

/** An opened backup zip: its manifest and a verified stream of each part. */
export interface OpenedBackup {
  manifest: BackupManifest
  /** The part's bytes, checked against the manifest's sha256 at the end of the stream. */
  extract(name: string, target: string): Promise<void>
  readText(name: string): Promise<string>
  close(): void
}

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(file, { lazyEntries: true, autoClose: false }, (error, zip) => (error ? reject(error) : resolve(zip))))
}

export async function openBackupFile(file: string): Promise<OpenedBackup> {
  const zip = await openZip(file)
  const entries = new Map<string, yauzl.Entry>()
  await new Promise<void>((resolve, reject) => {
    zip.on('entry', (entry: yauzl.Entry) => {
      entries.set(entry.fileName, entry)
      zip.readEntry()
    })
    zip.on('end', () => resolve())
    zip.on('error', reject)
    zip.readEntry()
  })
  const streamOf = (name: string) =>
    new Promise<Readable>((resolve, reject) => {
      const entry = entries.get(name)
      if (!entry) return reject(new BackupInvalidError(`Bản sao lưu thiếu phần ${name}.`))
      zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream)))
    })
  const manifestText = await streamToString(await streamOf(MANIFEST_NAME))
  const parsed = BackupManifest.safeParse(JSON.parse(manifestText))
  if (!parsed.success) {
    zip.close()
    throw new BackupInvalidError(`Tệp ${file} không phải bản sao lưu Hộ Tịch Số đọc được (manifest.json không hợp lệ).`)
  }
  const manifest = parsed.data
  const expected = (name: string) => [manifest.database, manifest.files].find((p) => p.name === name)
  const checkedStream = async (name: string) => {
    const part = expected(name)
    const h = hashingStream()
    const source = await streamOf(name)
    return { source, h, part }
  }
  const mismatch = (name: string) => new BackupInvalidError(`Phần ${name} của bản sao lưu không khớp mã kiểm tra trong manifest.json: bản sao lưu bị hỏng.`)
  return {
    manifest,
    async extract(name, target) {
      const { source, h, part } = await checkedStream(name)
      await pipeline(source, h.stream, fs.createWriteStream(target))
      if (part && h.digest().sha256 !== part.sha256) throw mismatch(name)
    },
    async readText(name) {
      const { source, h, part } = await checkedStream(name)
      const chunks: Buffer[] = []
      await pipeline(source, h.stream, async (s: AsyncIterable<Buffer>) => {
        for await (const chunk of s) chunks.push(chunk)
      })
      if (part && h.digest().sha256 !== part.sha256) throw mismatch(name)
      return Buffer.concat(chunks).toString('utf8')
    },
    close: () => zip.close(),
  }
}

async function streamToString(stream: Readable): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of stream) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** `files.txt`: one `sha256 size` line per stored file, sorted. */
export function parseFilesList(text: string): { sha256: string; size: number }[] {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [sha256 = '', size = '0'] = line.split(' ')
      return { sha256, size: Number(size) }
    })
}
