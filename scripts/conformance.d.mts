/** Types of the pure helpers scripts/conformance.mjs exports (for the tests). */
export const SYNTH_CHAPTERS: Set<string>;
export function parseMetadata(text: string): Record<string, string>;
export interface TestDescription {
  file: string;
  name: string | undefined;
  chapter: string;
  tags: string[];
  negative: boolean;
  reason: string | undefined;
  incdirs: string[];
  defines: string[];
  top: string | undefined;
  type: string[];
  isTest: boolean;
}
export function describeTest(relPath: string, text: string): TestDescription;
export function includedNames(text: string): string[];
