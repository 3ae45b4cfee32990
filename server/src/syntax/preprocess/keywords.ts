/**
 * `begin_keywords "<version>" ... `end_keywords (IEEE 1800 22.14): inside such a region only the
 * reserved words of that version are keywords. The grammar knows one keyword set (1800-2023), so
 * the preprocessor hands it every word that is a keyword only in later versions as an escaped
 * identifier (`logic` becomes `\logic `, an expansion segment mapped to the word): the parser then
 * sees a name, and lowering reads `\logic ` back as `logic`.
 */

/** Reserved words each version added to the previous one (IEEE 1364-2005 Annex B, 1800 Annex B). */
const ADDED: ReadonlyArray<readonly [version: string, words: string]> = [
  [
    '1364-2001',
    'automatic cell config design endconfig endgenerate generate genvar incdir include instance liblist library ' +
      'localparam noshowcancelled pulsestyle_ondetect pulsestyle_onevent showcancelled signed unsigned use',
  ],
  ['1364-2005', 'uwire'],
  [
    '1800-2005',
    'alias always_comb always_ff always_latch assert assume before bind bins binsof bit break byte chandle class ' +
      'clocking const constraint context continue cover covergroup coverpoint cross dist do endclass endclocking ' +
      'endgroup endinterface endpackage endprogram endproperty endsequence enum expect export extends extern final ' +
      'first_match foreach forkjoin iff ignore_bins illegal_bins import inside int interface intersect join_any ' +
      'join_none local logic longint matches modport new null package packed priority program property protected ' +
      'pure rand randc randcase randsequence ref return sequence shortint shortreal solve static string struct super ' +
      'tagged this throughout timeprecision timeunit type typedef union unique var virtual void wait_order wildcard ' +
      'with within',
  ],
  [
    '1800-2009',
    'accept_on checker endchecker eventually global implies let nexttime reject_on restrict s_always s_eventually ' +
      's_nexttime s_until s_until_with strong sync_accept_on sync_reject_on unique0 until until_with untyped weak',
  ],
  ['1800-2012', 'implements interconnect nettype soft'],
];

/** Versions in order; `1364-2001-noconfig` is 1364-2001 without the configuration words. */
const ORDER = ['1364-1995', '1364-2001', '1364-2005', '1800-2005', '1800-2009', '1800-2012', '1800-2017', '1800-2023'];
const CONFIG_WORDS = new Set('cell config design endconfig incdir include instance liblist library use'.split(' '));

const cache = new Map<string, RegExp | null>();

/**
 * A global regular expression that matches the words the parser treats as keywords but `version`
 * does not (null when there are none, e.g. for 1800-2017). Each match is one whole word.
 */
export function laterKeywordsPattern(version: string): RegExp | null {
  const hit = cache.get(version);
  if (hit !== undefined) return hit && new RegExp(hit.source, 'g');
  const noconfig = version === '1364-2001-noconfig';
  const at = ORDER.indexOf(noconfig ? '1364-2001' : version);
  let pattern: RegExp | null = null;
  if (at >= 0) {
    const words: string[] = [];
    for (const [v, list] of ADDED) {
      const added = list.split(' ');
      if (ORDER.indexOf(v) > at) words.push(...added);
      else if (noconfig && v === '1364-2001') words.push(...added.filter((w) => CONFIG_WORDS.has(w)));
    }
    if (words.length) pattern = new RegExp(`(?<![\\w$\`\\\\])(?:${words.sort((a, b) => b.length - a.length).join('|')})(?![\\w$])`, 'g');
  }
  cache.set(version, pattern);
  return pattern && new RegExp(pattern.source, 'g');
}
