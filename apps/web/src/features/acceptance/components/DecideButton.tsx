import { SafetyCertificateOutlined } from '@ant-design/icons'
import { LOT_DECISIONS } from '@hts/domain'
import { App, Button, Tooltip } from 'antd'
import { formatNumber } from '../../../lib/format'
import { errorMessage } from '../../../lib/http'
import { useDecideLot, type LotDetail } from '../api'
import { decisionPreview } from '../marks'

/** "Kết luận": asks for confirmation, saying what the decision will be, since it cannot be undone. */
export function DecideButton({ lot }: { lot: LotDetail }) {
  const { modal, message } = App.useApp()
  const decide = useDecideLot(lot.id)
  const pending = lot.samples.filter((s) => !s.inspected).length
  const { defective, fieldErrors, decision } = decisionPreview(lot)

  const confirm = () =>
    modal.confirm({
      title: `Kết luận lô: ${LOT_DECISIONS[decision].toUpperCase()}?`,
      content: (
        <div data-testid="decide-confirm">
          <p>
            Mẫu {formatNumber(lot.sampleSize)} trường hợp có {formatNumber(defective)} trường hợp sai ({formatNumber(fieldErrors)} ô); số chấp nhận Ac = {lot.acceptanceNumber}.
          </p>
          {decision === 'reject' && <p>Các trường hợp sai được trả lại người nhập kèm các lỗi đã đánh dấu.</p>}
          <p>Sau khi kết luận không sửa được kết quả kiểm tra mẫu nữa.</p>
        </div>
      ),
      okText: 'Xác nhận kết luận',
      cancelText: 'Thôi',
      okButtonProps: { danger: decision === 'reject' },
      onOk: () =>
        decide.mutateAsync().then(
          (done) => void message.success(`Đã kết luận: ${done.statusLabel}`),
          (err: unknown) => void message.error(errorMessage(err)),
        ),
    })

  return (
    <Tooltip title={pending > 0 ? `Còn ${pending} trường hợp trong mẫu chưa kiểm tra` : undefined}>
      <Button type={pending === 0 ? 'primary' : 'default'} icon={<SafetyCertificateOutlined />} disabled={pending > 0} loading={decide.isPending} onClick={confirm} data-testid="lot-decide">
        Kết luận
      </Button>
    </Tooltip>
  )
}
