import { App, Button, Input, Modal, Space } from 'antd'
import { useState } from 'react'
import { PLAN_ACTIONS, PLAN_TRANSITIONS, type PlanAction } from '@hts/domain'
import { errorMessage } from '../../../lib/http'
import { usePlanTransition, type PlanView } from '../api'

/** The buttons of the transitions the server lists for this user (allowedActions); a reason where the table asks one. */
export function PlanActions({ plan, dirty = false }: { plan: PlanView; dirty?: boolean }) {
  const { message } = App.useApp()
  const transition = usePlanTransition(plan.id)
  const [asking, setAsking] = useState<PlanAction | null>(null)
  const [reason, setReason] = useState('')

  const run = (action: PlanAction, why?: string) =>
    transition.mutate({ action, version: plan.version, ...(why ? { reason: why } : {}) }, {
      onSuccess: (p) => {
        setAsking(null)
        setReason('')
        void message.success(`${PLAN_ACTIONS[action]}: ${p.statusLabel}`)
      },
      onError: (err) => void message.error(errorMessage(err)),
    })
  const needsReason = (action: PlanAction) => PLAN_TRANSITIONS.some((t) => t.action === action && t.reasonRequired)

  return (
    <Space wrap>
      {plan.allowedActions.map((action) => (
        <Button key={action} type={action === 'approve' || action === 'submit' ? 'primary' : 'default'} danger={action === 'return'} disabled={dirty}
          loading={transition.isPending && transition.variables?.action === action} data-testid={`plan-${action}`}
          title={dirty ? 'Lưu kế hoạch trước' : undefined}
          onClick={() => (needsReason(action) ? setAsking(action) : run(action))}>
          {PLAN_ACTIONS[action]}
        </Button>
      ))}
      <Modal open={asking !== null} title={asking ? `${PLAN_ACTIONS[asking]} kế hoạch` : ''} okText={asking ? PLAN_ACTIONS[asking] : ''} cancelText="Hủy"
        onCancel={() => setAsking(null)} okButtonProps={{ disabled: !reason.trim(), loading: transition.isPending, 'data-testid': 'plan-reason-ok' }}
        onOk={() => asking && run(asking, reason.trim())}>
        <Input.TextArea autoFocus rows={3} maxLength={2000} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="Lý do (đơn vị sẽ đọc khi sửa kế hoạch)" data-testid="plan-reason" />
      </Modal>
    </Space>
  )
}
