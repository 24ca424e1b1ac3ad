import { Card, Tabs } from 'antd'
import { hasPermission } from '../../auth/api'
import { useCurrentUser } from '../../auth/currentUser'
import type { EntryView } from '../api'
import { EntryHistoryPanel } from './EntryHistoryPanel'
import { RelatedEntriesPanel } from '../../duplicates/RelatedEntriesPanel'
import { MarginalNotesPanel } from './MarginalNotesPanel'

/** Below a saved entry: its marginal notes ("Theo sổ" / "Sau ghi chú"), its history and related entries of other registers. */
export function EntryRecordPanels({ entry }: { entry: EntryView }) {
  const me = useCurrentUser()
  return (
    <Card size="small" style={{ marginTop: 16 }}>
      <Tabs
        items={[
          { key: 'notes', label: 'Ghi chú', children: <MarginalNotesPanel entryId={entry.id} bookType={entry.bookType} canAdd={hasPermission(me, 'entry.note')} /> },
          { key: 'history', label: 'Lịch sử', children: <EntryHistoryPanel entryId={entry.id} version={entry.version} /> },
          { key: 'related', label: 'Liên quan', children: <RelatedEntriesPanel entryId={entry.id} version={entry.version} /> },
        ]}
      />
    </Card>
  )
}
