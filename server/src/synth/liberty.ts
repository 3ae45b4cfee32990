/**
 * Liberty text reduction for the synthesis tier: drop the groups that neither dfflibmap, ABC's
 * mapper and timer nor `stat` read (internal power, leakage power), which are most of an NLDM
 * library. Text in, text out; no Node imports (a Web Worker can host it).
 */

const DROP = /^(internal_power|leakage_power)\s*\(/;

/** Remove every `internal_power (...) { ... }` and `leakage_power (...) { ... }` group, at any depth. */
export function stripPowerGroups(text: string): string {
  const out: string[] = [];
  let i = 0;
  const n = text.length;
  const re = /\b(internal_power|leakage_power)\s*\(/g;
  for (;;) {
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) break;
    // the group starts at its line's first non-blank character
    let start = m.index;
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    if (!DROP.test(text.slice(m.index, m.index + 20))) {
      i = m.index + 1;
      continue;
    }
    const open = text.indexOf('{', m.index);
    if (open < 0) break;
    let depth = 0;
    let j = open;
    let inStr = false;
    for (; j < n; j++) {
      const c = text[j];
      if (inStr) {
        if (c === '\\') j++;
        else if (c === '"') inStr = false;
      } else if (c === '"') inStr = true;
      else if (c === '{') depth++;
      else if (c === '}' && --depth === 0) break;
    }
    out.push(text.slice(i, start));
    i = j + 1;
    if (text[i] === '\n') i++;
  }
  out.push(text.slice(i));
  return out.join('');
}

/** `cell (NAME)` groups of a library, in order. */
export function libertyCellNames(text: string): string[] {
  return [...text.matchAll(/^\s*cell\s*\(\s*"?([^")\s]+)"?\s*\)/gm)].map((m) => m[1]);
}

/** Cell name -> area, from a library (the area-only copy is enough). */
export function libertyCellAreas(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  let cell: string | undefined;
  for (const m of text.matchAll(/^\s*(?:cell\s*\(\s*"?([^")\s]+)"?\s*\)|area\s*:\s*([-+0-9.eE]+))/gm)) {
    if (m[1]) cell = m[1];
    else if (cell && out[cell] === undefined) out[cell] = Number(m[2]);
  }
  return out;
}
