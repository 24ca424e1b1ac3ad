import { useQueryClient } from '@tanstack/react-query'
import { can, isRole } from '@hts/domain'
import { App, Button, Card, Select, Space, Tag } from 'antd'
import { useState } from 'react'
import { errorMessage } from '../../../lib/http'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import { useUsers } from '../../users/api'
import { assignBook, assignmentKeys, unassignBook, useAssignments, workbenchKeys } from '../api'

/** Who keys this book (their work queue); officers with book.assign add and remove keyers. */
export function AssignmentsCard({ bookId }: { bookId: string }) {
  const me = useCurrentUser()
  const { message } = App.useApp()
  const queryClient = useQueryClient()
  const canAssign = hasPermission(me, 'book.assign')
  const assignments = useAssignments(bookId)
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: assignmentKeys.of(bookId) })
    void queryClient.invalidateQueries({ queryKey: workbenchKeys.queue })
  }
  const assigned = new Set((assignments.data ?? []).map((a) => a.userId))

  return (
    <Card size="small" title="Người nhập liệu sổ này" style={{ marginTop: 16 }}>
      <Space wrap>
        {(assignments.data ?? []).length === 0 && <span>Chưa giao cho ai.</span>}
        {(assignments.data ?? []).map((a) => (
          <Tag
            key={a.userId}
            closable={canAssign}
            onClose={(e) => {
              e.preventDefault()
              unassignBook(bookId, a.userId).then(refresh, (err: unknown) => void message.error(errorMessage(err)))
            }}
          >
            {a.fullName} ({a.username})
          </Tag>
        ))}
        {canAssign && <AssignPicker bookId={bookId} assigned={assigned} onAssigned={refresh} />}
      </Space>
    </Card>
  )
}

/** Only for officers who assign books: they may read the unit's accounts. */
function AssignPicker({ bookId, assigned, onAssigned }: { bookId: string; assigned: ReadonlySet<string>; onAssigned: () => void }) {
  const { message } = App.useApp()
  const users = useUsers()
  const [picked, setPicked] = useState<string | undefined>()
  const keyers = (users.data ?? []).filter((u) => !u.locked && !assigned.has(u.id) && isRole(u.role) && can({ role: u.role }, 'entry.create'))
  return (
    <>
      <Select
        aria-label="Chọn người nhập liệu"
        placeholder="Chọn người nhập liệu"
        style={{ width: 260 }}
        showSearch={{ optionFilterProp: 'label' }}
        value={picked}
        onChange={setPicked}
        options={keyers.map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))}
      />
      <Button
        disabled={!picked}
        onClick={() => {
          if (!picked) return
          assignBook(bookId, picked).then(() => {
            setPicked(undefined)
            onAssigned()
          }, (err: unknown) => void message.error(errorMessage(err)))
        }}
      >
        Giao sổ
      </Button>
    </>
  )
}
