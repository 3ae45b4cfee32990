/**
 * For comparison: the same node with EUV single exposure on M1-M3. Fewer masks, lower coupling
 * variation, no multi-patterning guardband; front end, wafer price and D0 kept equal so the
 * comparison isolates the lithography choice.
 */
import type { ProcessModel } from '../model';
import { DUV_7NM_MP } from './duv-7nm-mp';

const duv = DUV_7NM_MP;

export const EUV_7NM: ProcessModel = {
  ...duv,
  name: 'euv-7nm',
  description: 'EUV single exposure on M1-M3 (7nm class), otherwise as duv-7nm-mp: for comparison.',
  beol: {
    layers: duv.beol.layers.map((l) =>
      l.name === 'M1-M3'
        ? {
            ...l,
            patterning: 'euv-single' as const,
            couplingCapSigmaPct: 2,
            source: 'P13,P15,A6',
            assumption: 'single exposure: no colour split, sigma as other single-exposure layers',
          }
        : l,
    ),
    source: 'P13,P15',
  },
  timing: { ...duv.timing, mpGuardbandSigmas: 0, assumption: 'setup uncertainty 20 ps; no multi-patterning guardband' },
  manufacturing: {
    ...duv.manufacturing,
    masks: {
      count: 68,
      setCostUsd: 11_000_000,
      volumeUnits: 1_000_000,
      source: 'P15,P16',
      assumption: '4 EUV layers each replacing about 4 DUV masks (80 - 4 x 3); EUV masks dearer, so the set costs $11M',
    },
  },
};
