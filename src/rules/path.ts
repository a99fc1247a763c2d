/**
 * Formats a property path the way the API's `termination_error.property_path` and this
 * package's issues write it: `related_contact_information[0].insee_code`.
 */
export function formatPath(segments: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const name = String(segment);
      out += out === '' ? name : `.${name}`;
    }
  }
  return out;
}

/** Prefixes a path: `joinPath('lines[2]', 'enni')` → `lines[2].enni`. */
export function joinPath(prefix: string, path: string): string {
  if (prefix === '') return path;
  if (path === '') return prefix;
  return path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`;
}
