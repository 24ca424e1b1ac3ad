import { Alert, Drawer, Space, Spin, Tag, Typography } from 'antd'
import { useEffect, useState } from 'react'
import { Link } from 'react-router-dom'
import { errorMessage } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useReconcileEntry, useResult } from '../api'
import { reconcilePath } from './ReconcileBookActions'
import { OUTCOME_COLOR, ResultReview } from './ResultReview'

interface Props {
  /** The saved entry to reconcile; the drawer runs it when this is set. */
  target: { entryId: string; bookId: string; label: string } | null
  onClose: () => void
}

/** Reconciles one saved entry now and shows the outcome with its explanation (from the keying workbench). */
export function ReconcileEntryDrawer({ target, onClose }: Props) {
  const me = useCurrentUser()
  const run = useReconcileEntry()
  const [resultId, setResultId] = useState<string>()
  const result = useResult(resultId)
  const { mutate, reset } = run
  const entryId = target?.entryId

  useEffect(() => {
    setResultId(undefined)
    reset()
    if (entryId) mutate(entryId, { onSuccess: (r) => setResultId(r.id) })
  }, [entryId, mutate, reset])

  const r = result.data
  return (
    <Drawer open={Boolean(target)} onClose={onClose} size={860} title={`Đối chiếu với CSDL dân cư${target ? `: ${target.label}` : ''}`} destroyOnHidden>
      {run.isPending && <Spin description="Đang đối chiếu..." style={{ display: 'block', margin: 32 }} />}
      {run.isError && <Alert type="error" showIcon title={errorMessage(run.error)} />}
      {r && (
        <Space orientation="vertical" style={{ width: '100%' }} size="middle" data-testid="entry-reconcile-result">
          <Space wrap>
            <Typography.Text>Kết quả:</Typography.Text>
            <Tag color={OUTCOME_COLOR[r.outcome]}>{r.outcomeLabel}</Tag>
            {r.probability !== null && r.probability !== undefined && <Typography.Text type="secondary">xác suất {(r.probability * 100).toFixed(1)}%</Typography.Text>}
            {r.differences.length > 0 && <Typography.Text>Khác nhau: {r.differences.map((d) => d.label).join(', ')}</Typography.Text>}
          </Space>
          <ResultReview result={r} canDecide={hasPermission(me, 'reconcile.decide')} />
          {target && hasPermission(me, 'population.read') && <Link to={reconcilePath(target.bookId)}>Mở trang đối chiếu của sổ</Link>}
        </Space>
      )}
    </Drawer>
  )
}
