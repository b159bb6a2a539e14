// Unbounded in-process storage for oidc-provider, used instead of its bundled MemoryAdapter.
//
// Why: the bundled adapter is an LRU capped at 1,000 entries (it would evict the pre-minted
// authorization codes, the session and the grant) and its per-grant index recomputes a
// Math.max over every member on each insert (O(n) per code, and a RangeError for very large
// grants). A plain Map is the cheapest storage oidc-provider can have, so this choice is
// generous to the peer, not against it. Nothing here runs on the client_credentials path:
// JWT access tokens are not persisted by oidc-provider.

const entries = new Map(); // `${model}:${id}` -> { payload, expiresAt }
const sessionIdsByUid = new Map();
const idsByUserCode = new Map();
const keysByGrantId = new Map();

const sweepIntervalMs = 10_000;
setInterval(() => {
  const now = Date.now();
  for (const [key, entry] of entries) {
    if (entry.expiresAt <= now) entries.delete(key);
  }
  for (const [grantId, keys] of keysByGrantId) {
    for (const key of keys) if (!entries.has(key)) keys.delete(key);
    if (keys.size === 0) keysByGrantId.delete(grantId);
  }
}, sweepIntervalMs).unref();

function live(key) {
  const entry = entries.get(key);
  if (!entry) return undefined;
  if (entry.expiresAt <= Date.now()) {
    entries.delete(key);
    return undefined;
  }
  return entry.payload;
}

export default class MapAdapter {
  constructor(model) {
    this.model = model;
  }

  key(id) {
    return `${this.model}:${id}`;
  }

  async upsert(id, payload, expiresIn) {
    const key = this.key(id);
    const expiresAt = typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Infinity;
    entries.set(key, { payload, expiresAt });
    if (this.model === 'Session') sessionIdsByUid.set(payload.uid, id);
    if (payload.userCode) idsByUserCode.set(payload.userCode, id);
    if (payload.grantId) {
      let keys = keysByGrantId.get(payload.grantId);
      if (!keys) keysByGrantId.set(payload.grantId, keys = new Set());
      keys.add(key);
    }
  }

  async find(id) {
    return live(this.key(id));
  }

  async findByUid(uid) {
    const id = sessionIdsByUid.get(uid);
    return id === undefined ? undefined : this.find(id);
  }

  async findByUserCode(userCode) {
    const id = idsByUserCode.get(userCode);
    return id === undefined ? undefined : this.find(id);
  }

  async consume(id) {
    const payload = live(this.key(id));
    if (payload) payload.consumed = Math.floor(Date.now() / 1000);
  }

  async destroy(id) {
    entries.delete(this.key(id));
  }

  async revokeByGrantId(grantId) {
    for (const key of keysByGrantId.get(grantId) ?? []) entries.delete(key);
    keysByGrantId.delete(grantId);
  }
}
