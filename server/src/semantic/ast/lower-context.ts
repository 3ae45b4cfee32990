/** What the lowering functions share: the file (for locations) and where to put notes. */
import type { LightNode } from '../../syntax/light-tree';
import type { ParsedFile } from '../../syntax/parsed-file';
import type { Loc } from './types';

export class LowerContext {
  constructor(readonly parsed: ParsedFile) {}
  loc(n: LightNode): Loc {
    return this.parsed.locate(n.startIndex, n.endIndex);
  }
}
