class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

// A playground opened as `/?token=…` (HEED_PLAYGROUND_TOKEN) keeps the token for this tab only.
const TOKEN_KEY = 'heed.playground.token';
function moderatorToken() {
  const url = new URL(location.href);
  const given = url.searchParams.get('token');
  if (given) {
    try {
      sessionStorage.setItem(TOKEN_KEY, given);
    } catch {
      // No storage: the token lives in this variable's page only.
    }
    url.searchParams.delete('token');
    history.replaceState(null, '', url);
    return given;
  }
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}
const token = moderatorToken();

// One JSON call to heed's playground API; refusals come back as ApiError with the server's message.
// The Moderator switch travels as a header (the server honours it on loopback, or with the token).
export async function api(path, { method = 'GET', body } = {}) {
  const init = { method, headers: { accept: 'application/json' } };
  if (identity.moderator) {
    init.headers['x-heed-moderator'] = '1';
    if (token) init.headers.authorization = `Bearer ${token}`;
  }
  if (body !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch {
    throw new ApiError(0, 'heed is not reachable. Is it still running?');
  }
  let data = null;
  try {
    data = await res.json();
  } catch {
    data = null;
  }
  if (!res.ok) throw new ApiError(res.status, data?.error ?? `Request failed (${res.status}).`);
  return data;
}

// The person the page is acting as, and whether they act as a moderator (the core enforces the rule).
const KEY = 'heed.playground.identity';
const DEFAULT_USERS = [
  { userId: 'web-ada', userName: 'Ada' },
  { userId: 'web-grace', userName: 'Grace' },
  { userId: 'web-linus', userName: 'Linus' },
];

export const identity = {
  users: DEFAULT_USERS,
  current: DEFAULT_USERS[0].userId,
  moderator: false,
  listeners: new Set(),
  load() {
    try {
      const saved = JSON.parse(localStorage.getItem(KEY) ?? 'null');
      if (saved && Array.isArray(saved.users) && saved.users.length > 0) {
        this.users = saved.users.filter(
          (u) => typeof u?.userId === 'string' && typeof u?.userName === 'string',
        );
        this.current = this.users.some((u) => u.userId === saved.current)
          ? saved.current
          : this.users[0].userId;
        this.moderator = saved.moderator === true;
      }
    } catch {
      // A broken saved identity is replaced by the defaults.
    }
  },
  save() {
    const { users, current, moderator } = this;
    try {
      localStorage.setItem(KEY, JSON.stringify({ users, current, moderator }));
    } catch {
      // Private mode: the identity just lives for this page.
    }
    for (const fn of this.listeners) fn();
  },
  user() {
    return this.users.find((u) => u.userId === this.current) ?? this.users[0];
  },
  addUser(name) {
    const base = `web-${
      name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'user'
    }`;
    let userId = base;
    for (let n = 2; this.users.some((u) => u.userId === userId); n++) userId = `${base}-${n}`;
    this.users = [...this.users, { userId, userName: name }];
    this.current = userId;
    this.save();
  },
};
