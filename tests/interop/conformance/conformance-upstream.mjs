// A conformant MCP server for the conformance suite's server scenarios, built on the official MCP TypeScript SDK
// (low-level `Server` + `StreamableHTTPServerTransport`, stateful sessions, an in-memory event store so streams can
// be resumed with Last-Event-ID). It has the fixtures each scenario names in its own description (`conformance list
// --server`, `test_simple_text`, `test://static-text`, `test_simple_prompt`, …), written here from those descriptions:
// the package ships the scenarios, not a server to run them against.
//
// It is meant to sit behind Mandate's gateway: bound to 127.0.0.1 on a free port, every request is described on
// stderr as `[conformance-upstream] request POST /mcp authorization=absent key=ok`, and with UPSTREAM_KEY set a
// request without `UPSTREAM_KEY_HEADER: UPSTREAM_KEY` gets 403 (reachable only through a gateway that adds the key).
//
// Env: UPSTREAM_KEY (optional), UPSTREAM_KEY_HEADER (default x-upstream-key).
// Stdout: one line {"listening":"http://127.0.0.1:PORT/mcp"}; exits when stdin (a pipe) closes, or on SIGTERM/SIGINT.
import http from 'node:http';
import { randomUUID, timingSafeEqual } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import {
  LATEST_PROTOCOL_VERSION,
  SUPPORTED_PROTOCOL_VERSIONS,
  CallToolRequestSchema,
  CompleteRequestSchema,
  CreateMessageResultSchema,
  ElicitResultSchema,
  ErrorCode,
  GetPromptRequestSchema,
  isInitializeRequest,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  SubscribeRequestSchema,
  UnsubscribeRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';

const log = (message) => process.stderr.write(`[conformance-upstream] ${message}\n`);
const key = process.env.UPSTREAM_KEY ?? '';
const keyHeader = (process.env.UPSTREAM_KEY_HEADER || 'x-upstream-key').toLowerCase();

// A 1x1 red PNG and a 1-sample 8 kHz mono WAV: the smallest valid payloads of each kind.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
const WAV = Buffer.concat([
  Buffer.from('RIFF'), u32(38), Buffer.from('WAVEfmt '), u32(16), u16(1), u16(1), u32(8000), u32(16000), u16(2), u16(16),
  Buffer.from('data'), u32(2), u16(0),
]).toString('base64');

function u16(n) { const b = Buffer.alloc(2); b.writeUInt16LE(n); return b; }
function u32(n) { const b = Buffer.alloc(4); b.writeUInt32LE(n); return b; }
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const text = (value) => ({ content: [{ type: 'text', text: value }] });
const noArguments = { type: 'object', properties: {} };
const readOnly = { readOnlyHint: true };

const tools = [
  { name: 'test_simple_text', description: 'Returns simple text content', inputSchema: noArguments, annotations: readOnly },
  { name: 'test_image_content', description: 'Returns a PNG image', inputSchema: noArguments, annotations: readOnly },
  { name: 'test_audio_content', description: 'Returns a WAV audio clip', inputSchema: noArguments, annotations: readOnly },
  { name: 'test_embedded_resource', description: 'Returns an embedded text resource', inputSchema: noArguments, annotations: readOnly },
  { name: 'test_multiple_content_types', description: 'Returns text, image and resource content', inputSchema: noArguments, annotations: readOnly },
  { name: 'test_tool_with_logging', description: 'Sends three log messages while it runs', inputSchema: noArguments, annotations: readOnly },
  { name: 'test_error_handling', description: 'Always returns a tool error', inputSchema: noArguments, annotations: readOnly },
  { name: 'test_tool_with_progress', description: 'Reports progress 0, 50 and 100 of 100', inputSchema: noArguments, annotations: readOnly },
  {
    name: 'test_sampling',
    description: 'Asks the client to sample an LLM with the prompt',
    inputSchema: { type: 'object', properties: { prompt: { type: 'string', description: 'The prompt to send to the LLM' } }, required: ['prompt'] },
    annotations: readOnly,
  },
  {
    name: 'test_elicitation',
    description: 'Asks the user for a username and an email address',
    inputSchema: { type: 'object', properties: { message: { type: 'string', description: 'The message to show the user' } }, required: ['message'] },
    annotations: readOnly,
  },
  { name: 'test_elicitation_sep1034_defaults', description: 'Elicits fields of every primitive type, each with a default', inputSchema: noArguments, annotations: readOnly },
  { name: 'test_elicitation_sep1330_enums', description: 'Elicits the five kinds of enum field', inputSchema: noArguments, annotations: readOnly },
  {
    name: 'json_schema_2020_12_tool',
    description: 'Tool with JSON Schema 2020-12 features',
    inputSchema: {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: { address: { type: 'object', properties: { street: { type: 'string' }, city: { type: 'string' } } } },
      properties: { name: { type: 'string' }, address: { $ref: '#/$defs/address' } },
      additionalProperties: false,
    },
    annotations: readOnly,
  },
  { name: 'test_reconnection', description: 'Closes its response stream before answering (the client resumes it)', inputSchema: noArguments, annotations: readOnly },
];

async function elicit(extra, params) {
  const result = await extra.sendRequest({ method: 'elicitation/create', params }, ElicitResultSchema);
  return text(`Elicitation completed: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`);
}

const toolHandlers = {
  test_simple_text: async () => text('This is a simple text response for testing.'),
  test_image_content: async () => ({ content: [{ type: 'image', data: PNG, mimeType: 'image/png' }] }),
  test_audio_content: async () => ({ content: [{ type: 'audio', data: WAV, mimeType: 'audio/wav' }] }),
  test_embedded_resource: async () => ({
    content: [{ type: 'resource', resource: { uri: 'test://embedded-resource', mimeType: 'text/plain', text: 'This is an embedded resource content.' } }],
  }),
  test_multiple_content_types: async () => ({
    content: [
      { type: 'text', text: 'Multiple content types test:' },
      { type: 'image', data: PNG, mimeType: 'image/png' },
      { type: 'resource', resource: { uri: 'test://mixed-content-resource', mimeType: 'application/json', text: '{"test":"data","value":123}' } },
    ],
  }),
  test_tool_with_logging: async (_args, extra) => {
    const send = (data) => extra.sendNotification({ method: 'notifications/message', params: { level: 'info', logger: 'conformance-upstream', data } });
    await send('Tool execution started');
    await sleep(50);
    await send('Tool processing data');
    await sleep(50);
    await send('Tool execution completed');
    return text('Tool with logging executed successfully');
  },
  test_error_handling: async () => ({ isError: true, content: [{ type: 'text', text: 'This tool intentionally returns an error for testing' }] }),
  test_tool_with_progress: async (_args, extra, request) => {
    const progressToken = request.params._meta?.progressToken;
    for (const progress of [0, 50, 100]) {
      if (progressToken !== undefined) {
        await extra.sendNotification({ method: 'notifications/progress', params: { progressToken, progress, total: 100 } });
      }
      if (progress < 100) await sleep(50);
    }
    return text('Tool with progress executed successfully');
  },
  test_sampling: async (args, extra) => {
    const result = await extra.sendRequest(
      { method: 'sampling/createMessage', params: { messages: [{ role: 'user', content: { type: 'text', text: String(args.prompt ?? '') } }], maxTokens: 100 } },
      CreateMessageResultSchema,
    );
    return text(`LLM response: ${result.content?.type === 'text' ? result.content.text : JSON.stringify(result.content)}`);
  },
  test_elicitation: async (args, extra) => {
    const result = await extra.sendRequest({
      method: 'elicitation/create',
      params: {
        message: String(args.message ?? ''),
        requestedSchema: {
          type: 'object',
          properties: {
            username: { type: 'string', description: "User's response" },
            email: { type: 'string', description: "User's email address" },
          },
          required: ['username', 'email'],
        },
      },
    }, ElicitResultSchema);
    return text(`User response: action=${result.action}, content=${JSON.stringify(result.content ?? {})}`);
  },
  test_elicitation_sep1034_defaults: async (_args, extra) => elicit(extra, {
    message: 'Please review your profile',
    requestedSchema: {
      type: 'object',
      properties: {
        name: { type: 'string', description: 'User name', default: 'John Doe' },
        age: { type: 'integer', description: 'User age', default: 30 },
        score: { type: 'number', description: 'User score', default: 95.5 },
        status: { type: 'string', description: 'User status', enum: ['active', 'inactive', 'pending'], default: 'active' },
        verified: { type: 'boolean', description: 'Verification status', default: true },
      },
      required: [],
    },
  }),
  test_elicitation_sep1330_enums: async (_args, extra) => elicit(extra, {
    message: 'Please choose your options',
    requestedSchema: {
      type: 'object',
      properties: {
        untitledSingle: { type: 'string', enum: ['option1', 'option2', 'option3'] },
        titledSingle: {
          type: 'string',
          oneOf: [{ const: 'value1', title: 'First Option' }, { const: 'value2', title: 'Second Option' }, { const: 'value3', title: 'Third Option' }],
        },
        legacyEnum: { type: 'string', enum: ['opt1', 'opt2', 'opt3'], enumNames: ['Option One', 'Option Two', 'Option Three'] },
        untitledMulti: { type: 'array', items: { type: 'string', enum: ['option1', 'option2', 'option3'] } },
        titledMulti: {
          type: 'array',
          items: { anyOf: [{ const: 'value1', title: 'First Choice' }, { const: 'value2', title: 'Second Choice' }, { const: 'value3', title: 'Third Choice' }] },
        },
      },
      required: [],
    },
  }),
  json_schema_2020_12_tool: async (args) => text(`Received ${JSON.stringify(args)}`),
  test_reconnection: async (_args, extra) => {
    // Ends the POST stream (clients told to resume see a priming event first); the answer is stored in the event
    // store and replayed on the GET that resumes with Last-Event-ID.
    extra.closeSSEStream?.();
    await sleep(100);
    return text('Reconnection test completed successfully');
  },
};

const resources = [
  { uri: 'test://static-text', name: 'static-text', description: 'A static text resource', mimeType: 'text/plain' },
  { uri: 'test://static-binary', name: 'static-binary', description: 'A static PNG image', mimeType: 'image/png' },
  { uri: 'test://watched-resource', name: 'watched-resource', description: 'A resource clients can subscribe to', mimeType: 'text/plain' },
];

function readResource(uri) {
  if (uri === 'test://static-text') return [{ uri, mimeType: 'text/plain', text: 'This is the content of the static text resource.' }];
  if (uri === 'test://static-binary') return [{ uri, mimeType: 'image/png', blob: PNG }];
  if (uri === 'test://watched-resource') return [{ uri, mimeType: 'text/plain', text: 'The watched resource.' }];
  const match = /^test:\/\/template\/([^/]+)\/data$/.exec(uri);
  if (match) {
    const id = decodeURIComponent(match[1]);
    return [{ uri, mimeType: 'application/json', text: JSON.stringify({ id, templateTest: true, data: `Data for ID: ${id}` }) }];
  }
  throw new McpError(ErrorCode.InvalidParams, `Resource not found: ${uri}`);
}

const prompts = [
  { name: 'test_simple_prompt', description: 'A simple prompt without arguments' },
  {
    name: 'test_prompt_with_arguments',
    description: 'A prompt with two required arguments',
    arguments: [{ name: 'arg1', description: 'First test argument', required: true }, { name: 'arg2', description: 'Second test argument', required: true }],
  },
  {
    name: 'test_prompt_with_embedded_resource',
    description: 'A prompt that embeds a resource',
    arguments: [{ name: 'resourceUri', description: 'URI of the resource to embed', required: true }],
  },
  { name: 'test_prompt_with_image', description: 'A prompt with an image' },
];

function getPrompt(name, args) {
  const user = (content) => ({ role: 'user', content });
  switch (name) {
    case 'test_simple_prompt':
      return { messages: [user({ type: 'text', text: 'This is a simple prompt for testing.' })] };
    case 'test_prompt_with_arguments':
      return { messages: [user({ type: 'text', text: `Prompt with arguments: arg1='${args.arg1}', arg2='${args.arg2}'` })] };
    case 'test_prompt_with_embedded_resource':
      return {
        messages: [
          user({ type: 'resource', resource: { uri: args.resourceUri, mimeType: 'text/plain', text: 'Embedded resource content for testing.' } }),
          user({ type: 'text', text: 'Please process the embedded resource above.' }),
        ],
      };
    case 'test_prompt_with_image':
      return { messages: [user({ type: 'image', data: PNG, mimeType: 'image/png' }), user({ type: 'text', text: 'Please analyze the image above.' })] };
    default:
      throw new McpError(ErrorCode.InvalidParams, `Unknown prompt: ${name}`);
  }
}

function createServer() {
  const server = new Server(
    { name: 'mandate-conformance-upstream', version: '1.0.0' },
    { capabilities: { tools: {}, resources: { subscribe: true }, prompts: {}, logging: {}, completions: {} } },
  );
  const subscriptions = new Set();
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools }));
  server.setRequestHandler(CallToolRequestSchema, async (request, extra) => {
    const handler = toolHandlers[request.params.name];
    if (!handler) throw new McpError(ErrorCode.InvalidParams, `Unknown tool: ${request.params.name}`);
    return handler(request.params.arguments ?? {}, extra, request);
  });
  server.setRequestHandler(ListResourcesRequestSchema, async () => ({ resources }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, async () => ({
    resourceTemplates: [{ uriTemplate: 'test://template/{id}/data', name: 'template', description: 'Data for an ID', mimeType: 'application/json' }],
  }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => ({ contents: readResource(request.params.uri) }));
  server.setRequestHandler(SubscribeRequestSchema, async (request) => { subscriptions.add(request.params.uri); return {}; });
  server.setRequestHandler(UnsubscribeRequestSchema, async (request) => { subscriptions.delete(request.params.uri); return {}; });
  server.setRequestHandler(ListPromptsRequestSchema, async () => ({ prompts }));
  server.setRequestHandler(GetPromptRequestSchema, async (request) => getPrompt(request.params.name, request.params.arguments ?? {}));
  server.setRequestHandler(CompleteRequestSchema, async (request) => {
    const prefix = String(request.params.argument?.value ?? '');
    const values = ['paris', 'park', 'party', 'test', 'testing'].filter((v) => v.startsWith(prefix));
    return { completion: { values, total: values.length, hasMore: false } };
  });
  return server;
}

/** Keeps every event of every stream so a client can resume after any of them (SDK EventStore contract). */
class MemoryEventStore {
  #events = new Map();

  async storeEvent(streamId, message) {
    const eventId = `${streamId}_${Date.now()}_${randomUUID().slice(0, 8)}`;
    this.#events.set(eventId, { streamId, message });
    return eventId;
  }

  async getStreamIdForEventId(eventId) {
    return this.#events.get(eventId)?.streamId;
  }

  async replayEventsAfter(lastEventId, { send }) {
    const last = this.#events.get(lastEventId);
    if (!last) return '';
    let after = false;
    for (const [eventId, { streamId, message }] of this.#events) {
      if (streamId !== last.streamId) continue;
      if (eventId === lastEventId) { after = true; continue; }
      if (after && Object.keys(message).length > 0) await send(eventId, message);
    }
    return last.streamId;
  }
}

function keyMatches(value) {
  if (!key) return true;
  if (typeof value !== 'string') return false;
  const given = Buffer.from(value);
  const expected = Buffer.from(key);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const sessions = new Map();
const sessionVersions = new Map();

// The SDK transport sends priming events (and lets a tool close its stream) only to clients whose MCP-Protocol-Version
// header says 2025-11-25 or later; server-sse-polling negotiates 2025-11-25 but then sends 2025-03-26 on its
// tools/call. Answering every request of a session at the version its initialize negotiated makes that scenario
// exercise resumption (through the gateway: a GET with Last-Event-ID) rather than stop at "no priming event".
function useNegotiatedVersion(req, version) {
  for (let i = 0; i < req.rawHeaders.length; i += 2) {
    if (req.rawHeaders[i].toLowerCase() === 'mcp-protocol-version') req.rawHeaders[i + 1] = version;
  }
  if (req.headers['mcp-protocol-version'] !== undefined) req.headers['mcp-protocol-version'] = version;
}

async function readJson(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const body = Buffer.concat(chunks).toString('utf8');
  return body.length > 0 ? JSON.parse(body) : undefined;
}

function sendJsonRpcError(res, status, code, message) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', error: { code, message }, id: null }));
}

async function handle(req, res) {
  const keyOk = keyMatches(req.headers[keyHeader]);
  log(`request ${req.method} ${req.url} authorization=${req.headers.authorization === undefined ? 'absent' : 'present'} key=${keyOk ? 'ok' : 'missing'}`);
  if (!keyOk) {
    res.writeHead(403, { 'content-type': 'text/plain' }).end('reachable only through the gateway');
    return;
  }
  if (new URL(req.url, 'http://127.0.0.1').pathname !== '/mcp') {
    res.writeHead(404).end();
    return;
  }

  const sessionId = req.headers['mcp-session-id'];
  const body = req.method === 'POST' ? await readJson(req) : undefined;
  let transport = typeof sessionId === 'string' ? sessions.get(sessionId) : undefined;
  if (!transport) {
    if (typeof sessionId === 'string') {
      sendJsonRpcError(res, 404, -32001, 'Session not found');
      return;
    }
    if (req.method !== 'POST' || !isInitializeRequest(body)) {
      sendJsonRpcError(res, 400, -32000, 'Bad Request: no session; send initialize first');
      return;
    }
    const requested = body.params?.protocolVersion;
    const version = SUPPORTED_PROTOCOL_VERSIONS.includes(requested) ? requested : LATEST_PROTOCOL_VERSION;
    transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      eventStore: new MemoryEventStore(),
      retryInterval: 500,
      onsessioninitialized: (id) => { sessions.set(id, transport); sessionVersions.set(id, version); },
    });
    transport.onclose = () => {
      if (transport.sessionId) {
        sessions.delete(transport.sessionId);
        sessionVersions.delete(transport.sessionId);
      }
    };
    await createServer().connect(transport);
  } else {
    useNegotiatedVersion(req, sessionVersions.get(sessionId));
  }
  await transport.handleRequest(req, res, body);
}

const httpServer = http.createServer((req, res) => {
  handle(req, res).catch((error) => {
    log(`error: ${error instanceof Error ? error.stack : String(error)}`);
    if (!res.headersSent) sendJsonRpcError(res, 500, ErrorCode.InternalError, 'Internal error');
    else res.end();
  });
});
httpServer.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ listening: `http://127.0.0.1:${httpServer.address().port}/mcp` })}\n`);
});

const stop = () => process.exit(0);
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
if (!process.stdin.isTTY) {
  process.stdin.on('end', stop);
  process.stdin.resume();
}
