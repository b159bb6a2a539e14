// A tiny headless "browser" for driving Mandate's login and consent pages without a real browser.
//
// - keeps a cookie jar (host/path/expiry/Secure/SameSite aware, enough for ASP.NET Core cookies),
// - follows redirects by hand (fetch with redirect: 'manual'),
// - stops as soon as a Location starts with the client's redirect URI (the callback is never fetched),
// - fills HTML forms generically: every <input> (hidden ones included), the fields it is given,
//   and the clicked button's name/value, posted as application/x-www-form-urlencoded.
//
// No dependencies: regexes over the HTML, which is enough for server-rendered Razor Pages.

const NAMED_ENTITIES = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
};

/** Decodes HTML character references (&amp; &#39; &#x2B; ...) in text or attribute values. */
export function decodeHtmlEntities(text) {
  if (!text || !text.includes('&')) return text ?? '';
  return text.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);/g, (whole, ref) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code < 0 || code > 0x10ffff) return whole;
      return String.fromCodePoint(code);
    }
    const named = NAMED_ENTITIES[ref.toLowerCase()];
    return named ?? whole;
  });
}

/** Parses the attributes of one start tag (`<input type="hidden" name=x disabled>`) into a Map (lower-case names, decoded values). */
export function parseAttributes(tag) {
  const attributes = new Map();
  // Drop "<tagname" and the closing ">" or "/>".
  const inner = tag.replace(/^<\s*[a-zA-Z0-9-]+/, '').replace(/\/?\s*>$/, '');
  const attributePattern = /([^\s"'<>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
  let match;
  while ((match = attributePattern.exec(inner)) !== null) {
    const name = match[1].toLowerCase();
    if (attributes.has(name)) continue; // the first occurrence wins, as in browsers
    const raw = match[2] ?? match[3] ?? match[4] ?? '';
    attributes.set(name, decodeHtmlEntities(raw));
  }
  return attributes;
}

function stripTags(html) {
  return decodeHtmlEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

/**
 * Parses every <form> in a page.
 * Returns [{ action, method, enctype, fields: [{name, value, type}], buttons: [{name, value, type, text, formaction, formmethod}] }].
 * `action` is the decoded attribute value, or null when absent (the browser then posts to the page's own URL).
 * Fields are what a browser would submit without a click: inputs (hidden included; checkboxes/radios only when
 * checked; never submit/button/image/reset/file ones), textareas, and selects (selected or first option).
 */
export function parseForms(html) {
  const forms = [];
  const formPattern = /<form\b[^>]*>([\s\S]*?)(?:<\/form\s*>|$)/gi;
  let formMatch;
  while ((formMatch = formPattern.exec(html)) !== null) {
    const startTag = formMatch[0].match(/^<form\b[^>]*>/i)[0];
    const attributes = parseAttributes(startTag);
    const body = formMatch[1];
    const form = {
      action: attributes.has('action') ? attributes.get('action') : null,
      method: (attributes.get('method') || 'get').toLowerCase(),
      enctype: (attributes.get('enctype') || 'application/x-www-form-urlencoded').toLowerCase(),
      fields: [],
      buttons: [],
    };

    // Walk the controls in document order so the submitted order matches a browser's.
    const controlPattern =
      /<input\b[^>]*>|<button\b[^>]*>([\s\S]*?)<\/button\s*>|<textarea\b[^>]*>([\s\S]*?)<\/textarea\s*>|<select\b[^>]*>([\s\S]*?)<\/select\s*>/gi;
    let control;
    while ((control = controlPattern.exec(body)) !== null) {
      const tag = control[0].match(/^<[^>]*>/)[0];
      const tagName = tag.match(/^<\s*([a-zA-Z]+)/)[1].toLowerCase();
      const attrs = parseAttributes(tag);
      if (attrs.has('disabled')) continue;
      const name = attrs.get('name');
      if (tagName === 'input') {
        const type = (attrs.get('type') || 'text').toLowerCase();
        if (type === 'submit' || type === 'image') {
          form.buttons.push({ name: name ?? null, value: attrs.get('value') ?? '', type: 'submit', text: attrs.get('value') ?? '', formaction: attrs.get('formaction') ?? null, formmethod: attrs.get('formmethod') ?? null });
          continue;
        }
        if (!name || type === 'button' || type === 'reset' || type === 'file') continue;
        if ((type === 'checkbox' || type === 'radio') && !attrs.has('checked')) continue;
        const defaultValue = type === 'checkbox' || type === 'radio' ? 'on' : '';
        form.fields.push({ name, value: attrs.get('value') ?? defaultValue, type });
      } else if (tagName === 'button') {
        const type = (attrs.get('type') || 'submit').toLowerCase();
        form.buttons.push({ name: name ?? null, value: attrs.get('value') ?? '', type, text: stripTags(control[1] ?? ''), formaction: attrs.get('formaction') ?? null, formmethod: attrs.get('formmethod') ?? null });
      } else if (tagName === 'textarea') {
        if (name) form.fields.push({ name, value: decodeHtmlEntities(control[2] ?? '').replace(/^\r?\n/, ''), type: 'textarea' });
      } else if (tagName === 'select') {
        if (!name) continue;
        const options = [...(control[3] ?? '').matchAll(/<option\b[^>]*>([\s\S]*?)(?=<option\b|<\/option|$)/gi)].map((o) => {
          const optionAttrs = parseAttributes(o[0].match(/^<[^>]*>/)[0]);
          return { value: optionAttrs.has('value') ? optionAttrs.get('value') : stripTags(o[1]), selected: optionAttrs.has('selected') };
        });
        const chosen = options.find((o) => o.selected) ?? options[0];
        if (chosen) form.fields.push({ name, value: chosen.value, type: 'select' });
      }
    }
    forms.push(form);
  }
  return forms;
}

function findFieldName(form, wanted) {
  const exact = form.fields.find((f) => f.name === wanted);
  if (exact) return exact.name;
  const lower = wanted.toLowerCase();
  const loose = form.fields.find((f) => f.name.toLowerCase() === lower || f.name.toLowerCase().endsWith(`.${lower}`));
  return loose?.name ?? wanted;
}

/**
 * Builds what a browser submits for `form` on the page at `pageUrl`.
 * `values`: { fieldName: value } set over the parsed fields (a name not in the form is added).
 * `button`: a { name, value } / { text } matcher, or a predicate over the parsed buttons; null = press Enter
 * (the first submit button is used when there is one, as browsers do for implicit submission).
 * Returns { url: URL, method: 'GET'|'POST', body: URLSearchParams|undefined }.
 */
export function buildFormSubmission(form, pageUrl, { values = {}, button = null } = {}) {
  const submitButtons = form.buttons.filter((b) => b.type === 'submit');
  let clicked;
  if (typeof button === 'function') {
    clicked = submitButtons.find(button);
  } else if (button) {
    clicked = submitButtons.find(
      (b) =>
        (button.name === undefined || b.name === button.name) &&
        (button.value === undefined || b.value === button.value) &&
        (button.text === undefined || b.text.toLowerCase() === String(button.text).toLowerCase()),
    );
  } else {
    clicked = submitButtons[0];
  }
  if (button && !clicked) {
    const seen = submitButtons.map((b) => `${b.name ?? '(no name)'}=${b.value} "${b.text}"`).join(', ') || 'none';
    throw new Error(`form has no submit button matching ${typeof button === 'function' ? 'the predicate' : JSON.stringify(button)}; buttons: ${seen}`);
  }

  const pairs = form.fields.map((f) => [f.name, f.value]);
  for (const [wanted, value] of Object.entries(values)) {
    const name = findFieldName(form, wanted);
    const index = pairs.findIndex(([n]) => n === name);
    if (index >= 0) pairs[index][1] = String(value);
    else pairs.push([name, String(value)]);
  }
  if (clicked?.name) pairs.push([clicked.name, clicked.value]);

  const action = clicked?.formaction ?? form.action;
  const method = (clicked?.formmethod ?? form.method).toLowerCase() === 'post' ? 'POST' : 'GET';
  // An absent or empty action submits to the page's own URL (query string included).
  const url = new URL(action ? action : pageUrl.toString(), pageUrl);
  url.hash = '';
  const body = new URLSearchParams(pairs);
  if (method === 'GET') {
    url.search = body.toString();
    return { url, method, body: undefined };
  }
  return { url, method, body };
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** A minimal RFC 6265 cookie jar. */
export class CookieJar {
  constructor() {
    /** @type {Array<{name:string,value:string,domain:string,hostOnly:boolean,path:string,expires:number|null,secure:boolean,sameSite:string}>} */
    this.cookies = [];
  }

  /** Stores the Set-Cookie headers of `response`, received for `requestUrl`. */
  storeFrom(requestUrl, response) {
    const url = new URL(requestUrl);
    const headers = typeof response.headers.getSetCookie === 'function' ? response.headers.getSetCookie() : [];
    for (const header of headers) this.#store(url, header);
  }

  #store(url, header) {
    const [pair, ...attributeParts] = header.split(';');
    const eq = pair.indexOf('=');
    if (eq <= 0) return;
    const name = pair.slice(0, eq).trim();
    const value = pair.slice(eq + 1).trim();
    const cookie = { name, value, domain: url.hostname, hostOnly: true, path: defaultPath(url), expires: null, secure: false, sameSite: 'lax' };
    let maxAge = null;
    for (const part of attributeParts) {
      const i = part.indexOf('=');
      const key = (i < 0 ? part : part.slice(0, i)).trim().toLowerCase();
      const val = i < 0 ? '' : part.slice(i + 1).trim();
      if (key === 'domain' && val) {
        const domain = val.replace(/^\./, '').toLowerCase();
        if (!domainMatches(url.hostname, domain)) return; // a server cannot set cookies for another domain
        cookie.domain = domain;
        cookie.hostOnly = false;
      } else if (key === 'path') {
        cookie.path = val.startsWith('/') ? val : defaultPath(url);
      } else if (key === 'expires') {
        const t = Date.parse(val);
        if (!Number.isNaN(t)) cookie.expires = t;
      } else if (key === 'max-age') {
        const n = Number.parseInt(val, 10);
        if (!Number.isNaN(n)) maxAge = n;
      } else if (key === 'secure') {
        cookie.secure = true;
      } else if (key === 'samesite') {
        cookie.sameSite = val.toLowerCase() || 'lax';
      }
    }
    if (maxAge !== null) cookie.expires = maxAge <= 0 ? 0 : Date.now() + maxAge * 1000;
    this.cookies = this.cookies.filter((c) => !(c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path));
    if (cookie.expires === null || cookie.expires > Date.now()) this.cookies.push(cookie);
  }

  /**
   * The Cookie header for a request to `requestUrl`, or '' when nothing applies.
   * `crossSite`: the request belongs to a navigation that another site started (SameSite=Strict cookies stay home).
   */
  headerFor(requestUrl, { crossSite = false, method = 'GET' } = {}) {
    const url = new URL(requestUrl);
    const now = Date.now();
    this.cookies = this.cookies.filter((c) => c.expires === null || c.expires > now);
    const secureContext = url.protocol === 'https:' || LOOPBACK.has(url.hostname);
    return this.cookies
      .filter((c) => (c.hostOnly ? c.domain === url.hostname : domainMatches(url.hostname, c.domain)))
      .filter((c) => pathMatches(url.pathname, c.path))
      .filter((c) => !c.secure || secureContext)
      .filter((c) => !(crossSite && c.sameSite === 'strict'))
      .filter((c) => !(crossSite && c.sameSite === 'lax' && method !== 'GET'))
      .sort((a, b) => b.path.length - a.path.length)
      .map((c) => `${c.name}=${c.value}`)
      .join('; ');
  }

  /** Cookie names only (values are secrets). */
  names() {
    return this.cookies.map((c) => c.name);
  }
}

function defaultPath(url) {
  const p = url.pathname;
  if (!p.startsWith('/') || p.lastIndexOf('/') === 0) return '/';
  return p.slice(0, p.lastIndexOf('/'));
}

function domainMatches(host, domain) {
  host = host.toLowerCase();
  return host === domain || (host.endsWith(`.${domain}`) && !/^[0-9.]+$/.test(host));
}

function pathMatches(requestPath, cookiePath) {
  if (requestPath === cookiePath) return true;
  if (!requestPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || requestPath[cookiePath.length] === '/';
}

/** For logs: the URL without its query string and fragment. */
export function describeUrl(url) {
  const u = new URL(url);
  return `${u.origin}${u.pathname}${u.search ? '?…' : ''}`;
}

/** Shortens a secret-ish value for logs: at most its first 8 characters. */
export function redact(value) {
  if (value === undefined || value === null) return String(value);
  const s = String(value);
  return s.length <= 8 ? `${s.slice(0, 8)}…` : `${s.slice(0, 8)}…(${s.length} chars)`;
}

function pageSummary(html) {
  const title = html.match(/<title[^>]*>([\s\S]*?)<\/title>/i);
  const body = html.match(/<body[^>]*>([\s\S]*)<\/body>/i)?.[1] ?? html;
  const text = stripTags(body.replace(/<script[\s\S]*?<\/script>|<style[\s\S]*?<\/style>/gi, ' '));
  return `${title ? `title "${stripTags(title[1])}", ` : ''}text "${text.slice(0, 300)}"`;
}

function isLoginForm(form) {
  return form.fields.some((f) => f.type === 'password' || /(^|\.)password$/i.test(f.name));
}

function isConsentForm(form) {
  return form.buttons.some((b) => b.name === 'decision');
}

export class HeadlessBrowser {
  /**
   * @param {{ log?: (line: string) => void, fetch?: typeof fetch, maxSteps?: number, userAgent?: string }} options
   */
  constructor({ log = () => {}, fetch: fetchImpl = globalThis.fetch, maxSteps = 25, userAgent = 'mandate-interop-headless/1.0' } = {}) {
    this.jar = new CookieJar();
    this.log = log;
    this.fetch = fetchImpl;
    this.maxSteps = maxSteps;
    this.userAgent = userAgent;
  }

  /**
   * One HTTP request with the jar's cookies; never follows redirects.
   * `crossSite`: the navigation was started by another site (see CookieJar.headerFor).
   * `origin`: the Origin a browser sends for a form POST.
   */
  async request(url, { method = 'GET', body, headers = {}, crossSite = false, origin } = {}) {
    const h = new Headers(headers);
    if (!h.has('accept')) h.set('accept', 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8');
    if (!h.has('user-agent')) h.set('user-agent', this.userAgent);
    const cookie = this.jar.headerFor(url, { crossSite, method });
    if (cookie) h.set('cookie', cookie);
    if (body !== undefined && !h.has('content-type')) h.set('content-type', 'application/x-www-form-urlencoded');
    if (origin) h.set('origin', origin);
    const response = await this.fetch(url, { method, headers: h, body, redirect: 'manual' });
    this.jar.storeFrom(url, response);
    return response;
  }

  /**
   * Runs an authorization request like a user in a browser would: follows redirects, signs in on the
   * login form, answers the consent form, and stops at the first redirect to `redirectUri` (a prefix).
   *
   * @returns {Promise<{ callbackUrl: URL, pages: string[] }>} the callback URL (with code/state/iss or error)
   *   and the kinds of pages met on the way ('login', 'consent').
   */
  async authorize(authorizationUrl, { redirectUri, username, password, consent = 'allow', extraFields = {} } = {}) {
    if (!redirectUri) throw new Error('authorize: redirectUri (prefix) is required');
    const prefix = String(redirectUri);
    const pages = [];
    let next = { url: new URL(authorizationUrl), method: 'GET', body: undefined, crossSite: true, origin: undefined };
    let loginSubmitted = 0;
    let consentSubmitted = 0;

    for (let step = 0; step < this.maxSteps; step++) {
      if (next.url.href.startsWith(prefix)) {
        return { callbackUrl: next.url, pages };
      }
      const response = await this.request(next.url, next);
      const status = response.status;

      if ([301, 302, 303, 307, 308].includes(status)) {
        const location = response.headers.get('location');
        await response.body?.cancel();
        if (!location) throw new Error(`${status} from ${describeUrl(next.url)} without a Location header`);
        const target = new URL(location, next.url);
        this.log(`${next.method} ${describeUrl(next.url)} -> ${status} ${describeUrl(target)}`);
        if (target.href.startsWith(prefix)) {
          return { callbackUrl: target, pages };
        }
        const keepMethod = status === 307 || status === 308;
        next = {
          url: target,
          method: keepMethod ? next.method : 'GET',
          body: keepMethod ? next.body : undefined,
          crossSite: next.crossSite,
          origin: keepMethod ? next.origin : undefined,
        };
        continue;
      }

      const contentType = response.headers.get('content-type') ?? '';
      const text = await response.text();
      if (status !== 200 || !/html/i.test(contentType)) {
        throw new Error(`${next.method} ${describeUrl(next.url)} -> ${status} ${contentType}: ${pageSummary(text)}`);
      }

      const forms = parseForms(text);
      const loginForm = forms.find(isLoginForm);
      const consentForm = forms.find(isConsentForm);
      let submission;
      if (loginForm) {
        if (loginSubmitted > 0) {
          throw new Error(`login form shown again after signing in (credentials rejected?): ${pageSummary(text)}`);
        }
        if (username === undefined || password === undefined) throw new Error('login form shown but no username/password given');
        pages.push('login');
        loginSubmitted++;
        this.log(`${next.method} ${describeUrl(next.url)} -> 200 login form; signing in as ${username}`);
        submission = buildFormSubmission(loginForm, next.url, {
          values: { Username: username, Password: password, ...extraFields },
          button: (b) => b.type === 'submit',
        });
      } else if (consentForm) {
        if (consentSubmitted > 0) throw new Error(`consent form shown again after answering it: ${pageSummary(text)}`);
        pages.push('consent');
        consentSubmitted++;
        this.log(`${next.method} ${describeUrl(next.url)} -> 200 consent form; clicking "${consent}"`);
        submission = buildFormSubmission(consentForm, next.url, { button: { name: 'decision', value: consent } });
      } else {
        throw new Error(`unexpected page at ${describeUrl(next.url)} (${forms.length} form(s), none for login or consent): ${pageSummary(text)}`);
      }
      next = {
        url: submission.url,
        method: submission.method,
        body: submission.body,
        crossSite: false, // submitted from the authorization server's own page
        origin: next.url.origin,
      };
    }
    throw new Error(`authorization did not reach ${prefix} within ${this.maxSteps} requests`);
  }
}
