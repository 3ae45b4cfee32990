/** What the lowering functions share: the file (for locations) and where to put notes. */
import type { Node } from 'web-tree-sitter';
import type { ParsedFile } from '../../syntax/parsed-file';
import type { Loc } from './types';

export class LowerContext {
  constructor(readonly parsed: ParsedFile) {}
  loc(n: Node): Loc {
    return this.parsed.locateNode(n);
  }
}
