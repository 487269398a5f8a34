/**
 * The browser script of `/docs`: fetches the OpenAPI document and renders operations grouped by tag,
 * with parameters, request bodies and responses, resolving `$ref`s, and a filter box. Builds DOM
 * nodes with textContent only (no innerHTML), so nothing in the document can inject markup.
 */
export const DOCS_SCRIPT = String.raw`(async () => {
  const main = document.getElementById('api');
  const filter = document.getElementById('filter');
  const doc = await (await fetch('/openapi.json')).json();
  const el = (tag, attrs = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    for (const c of children) node.append(typeof c === 'string' ? document.createTextNode(c) : c);
    return node;
  };
  const resolve = (schema, depth = 0) => {
    if (!schema || depth > 6) return schema;
    if (schema.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()], depth + 1);
    const out = Array.isArray(schema) ? [] : {};
    for (const [k, v] of Object.entries(schema)) out[k] = typeof v === 'object' && v !== null ? resolve(v, depth + 1) : v;
    return out;
  };
  const block = (title, value) => el('div', {}, el('strong', {}, title), el('pre', {}, JSON.stringify(resolve(value), null, 2)));
  const byTag = new Map();
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const tag = (op.tags && op.tags[0]) || 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push({ path, method, op });
    }
  }
  const render = () => {
    const q = filter.value.trim().toLowerCase();
    main.replaceChildren();
    for (const [tag, ops] of byTag) {
      const shown = ops.filter(({ path, op }) => !q || (tag + ' ' + path + ' ' + (op.summary || '')).toLowerCase().includes(q));
      if (shown.length === 0) continue;
      const section = el('section', {}, el('h2', {}, tag));
      for (const { path, method, op } of shown) {
        const details = el('details', {}, el('summary', {}, el('code', { class: 'm ' + method }, method.toUpperCase()), ' ', el('code', {}, path), ' — ', op.summary || ''));
        if (op.security) details.append(el('p', {}, 'Needs a DPoP-bound access token and a fresh DPoP proof.'));
        if (op.parameters) details.append(block('Parameters', op.parameters.map((p) => ({ in: p.in, name: p.name, required: !!p.required, schema: p.schema }))));
        const body = op.requestBody && op.requestBody.content;
        if (body) for (const [type, media] of Object.entries(body)) details.append(block('Request body (' + type + ')', media.schema));
        for (const [status, response] of Object.entries(op.responses || {})) {
          const content = response.content ? Object.entries(response.content)[0] : null;
          details.append(content ? block(status + ' ' + (response.description || '') + ' (' + content[0] + ')', content[1].schema) : el('p', {}, status + ' ' + (response.description || '')));
        }
        section.append(details);
      }
      main.append(section);
    }
  };
  filter.addEventListener('input', render);
  render();
})();`;
