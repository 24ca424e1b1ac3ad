import { ReloadOutlined } from '@ant-design/icons'
import { EntryView } from '@hts/domain'
import { useQueries } from '@tanstack/react-query'
import { Alert, App, Button, Card, Typography } from 'antd'
import { Link, useNavigate } from 'react-router-dom'
import { formatNumber } from '../../../lib/format'
import { errorMessage, requestParsed } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { entryKeys } from '../../entries/api'
import { StatusTag } from '../../entries/components/StatusTag'
import { useCreateLot, useLots, type LotDetail } from '../api'
import { lotPath } from './LotsTable'

/** The lot drawn again over the same definition, after the returned entries were fixed and approved again. */
function useResample(lot: LotDetail) {
  const create = useCreateLot()
  const run = () =>
    create.mutateAsync({
      unitId: lot.unitId,
      bookId: lot.bookId ?? undefined,
      phase: lot.phase,
      yearFrom: lot.yearFrom ?? undefined,
      yearTo: lot.yearTo ?? undefined,
      aql: lot.aql,
      unitPrice: lot.unitPrice,
      previousLotId: lot.id,
    })
  return { run, pending: create.isPending }
}

/** A rejected lot: its returned entries as they stand now, and "Lấy mẫu lại sau khi sửa". */
export function Rework({ lot }: { lot: LotDetail }) {
  const me = useCurrentUser()
  const navigate = useNavigate()
  const { modal, message } = App.useApp()
  const wrong = lot.samples.filter((s) => s.errors.length > 0)
  const entries = useQueries({
    queries: wrong.map((s) => ({
      queryKey: entryKeys.detail(s.entryId),
      queryFn: () => requestParsed(EntryView, `/api/entries/${encodeURIComponent(s.entryId)}`),
      enabled: hasPermission(me, 'entry.read'),
    })),
  })
  // Only the first page of lots: a re-sample is drawn soon after its rejected lot, so it is among the newest.
  const later = useLots({ unitId: lot.unitId, page: 1, pageSize: 200 }).data?.items.find((l) => l.previousLotId === lot.id)
  const resample = useResample(lot)
  const statusOf = (entryId: string) => entries.find((q) => q.data?.id === entryId)?.data
  const waiting = wrong.filter((s) => statusOf(s.entryId)?.status !== 'approved').length

  const confirm = () =>
    modal.confirm({
      title: 'Lấy mẫu lại sau khi sửa?',
      content: (
        <>
          <p>Lô mới có cùng đơn vị, phạm vi, giai đoạn, AQL và đơn giá; mẫu được rút lại với hạt giống mới.</p>
          {waiting > 0 && <p>Còn {formatNumber(waiting)} trường hợp bị trả lại chưa được phê duyệt lại: lô mới sẽ không có chúng.</p>}
        </>
      ),
      okText: 'Lấy mẫu lại',
      cancelText: 'Thôi',
      onOk: () =>
        resample.run().then(
          (created) => navigate(lotPath(created.id)),
          (err: unknown) => void message.error(errorMessage(err)),
        ),
    })

  return (
    <Card size="small" title="Trả lại để sửa" style={{ marginBottom: 12 }} data-testid="rework">
      <ul style={{ margin: 0, paddingInlineStart: 20 }}>
        {wrong.map((s) => {
          const entry = statusOf(s.entryId)
          return (
            <li key={s.entryId} data-testid="rework-entry" data-entry-id={s.entryId} style={{ marginBottom: 4 }}>
              Số {s.so ?? '?'} · {s.subjectName ?? ''} · người nhập {s.keyedByName ?? 'không rõ'}:{' '}
              <Typography.Text type="danger">{s.errors.map((e) => `${e.label} đúng là "${e.correct}"`).join('; ')}</Typography.Text>{' '}
              {entry && <StatusTag status={entry.status} label={`Hiện: ${entry.statusLabel}`} />}
            </li>
          )
        })}
      </ul>
      {later ? (
        <Alert type="info" showIcon style={{ marginTop: 8 }} title={<>Đã lấy mẫu lại ({later.statusLabel}): <Link to={lotPath(later.id)}>mở lô mới</Link></>} />
      ) : (
        hasPermission(me, 'acceptance.run') && (
          <Button type="primary" icon={<ReloadOutlined />} style={{ marginTop: 8 }} loading={resample.pending} onClick={confirm} data-testid="lot-resample">
            Lấy mẫu lại sau khi sửa
          </Button>
        )
      )}
    </Card>
  )
}
