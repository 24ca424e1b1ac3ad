import { AQL_VALUES, DEFAULT_AQL, LotCreate } from '@hts/domain'
import { Alert, Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space } from 'antd'
import { useEffect } from 'react'
import { errorMessage, HttpError } from '../../../lib/http'
import { bookTitle } from '../../books/bookTypes'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { usePhases } from '../../campaign/api'
import { useUnits } from '../../units/api'
import { useCreateLot, useUnitBooks, type LotDetail } from '../api'
import { formatAql } from '../marks'

interface FormValues {
  unitId?: string
  bookId?: string
  /** A phase the campaign defines (its name, AQL and price), or a name typed for an older lot. */
  phaseId?: string
  phase?: string
  yearFrom?: number | null
  yearTo?: number | null
  aql: number
  unitPrice?: number | null
}

const INITIAL: FormValues = { aql: DEFAULT_AQL, unitPrice: 0 }

const AQL_OPTIONS = AQL_VALUES.map((v) => ({ value: v, label: v === DEFAULT_AQL ? `${formatAql(v)} (mặc định)` : formatAql(v) }))

// Why 1 % of entries rather than 0.65 % of fields: the reasoning of DEFAULT_AQL, for the person choosing.
const AQL_HELP =
  'Tỷ lệ phần trăm trường hợp có lỗi còn chấp nhận được; một trường hợp sai dù chỉ một ô cũng là một trường hợp lỗi. ' +
  'Mặc định 1,0 %: trường hợp là cái được lấy mẫu, thanh toán và trả lại để sửa. AQL càng nhỏ thì mẫu càng lớn và càng khó đạt.'

const thousands = (v: number | string | undefined) => `${v ?? ''}`.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
const digits = (v: string | undefined) => Number((v ?? '').replace(/\D/g, '') || 0)

function toPayload(v: FormValues) {
  return {
    unitId: v.unitId,
    bookId: v.bookId || undefined,
    phaseId: v.phaseId || undefined,
    phase: v.phaseId ? undefined : v.phase?.trim(),
    yearFrom: v.yearFrom ?? undefined,
    yearTo: v.yearTo ?? undefined,
    aql: v.aql,
    unitPrice: v.unitPrice ?? 0,
  }
}

interface Props {
  open: boolean
  onClose: () => void
  onCreated: (lot: LotDetail) => void
}

/** "Lập lô nghiệm thu": the lot's definition; the server counts the approved entries, plans and draws the sample. */
export function LotFormDrawer({ open, onClose, onCreated }: Props) {
  const [form] = Form.useForm<FormValues>()
  const units = useUnits()
  const unitId = Form.useWatch('unitId', form)
  const books = useUnitBooks(unitId)
  const create = useCreateLot()
  const me = useCurrentUser()
  const phases = usePhases(hasPermission(me, 'campaign.read'))
  const phaseId = Form.useWatch('phaseId', form)

  useEffect(() => {
    if (!open) return
    form.resetFields()
    create.reset()
    // Reset only when the drawer opens; the mutation object changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open])

  const onFinish = (values: FormValues) => {
    const parsed = LotCreate.safeParse(toPayload(values))
    if (!parsed.success) {
      const seen = new Set<string>()
      form.setFields(
        parsed.error.issues
          .map((issue) => ({ name: String(issue.path[0] ?? '') as keyof FormValues, errors: [issue.message] }))
          .filter((f) => f.name && !seen.has(f.name) && seen.add(f.name)),
      )
      return
    }
    create.mutate(parsed.data, {
      onSuccess: onCreated,
      onError: (err) => {
        if (err instanceof HttpError && err.body.fieldErrors) {
          form.setFields(Object.entries(err.body.fieldErrors).map(([name, msg]) => ({ name: name as keyof FormValues, errors: [msg] })))
        }
      },
    })
  }

  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.current ? u.name : `${u.name} (cũ)` }))
  const bookOptions = (books.data ?? []).map((b) => ({ value: b.id, label: `${bookTitle(b)} · ${b.custodianUnitName}` }))

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={560}
      title="Lập lô nghiệm thu"
      destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>Hủy</Button>
          <Button type="primary" onClick={() => form.submit()} loading={create.isPending} data-testid="lot-submit">
            Lập lô và lấy mẫu
          </Button>
        </Space>
      }
    >
      {create.isError && <Alert type="error" showIcon role="alert" title={errorMessage(create.error)} style={{ marginBottom: 16 }} data-testid="lot-form-error" />}
      <Form<FormValues> form={form} layout="vertical" initialValues={INITIAL} onFinish={onFinish} requiredMark data-testid="lot-form">
        <Form.Item label="Đơn vị" name="unitId" rules={[{ required: true, message: 'Chọn đơn vị' }]} extra="Lô gồm các trường hợp đã phê duyệt của đơn vị này và các đơn vị trực thuộc.">
          <Select
           
            options={unitOptions}
            loading={units.isLoading}
            showSearch={{ optionFilterProp: 'label' }}
            placeholder="Chọn xã, huyện hoặc tỉnh"
            onChange={() => form.setFieldValue('bookId', undefined)}
          />
        </Form.Item>
        <Form.Item label="Sổ (không bắt buộc)" name="bookId" extra="Để trống để lấy mọi sổ của đơn vị.">
          <Select options={bookOptions} loading={books.isLoading} disabled={!unitId} allowClear showSearch={{ optionFilterProp: 'label' }} placeholder="Mọi sổ" />
        </Form.Item>
        {(phases.data?.length ?? 0) > 0 && (
          <Form.Item label="Giai đoạn của chiến dịch" name="phaseId" extra="Lấy tên, AQL và đơn giá của giai đoạn (sửa được bên dưới).">
            <Select allowClear placeholder="Chọn giai đoạn, hoặc để trống và nhập tên" data-testid="lot-phase-select"
              options={(phases.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              onChange={(id?: string) => {
                const chosen = phases.data?.find((p) => p.id === id)
                if (chosen) form.setFieldsValue({ aql: chosen.aql, unitPrice: chosen.unitPriceVnd })
              }} />
          </Form.Item>
        )}
        {!phaseId && (
          <Form.Item label="Giai đoạn" name="phase" rules={[{ required: true, whitespace: true, message: 'Nhập tên giai đoạn' }]}>
            <Input placeholder="Ví dụ: Giai đoạn 1 (2024)" maxLength={200} />
          </Form.Item>
        )}
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="Từ năm đăng ký" name="yearFrom">
              <InputNumber min={1900} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="Đến năm đăng ký" name="yearTo">
              <InputNumber min={1900} max={2100} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="AQL (mức chất lượng chấp nhận)" name="aql" extra={AQL_HELP}>
          <Select options={AQL_OPTIONS} />
        </Form.Item>
        <Form.Item label="Đơn giá (đồng một trường hợp)" name="unitPrice" extra="Thành tiền = số trường hợp của lô × đơn giá.">
          <InputNumber<number> min={0} max={10_000_000} step={1000} formatter={thousands} parser={digits} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
