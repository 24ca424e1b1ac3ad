import type { TestServer } from './harness'

/** A JSON schema as the OpenAPI generator writes it (zod → JSON schema), only what the walks read. */
export interface JsonSchema {
  type?: string | string[]
  format?: string
  enum?: unknown[]
  const?: unknown
  minimum?: number
  maximum?: number
  minLength?: number
  maxLength?: number
  minItems?: number
  pattern?: string
  nullable?: boolean
  items?: JsonSchema
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  default?: unknown
}

interface Operation {
  parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[]
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> }
}

export interface RouteInfo {
  method: string
  /** As registered with Fastify: `/api/books/:id/entries`. */
  url: string
  /** Path parameter names in order: `['id', 'entryId']`. */
  params: string[]
  /** From the OpenAPI document (undefined for a route it does not describe, e.g. the docs UI's own). */
  query: { name: string; required: boolean; schema: JsonSchema }[]
  jsonBody: JsonSchema | undefined
  documented: boolean
}

/**
 * Every route of the running server, read from Fastify's own route table (`printRoutes`), so a route
 * added later is walked without editing any list. HEAD routes (Fastify adds one per GET) are left out.
 * The OpenAPI document (also generated from the route table, by onRoute) adds each route's query
 * parameters and JSON body schema.
 */
export async function routeTable(server: TestServer): Promise<RouteInfo[]> {
  const document = await server.anonymous().get('/api/docs/json')
  if (document.status !== 200) throw new Error(`/api/docs/json answered ${document.status}`)
  const paths = document.body.paths as Record<string, Record<string, Operation>>
  const routes: RouteInfo[] = []
  for (const { method, url } of parsePrintedRoutes(server.app.printRoutes({ commonPrefix: false }))) {
    if (method === 'HEAD') continue
    const operation = paths[url.replace(/:([A-Za-z0-9_]+)/g, '{$1}')]?.[method.toLowerCase()]
    routes.push({
      method,
      url,
      params: [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1] as string),
      query: (operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: p.required === true, schema: p.schema ?? {} })),
      jsonBody: operation?.requestBody?.content?.['application/json']?.schema,
      documented: operation !== undefined,
    })
  }
  if (routes.length === 0) throw new Error('the route table printed no routes')
  return routes
}

/** The URL with each `:param` replaced by `value(name)`, as given (encode it first if it needs it). */
export function fillParams(url: string, value: (name: string) => string): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_match, name: string) => value(name))
}

/**
 * find-my-way's tree: `├── /api/books (GET, HEAD, POST)`, children indented by four columns; a node
 * carries the part of the path after its parent's. A node without methods is only a shared prefix.
 */
function parsePrintedRoutes(printed: string): { method: string; url: string }[] {
  const stack: string[] = []
  const routes: { method: string; url: string }[] = []
  for (const line of printed.split('\n')) {
    if (line.trim() === '') continue
    const match = /^((?:│ {3}| {4})*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line)
    if (!match) throw new Error(`printRoutes line not understood: ${JSON.stringify(line)}`)
    const depth = (match[1] as string).length / 4
    stack.length = depth
    stack.push(match[2] as string)
    const url = stack.join('')
    for (const method of (match[3] ?? '').split(',').map((m) => m.trim()).filter(Boolean)) routes.push({ method, url })
  }
  return routes
}
