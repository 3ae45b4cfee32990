/**
 * `.f` filelists as simulators and synthesis tools read them: one entry per whitespace-separated
 * token, `//` and `#` comments, `+incdir+a+b`, `+define+X=1+Y`, `-I dir`, `-D X=1`, `-v/-y` ignored
 * with a note, nested `-f other.f` (relative to the list's folder). Pure: reading is injected.
 */
import * as path from '../base/paths';

export interface FilelistResult {
  files: string[];
  /** Where each of `files` was named: the list file and its 1-based line. */
  origins: Array<{ file: string; line: number }>;
  includeDirs: string[];
  defines: Record<string, string>;
  /** Problems, each with the list file and 1-based line. */
  errors: Array<{ file: string; line: number; message: string }>;
}

export function readFilelist(listPath: string, readFile: (p: string) => string | undefined, depth = 0): FilelistResult {
  const out: FilelistResult = { files: [], origins: [], includeDirs: [], defines: {}, errors: [] };
  const text = readFile(listPath);
  if (text === undefined) {
    out.errors.push({ file: listPath, line: 0, message: `cannot read filelist ${listPath}` });
    return out;
  }
  const base = path.dirname(listPath);
  const abs = (p: string) => (path.isAbsolute(p) ? p : path.join(base, p.replace(/^\$\{?PWD\}?\//, '')));
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/\/\/.*$/, '').replace(/#.*$/, '');
    const toks = line.split(/\s+/).filter(Boolean);
    for (let t = 0; t < toks.length; t++) {
      const tok = toks[t];
      const next = () => toks[++t];
      if (tok.startsWith('+incdir+')) out.includeDirs.push(...tok.slice(8).split('+').filter(Boolean).map(abs));
      else if (tok.startsWith('+define+'))
        for (const d of tok.slice(8).split('+').filter(Boolean)) {
          const [k, ...v] = d.split('=');
          out.defines[k] = v.join('=') || '1';
        }
      else if (tok === '-I' || tok === '-y' || tok === '-v') {
        const v = next();
        if (tok === '-I' && v) out.includeDirs.push(abs(v));
      } else if (tok.startsWith('-I')) out.includeDirs.push(abs(tok.slice(2)));
      else if (tok === '-D' || tok.startsWith('-D')) {
        const d = tok === '-D' ? next() : tok.slice(2);
        if (d) {
          const [k, ...v] = d.split('=');
          out.defines[k] = v.join('=') || '1';
        }
      } else if (tok === '-f' || tok === '-F') {
        const f = next();
        if (!f) out.errors.push({ file: listPath, line: i + 1, message: '-f needs a file name' });
        else if (depth > 16) out.errors.push({ file: listPath, line: i + 1, message: 'filelists nested too deeply' });
        else {
          const sub = readFilelist(abs(f), readFile, depth + 1);
          out.files.push(...sub.files);
          out.origins.push(...sub.origins);
          out.includeDirs.push(...sub.includeDirs);
          Object.assign(out.defines, sub.defines);
          out.errors.push(...sub.errors);
        }
      } else if (tok.startsWith('-') || tok.startsWith('+')) continue;
      else {
        out.files.push(abs(tok));
        out.origins.push({ file: listPath, line: i + 1 });
      }
    }
  }
  return out;
}
