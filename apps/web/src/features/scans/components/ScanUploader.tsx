import { CloudUploadOutlined } from '@ant-design/icons'
import { Alert, List, Progress, Space, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { useFileUpload } from '../../../lib/useFileUpload'
import { uploadScans, useInvalidatePages, useJob, type FileResult } from '../api'

const STATUS_TAG: Record<FileResult['status'], { color: string; label: string }> = {
  accepted: { color: 'green', label: 'Đã nhận' },
  duplicate: { color: 'blue', label: 'Đã có' },
  rejected: { color: 'red', label: 'Bị từ chối' },
}

const formatBytes = (n: number) => (n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} kB`)

/**
 * Several files at once (PDF, JPEG, PNG, TIFF): the bytes' progress while uploading, then what the
 * server said about each file, then the rendering of the new pages (background job).
 */
export function ScanUploader({ bookId }: { bookId: string }) {
  const { input, progress, error, run } = useFileUpload()
  const [results, setResults] = useState<FileResult[]>([])
  const [jobId, setJobId] = useState<string | null>(null)
  const job = useJob(jobId)
  const invalidatePages = useInvalidatePages(bookId)
  const jobStatus = job.data?.status
  const p = job.data?.progress ?? {}
  const pagesTotal = Number(p.pagesTotal ?? 0)
  const pagesDone = Number(p.pagesDone ?? 0) + Number(p.pagesFailed ?? 0)

  useEffect(() => {
    if (jobStatus === 'succeeded' || jobStatus === 'failed') void invalidatePages()
  }, [jobStatus, invalidatePages])

  const onFiles = async (files: File[]) => {
    if (files.length === 0) return
    setResults([])
    setJobId(null)
    await run(async (onProgress) => {
      const res = await uploadScans(bookId, files, onProgress)
      setResults(res.results)
      setJobId(res.jobId)
      void invalidatePages()
    })
  }

  return (
    <div data-testid="scan-uploader">
      <Space align="center" wrap>
        <label htmlFor="scan-files" style={{ fontWeight: 500 }}>
          <CloudUploadOutlined /> Tải ảnh quét lên (PDF nhiều trang, JPEG, PNG, TIFF; chọn được nhiều tệp):
        </label>
        <input
          ref={input}
          id="scan-files"
          type="file"
          multiple
          accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,application/pdf,image/jpeg,image/png,image/tiff"
          disabled={progress !== null}
          onChange={(e) => void onFiles(Array.from(e.target.files ?? []))}
        />
      </Space>
      {progress !== null && (
        <div role="status" aria-live="polite">
          <Typography.Text>Đang tải lên…</Typography.Text>
          <Progress percent={Math.round(progress * 100)} status="active" data-testid="upload-progress" />
        </div>
      )}
      {error && <Alert type="error" showIcon title={error} style={{ marginTop: 8 }} />}
      {results.length > 0 && (
        <List
          size="small"
          style={{ marginTop: 8 }}
          data-testid="upload-results"
          dataSource={results}
          renderItem={(r) => (
            <List.Item key={r.fileName}>
              <Space wrap>
                <Tag color={STATUS_TAG[r.status].color}>{STATUS_TAG[r.status].label}</Tag>
                <Typography.Text strong>{r.fileName}</Typography.Text>
                <Typography.Text type="secondary">{formatBytes(r.size)}</Typography.Text>
                {r.status === 'accepted' && r.firstPosition !== null && (
                  <span>
                    {r.pageCount} trang, thành trang {r.firstPosition}
                    {r.lastPosition !== r.firstPosition ? `–${r.lastPosition}` : ''} của sổ
                  </span>
                )}
                {r.message && <Typography.Text type={r.status === 'rejected' ? 'danger' : 'secondary'}>{r.message}</Typography.Text>}
              </Space>
            </List.Item>
          )}
        />
      )}
      {jobId && job.data && (
        <div role="status" aria-live="polite" style={{ marginTop: 8 }} data-testid="render-progress">
          {jobStatus === 'succeeded' ? (
            <Typography.Text type="success">Đã dựng xong ảnh {pagesTotal} trang.</Typography.Text>
          ) : jobStatus === 'failed' ? (
            <Typography.Text type="danger">Dựng ảnh trang bị lỗi: {job.data.error ?? ''}</Typography.Text>
          ) : (
            <>
              <Typography.Text>
                Đang dựng ảnh trang: {pagesDone}/{pagesTotal || '…'}
              </Typography.Text>
              <Progress percent={pagesTotal ? Math.round((100 * pagesDone) / pagesTotal) : 0} size="small" />
            </>
          )}
        </div>
      )}
    </div>
  )
}
