/**
 * The calibration itself: ASAP7 as the reference synthesis sees it. No wires, no derates,
 * scales 1 and utilisation 1, so estimates under this model are comparable with the pinned
 * Yosys+ABC reference numbers.
 */
import type { ProcessModel } from '../model';
import { DUV_7NM_MP } from './duv-7nm-mp';

const NO_WIRE = 'reference synthesis is wire-less; RC kept from ASAP7 for information only';

export const ASAP7_REFERENCE: ProcessModel = {
  ...DUV_7NM_MP,
  name: 'asap7-reference',
  description: 'ASAP7 reference (no wires, no derates, scales 1): for accuracy checks against the reference synthesis.',
  frontEnd: {
    referenceLibrary: 'asap7sc7p5t_28 RVT TT 0.70V',
    areaScale: 1,
    delayScale: 1,
    cellHeightNm: 270,
    utilisation: 1,
    source: 'A1,A3,P1',
  },
  beol: {
    layers: [
      { name: 'M1-M3', pitchNm: 36, patterning: 'euv-single', rOhmPerUm: 32.3, cFfPerUm: 0.173, couplingCapSigmaPct: 0, source: 'P1,P13,A6', assumption: NO_WIRE },
      { name: 'M4-M5', pitchNm: 48, patterning: 'sadp', rOhmPerUm: 18.0, cFfPerUm: 0.173, couplingCapSigmaPct: 0, source: 'P1,P13,A6', assumption: NO_WIRE },
      { name: 'M6-M7', pitchNm: 64, patterning: 'lele', rOhmPerUm: 18.0, cFfPerUm: 0.173, couplingCapSigmaPct: 0, source: 'P1,P13', assumption: NO_WIRE },
      { name: 'M8-M9', pitchNm: 80, patterning: 'single', rOhmPerUm: 18.0, cFfPerUm: 0.173, couplingCapSigmaPct: 0, source: 'P1,P13', assumption: NO_WIRE },
    ],
    source: 'P1,P13',
  },
  wireLoad: { baseUm: 0, umPerFanout: 0, layerShares: { 'M1-M3': 1 }, driverKOhm: 0, assumption: NO_WIRE },
  timing: {
    lateDerateData: 1,
    lateDerateClock: 1,
    setupUncertaintyPs: 0,
    mpGuardbandSigmas: 0,
    assumption: 'the reference flow reports ABC stime delays without derates or uncertainty',
  },
  memory: {
    bitcellUm2: DUV_7NM_MP.memory.bitcellUm2,
    macroUm2PerBit: DUV_7NM_MP.memory.macroUm2PerBit,
    macroAccessPs: DUV_7NM_MP.memory.macroAccessPs,
    source: DUV_7NM_MP.memory.source,
    assumption: 'no macros: the reference flow has no memory compiler and maps every register array to flops',
  },
  manufacturing: {
    ...DUV_7NM_MP.manufacturing,
    die: { ioRingMm: 0, overheadFraction: 0, assumption: 'reference reports cell area only' },
  },
};
