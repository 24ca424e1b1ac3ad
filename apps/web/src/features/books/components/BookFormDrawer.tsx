import { BookInput, BOOK_CONDITIONS, type BookCondition } from '@hts/domain'
import { Alert, App, Button, Col, DatePicker, Drawer, Form, Input, InputNumber, Radio, Row, Select, Space } from 'antd'
import dayjs, { type Dayjs } from 'dayjs'
import { useEffect } from 'react'
import { isoDatePart } from '../../../lib/format'
import { errorMessage, HttpError } from '../../../lib/http'
import { useCurrentUser } from '../../auth/currentUser'
import { useUnits } from '../../units/api'
import { useCreateBook, useUpdateBook, type BookView } from '../api'
import { bookTypeOptions } from '../bookTypes'

interface FormValues {
  bookType?: string
  volume?: string
  year?: number | null
  issuingAuthority?: string
  custodianUnitId?: string
  openedOn?: Dayjs | null
  closedOn?: Dayjs | null
  pageCount?: number | null
  paperSize?: 'A3' | 'A4' | null
  condition?: BookCondition
  conditionNote?: string
}

const DATE_FORMAT = ['DD/MM/YYYY', 'D/M/YYYY', 'DDMMYYYY']

function toFormValues(book: BookView | undefined, defaultUnitId: string): FormValues {
  if (!book) return { bookType: 'KS', custodianUnitId: defaultUnitId, condition: 'intact', paperSize: null }
  const opened = isoDatePart(book.openedOn)
  const closed = isoDatePart(book.closedOn)
  return {
    bookType: book.bookType,
    volume: book.volume,
    year: book.year,
    issuingAuthority: book.issuingAuthority,
    custodianUnitId: book.custodianUnitId,
    openedOn: opened ? dayjs(opened) : null,
    closedOn: closed ? dayjs(closed) : null,
    pageCount: book.pageCount ?? null,
    paperSize: book.paperSize ?? null,
    condition: book.condition,
    conditionNote: book.conditionNote ?? '',
  }
}

function toPayload(v: FormValues) {
  return {
    bookType: v.bookType,
    volume: v.volume?.trim(),
    year: v.year ?? undefined,
    issuingAuthority: v.issuingAuthority?.trim(),
    custodianUnitId: v.custodianUnitId,
    openedOn: v.openedOn ? v.openedOn.format('YYYY-MM-DD') : null,
    closedOn: v.closedOn ? v.closedOn.format('YYYY-MM-DD') : null,
    pageCount: v.pageCount ?? null,
    paperSize: v.paperSize ?? null,
    condition: v.condition ?? 'intact',
    conditionNote: v.conditionNote?.trim() ? v.conditionNote.trim() : null,
  }
}

interface Props {
  open: boolean
  /** The book to edit; absent when adding a new book. */
  book?: BookView
  onClose: () => void
  onSaved: (book: BookView) => void
}

