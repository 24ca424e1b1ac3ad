import { App } from 'antd'
import { useEffect, useRef } from 'react'
import { useBlocker } from 'react-router-dom'

/**
 * Asks before leaving the form with unsaved changes (links inside the app and closing the tab).
 * Call `allowNextNavigation()` right before navigating away on purpose (e.g. after a save).
 */
export function useUnsavedChangesGuard(dirty: boolean): { allowNextNavigation: () => void } {
  const { modal } = App.useApp()
  const allow = useRef(false)
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => dirty && !allow.current && currentLocation.pathname !== nextLocation.pathname,
  )

  useEffect(() => {
    if (blocker.state !== 'blocked') return
    modal.confirm({
      title: 'Rời trang khi chưa lưu?',
      content: 'Những gì bạn vừa nhập cho trường hợp này chưa được lưu và sẽ mất.',
      okText: 'Rời trang, bỏ thay đổi',
      okButtonProps: { danger: true },
      cancelText: 'Ở lại',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    })
  }, [blocker, modal])

  useEffect(() => {
    if (!dirty) return
    const onBeforeUnload = (e: BeforeUnloadEvent) => e.preventDefault()
    window.addEventListener('beforeunload', onBeforeUnload)
    return () => window.removeEventListener('beforeunload', onBeforeUnload)
  }, [dirty])

  return {
    allowNextNavigation: () => {
      allow.current = true
    },
  }
}
