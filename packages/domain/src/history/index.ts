export * from './revisions'
export * from './notes'
export * from './free-notes'
