import { useMutation, useQueryClient } from '@tanstack/react-query'
import { Alert, App, Card, Descriptions, Switch, Typography } from 'antd'
import { errorMessage } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { ocrKeys, updateBookOcr, useBookOcr, type BookOcrView } from '../api'

const percent = (n: number | null) => (n === null ? '—' : `${Math.round(n)}%`)

/**
 * OCR pre-fill of a printed or typed book (issue 16): the officer switches it on or off (off for a
 * handwritten book: a bad read must never slow a keyer down); everyone sees what it reads and how
 * often the keyers kept its proposals. Not shown for a book type without a printed layout.
 */
export function BookOcrCard({ bookId }: { bookId: string }) {
  const me = useCurrentUser()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const ocr = useBookOcr(bookId)
  const update = useMutation({
    mutationFn: (body: { enabled: boolean; version: number }) => updateBookOcr(bookId, body),
    onSuccess: (saved) => {
      queryClient.setQueryData(ocrKeys.book(bookId), saved)
      void queryClient.invalidateQueries({ queryKey: ['ocr', 'page'] })
      void message.success(saved.enabled ? 'Đã bật đọc chữ in (OCR): các trang sẽ được đọc và đề xuất vào ô nhập' : 'Đã tắt đọc chữ in (OCR) cho sổ này')
    },
    onError: (err) => void message.error(errorMessage(err)),
  })
  const data: BookOcrView | undefined = ocr.data
  if (!data?.available) return null
  const canSwitch = hasPermission(me, 'book.update')

  return (
    <Card size="small" title="Đọc chữ in (OCR)" style={{ marginTop: 16 }} data-testid="book-ocr-card">
      <Descriptions size="small" column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label="Đọc trang và đề xuất vào ô nhập">
          {canSwitch ? (
            <Switch
              aria-label="Đọc chữ in (OCR)"
              checked={data.enabled}
              loading={update.isPending}
              checkedChildren="Bật"
              unCheckedChildren="Tắt"
              onChange={(on) => update.mutate({ enabled: on, version: data.version })}
            />
          ) : (
            <Typography.Text>{data.enabled ? 'Bật' : 'Tắt'}</Typography.Text>
          )}
        </Descriptions.Item>
        <Descriptions.Item label="Trang đã đọc">{data.pagesRead}</Descriptions.Item>
        <Descriptions.Item label="Độ tin cậy trung bình">{percent(data.meanConfidence)}</Descriptions.Item>
        <Descriptions.Item label="Độ chính xác đo được">
          <span data-testid="book-ocr-accuracy">
            {data.fieldsProposed === 0
              ? 'chưa có ô nào được lưu từ đề xuất'
              : `${data.fieldsKept}/${data.fieldsProposed} ô giữ nguyên đề xuất (${percent((100 * data.fieldsKept) / data.fieldsProposed)})`}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {data.suggestOff && data.enabled && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          title="Các trang của sổ này đọc kém (có thể là sổ viết tay): nên tắt OCR để người nhập không phải xem các đề xuất sai."
        />
      )}
    </Card>
  )
}
