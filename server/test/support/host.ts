/** One AnalysisHost per test file, built the way the Node shells build it. */
import type { AnalysisHost } from '../../src/analysis/host';
import { createNodeHost } from '../../src/node/host';

export async function testHost(readFile?: (p: string) => string | undefined): Promise<AnalysisHost> {
  return readFile ? createNodeHost({ readFile }) : createNodeHost();
}
