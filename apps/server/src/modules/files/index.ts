/** The files module's public surface: other modules import only from here (lint enforces it). */
export { FileCorruptError, FileMissingError } from './errors'
export { hashingStream, spoolToFile } from './hashing'
export { createFileStore, fileStoreConfigFromEnv, type FileStore, type FileStoreConfig } from './store'
export { createS3Client, type S3StoreConfig } from './s3-store'
