export * from './sampling'
