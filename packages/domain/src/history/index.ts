export * from './revisions'
export * from './notes'
