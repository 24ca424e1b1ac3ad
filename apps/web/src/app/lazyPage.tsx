import { lazy, Suspense, type ComponentType } from 'react'
import { Spin } from 'antd'

const RELOADED_KEY = 'hts.reloadedForNewRelease'

/**
 * A page whose code is loaded when it is first shown (its own JavaScript file): the login page and
 * the shell do not carry the workbench, the review or the reconciliation screens.
 *
 * A tab opened before a new release asks for the previous release's file names, which are gone:
 * the page is then reloaded once, to get the new index.html and its files.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Lazy = lazy(async () => {
    try {
      const page = await load()
      sessionStorage.removeItem(RELOADED_KEY)
      return { default: page }
    } catch (error) {
      if (!sessionStorage.getItem(RELOADED_KEY)) {
        sessionStorage.setItem(RELOADED_KEY, '1')
        window.location.reload()
      }
      throw error
    }
  })
  function LazyPage(props: P) {
    return (
      <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '64px auto' }} />}>
        <Lazy {...props} />
      </Suspense>
    )
  }
  return LazyPage
}
