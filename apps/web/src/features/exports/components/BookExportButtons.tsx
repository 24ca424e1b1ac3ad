import { DownloadOutlined, FileZipOutlined, PaperClipOutlined } from '@ant-design/icons'
import { Alert, Button, Dropdown, List, Modal, Progress, Space, Typography } from 'antd'
import { useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import { useFileUpload } from '../../../lib/useFileUpload'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { attachScanZip, entryListUrl, type AttachResult } from '../api'

/** On the book page: the book's MOJ Excel, its delivery package, its list, and scans from a zip of PDFs. */
export function BookExportButtons({ bookId }: { bookId: string }) {
  const me = useCurrentUser()
  const client = useQueryClient()
  const { input, progress, error, clearError, run } = useFileUpload()
  const [result, setResult] = useState<AttachResult | null>(null)
  const canExport = hasPermission(me, 'export.run')
  const canAttach = hasPermission(me, 'import.run') && hasPermission(me, 'entry.update')
  if (!canExport && !canAttach) return null

  const onZip = async (file: File | undefined) => {
    if (!file) return
    await run(async (onProgress) => {
      setResult(await attachScanZip(bookId, file, onProgress))
      void client.invalidateQueries()
    })
  }

  return (
    <>
      <Space wrap>
        {canExport && (
          <Dropdown
            menu={{
              items: [
                { key: 'xlsx', icon: <DownloadOutlined />, label: <a href={`/api/books/${bookId}/export.xlsx`}>Tệp Excel theo mẫu Bộ Tư pháp</a> },
                { key: 'pdf', icon: <FileZipOutlined />, label: <a href={`/api/books/${bookId}/export-pdfs.zip`}>Tệp zip PDF từng trường hợp</a> },
                { key: 'package', icon: <FileZipOutlined />, label: <a href={`/api/books/${bookId}/package.zip`}>Gói bàn giao (Excel + zip PDF)</a> },
                { key: 'list', icon: <DownloadOutlined />, label: <a href={entryListUrl({ bookId })}>Danh sách trường hợp (dùng nội bộ)</a> },
              ],
            }}
          >
            <Button icon={<DownloadOutlined />}>Xuất sổ</Button>
          </Dropdown>
        )}
        {canAttach && (
          <Button icon={<PaperClipOutlined />} loading={progress !== null} onClick={() => input.current?.click()}>
            Gắn ảnh quét từ tệp zip PDF
          </Button>
        )}
        <input ref={input} type="file" accept=".zip" aria-label="Chọn tệp zip các PDF" style={{ display: 'none' }} onChange={(e) => void onZip(e.target.files?.[0])} />
      </Space>
      {progress !== null && <Progress percent={Math.round(progress * 100)} size="small" status="active" />}
      {error && <Alert type="error" showIcon closable title={error} style={{ marginTop: 8 }} onClose={clearError} />}
      <Modal open={result !== null} title="Kết quả gắn ảnh quét" onOk={() => setResult(null)} onCancel={() => setResult(null)} cancelButtonProps={{ style: { display: 'none' } }}>
        {result && (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Text>
              Đã gắn {result.attached} tệp PDF vào các trường hợp; ảnh đang được xử lý.{' '}
              {result.unmatched.length > 0 ? `${result.unmatched.length} tệp không gắn được:` : ''}
            </Typography.Text>
            {result.unmatched.length > 0 && (
              <List size="small" bordered dataSource={result.unmatched} renderItem={(u) => <List.Item><Typography.Text code>{u.name}</Typography.Text> {u.reason}</List.Item>} style={{ maxHeight: 320, overflow: 'auto' }} />
            )}
            {result.skipped.length > 0 && <Typography.Text type="secondary">Bỏ qua {result.skipped.length} tệp không phải PDF.</Typography.Text>}
          </Space>
        )}
      </Modal>
    </>
  )
}
