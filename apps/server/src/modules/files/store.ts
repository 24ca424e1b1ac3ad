import path from 'node:path'
import type { Readable } from 'node:stream'
import { createLocalFileStore } from './local-store'
import { createS3FileStore, type S3StoreConfig } from './s3-store'

/**
 * Content-addressed file store: a file is named by the SHA-256 of its bytes, so the same bytes are
 * stored once, and every read is checked against the name (a changed or damaged file is reported,
 * never served). Used for scans (original uploads, page images, thumbnails) and by any module that
 * keeps binary files (e.g. per-entry PDFs). Nothing here knows about books or users: callers keep
 * the sha256 in their own tables and check scope themselves.
 */
export interface FileStore {
  readonly kind: 'local' | 's3'
  /** Where files live, for logs and docs (no secrets). */
  readonly location: string
  /** A local directory for spooling files before `putFile` (on the local store's file system, so that is a rename). */
  readonly tempDir: string
  /** Stores bytes or a stream. `existed` is true when the same content was already stored (nothing written). */
  put(data: Buffer | Uint8Array | Readable): Promise<PutResult>
  /**
   * Stores a local file (e.g. an upload spooled to disk) and removes the source path. Pass the hash
   * when the caller computed it while writing, to skip a second read.
   */
  putFile(filePath: string, known?: { sha256: string; size: number }): Promise<PutResult>
  /** The whole file, verified against its hash. Throws FileMissingError / FileCorruptError. */
  get(sha256: string): Promise<Buffer>
  /** A stream of the file; it errors with FileCorruptError at the end if the bytes do not match (for large files). */
  stream(sha256: string): Promise<Readable>
  /** A verified local path to the file for tools that need one (pdf.js, sharp); call release() when done. */
  localCopy(sha256: string): Promise<{ path: string; release(): Promise<void> }>
  has(sha256: string): Promise<boolean>
  size(sha256: string): Promise<number | undefined>
  /** Re-reads the file and compares its hash with its name. */
  verify(sha256: string): Promise<VerifyResult>
  /** Every stored hash (for the integrity check). */
  list(): AsyncIterable<string>
  /**
   * Deletes the file; true when there was one. The store does not know who uses a file: only a
   * caller that has checked no row refers to this hash any more may call it (see imports/upload-cleanup.ts).
   */
  remove(sha256: string): Promise<boolean>
}

export interface PutResult {
  sha256: string
  size: number
  /** True when the same content was already in the store: it was not written again. */
  existed: boolean
}

export type VerifyResult =
  | { sha256: string; status: 'ok'; size: number }
  | { sha256: string; status: 'missing' }
  | { sha256: string; status: 'corrupt'; actual: string; size: number }

export { assertSha256, FileCorruptError, FileMissingError, SHA256_PATTERN, shardedKey } from './errors'

export type FileStoreConfig =
  | { kind: 'local'; root: string }
  | ({ kind: 's3'; tempDir: string } & S3StoreConfig)

/** Local store under DATA_DIR/files (or FILES_DIR) unless S3_BUCKET is set. */
export function fileStoreConfigFromEnv(dataDir: string, env: NodeJS.ProcessEnv = process.env): FileStoreConfig {
  const localRoot = path.resolve(env.FILES_DIR || path.join(dataDir, 'files'))
  if (!env.S3_BUCKET) return { kind: 'local', root: localRoot }
  return {
    kind: 's3',
    tempDir: path.join(localRoot, '.tmp'),
    bucket: env.S3_BUCKET,
    endpoint: env.S3_ENDPOINT || undefined,
    region: env.S3_REGION || 'us-east-1',
    accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
    secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === 'true',
    prefix: env.S3_PREFIX ?? '',
  }
}

export function createFileStore(config: FileStoreConfig): FileStore {
  return config.kind === 'local' ? createLocalFileStore(config.root) : createS3FileStore(config, config.tempDir)
}
