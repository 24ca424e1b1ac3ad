export * from './catalog/types'
export * from './rules/types'
export * from './text/fold'
