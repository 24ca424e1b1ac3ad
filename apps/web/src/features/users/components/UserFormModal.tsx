import { Alert, App, Form, Input, Modal, Select, Typography } from 'antd'
import { MANAGEABLE_ROLES, ROLE_CODES, ROLES, UNIT_LEVELS, isRole, roleFitsUnitLevel, type Role, type UpdateUserBody } from '@hts/domain'
import { useEffect } from 'react'
import { errorMessage, HttpError } from '../../../lib/http'
import { useCurrentUser } from '../../auth/currentUser'
import { PasswordStrength } from '../../auth/components/PasswordStrength'
import { useUnits } from '../../units/api'
import { useCreateUser, useUpdateUser, type UserView } from '../api'

interface UserForm {
  username: string
  fullName: string
  unitId: string
  role: Role
  password: string
}

/** Server field errors (zod's or the password check's) onto the form's fields. */
function fieldErrorsOf(err: unknown): Array<{ name: keyof UserForm; errors: string[] }> {
  const fields = err instanceof HttpError ? err.body.fieldErrors ?? {} : {}
  return (['username', 'fullName', 'unitId', 'role', 'password'] as const).flatMap((name) => (fields[name] ? [{ name, errors: [fields[name]] }] : []))
}

/**
 * Create an account (`editing` null) or change one's full name, unit and role. The roles offered are
 * those the current user may grant (MANAGEABLE_ROLES) that fit the chosen unit's level; the units are
 * the user's scope. The server applies the same rules and says why when it refuses.
 */
export function UserFormModal({ open, editing, onClose }: { open: boolean; editing: UserView | null; onClose: () => void }) {
  const me = useCurrentUser()
  const units = useUnits()
  const create = useCreateUser()
  const update = useUpdateUser()
  const { message } = App.useApp()
  const [form] = Form.useForm<UserForm>()
  const mutation = editing ? update : create
  const unitId = Form.useWatch('unitId', form)
  const username = Form.useWatch('username', form) ?? ''
  const fullName = Form.useWatch('fullName', form) ?? ''
  const password = Form.useWatch('password', form) ?? ''

  const { reset: resetCreate } = create
  const { reset: resetUpdate } = update
  useEffect(() => {
    if (!open) return
    resetCreate()
    resetUpdate()
  }, [open, editing, resetCreate, resetUpdate])

  const currentUnits = (units.data ?? []).filter((u) => u.current)
  const unit = currentUnits.find((u) => u.id === unitId)
  const grantable = ROLE_CODES.filter((role) => MANAGEABLE_ROLES[me.role].includes(role) && (!unit || roleFitsUnitLevel(role, unit.level)))
  const levelOrder = Object.keys(UNIT_LEVELS)
  const unitOptions = [...currentUnits]
    .sort((a, b) => levelOrder.indexOf(a.level) - levelOrder.indexOf(b.level) || a.name.localeCompare(b.name, 'vi'))
    .map((u) => ({ value: u.id, label: `${u.name} (${UNIT_LEVELS[u.level]})` }))

  const onUnitChange = (id: string) => {
    const chosen = currentUnits.find((u) => u.id === id)
    const role = form.getFieldValue('role') as Role | undefined
    if (chosen && role && !roleFitsUnitLevel(role, chosen.level)) form.setFieldValue('role', undefined)
  }

  const onFinish = (values: UserForm) => {
    const onError = (err: unknown) => form.setFields(fieldErrorsOf(err))
    if (editing) {
      const changes: UpdateUserBody = {}
      if (values.fullName.trim() !== editing.fullName) changes.fullName = values.fullName
      if (values.unitId !== editing.unitId) changes.unitId = values.unitId
      if (values.role !== editing.role) changes.role = values.role
      update.mutate(
        { id: editing.id, changes },
        { onSuccess: (user) => { void message.success(`Đã lưu tài khoản ${user.username}`); onClose() }, onError },
      )
    } else {
      create.mutate(values, {
        onSuccess: (user) => {
          void message.success(`Đã tạo tài khoản ${user.username}. Người dùng phải đổi mật khẩu ở lần đăng nhập đầu tiên.`)
          onClose()
        },
        onError,
      })
    }
  }

  return (
    <Modal
      open={open}
      title={editing ? `Sửa tài khoản ${editing.username}` : 'Tạo tài khoản'}
      okText={editing ? 'Lưu' : 'Tạo tài khoản'}
      cancelText="Hủy"
      okButtonProps={{ loading: mutation.isPending }}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      {mutation.isError && <Alert role="alert" type="error" showIcon title={errorMessage(mutation.error)} style={{ marginBottom: 16 }} />}
      <Form<UserForm>
        key={editing?.id ?? 'new'}
        form={form}
        layout="vertical"
        onFinish={onFinish}
        requiredMark={false}
        disabled={mutation.isPending}
        initialValues={editing ? { fullName: editing.fullName, unitId: editing.unitId, ...(isRole(editing.role) ? { role: editing.role } : {}) } : {}}
      >
        {!editing && (
          <Form.Item
            label="Tên đăng nhập"
            name="username"
            extra="Chữ không dấu, số, dấu chấm, gạch; ví dụ tuphap.anphu2"
            rules={[
              { required: true, whitespace: true, message: 'Chưa nhập tên đăng nhập' },
              { pattern: /^[a-z0-9._-]{3,50}$/i, message: 'Tên đăng nhập 3-50 ký tự: chữ không dấu, số, dấu chấm, gạch' },
            ]}
          >
            <Input autoComplete="off" />
          </Form.Item>
        )}
        <Form.Item label="Họ và tên" name="fullName" rules={[{ required: true, whitespace: true, message: 'Chưa nhập họ tên' }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item label="Đơn vị" name="unitId" rules={[{ required: true, message: 'Chưa chọn đơn vị' }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={unitOptions} loading={units.isLoading} onChange={onUnitChange} placeholder="Chọn đơn vị" />
        </Form.Item>
        <Form.Item
          label="Vai trò"
          name="role"
          extra={unit ? `Các vai trò bạn được cấp cho một đơn vị cấp ${UNIT_LEVELS[unit.level].toLowerCase()}` : 'Chọn đơn vị trước: vai trò phải hợp với cấp của đơn vị'}
          rules={[{ required: true, message: 'Chưa chọn vai trò' }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!unit}
            options={grantable.map((role) => ({ value: role, label: ROLES[role].label }))}
            placeholder="Chọn vai trò"
            notFoundContent="Bạn không được cấp vai trò nào cho đơn vị này"
          />
        </Form.Item>
        {!editing && (
          <>
            <Form.Item
              label="Mật khẩu tạm thời"
              name="password"
              extra="Đưa cho người dùng trực tiếp; họ phải đổi ở lần đăng nhập đầu tiên. Mật khẩu không được lưu lại để xem."
              rules={[{ required: true, message: 'Chưa nhập mật khẩu tạm thời' }]}
            >
              <Input.Password autoComplete="new-password" />
            </Form.Item>
            <PasswordStrength password={password} context={{ username, fullName, unitName: unit?.name }} />
          </>
        )}
        {editing && (
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            Mọi thay đổi vai trò, đơn vị được ghi nhật ký và hiện cho cán bộ Sở Tư pháp.
          </Typography.Paragraph>
        )}
      </Form>
    </Modal>
  )
}
