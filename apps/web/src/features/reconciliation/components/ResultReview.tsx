import { App, Button, Input, Space, Tag, Typography } from 'antd'
import { useState } from 'react'
import { errorMessage } from '../../../lib/http'
import { useDecide, type Result } from '../api'
import { CandidateExplanation, LearnedWeights } from './CandidateExplanation'
import { ReopenDecision } from './ReopenDecision'

export const OUTCOME_COLOR: Record<Result['outcome'], string> = { match: 'green', mismatch: 'orange', not_found: 'red', ambiguous: 'purple', not_checked: 'default' }

/** A proposal with its explanation, and the decisions a person can take on it. */
export function ResultReview({ result, canDecide }: { result: Result; canDecide: boolean }) {
  const { message } = App.useApp()
  const decide = useDecide()
  const [note, setNote] = useState('')
  const pending = result.decision === 'pending'
  const send = (outcome: 'match' | 'mismatch' | 'not_found', candidateIndex?: number) =>
    decide.mutate(
      { id: result.id, outcome, ...(candidateIndex !== undefined ? { candidateIndex } : {}), ...(note ? { note } : {}), version: result.version, ...(result.entryVersion ? { entryVersion: result.entryVersion } : {}) },
      {
        onSuccess: (r) => {
          void message.success(r.followupId ? 'Đã lưu và đưa vào danh sách theo dõi riêng' : 'Đã lưu quyết định')
          for (const w of r.warnings) void message.warning(w.message, 8)
        },
        onError: (err) => void message.error(errorMessage(err)),
      },
    )
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      {result.message && <Typography.Text type="warning">{result.message}</Typography.Text>}
      {result.candidates.length === 0 && result.outcome !== 'not_checked' && <Typography.Text>Không có ai trong dữ liệu dân cư giống người này.</Typography.Text>}
      {result.candidates.length > 0 && <LearnedWeights model={result.model} />}
      {result.candidates.map((c) => (
        <Space key={c.index} orientation="vertical" style={{ width: '100%', borderTop: '1px solid #eee', paddingTop: 8 }}>
          <CandidateExplanation candidate={c} proposed={c.index === result.chosenIndex} />
          {pending && canDecide && !c.stale && (
            <Space wrap>
              <Button size="small" type={c.index === result.chosenIndex && result.outcome === 'match' ? 'primary' : 'default'} loading={decide.isPending} onClick={() => send('match', c.index)}>
                Khớp: liên kết số định danh
              </Button>
              <Button size="small" danger={c.index === result.chosenIndex && result.outcome === 'mismatch'} loading={decide.isPending} onClick={() => send('mismatch', c.index)}>
                Đúng người nhưng có sai lệch (theo dõi riêng)
              </Button>
            </Space>
          )}
        </Space>
      ))}
      {pending && canDecide && result.outcome !== 'not_checked' && (
        <Space wrap>
          <Input style={{ width: 360 }} placeholder="Ghi chú (không bắt buộc)" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} />
          <Button loading={decide.isPending} onClick={() => send('not_found')}>Không có trong CSDL dân cư</Button>
        </Space>
      )}
      {!pending && (
        <Space wrap>
          <Tag color={result.decision === 'confirmed' ? 'green' : 'blue'}>{result.decisionLabel}</Tag>
          <Typography.Text>Kết quả: {result.finalOutcomeLabel}</Typography.Text>
          {result.linkedPersonalId && <Typography.Text>Số định danh đã liên kết: <b>{result.linkedPersonalId}</b></Typography.Text>}
          {result.decidedByName && <Typography.Text type="secondary">bởi {result.decidedByName}</Typography.Text>}
          {result.decisionNote && <Typography.Text type="secondary">“{result.decisionNote}”</Typography.Text>}
          {canDecide && <ReopenDecision result={result} />}
        </Space>
      )}
    </Space>
  )
}