export function BookFormDrawer({ open, book, onClose, onSaved }: Props) {
  const me = useCurrentUser()
  const units = useUnits()
  const [form] = Form.useForm<FormValues>()
  const create = useCreateBook()
  const update = useUpdateBook(book?.id ?? '')
  const mutation = book ? update : create
  const { message } = App.useApp()

  useEffect(() => {
    if (!open) return
    form.resetFields()
    form.setFieldsValue(toFormValues(book, me.unit.id))
    create.reset()
    update.reset()
    // Reset only when the drawer opens or switches book; the mutations are stable enough.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, book?.id])

  const onVolumeChange = (volume: string) => {
    const m = /^\s*\d{1,3}\/(\d{4})\s*$/.exec(volume)
    if (m && !form.getFieldValue('year')) form.setFieldValue('year', Number(m[1]))
  }

  const onFinish = (values: FormValues) => {
    const payload = toPayload(values)
    const parsed = BookInput.safeParse(payload)
    if (!parsed.success) {
      const seen = new Set<string>()
      const fields = parsed.error.issues
        .map((issue) => ({ name: String(issue.path[0] ?? ''), errors: [issue.message] }))
        .filter((f) => f.name && !seen.has(f.name) && seen.add(f.name))
      form.setFields(fields.map((f) => ({ name: f.name as keyof FormValues, errors: f.errors })))
      return
    }
    const onSuccess = (saved: BookView) => {
      void message.success(book ? 'Đã lưu thông tin sổ' : `Đã thêm sổ ${saved.volume}`)
      onSaved(saved)
    }
    const onError = (err: Error) => {
      if (err instanceof HttpError && err.body.fieldErrors) {
        form.setFields(
          Object.entries(err.body.fieldErrors).map(([name, msg]) => ({ name: name as keyof FormValues, errors: [msg] })),
        )
      }
    }
    if (book) update.mutate({ ...parsed.data, version: book.version }, { onSuccess, onError })
    else create.mutate(parsed.data, { onSuccess, onError })
  }

  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.current === false ? `${u.name} (cũ)` : u.name }))
  if (!unitOptions.some((o) => o.value === me.unit.id)) unitOptions.unshift({ value: me.unit.id, label: me.unit.name })

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      title={book ? `Sửa thông tin sổ ${book.volume}` : 'Thêm sổ'}
      destroyOnHidden
      footer={
        <Space style={{ justifyContent: 'flex-end', width: '100%' }}>
          <Button onClick={onClose}>Hủy</Button>
          <Button type="primary" onClick={() => form.submit()} loading={mutation.isPending}>
            {book ? 'Lưu' : 'Thêm sổ'}
          </Button>
        </Space>
      }
    >
      {mutation.isError && (
        <Alert type="error" showIcon title={errorMessage(mutation.error)} style={{ marginBottom: 16 }} role="alert" />
      )}
      <Form<FormValues> form={form} layout="vertical" onFinish={onFinish} requiredMark>
        <Form.Item label="Loại sổ" name="bookType" rules={[{ required: true, message: 'Chưa chọn loại sổ' }]}>
          <Select options={bookTypeOptions()} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="Quyển số" name="volume" rules={[{ required: true, message: 'Chưa nhập quyển số' }]} extra="Ví dụ: 01/2006">
              <Input placeholder="01/2006" onChange={(e) => onVolumeChange(e.target.value)} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="Năm mở sổ" name="year" rules={[{ required: true, message: 'Chưa nhập năm mở sổ' }]}>
              <InputNumber style={{ width: '100%' }} min={1900} max={2100} controls={false} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          label="Cơ quan đăng ký (ghi như trên sổ)"
          name="issuingAuthority"
          rules={[{ required: true, whitespace: true, message: 'Chưa nhập cơ quan đăng ký' }]}
        >
          <Input placeholder="Ví dụ: UBND xã An Phú" />
        </Form.Item>
        <Form.Item label="Đơn vị lưu giữ sổ" name="custodianUnitId" rules={[{ required: true, message: 'Chưa chọn đơn vị lưu giữ' }]}>
          <Select options={unitOptions} loading={units.isLoading} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="Mở ngày" name="openedOn">
              <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="Khóa ngày" name="closedOn">
              <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item label="Số trang" name="pageCount">
              <InputNumber style={{ width: '100%' }} min={1} max={10000} controls={false} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item label="Khổ giấy" name="paperSize">
              <Radio.Group
                options={[
                  { value: 'A3', label: 'A3' },
                  { value: 'A4', label: 'A4' },
                ]}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label="Tình trạng sổ" name="condition">
          <Radio.Group options={Object.entries(BOOK_CONDITIONS).map(([value, label]) => ({ value, label }))} />
        </Form.Item>
        <Form.Item label="Ghi chú tình trạng" name="conditionNote">
          <Input.TextArea rows={2} placeholder="Ví dụ: mất do lũ năm 2020; rách trang 15-18" maxLength={2000} />
        </Form.Item>
      </Form>
    </Drawer>
  )
}
