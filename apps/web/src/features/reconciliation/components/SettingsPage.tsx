import { App, Button, Card, Form, InputNumber, Typography } from 'antd'
import { useEffect } from 'react'
import { errorMessage } from '../../../lib/http'
import { useSaveSettings, useSettings, type Settings } from '../api'

/** Thresholds of the matching model, set by the province for the units below it. */
export function SettingsPage() {
  const { message } = App.useApp()
  const settings = useSettings()
  const save = useSaveSettings()
  const [form] = Form.useForm<Omit<Settings, 'unitId'>>()
  useEffect(() => {
    if (settings.data) form.setFieldsValue(settings.data)
  }, [settings.data, form])
  return (
    <Card title="Ngưỡng đối chiếu dân cư" style={{ maxWidth: 720 }}>
      <Typography.Paragraph type="secondary">
        Mỗi người trong dữ liệu dân cư được tính xác suất là đúng người trong sổ (từ độ giống nhau của họ tên, ngày sinh, giới tính, tên cha mẹ, nơi sinh và độ phổ biến của tên).
        Áp dụng cho các đơn vị cấp dưới chưa đặt ngưỡng riêng.
      </Typography.Paragraph>
      <Form form={form} layout="vertical" onFinish={(values) => save.mutate(values, { onSuccess: () => void message.success('Đã lưu ngưỡng'), onError: (err) => void message.error(errorMessage(err)) })}>
        <Form.Item name="linkProbability" label="Đề xuất là cùng người khi xác suất từ" rules={[{ required: true }]} extra="Cao hơn: ít đề xuất sai hơn nhưng nhiều trường hợp phải chọn tay hơn.">
          <InputNumber min={0.5} max={0.99999} step={0.005} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="reviewProbability" label="Dưới ngưỡng trên, đưa ra để người chọn khi tổng xác suất các ứng viên từ" rules={[{ required: true }]}>
          <InputNumber min={0.01} max={0.99} step={0.05} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="priorInPopulation" label="Tỷ lệ trường hợp dự kiến có trong dữ liệu dân cư" rules={[{ required: true }]}>
          <InputNumber min={0.05} max={0.99} step={0.05} style={{ width: 160 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>Lưu</Button>
      </Form>
    </Card>
  )
}
