export const SHA256_PATTERN = /^[0-9a-f]{64}$/

export class FileMissingError extends Error {
  constructor(readonly sha256: string) {
    super(`Không tìm thấy tệp ${sha256.slice(0, 12)}… trong kho lưu trữ. Hãy tải lại tệp gốc.`)
  }
}

export class FileCorruptError extends Error {
  constructor(
    readonly sha256: string,
    readonly actual: string,
  ) {
    super(`Tệp ${sha256.slice(0, 12)}… trong kho lưu trữ đã bị thay đổi hoặc hỏng (mã băm không khớp). Hãy chạy kiểm tra toàn vẹn và tải lại tệp gốc.`)
  }
}

export function assertSha256(sha256: string): void {
  if (!SHA256_PATTERN.test(sha256)) throw new FileMissingError(sha256)
}

/** `ab/cd/<sha>`: two levels of 256 folders keep directories small for millions of files. */
export function shardedKey(sha256: string): string {
  assertSha256(sha256)
  return `${sha256.slice(0, 2)}/${sha256.slice(2, 4)}/${sha256}`
}
